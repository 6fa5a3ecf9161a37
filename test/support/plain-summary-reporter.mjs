// @ts-check
/**
 * Prints one plain `N passed, N failed, N skipped` line after Web Test Runner's own output,
 * so that scripts/run-tests.mjs (and CI log readers) can sum the suites.
 */
export function plainSummaryReporter() {
  /** @param {any} suite */
  const count = (suite) => {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const test of suite?.tests ?? []) {
      if (test.skipped) skipped++;
      else if (test.passed) passed++;
      else failed++;
    }
    for (const child of suite?.suites ?? []) {
      const inner = count(child);
      passed += inner.passed;
      failed += inner.failed;
      skipped += inner.skipped;
    }
    return {passed, failed, skipped};
  };
  return {
    /** @param {{sessions: any[]}} args */
    stop({sessions}) {
      let passed = 0;
      let failed = 0;
      let skipped = 0;
      for (const session of sessions) {
        const inner = count(session.testResults);
        passed += inner.passed;
        failed += inner.failed;
        skipped += inner.skipped;
        // A file that failed to load, or an error outside any test, counts as a failure.
        if (!session.passed && inner.failed === 0) failed++;
      }
      process.once('exit', () =>
        console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`),
      );
    },
  };
}
