/** One microphone the browser offers. */
export interface MicrophoneInfo {
  deviceId: string;
  /** The browser's name for it; empty until the page may use the microphone. */
  label: string;
}

/**
 * The microphones the browser lists. Without permission to use the microphone, browsers hide
 * their names (and often all but one): then there is nothing to pick from, and this is empty.
 */
export async function listMicrophones(): Promise<MicrophoneInfo[]> {
  try {
    const devices = (await navigator.mediaDevices?.enumerateDevices()) ?? [];
    const inputs = devices.filter((device) => device.kind === 'audioinput' && device.deviceId);
    if (!inputs.some((device) => device.label)) return [];
    return inputs.map(({ deviceId, label }) => ({ deviceId, label }));
  } catch {
    return [];
  }
}

/** Calls `onChange` when a device is plugged in or out; returns how to stop. */
export function watchMicrophones(onChange: () => void): () => void {
  const devices = navigator.mediaDevices;
  if (!devices?.addEventListener) return () => {};
  devices.addEventListener('devicechange', onChange);
  return () => devices.removeEventListener('devicechange', onChange);
}

/**
 * Chromium's literal id of the system's default input: choosing it is choosing no particular
 * device, so that a call follows the system's setting.
 */
export const DEFAULT_DEVICE_ID = 'default';

/** The id a call should ask for: the visitor's choice while it is plugged in, else the default. */
export async function availableChoice(deviceId: string | undefined): Promise<string | undefined> {
  if (!deviceId || deviceId === DEFAULT_DEVICE_ID) return undefined;
  const listed = await listMicrophones();
  return listed.some((device) => device.deviceId === deviceId) ? deviceId : undefined;
}
