/**
 * How element tests treat the page's errors.
 *
 * A ResizeObserver callback that changes layout (a site's renderer, say) makes Chromium report
 * "ResizeObserver loop completed with undelivered notifications". Lit's maintainers call it benign
 * (lit/lit#3154) and ignore it in their own tests; mocha would fail the test on it, so element
 * tests drop that one message and nothing else.
 *
 * A rejected promise nobody handles (a render that threw, a forgotten await) would reach the host
 * page, yet mocha only logs it: every test fails if one happened while it ran.
 */
const isLoopNotice = (event: ErrorEvent) =>
  event.message.includes('ResizeObserver loop completed with undelivered notifications') ||
  event.message.includes('ResizeObserver loop limit exceeded');

window.addEventListener(
  'error',
  (event) => {
    if (isLoopNotice(event)) event.stopImmediatePropagation();
  },
  // Capture listeners on the target run before mocha's window.onerror.
  { capture: true },
);

const unhandled: unknown[] = [];
window.addEventListener('unhandledrejection', (event) => unhandled.push(event.reason));

afterEach(() => {
  const reasons = unhandled.splice(0);
  if (reasons.length > 0) {
    throw new Error(`Unhandled rejection during the test: ${reasons.map(String).join('; ')}`);
  }
});
