/**
 * Loads `@livekit/rtc-node` quietly: it logs at debug level on stdout unless `NODE_ENV` is
 * `production`, which it reads once, when it loads. The emulator's own environment is left as it was.
 */
export async function loadRtcNode(): Promise<typeof import('@livekit/rtc-node')> {
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    return await import('@livekit/rtc-node');
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  }
}
