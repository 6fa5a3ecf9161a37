// Vitest reporter: one plain `N passed, N failed, N skipped` line at the very end, for the test
// runner (scripts/run-tests.mjs) to count stories as it counts every other suite.
import type {Reporter, TestModule} from 'vitest/node';

export default class PlainSummaryReporter implements Reporter {
  onTestRunEnd(modules: readonly TestModule[], unhandledErrors: readonly unknown[]): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    let skipped = 0;
    for (const module of modules) {
      let hasTests = false;
      for (const test of module.children.allTests()) {
        hasTests = true;
        const {state} = test.result();
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
      // A story file that failed to load has no tests: it still failed.
      if (!hasTests && module.state() === 'failed') failed++;
    }
    process.once('exit', () =>
      console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`),
    );
  }
}
