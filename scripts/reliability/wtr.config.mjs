// The project's web-test-runner config plus a reporter that writes each test's result as JSON,
// for scripts/reliability-report.mjs. The files to run come from the command line.
import { writeFileSync } from 'node:fs';
import base from '../../web-test-runner.config.mjs';

function flatten(file, suite, suites, out) {
  for (const test of suite.tests ?? []) {
    out.push({
      file,
      suites,
      name: test.name,
      passed: test.passed && !test.skipped,
      error: test.error?.message,
    });
  }
  for (const child of suite.suites ?? []) flatten(file, child, [...suites, child.name], out);
}

function jsonReporter(destination) {
  return {
    onTestRunFinished({ sessions }) {
      const results = [];
      for (const session of sessions) {
        if (session.testResults) flatten(session.testFile, session.testResults, [], results);
        for (const error of session.errors ?? []) {
          results.push({ file: session.testFile, suites: [], name: error.message, passed: false });
        }
      }
      writeFileSync(destination, results.map((r) => JSON.stringify(r)).join('\n'));
    },
  };
}

export default {
  ...base,
  files: process.env.RELIABILITY_FILES?.split(' ') ?? base.files,
  reporters: [jsonReporter(process.env.RELIABILITY_OUT ?? 'browser-results.jsonl')],
};
