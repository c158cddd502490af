// Once per app: types <krosai-conversation> in Preact's JSX.
import 'krosai-conversation/types/preact';
