/** A datetime without a zone offset: FastAPI's naive datetimes, which are UTC in practice. */
const NO_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/**
 * Reads a date the server sent, never throwing: ISO 8601 strings (with or without a zone; without
 * one they are taken as UTC, not the visitor's local time), epoch seconds or milliseconds.
 * Anything else, including null and nonsense, is null.
 */
export function parseDate(value: unknown): Date | null {
  let date: Date | null = null;
  if (typeof value === 'string' && value.trim() !== '') {
    const text = value.trim().replace(' ', 'T');
    date = new Date(NO_ZONE.test(value.trim()) ? `${text}Z` : text);
  } else if (typeof value === 'number' && Number.isFinite(value)) {
    // Before the year 33658 in seconds, and after 1970-04-26 in milliseconds, the two never meet.
    date = new Date(Math.abs(value) < 1e12 ? value * 1000 : value);
  }
  return date !== null && !Number.isNaN(date.getTime()) ? date : null;
}
