/**
 * The route fuzzer at full size, on SQLite and on PostgreSQL (a fresh schema on the server named by
 * ACCORD_TEST_DATABASE_URL, else PGlite). Prints the figures as JSON; exits 1 on any finding.
 *
 *   node test/fuzz/run-fuzz.ts [--requests N] [--seed S] [--engine sqlite|postgres]
 */
import { parseArgs } from 'node:util';
import { testEngines } from '../harness/engines.ts';
import { type FuzzFigures, fuzzRoutes, fuzzSubject } from './route-fuzz.ts';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
    engine: { type: 'string' },
  },
});
const requests = Number(values.requests);
const seed = Number(values.seed);
if (!Number.isInteger(requests) || requests < 1 || !Number.isInteger(seed))
  throw new Error('--requests and --seed must be whole numbers');

const results: Record<string, FuzzFigures> = {};
for (const engine of testEngines()) {
  if (values.engine && !engine.name.startsWith(values.engine)) continue;
  const database = await engine.open();
  try {
    const subject = await fuzzSubject(database);
    results[engine.name] = await fuzzRoutes(subject.app, subject.sessions, subject.ids, {
      requests,
      seed,
      logHits: subject.logHits,
      onProgress: (done) => process.stderr.write(`${engine.name}: ${done} requests\n`),
    });
    await subject.app.close();
  } finally {
    await database.close();
  }
}
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
const bad = Object.values(results).some(
  (f) =>
    f.serverErrors + f.notProblemJson + f.missingSecurityHeaders + f.echoedNhsLike + f.logLinesWithNhsLike >
    0,
);
process.exit(bad ? 1 : 0);
