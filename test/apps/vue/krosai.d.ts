// Once per app: types <krosai-conversation> in vue-tsc templates.
import 'krosai-conversation/types/vue';
