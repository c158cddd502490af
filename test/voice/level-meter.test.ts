import { expect } from '@open-wc/testing';
import { createLevelMeter, rmsLevel } from '../../src/voice/level-meter.js';

describe('level meter', () => {
  it('reads silence as 0 and a full-scale signal as 1', () => {
    expect(rmsLevel(new Float32Array(64))).to.equal(0);
    expect(rmsLevel(new Float32Array(64).fill(1))).to.equal(1);
    const quiet = rmsLevel(new Float32Array(64).fill(0.03));
    expect(quiet).to.be.greaterThan(0).and.lessThan(0.5);
  });

  it('hears the fake microphone, reads 0 once disabled, and closes', async () => {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    const [track] = stream.getAudioTracks();
    const meter = createLevelMeter(track!);
    try {
      await meter.resume();
      // Chromium's fake microphone beeps; wait until a beep is being analysed.
      let heard = 0;
      for (let i = 0; i < 100 && heard === 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        heard = meter.level();
      }
      expect(heard).to.be.greaterThan(0);
      track!.enabled = false;
      expect(meter.level()).to.equal(0);
    } finally {
      meter.close();
      track!.stop();
    }
    expect(meter.level()).to.equal(0);
  });
});
