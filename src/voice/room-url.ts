/**
 * The URLs to try, in order: the room URL as given, then, when it carries a path (KrosAI shows
 * `wss://host/room/<name>`), its bare origin, where a stock LiveKit server listens.
 */
export function roomUrlCandidates(roomUrl: string): string[] {
  let url: URL;
  try {
    url = new URL(roomUrl);
  } catch {
    return [roomUrl];
  }
  const hasPath = url.pathname !== '' && url.pathname !== '/';
  if (!hasPath) return [roomUrl];
  // `origin` is "null" for unknown schemes; ws: and wss: are special schemes and keep it.
  return [roomUrl, `${url.protocol}//${url.host}`];
}
