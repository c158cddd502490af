import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { KrosaiConversation } from '../../src/krosai-conversation.js';
import { mountWidget, part, shadow } from './widget.js';

/** What a CMS theme does to every page: a small root font and rules on every element. */
const HOSTILE_CSS = `
  html { font-size: 10px; }
  * {
    line-height: 3; text-transform: uppercase; letter-spacing: 5px; word-spacing: 9px;
    white-space: pre; font-style: italic; font-weight: 900; text-align: right; text-indent: 3em;
  }
`;

const PROPERTIES = [
  'font-size',
  'line-height',
  'letter-spacing',
  'word-spacing',
  'text-transform',
  'white-space',
  'font-style',
  'font-weight',
  'text-align',
  'text-indent',
  'padding-top',
  'padding-left',
  'gap',
  'width',
  'height',
] as const;

const PARTS = ['panel', 'header', 'composer', 'composer-input', 'send-button', 'status'];

/** The computed styles of the widget's parts and of its heading. */
function measure(el: KrosaiConversation) {
  const elements = [...PARTS.map((name) => part(el, name)), shadow(el).querySelector('h2')];
  return elements.map((element, index) => {
    expect(element, `${PARTS[index] ?? 'h2'} is rendered`).to.exist;
    const style = getComputedStyle(element!);
    return Object.fromEntries(PROPERTIES.map((name) => [name, style.getPropertyValue(name)]));
  });
}

function hostilePage() {
  const style = document.createElement('style');
  style.textContent = HOSTILE_CSS;
  document.head.append(style);
  return style;
}

describe('<krosai-conversation> on a hostile CMS page', () => {
  let style: HTMLStyleElement | undefined;
  afterEach(() => {
    style?.remove();
    style = undefined;
  });

  it('looks exactly as on a plain page: no rem, no inherited text styles', async () => {
    const plain = await mountWidget({ mode: 'text-first' });
    const expected = measure(plain.el);
    expect(expected[0]!['font-size'], 'medium by default').to.equal('16px');
    expect(expected[0]!['line-height']).to.equal(`${16 * 1.4}px`);
    plain.el.parentElement!.remove();

    style = hostilePage();
    const { el } = await mountWidget({ mode: 'text-first' });
    expect(getComputedStyle(el).lineHeight, 'the page rule does reach the host').to.equal('30px');
    expect(measure(el)).to.deep.equal(expected);
  });

  it('scales everything with --krosai-font-size alone', async () => {
    style = hostilePage();
    const { el } = await mountWidget({ mode: 'text-first' });
    const base = measure(el);
    el.style.setProperty('--krosai-font-size', '20px');
    const scaled = measure(el);
    expect(scaled[0]!['font-size']).to.equal('20px');
    expect(Number.parseFloat(scaled[0]!['padding-top'])).to.be.closeTo(
      (Number.parseFloat(base[0]!['padding-top']) * 20) / 16,
      0.01,
    );
  });

  it('keeps keys typed into its fields from the page’s shortcuts; Escape still reaches the page', async () => {
    const { el } = await mountWidget({ mode: 'text-first' });
    const seen: string[] = [];
    const shortcut = (event: KeyboardEvent) => {
      seen.push(`${event.type}:${event.key}`);
      // The site's "s" opens its search: the key never reaches the field it was typed in.
      if (event.key === 's') event.preventDefault();
    };
    for (const type of ['keydown', 'keyup', 'keypress'] as const) {
      document.addEventListener(type, shortcut);
    }
    try {
      const input = part<HTMLInputElement>(el, 'composer-input')!;
      input.focus();
      await sendKeys({ type: 'yes sir' });
      await waitUntil(() => input.value === 'yes sir', `the field holds "${input.value}"`);
      expect(seen).to.deep.equal([]);
      await sendKeys({ press: 'Escape' });
      expect(seen).to.include('keydown:Escape');
    } finally {
      for (const type of ['keydown', 'keyup', 'keypress'] as const) {
        document.removeEventListener(type, shortcut);
      }
    }
  });

  /** Whether a visitor's click at the middle of `target` lands on it. */
  function clickable(el: KrosaiConversation, target: HTMLElement) {
    const box = target.getBoundingClientRect();
    const hit = shadow(el).elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return hit !== null && target.contains(hit);
  }

  /** The launcher pasted into a small block with `transform` and `overflow: hidden`. */
  async function trappedLauncher(stacking?: string) {
    const { el } = await mountWidget({ layout: 'launcher', mode: 'text-first' });
    if (stacking) el.setAttribute('stacking', stacking);
    Object.assign(el.parentElement!.style, {
      transform: 'translateX(10px)',
      overflow: 'hidden',
      width: '40px',
      height: '40px',
    });
    await el.updateComplete;
    return { el, launcher: part(el, 'launcher')! };
  }

  it('keeps the launcher and its panel in the top layer, out of a transformed, clipped block', async () => {
    const { el, launcher } = await trappedLauncher();
    const box = launcher.getBoundingClientRect();
    expect(innerWidth - box.right, 'at the viewport corner').to.equal(20);
    expect(innerHeight - box.bottom).to.equal(20);
    expect(clickable(el, launcher), 'the launcher can be clicked').to.equal(true);
    launcher.click();
    await waitUntil(() => el.open && part(el, 'panel')!.matches(':popover-open'), 'never opened');
    expect(clickable(el, part(el, 'composer-input')!), 'the panel can be used').to.equal(true);
    launcher.click();
    await waitUntil(() => !part(el, 'panel')!.matches(':popover-open'), 'never closed');
  });

  it('stacking="z-index" leaves the top layer (for a consent banner above it)', async () => {
    const { el, launcher } = await trappedLauncher('z-index');
    expect(launcher.hasAttribute('popover')).to.equal(false);
    expect(clickable(el, launcher), 'clipped by the block, as any fixed element').to.equal(false);
  });
});
