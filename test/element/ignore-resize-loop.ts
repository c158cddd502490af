/**
 * The virtualiser measures messages in a ResizeObserver callback and may render more of them
 * there, which Chromium reports as "ResizeObserver loop completed with undelivered notifications".
 * Lit's maintainers call it benign (lit/lit#3154) and ignore it in their own tests; mocha would
 * fail the test on it, so element tests drop that one message and nothing else.
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
