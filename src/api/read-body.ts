/**
 * Reads a body as UTF-8 text, at most `maxBytes` of it. Stops (and cancels the stream) as soon as
 * the limit is passed, so a huge or endless body never sits in memory whole. Resolves undefined
 * when the body is larger than the limit; rejects when the stream fails.
 */
export async function readTextWithin(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
): Promise<string | undefined> {
  if (body === null) return '';
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let length = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    length += value.byteLength;
    if (length > maxBytes) {
      reader.cancel().catch(() => {});
      return undefined;
    }
    text += decoder.decode(value, { stream: true });
  }
}

/** Whether a declared `Content-Length` already says the body is over the limit. */
export function declaredTooLarge(headers: Headers, maxBytes: number): boolean {
  const declared = Number(headers.get('Content-Length') ?? 0);
  return Number.isFinite(declared) && declared > maxBytes;
}
