import { expect } from '@open-wc/testing';
import {
  CALL_TRANSITIONS,
  CallMachine,
  type CallMachineChange,
  MODE_SWITCH_STATES,
} from '../../src/conversation/call-machine.js';
import type { CallState } from '../../src/voice/voice-session.js';

const STATES = Object.keys(CALL_TRANSITIONS) as CallState[];

/** A legal way from idle to each state. */
const PATH: Record<CallState, CallState[]> = {
  idle: [],
  connecting: ['connecting'],
  'waiting-for-agent': ['connecting', 'waiting-for-agent'],
  connected: ['connecting', 'connected'],
  reconnecting: ['connecting', 'waiting-for-agent', 'reconnecting'],
  ended: ['connecting', 'ended'],
  error: ['connecting', 'error'],
};

function machineIn(state: CallState) {
  const changes: CallMachineChange[] = [];
  const machine = new CallMachine((change) => changes.push(change));
  for (const step of PATH[state]) expect(machine.move(step), `${step} on the way`).to.equal(true);
  expect(machine.state).to.equal(state);
  changes.length = 0;
  return { machine, changes };
}

describe('the call machine', () => {
  for (const from of STATES) {
    for (const to of STATES) {
      const legal = CALL_TRANSITIONS[from].includes(to);
      it(`${legal ? 'moves' : 'refuses to move'} from ${from} to ${to}`, () => {
        const { machine, changes } = machineIn(from);
        expect(machine.move(to, 'kicked')).to.equal(legal);
        expect(machine.state).to.equal(legal ? to : from);
        const moves = changes.filter((change) => change.type === 'call-state');
        expect(moves.map((change) => change.state)).to.deep.equal(legal ? [to] : []);
      });
    }
  }

  it('keeps a reason with ended only, hung-up when none is given', () => {
    const { machine } = machineIn('connected');
    machine.move('ended');
    expect(machine.endReason).to.equal('hung-up');
    machine.move('connecting');
    expect(machine.endReason).to.equal(undefined);
    machine.move('error', 'kicked');
    expect(machine.endReason).to.equal(undefined);
  });

  it('forgets the agent when the call stops being live', () => {
    const { machine, changes } = machineIn('connected');
    machine.setAgentState('listening');
    machine.move('ended', 'room-closed');
    expect(machine.agentState).to.equal('unknown');
    expect(changes.map((change) => change.type)).to.deep.equal([
      'agent-state',
      'agent-state',
      'call-state',
    ]);
  });

  it('begins a call in the mode asked for, and says the mode with every move', () => {
    const { machine, changes } = machineIn('idle');
    expect(machine.begin('text')).to.equal(true);
    machine.move('connected');
    expect(changes).to.deep.include({
      type: 'call-state',
      state: 'connected',
      reason: undefined,
      mode: 'text',
    });
    expect(machine.begin('voice'), 'a second begin while live').to.equal(false);
    expect(machine.mode).to.equal('text');
  });

  for (const state of STATES) {
    const allowed = MODE_SWITCH_STATES.includes(state);
    it(`${allowed ? 'switches' : 'does not switch'} text ⇄ voice while ${state}`, () => {
      const { machine, changes } = machineIn(state);
      expect(machine.switchMode('text')).to.equal(allowed);
      expect(machine.mode).to.equal(allowed ? 'text' : 'voice');
      expect(machine.state, 'the call state stays').to.equal(state);
      expect(changes.length).to.equal(allowed ? 1 : 0);
      expect(machine.switchMode(machine.mode), 'a switch to the same mode').to.equal(false);
    });
  }
});
