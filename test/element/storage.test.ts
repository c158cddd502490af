import { expect, waitUntil } from '@open-wc/testing';
import { DEFAULT_DB_NAME } from '../../src/store/open-store.js';
import { mountWidget, nextEvent, part, untilCallState, untilMessages } from './widget.js';

/** Opens the widget's database at a version from the future, which the widget cannot open. */
function occupyDatabase(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DEFAULT_DB_NAME, 999);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function deleteDatabase(): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(DEFAULT_DB_NAME);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

describe('<krosai-conversation> without IndexedDB', () => {
  it('says history will not outlive the page, and still works', async () => {
    await deleteDatabase();
    const blocker = await occupyDatabase();
    blocker.close();
    try {
      const warned = new Promise<string>((resolve) =>
        document.addEventListener('krosai-error', (event) => resolve(event.reason), { once: true }),
      );
      const { el, voice } = await mountWidget();
      expect(await warned).to.equal('storage-unavailable');
      await waitUntil(() => part(el, 'notice'), 'no storage notice');
      expect(part(el, 'notice')!.textContent).to.include('after you leave the page');
      await expect(el).to.be.accessible();

      const created = nextEvent(el, 'krosai-conversation-created');
      await el.start();
      await created;
      await untilCallState(el, 'connected');
      voice.last.transcript({ segmentId: 'm', text: 'Kept in memory' });
      await untilMessages(el, ['Kept in memory']);
      el.remove();
    } finally {
      await deleteDatabase();
    }
  });
});
