// The browser's KrosAI client: one interface, backend mode (session-url) or dev mode (api-key).
export { type ApiErrorReason, KrosaiApiError } from './api-error.js';
export { HANDLE_HEADER } from './backend-api.js';
export { type ApiConfig, createKrosaiApi } from './create-api.js';
export { type AuthHeader, DEFAULT_API_BASE } from './direct-api.js';
export type * from './types.js';
