import { openDB } from 'idb';

/*
 * Records as an attacker (another script on the origin, an extension) or a bug could leave them
 * in IndexedDB, a sessionStorage snapshot or on the BroadcastChannel. Plain data only: written
 * straight into storage, around the store's own checks.
 */

/** Markup that would run script if it were ever rendered as a template. */
const PAYLOAD = '<img src="data:," onerror="window.__krosaiPwned = true"><b class="pwned">x</b>';

/** A TemplateResult as Lit recognises one: `_$litType$` and a strings array with `raw`. */
function templateShaped(type: 1 | 2, withRaw = true) {
  const strings: string[] & { raw?: string[] } = [PAYLOAD];
  if (withRaw) strings.raw = [PAYLOAD];
  return { _$litType$: type, strings, values: [] };
}

/** Conversation fields of every wrong shape, by name. */
export const HOSTILE_TITLES: [string, unknown][] = [
  ['an HTML TemplateResult', templateShaped(1)],
  ['an array holding a TemplateResult', [templateShaped(1)]],
  ['an SVG TemplateResult', templateShaped(2)],
  ['a TemplateResult without raw', templateShaped(1, false)],
  ['a number', 42],
  ['null', null],
  ['an object', { toString: 'x' }],
];

export const HOSTILE_CREATED_AT: [string, unknown][] = [
  ['a string', '2026-01-01'],
  ['1e20', 1e20],
  ['NaN', Number.NaN],
  ['missing', undefined],
];

/** Message fields that must make the store leave that message out, and only that one. */
export const HOSTILE_MESSAGE_FIELDS: [string, Record<string, unknown>][] = [
  ['text a number', { text: 42 }],
  ['text null', { text: null }],
  ['text missing', { text: undefined }],
  ['text an object', { text: { toString: 'x' } }],
  ['text a TemplateResult', { text: templateShaped(1) }],
  ['createdAt 1e20', { createdAt: 1e20 }],
  ['role unknown', { role: 'hacker' }],
  ['id empty', { id: '' }],
];

/** Whether anything hostile ran or was rendered as markup inside `root`. */
export function markupFrom(root: ParentNode): boolean {
  return (
    (window as { __krosaiPwned?: boolean }).__krosaiPwned === true ||
    root.querySelector('.pwned, img[onerror]') !== null
  );
}

/**
 * Writes records into a store's database (which must exist) by the schema's own store names, as
 * another script on the origin could: around the store and its checks.
 */
export async function writeRaw(dbName: string, conversations: unknown[], messages: unknown[]) {
  const db = await openDB(dbName);
  const tx = db.transaction(['conversations', 'messages'], 'readwrite');
  for (const record of conversations) await tx.objectStore('conversations').put(record);
  for (const record of messages) await tx.objectStore('messages').put(record);
  await tx.done;
  db.close();
}
