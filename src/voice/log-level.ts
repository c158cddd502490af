/**
 * How much livekit-client writes to the page's console: `warn` (the default) keeps its warnings
 * and errors only; `info` and `debug` are for diagnosing a call; `silent` writes nothing.
 */
export type KrosaiLogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export const DEFAULT_LOG_LEVEL: KrosaiLogLevel = 'warn';

const LEVELS: readonly string[] = ['debug', 'info', 'warn', 'error', 'silent'];

/** An attribute's value as a level; anything else is the default. */
export function parseLogLevel(value: unknown): KrosaiLogLevel {
  const level = String(value ?? '').toLowerCase();
  return LEVELS.includes(level) ? (level as KrosaiLogLevel) : DEFAULT_LOG_LEVEL;
}
