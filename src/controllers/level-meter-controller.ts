import type { ReactiveController, ReactiveControllerHost } from 'lit';

const reducedMotion = () => matchMedia('(prefers-reduced-motion: reduce)').matches;

/** How many bars the agent's visualiser draws. */
export const VISUALISER_BARS = 5;

/** What the meters show now, read once per frame. */
export interface MeterInputs {
  /** The meters are on screen: a voice call is connected and the panel is shown. */
  shown: () => boolean;
  /** The visitor's microphone is live (not muted): its meter moves. */
  listening: () => boolean;
  /** The agent is speaking: its visualiser moves. */
  agentSpeaking: () => boolean;
  levels: () => { input: number; output: number };
  agentBands: (count: number) => number[];
  meters: () => {
    input: HTMLElement | null;
    output: HTMLElement | null;
    bars: readonly HTMLElement[];
  };
}

/**
 * Animates the audio level meters and the agent's visualiser from the voice session's levels,
 * once a frame, by writing a CSS custom property (CSSOM, so strict CSP allows it) instead of
 * re-rendering the element. It costs nothing while there is nothing to draw: no frame is
 * scheduled with the panel closed, without a connected voice call, or while both the agent and
 * the (muted) visitor are silent; with `prefers-reduced-motion` the meters stay still.
 */
export class LevelMeterController implements ReactiveController {
  private frame = 0;
  private drawnBars = false;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: MeterInputs,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    if (this.wanted()) this.run();
    else this.stop();
  }

  hostDisconnected(): void {
    this.stop();
  }

  private wanted(): boolean {
    const { shown, listening, agentSpeaking } = this.options;
    return shown() && !reducedMotion() && (listening() || agentSpeaking());
  }

  private run(): void {
    if (this.frame) return;
    const tick = () => {
      this.frame = 0;
      if (!this.wanted()) {
        this.stop();
        return;
      }
      this.draw();
      this.frame = requestAnimationFrame(tick);
    };
    this.frame = requestAnimationFrame(tick);
  }

  private draw(): void {
    const { input, output, bars } = this.options.meters();
    const levels = this.options.levels();
    input?.style.setProperty('--_level', this.options.listening() ? levels.input.toFixed(2) : '0');
    output?.style.setProperty('--_level', levels.output.toFixed(2));
    if (this.options.agentSpeaking()) {
      const bands = this.options.agentBands(bars.length);
      bars.forEach((bar, index) => {
        bar.style.setProperty('--_level', (bands[index] ?? 0).toFixed(2));
      });
      this.drawnBars = true;
    } else {
      this.restBars(bars);
    }
  }

  /** The agent fell silent: its bars go flat once, then nothing is drawn for them. */
  private restBars(bars: readonly HTMLElement[]): void {
    if (!this.drawnBars) return;
    for (const bar of bars) bar.style.setProperty('--_level', '0');
    this.drawnBars = false;
  }

  private stop(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.restBars(this.options.meters().bars);
  }
}
