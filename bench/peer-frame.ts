// One fresh iframe document per measurement for bench/peers.bench.ts: it loads one widget's
// script as a site would, creates its element in a 420×600 box and reports what the load cost.
// A Content-Security-Policy in the frame keeps every widget on this machine: requests to any other
// host (an agent's configuration, web fonts) are refused, so a widget that needs them fails closed.
import { heapMb, nextFrame } from './stats.js';

export interface Subject {
  /** Script URL (this origin); none for the blank page. */
  script?: string;
  module?: boolean;
  tag?: string;
  attrs?: Record<string, string>;
  /** Set as the element's `history` property before it is connected (deep-chat). */
  history?: { role: string; text: string }[];
  /** Text of the newest message: the frame reports once it is painted at the end of its list. */
  last?: string;
}

export interface FrameResult {
  definedMs: number;
  /** The main script's response end → element defined (compile + evaluation + definition). */
  evalMs: number;
  longTasks: number[];
  /** URLs of the scripts fetched by the time the frame settled (no click). */
  scripts: string[];
  /** JS heap after gc() at the end, less the same just before the frame was added (MB). */
  heapMb: number | undefined;
  shadowNodes: number;
  /** DOM mutations in the shadow roots during a second of idling after the load. */
  idleMutations: number;
  /** Requests the frame's policy refused (what would have gone to the network). */
  blocked: string[];
  /** With `last`: the first frame with the newest message at the end of its list. */
  atEndMs?: number;
  /** With `history`: when the property was set. */
  historySetMs?: number;
  error?: string;
}

/** Runs inside the frame (stringified, so self-contained). */
function frameScript(): void {
  const p = (window as unknown as { benchSubject: Subject }).benchSubject;
  const longTasks: number[] = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: true });
  const blocked: string[] = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    blocked.push(`${event.effectiveDirective} ${event.blockedURI}`);
  });
  const report = (data: Partial<FrameResult>) => parent.postMessage(data, '*');
  const box = document.createElement('div');
  box.style.cssText = 'height: 600px; width: 420px';
  document.body.append(box);
  const roots = (root: ParentNode, into: ShadowRoot[] = []): ShadowRoot[] => {
    for (const node of Array.from(root.querySelectorAll('*'))) {
      if (node.shadowRoot) {
        into.push(node.shadowRoot);
        roots(node.shadowRoot, into);
      }
    }
    return into;
  };
  const atEnd = (text: string): boolean => {
    for (const root of roots(box)) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.nodeValue?.trim() !== text) continue;
        let scroller = node.parentElement;
        while (scroller && !/(auto|scroll)/.test(getComputedStyle(scroller).overflowY)) {
          scroller = scroller.parentElement;
        }
        if (!scroller) return false;
        return scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 48;
      }
    }
    return false;
  };
  const finish = (definedMs: number, atEndMs?: number, historySetMs?: number) => {
    const main = performance
      .getEntriesByType('resource')
      .find((entry) => p.script && entry.name.endsWith(p.script)) as
      | PerformanceResourceTiming
      | undefined;
    const shadow = roots(box);
    const observer = new MutationObserver(() => undefined);
    for (const root of shadow) {
      observer.observe(root, {
        subtree: true,
        childList: true,
        attributes: true,
        characterData: true,
      });
    }
    setTimeout(() => {
      const idleMutations = observer.takeRecords().length;
      observer.disconnect();
      (globalThis as { gc?: () => void }).gc?.();
      const memory = (performance as { memory?: { usedJSHeapSize: number } }).memory;
      report({
        definedMs,
        evalMs: main ? definedMs - main.responseEnd : 0,
        longTasks,
        scripts: performance
          .getEntriesByType('resource')
          .map((entry) => entry.name)
          .filter((name) => /\.m?js(\?|$)/.test(name)),
        heapMb: memory ? memory.usedJSHeapSize / 1024 / 1024 : undefined,
        shadowNodes: shadow.reduce((sum, root) => sum + root.querySelectorAll('*').length, 0),
        idleMutations,
        blocked,
        atEndMs,
        historySetMs,
      });
    }, 1000);
  };
  if (!p.tag) {
    addEventListener('load', () => setTimeout(() => finish(performance.now()), 500));
    return;
  }
  const create = () => {
    const el = document.createElement(p.tag!) as HTMLElement & { history?: unknown };
    el.style.cssText = 'display: block; height: 600px; width: 420px';
    for (const [name, value] of Object.entries(p.attrs ?? {})) el.setAttribute(name, value);
    return el;
  };
  if (!p.history) box.append(create());
  void customElements.whenDefined(p.tag).then(() => {
    const definedMs = performance.now();
    let historySetMs: number | undefined;
    if (p.history) {
      const el = create();
      historySetMs = performance.now();
      el.history = p.history;
      box.append(el);
    }
    if (!p.last) {
      setTimeout(() => finish(definedMs), 500);
      return;
    }
    const deadline = performance.now() + 30_000;
    const channel = new MessageChannel();
    const watch = () => requestAnimationFrame(() => channel.port2.postMessage(null));
    channel.port1.onmessage = () => {
      if (atEnd(p.last!)) finish(definedMs, performance.now(), historySetMs);
      else if (performance.now() > deadline) report({ error: 'never painted at the end' });
      else watch();
    };
    watch();
  });
}

/** Loads `subject` in a fresh frame and resolves with what the frame measured. */
export async function frameRun(subject: Subject, emulatorUrl: string): Promise<FrameResult> {
  const origin = location.origin;
  const emulatorWs = emulatorUrl.replace(/^http/, 'ws');
  const policy = `default-src ${origin} 'unsafe-inline' data: blob:; connect-src ${origin} ${emulatorUrl} ${emulatorWs}`;
  const script = subject.script
    ? `<script ${subject.module ? 'type="module"' : ''} src="${origin}${subject.script}"></script>`
    : '';
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width: 440px; height: 620px; border: 0';
  // srcdoc: nothing injected by the dev server; the frame shares this page's origin (and database).
  frame.srcdoc = `<!doctype html><html lang="en"><head><meta charset="utf-8">
    <meta http-equiv="Content-Security-Policy" content="${policy}"></head><body>
    <script>window.benchSubject = ${JSON.stringify(subject).replaceAll('</', '<\\/')};(${frameScript.toString()})();</script>
    ${script}
  </body></html>`;
  const result = new Promise<FrameResult>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${subject.tag}: timed out`)), 40_000);
    const onMessage = (event: MessageEvent) => {
      if (event.source !== frame.contentWindow) return;
      window.removeEventListener('message', onMessage);
      clearTimeout(timer);
      const data = event.data as FrameResult;
      if (data.error) reject(new Error(`${subject.tag}: ${data.error}`));
      else resolve(data);
    };
    window.addEventListener('message', onMessage);
  });
  const before = heapMb();
  document.body.append(frame);
  try {
    const data = await result;
    return {
      ...data,
      heapMb: data.heapMb === undefined || before === undefined ? undefined : data.heapMb - before,
    };
  } finally {
    frame.remove();
    // Let a removed widget's background work end before the next run.
    for (let i = 0; i < 10; i++) await nextFrame();
  }
}

const gzipCache = new Map<string, number>();

/** The gzip size (level 9) of a fetched script's file on disk (scripts/bench.mjs counts it). */
export async function gzipBytes(url: string): Promise<number> {
  const path = new URL(url).pathname;
  const known = gzipCache.get(path);
  if (known !== undefined) return known;
  const response = await fetch(`/__gzip-bytes?path=${encodeURIComponent(path)}`);
  const size = (await response.json()) as number;
  gzipCache.set(path, size);
  return size;
}
