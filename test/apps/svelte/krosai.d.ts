// Once per app: types <krosai-conversation> in svelte-check.
import 'krosai-conversation/types/svelte';
