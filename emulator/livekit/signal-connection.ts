import { SignalRequest, SignalResponse } from '@livekit/protocol';
import type { WebSocket } from 'ws';

type ResponseMessage = SignalResponse['message'];

/**
 * One signalling WebSocket. Requests are handled strictly one after another (one promise chain),
 * and the listener is attached at once: messages that arrive while an earlier one (the first
 * answer, say) is still being prepared would otherwise be lost or reordered.
 */
export class SignalConnection {
  private queue: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly socket: WebSocket,
    handle: (request: SignalRequest['message']) => Promise<void>,
    onClose: () => void,
  ) {
    socket.on('message', (data, isBinary) => {
      const request = isBinary ? parseRequest(data) : undefined;
      // Text frames and garbage are ignored: a broken client must not take the server down.
      if (!request) return;
      this.enqueue(() => handle(request.message));
    });
    socket.on('close', () => {
      this.closed = true;
      onClose();
    });
    socket.on('error', () => socket.terminate());
  }

  get isOpen(): boolean {
    return !this.closed && this.socket.readyState === this.socket.OPEN;
  }

  /** Runs `task` after every request received so far has been handled. */
  enqueue(task: () => Promise<void> | void): void {
    this.queue = this.queue.then(task).catch((error: unknown) => {
      console.error('[livekit] signal request failed:', error);
    });
  }

  send(message: ResponseMessage): void {
    if (!this.isOpen) return;
    this.socket.send(new SignalResponse({ message }).toBinary());
  }

  /** Closes politely (after pending sends). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.close();
  }

  /** Drops the connection abruptly, as a network failure would. */
  drop(): void {
    this.closed = true;
    this.socket.terminate();
  }
}

function parseRequest(data: unknown): SignalRequest | undefined {
  const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
  try {
    return SignalRequest.fromBinary(bytes);
  } catch {
    return undefined;
  }
}
