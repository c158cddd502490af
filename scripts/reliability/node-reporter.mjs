// A node:test reporter that writes one JSON line per finished test: its file, its suite path and
// name, and whether it passed. scripts/reliability-report.mjs turns the lines into a table.
export default async function* reliabilityReporter(source) {
  const path = [];
  for await (const event of source) {
    if (event.type === 'test:start') path[event.data.nesting] = event.data.name;
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    if (event.data.details?.type === 'suite') continue;
    const suites = path.slice(0, event.data.nesting);
    yield `${JSON.stringify({
      file: event.data.file,
      suites,
      name: event.data.name,
      passed: event.type === 'test:pass',
    })}\n`;
  }
}
