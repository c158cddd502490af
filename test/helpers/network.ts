import { executeServerCommand } from '@web/test-runner-commands';

type SetOffline = (offline: boolean) => Promise<void>;

let exposing: Promise<SetOffline> | undefined;

/**
 * Takes this test page's browser off the network, or back on (scripts/network-plugin.mjs): while
 * offline, HTTP requests and new WebSockets fail and open WebSockets stall, as with a visitor
 * whose network went away; WebRTC media over loopback keeps flowing.
 */
export async function setOffline(offline: boolean): Promise<void> {
  // Asked for once, while online: the switch itself then works offline too.
  exposing ??= executeServerCommand<string, undefined>('expose-set-offline').then(
    (name) => (window as unknown as Record<string, SetOffline>)[name]!,
  );
  const setContextOffline = await exposing;
  await setContextOffline(offline);
}
