// Stops svelte-check from reading the repository's vite.config.ts.
export default {};
