const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
let warned = false;

/**
 * Dev mode puts the secret key in the page, where every visitor can read it. Say so, once per
 * page, anywhere but on the developer's own machine.
 */
export function warnIfKeyInPublicPage(): void {
  if (warned || typeof location === 'undefined' || LOCAL_HOSTS.has(location.hostname)) return;
  warned = true;
  console.warn(
    '[krosai-conversation] The KrosAI API key is in this page (api-key), where every visitor can ' +
      'read it. Use it on localhost only; in production mount the backend route ' +
      '(krosai-conversation/server) and set session-url instead.',
  );
}
