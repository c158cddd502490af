import { randomInt } from 'node:crypto';
import { RtpHeader, RtpPacket } from 'werift';

/** Opus's RTP clock runs at 48 kHz whatever the audio's own rate. */
const OPUS_CLOCK_PER_MS = 48;

/**
 * Makes one continuous RTP stream out of Opus payloads from several sources (the caller's echo,
 * a recorded clip): its own sequence numbers, and timestamps from the wall clock, so a source
 * switch never looks like a jump back in time to the receiver's jitter buffer.
 */
export class AudioStamper {
  private sequence = randomInt(0, 0xffff);
  private readonly timestampBase = randomInt(0, 0x7fffffff);
  private readonly start = Date.now();
  private lastTimestamp = -1;

  stamp(payload: Buffer): RtpPacket {
    this.sequence = (this.sequence + 1) & 0xffff;
    const elapsed = (Date.now() - this.start) * OPUS_CLOCK_PER_MS;
    // Two packets in the same millisecond still need distinct, increasing timestamps.
    this.lastTimestamp = Math.max(this.timestampBase + elapsed, this.lastTimestamp + 1);
    const timestamp = this.lastTimestamp % 2 ** 32;
    const header = new RtpHeader({ sequenceNumber: this.sequence, timestamp, payloadType: 111 });
    return new RtpPacket(header, payload);
  }
}
