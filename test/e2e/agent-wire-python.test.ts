import { describeAgentWire } from './agent-wire-conformance.js';

describeAgentWire('python');
