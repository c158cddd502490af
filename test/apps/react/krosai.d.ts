// Once per app: types <krosai-conversation> in TSX (React 19 sets its properties and listeners).
import 'krosai-conversation/types/react';
