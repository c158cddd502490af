import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { StateSnapshot } from './state.js';

/** Reads `--data FILE`; a missing file is an empty state, a corrupt one an error worth stopping for. */
export function loadSnapshot(file: string): StateSnapshot | undefined {
  if (!existsSync(file)) return undefined;
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<StateSnapshot>;
  return {
    conversations: Array.isArray(parsed.conversations) ? parsed.conversations : [],
    messages: Array.isArray(parsed.messages) ? parsed.messages : [],
  };
}

/** Writes through a temporary file so a crash mid-write never leaves half a JSON document. */
export function saveSnapshot(file: string, snapshot: StateSnapshot): void {
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(snapshot, null, 2)}\n`);
  renameSync(temporary, file);
}
