import { expect } from '@open-wc/testing';
import { patchMessages, upsertMessage } from '../../src/conversation/messages.js';
import type { StoredMessage } from '../../src/store/types.js';

const message = (id: string, createdAt: number, extra: Partial<StoredMessage> = {}) =>
  ({
    id,
    conversationId: 'c',
    role: 'assistant',
    text: id,
    createdAt,
    state: 'final',
    origin: 'server',
    ...extra,
  }) as StoredMessage;

describe('shown message list', () => {
  it('replaces a live segment in place and keeps final text over a late interim', () => {
    const interim = message('live:s', 5, { segmentId: 's', state: 'interim', text: 'Hel' });
    let list = upsertMessage([message('a', 1), message('b', 9)], interim);
    expect(list.map((m) => m.id)).to.deep.equal(['a', 'live:s', 'b']);
    list = upsertMessage(list, { ...interim, state: 'final', text: 'Hello' });
    expect(list[1]!.text).to.equal('Hello');
    list = upsertMessage(list, { ...interim, text: 'He' });
    expect(list[1]!.text).to.equal('Hello');
  });

  it('applies removals, updates, additions and hides system messages in one patch', () => {
    const list = [message('a', 1), message('live:s', 2, { segmentId: 's' }), message('c', 3)];
    const patched = patchMessages(
      list,
      [
        message('srv-s', 2),
        message('c', 3, { text: 'edited' }),
        message('sys', 0, { role: 'system' }),
      ],
      ['live:s'],
    );
    expect(patched.map((m) => `${m.id}:${m.text}`)).to.deep.equal([
      'a:a',
      'srv-s:srv-s',
      'c:edited',
    ]);
  });

  it('merges ten thousand server messages into a long list', () => {
    const list = Array.from({ length: 10_000 }, (_, i) => message(`m${i}`, i * 2));
    const updates = Array.from({ length: 10_000 }, (_, i) => message(`n${i}`, i * 2 + 1));
    const patched = patchMessages(list, updates);
    expect(patched.length).to.equal(20_000);
    expect(patched[1]!.id).to.equal('n0');
    expect(patched.at(-1)!.id).to.equal('n9999');
  });

  it('inserts messages of equal time in id order, as the store pages them', () => {
    let list = upsertMessage([message('a', 1), message('c', 5)], message('live:b', 5));
    list = upsertMessage(list, message('d', 5));
    expect(list.map((m) => m.id)).to.deep.equal(['a', 'c', 'd', 'live:b']);
  });

  it('leaves a new message older than the pages read to its page, and still updates shown ones', () => {
    const list = [message('b', 10), message('c', 20, { segmentId: 's' })];
    const patched = patchMessages(
      list,
      [
        message('a', 5),
        message('b', 10, { text: 'edited' }),
        message('srv-c', 8, { segmentId: 's' }),
      ],
      [],
      list[0],
    );
    // srv-c replaces the shown message of its segment even though it sorts before the pages read.
    expect(patched.map((m) => `${m.id}:${m.text}`)).to.deep.equal(['srv-c:srv-c', 'b:edited']);
  });
});
