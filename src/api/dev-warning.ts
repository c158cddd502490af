const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
let warned = false;

/** The developer's own machine, where a key in the page harms no one. */
export function isLocalHost(hostname: string): boolean {
  return LOCAL_HOSTS.has(hostname);
}

/**
 * Dev mode puts the secret key in the page, where every visitor can read it. Say so, once per
 * page, anywhere but on the developer's own machine. Outside a page (no `location`) it is silent.
 */
export function warnIfKeyInPublicPage(
  hostname = typeof location === 'undefined' ? undefined : location.hostname,
): void {
  if (warned || hostname === undefined || isLocalHost(hostname)) return;
  warned = true;
  console.warn(
    '[krosai-conversation] The KrosAI API key is in this page (api-key), where every visitor can ' +
      'read it. Use it on localhost only; in production mount the backend route ' +
      '(krosai-conversation/server) and set session-url instead.',
  );
}
