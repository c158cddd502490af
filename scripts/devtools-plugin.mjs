// A web-test-runner plugin for what a page cannot do to itself, over the DevTools protocol
// (test/helpers/devtools.ts is the browser side):
// - `page-counters`: collects garbage, then reports the page's documents, DOM nodes, JavaScript
//   event listeners, used heap, and how many objects of given kinds are alive (by the name of a
//   global constructor, or of a prototype the page put on `globalThis[payload.stash]`), so a test
//   can tell whether repeated work leaks.
// - `freeze-page`: stops the page's JavaScript for `ms`, as Chromium freezes a tab in the
//   background (the network, WebSockets and WebRTC go on underneath; events wait), then lets it
//   run again. Headless Chromium ignores Page.setWebLifecycleState (every tab stays visible), so
//   the debugger pauses it instead. It answers first and pauses a moment later: an answer sent
//   to a paused page would wait out the runner's command timeout.

const sessions = new WeakMap();

/** How many objects whose prototype chain holds the prototype `expression` gives are alive. */
async function liveInstances(cdp, expression) {
  const group = 'krosai-counters';
  const { result: prototype } = await cdp.send('Runtime.evaluate', {
    expression,
    objectGroup: group,
  });
  const { objects } = await cdp.send('Runtime.queryObjects', {
    prototypeObjectId: prototype.objectId,
    objectGroup: group,
  });
  const { result } = await cdp.send('Runtime.callFunctionOn', {
    objectId: objects.objectId,
    functionDeclaration: 'function () { return this.length; }',
    returnByValue: true,
  });
  await cdp.send('Runtime.releaseObjectGroup', { objectGroup: group });
  return result.value;
}

function devtools(page) {
  let session = sessions.get(page);
  if (!session) {
    session = page.context().newCDPSession(page);
    sessions.set(page, session);
  }
  return session;
}

export function devtoolsPlugin() {
  return {
    name: 'krosai-devtools',

    async executeCommand({ command, payload, session }) {
      if (command !== 'page-counters' && command !== 'freeze-page') return undefined;
      if (session.browser.type !== 'playwright') {
        throw new Error(`${command} needs Playwright, not ${session.browser.type}`);
      }
      const cdp = await devtools(session.browser.getPage(session.id));
      if (command === 'page-counters') {
        await cdp.send('HeapProfiler.collectGarbage');
        const { documents, nodes, jsEventListeners } = await cdp.send('Memory.getDOMCounters');
        const { usedSize } = await cdp.send('Runtime.getHeapUsage');
        const alive = {};
        for (const name of payload.globals)
          alive[name] = await liveInstances(cdp, `${name}.prototype`);
        for (const name of payload.stashed) {
          const expression = `globalThis[${JSON.stringify(payload.stash)}][${JSON.stringify(name)}]`;
          alive[name] = await liveInstances(cdp, expression);
        }
        return { documents, nodes, listeners: jsEventListeners, heapBytes: usedSize, alive };
      }
      await cdp.send('Debugger.enable');
      setTimeout(() => {
        cdp
          .send('Debugger.pause')
          .then(() => new Promise((resolve) => setTimeout(resolve, payload.ms)))
          .finally(() => cdp.send('Debugger.resume').catch(() => undefined))
          .then(() => cdp.send('Debugger.disable'))
          .catch((error) => console.error('[devtools] freeze-page:', error));
      }, 100);
      return true;
    },
  };
}
