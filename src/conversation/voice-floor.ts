/**
 * One voice call per page: two widgets must not both publish the one microphone to two agents.
 * A call that takes the floor (starts or switches to voice) makes every other holder yield: it
 * goes back to text, or ends. Text conversations in several widgets coexist. Across tabs the
 * Web Lock of each conversation keeps the same rule (see voice/call-lock.ts).
 */
export interface VoiceHolder {
  /** Another widget on the page took the microphone. */
  yieldVoice(): void;
}

const holders = new Set<VoiceHolder>();

export function takeVoiceFloor(holder: VoiceHolder): void {
  if (holders.has(holder)) return;
  for (const other of [...holders]) {
    holders.delete(other);
    other.yieldVoice();
  }
  holders.add(holder);
}

export function leaveVoiceFloor(holder: VoiceHolder): void {
  holders.delete(holder);
}
