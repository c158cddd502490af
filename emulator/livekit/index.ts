import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { requestUrl } from './connect.js';
import { handleControl, isControlPath } from './control.js';
import { LiveKitEmulator, type LiveKitServerOptions } from './server.js';
import { matchSignalPath } from './signal-path.js';

export type { LiveKitServerOptions } from './server.js';
export type { LiveKitCredentials } from './tokens.js';
export { DEFAULT_LIVEKIT_CREDENTIALS, mintRoomToken, verifyRoomToken } from './tokens.js';

export interface LiveKitServer {
  /** Handles a WebSocket upgrade for a LiveKit path; returns false if the path is not LiveKit's. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Handles `/` (health), `/rtc*​/validate` and `/control/livekit/*`; resolves false if not its path. */
  handleRequest(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** Drops every room, participant and control setting (called by `/control/reset`). */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** The emulator's LiveKit half: signalling on `/rtc/v1`, rooms, the scripted agent, control. */
export function createLiveKitServer(options: LiveKitServerOptions): LiveKitServer {
  const emulator = new LiveKitEmulator(options);
  return {
    handleUpgrade: (req, socket, head) => emulator.handleUpgrade(req, socket, head),
    async handleRequest(req, res) {
      const url = requestUrl(req);
      if (url.pathname === '/' && (req.method === 'GET' || req.method === 'HEAD')) {
        // A LiveKit server answers its root with 200: livekit-client checks it before resuming
        // a call when the browser comes back online.
        res.writeHead(200, { 'Content-Type': 'text/plain', 'Access-Control-Allow-Origin': '*' });
        res.end(req.method === 'HEAD' ? undefined : 'OK');
        return true;
      }
      if (isControlPath(url.pathname)) {
        await handleControl(emulator, req, res, url);
        return true;
      }
      if (!matchSignalPath(url.pathname)?.validate) return false;
      const { status, body } = await emulator.validate(req);
      // The page calls validate with fetch from another origin when a connection fails.
      res.writeHead(status, { 'Content-Type': 'text/plain', 'Access-Control-Allow-Origin': '*' });
      res.end(body);
      return true;
    },
    reset: () => emulator.reset(),
    close: () => emulator.close(),
  };
}
