import type { ReactiveController, ReactiveControllerHost } from 'lit';

const reducedMotion = () => matchMedia('(prefers-reduced-motion: reduce)').matches;

/**
 * Animates the audio level meters from the voice session's levels, once a frame, by writing a
 * CSS custom property (CSSOM, so strict CSP allows it) instead of re-rendering the element.
 * With `prefers-reduced-motion` the meters stay still.
 */
export class LevelMeterController implements ReactiveController {
  private frame = 0;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: {
      active: () => boolean;
      levels: () => { input: number; output: number };
      meters: () => { input: HTMLElement | null; output: HTMLElement | null };
    },
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    if (this.options.active() && !reducedMotion()) this.run();
    else this.stop();
  }

  hostDisconnected(): void {
    this.stop();
  }

  private run(): void {
    if (this.frame) return;
    const tick = () => {
      const { input, output } = this.options.meters();
      const levels = this.options.levels();
      input?.style.setProperty('--_level', levels.input.toFixed(2));
      output?.style.setProperty('--_level', levels.output.toFixed(2));
      this.frame = requestAnimationFrame(tick);
    };
    this.frame = requestAnimationFrame(tick);
  }

  private stop(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
  }
}
