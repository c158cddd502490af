import { declaredTooLarge, readTextWithin } from '../api/read-body.js';

/**
 * A request's JSON object body, read as a stream and stopped at `maxLength` (a chunked body
 * declares no length): the object, 'too-large', or a sentence saying what is wrong with it.
 */
export async function readJsonObject(
  request: Request,
  maxLength: number,
): Promise<Record<string, unknown> | string> {
  if (declaredTooLarge(request.headers, maxLength)) return 'too-large';
  const text = await readTextWithin(request.body, maxLength);
  if (text === undefined) return 'too-large';
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return 'The body is not JSON.';
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return 'The body is not a JSON object.';
  }
  return body as Record<string, unknown>;
}
