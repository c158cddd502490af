import { expect } from '@open-wc/testing';
import type { KrosaiConversation } from '../../src/krosai-conversation.js';
import { selectAgent } from '../helpers/emulator.js';
import {
  callAndConnect,
  GREETING,
  untilFinalMessage,
  useLiveWidgets,
} from '../helpers/widget-call.js';

// livekit-client's console output during a call (issue 12): quiet by default (warnings and
// errors only), and as chatty as `log-level="info"` asks. Its logger binds the console's methods
// when its level is set (as each call's session is made), so the spies go in before any call.
type Method = 'debug' | 'info' | 'log';
const METHODS: Method[] = ['debug', 'info', 'log'];
const originals = new Map(METHODS.map((method) => [method, console[method]]));
let written: string[] = [];
for (const method of METHODS) {
  const original = originals.get(method)!;
  console[method] = (...args: unknown[]) => {
    written.push(`${method}: ${String(args[0])}`);
    original.apply(console, args);
  };
}

describe('<krosai-conversation> log-level: livekit-client in the console', () => {
  const { mount } = useLiveWidgets();
  beforeEach(async () => {
    await selectAgent('scripted');
    written = [];
  });
  after(() => {
    for (const method of METHODS) console[method] = originals.get(method)!;
  });

  async function aCall(el: KrosaiConversation) {
    await callAndConnect(el);
    await untilFinalMessage(el, GREETING);
    await el.end();
  }

  it('writes no info, log or debug line during a call by default', async () => {
    const { el } = await mount();
    expect(el.logLevel).to.equal('warn');
    await aCall(el);
    expect(written).to.deep.equal([]);
  });

  it('writes livekit-client info lines with log-level="info"', async () => {
    const { el } = await mount();
    el.setAttribute('log-level', 'info');
    await el.updateComplete;
    expect(el.logLevel).to.equal('info');
    await aCall(el);
    expect(written.filter((line) => line.startsWith('info: ')).length).to.be.greaterThan(3);
    expect(written.filter((line) => line.startsWith('debug: '))).to.deep.equal([]);
  });
});
