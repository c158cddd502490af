// Records the host of every outbound connection a process makes (net sockets and fetch), one
// line each, in the file named by OUTBOUND_HOSTS_FILE. A test imports it for its own process and
// preloads it (NODE_OPTIONS=--import) into the processes the emulator starts, such as the agent
// host, so "reaches nothing but loopback" covers the framework wherever it runs.
import { appendFileSync } from 'node:fs';
import net from 'node:net';

const file = process.env.OUTBOUND_HOSTS_FILE;
if (file) {
  const record = (host) => appendFileSync(file, `${host}\n`);
  const connect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function (...args) {
    const [first, second] = args;
    if (typeof first === 'object' && first !== null && 'host' in first) {
      record(String(first.host ?? 'localhost'));
    } else if (typeof first === 'number') {
      record(typeof second === 'string' ? second : 'localhost');
    } else if (Array.isArray(first) && typeof first[0] === 'object') {
      record(String(first[0].host ?? 'localhost'));
    }
    return connect.apply(this, args);
  };
  const fetch = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    record(new URL(input instanceof Request ? input.url : String(input)).hostname);
    return fetch(input, init);
  };
}
