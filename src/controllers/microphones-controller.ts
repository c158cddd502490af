import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { listMicrophones, type MicrophoneInfo, watchMicrophones } from '../voice/microphones.js';

/**
 * The microphones the visitor may pick from: listed when the element connects (named only where
 * the page already may use the microphone), again when a device comes or goes, and when a voice
 * call starts (the permission it brought names them).
 */
export class MicrophonesController implements ReactiveController {
  list: MicrophoneInfo[] = [];
  private stopWatching: (() => void) | undefined;
  private lastVoiceLive = false;
  private run = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** A voice call is live (its microphone permission names the devices). */
    private readonly voiceLive: () => boolean,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.stopWatching = watchMicrophones(() => void this.refresh());
    void this.refresh();
  }

  hostDisconnected(): void {
    this.stopWatching?.();
    this.stopWatching = undefined;
    this.run += 1;
  }

  hostUpdated(): void {
    const live = this.voiceLive();
    if (live !== this.lastVoiceLive && live) void this.refresh();
    this.lastVoiceLive = live;
  }

  private async refresh(): Promise<void> {
    const run = ++this.run;
    const list = await listMicrophones();
    // A later listing (or a disconnect) wins over a slow one.
    if (run !== this.run) return;
    const changed = JSON.stringify(list) !== JSON.stringify(this.list);
    this.list = list;
    if (changed) this.host.requestUpdate();
  }
}
