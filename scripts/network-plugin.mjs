// A web-test-runner plugin that lets a test page take its browser context off the network and
// back, as a visitor's network going away would (Playwright's `BrowserContext.setOffline`: HTTP and
// new WebSockets fail, open WebSockets stall; WebRTC keeps flowing). Browser side:
// test/helpers/network.ts.
//
// Switching is not a runner command itself: commands travel over the runner's WebSocket, which
// stalls while offline, so "back online" could never arrive. The `expose-set-offline` command
// instead gives the page a function that reaches Playwright over the DevTools protocol.

/** The page function `expose-set-offline` installs: `(offline: boolean) => Promise<void>`. */
const SWITCH = '__wtrSetOffline';

export function networkPlugin() {
  const exposed = new WeakSet();

  return {
    name: 'krosai-network',

    async executeCommand({ command, session }) {
      if (command !== 'expose-set-offline') return undefined;
      if (session.browser.type !== 'playwright') {
        throw new Error(`expose-set-offline needs Playwright, not ${session.browser.type}`);
      }
      const page = session.browser.getPage(session.id);
      if (!exposed.has(page)) {
        exposed.add(page);
        await page.exposeBinding(SWITCH, (source, offline) =>
          source.page.context().setOffline(offline === true),
        );
      }
      return SWITCH;
    },
  };
}
