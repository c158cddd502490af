/**
 * Promises that wait for the call to connect: text typed before the agent is there is sent once
 * it is (true), or dropped when the call fails or ends first (false).
 */
export class CallWaiters {
  private pending: Array<(connected: boolean) => void> = [];

  next(): Promise<boolean> {
    return new Promise((resolve) => this.pending.push(resolve));
  }

  settle(connected: boolean): void {
    const pending = this.pending;
    this.pending = [];
    for (const resolve of pending) resolve(connected);
  }
}
