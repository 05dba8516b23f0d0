/**
 * A bounded run of the route fuzzer on both engines (the full run is `node test/fuzz/run-fuzz.ts`):
 * no malformed request may give a 5xx, an error that is not problem+json or lacks the security
 * headers, or echo or log an NHS-number-shaped value.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachEngine } from '../harness/engines.ts';
import { fuzzRoutes, fuzzSubject } from './route-fuzz.ts';

describeEachEngine('malformed requests across every route', (database) => {
  it('never give a 5xx, and every error is problem+json with the security headers', {
    timeout: 120_000,
  }, async () => {
    const subject = await fuzzSubject(database());
    try {
      const figures = await fuzzRoutes(subject.app, subject.sessions, subject.ids, {
        requests: 2_000,
        seed: 7,
        logHits: subject.logHits,
      });
      assert.equal(figures.requests, 2_000);
      assert.ok(figures.routes > 50, `only ${figures.routes} routes`);
      // The run reaches past validation: some requests succeed, many are refused as invalid.
      assert.ok((figures.byStatus['200'] ?? 0) > 0 && (figures.byStatus['400'] ?? 0) > 0);
      assert.deepEqual(
        {
          serverErrors: figures.serverErrors,
          notProblemJson: figures.notProblemJson,
          missingSecurityHeaders: figures.missingSecurityHeaders,
          echoedNhsLike: figures.echoedNhsLike,
          logLinesWithNhsLike: figures.logLinesWithNhsLike,
        },
        {
          serverErrors: 0,
          notProblemJson: 0,
          missingSecurityHeaders: 0,
          echoedNhsLike: 0,
          logLinesWithNhsLike: 0,
        },
        figures.samples.join('\n'),
      );
    } finally {
      await subject.app.close();
    }
  });
});
