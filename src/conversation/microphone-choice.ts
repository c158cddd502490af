const STORAGE_PREFIX = 'krosai-conversation:microphone:';

/**
 * The microphone the visitor picked, remembered for the site in localStorage under the widget's
 * namespace, so every call (and every later visit) uses it while it is plugged in.
 */
export class MicrophoneChoice {
  constructor(private readonly namespace: string) {}

  get(): string | undefined {
    try {
      return localStorage.getItem(STORAGE_PREFIX + this.namespace) || undefined;
    } catch {
      return undefined;
    }
  }

  set(deviceId: string | undefined): void {
    try {
      if (deviceId) localStorage.setItem(STORAGE_PREFIX + this.namespace, deviceId);
      else localStorage.removeItem(STORAGE_PREFIX + this.namespace);
    } catch {
      // Storage refused (privacy mode): the choice lasts for this call only.
    }
  }
}
