// What the Chromium checks share: a page whose console errors and uncaught errors count as
// failures, and the closing verdict that sets the exit code.

/** A new page of `browser` that adds every console error and page error to `failures`. */
export async function watchedPage(browser, failures) {
  const page = await browser.newPage();
  page.on('console', (msg) => msg.type() === 'error' && failures.push(`console: ${msg.text()}`));
  page.on('pageerror', (error) => failures.push(`page error: ${error.message}`));
  return page;
}

/** Exits with 1 listing the failures, if any; otherwise prints `passed`. */
export function verdict(check, failures, passed) {
  if (failures.length) {
    console.error(`${check} check failed:\n- ${failures.join('\n- ')}`);
    process.exit(1);
  }
  console.log(passed);
}
