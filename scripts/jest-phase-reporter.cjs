// A Jest reporter for CI (.ci/run): after the run, the time each Jest project took (the sum of its test
// files' run times; with one worker that is its share of the wall clock) and a plain closing line with
// the counts, `jest: N passed, N failed`. Add it next to the default reporter:
//   jest --reporters default --reporters "$PWD/scripts/jest-phase-reporter.cjs"  (an absolute path)
class PhaseReporter {
  constructor() {
    this.projects = new Map();
  }

  onTestResult(test, result) {
    const name = test.context.config.displayName?.name ?? test.context.config.rootDir;
    const entry = this.projects.get(name) ?? { ms: 0, files: 0, passed: 0, failed: 0 };
    entry.ms += result.perfStats.end - result.perfStats.start;
    entry.files += 1;
    entry.passed += result.numPassingTests;
    entry.failed += result.numFailingTests;
    this.projects.set(name, entry);
  }

  onRunComplete(_contexts, results) {
    const rows = [...this.projects].sort((a, b) => b[1].ms - a[1].ms);
    console.log('\nJest time per project (sum of its test files):');
    for (const [name, { ms, files, passed, failed }] of rows)
      console.log(
        `  ${name.padEnd(28)} ${(ms / 1000).toFixed(1).padStart(7)} s  ${files} files, ${passed} passed, ${failed} failed`,
      );
    console.log(`jest: ${results.numPassedTests} passed, ${results.numFailedTests} failed`);
  }
}

module.exports = PhaseReporter;
