// Runs every benchmark in turn; each prints one JSON object on its own.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const benches = [
  'merkle.ts',
  'decisions.ts',
  'audit.ts',
  'people-read.ts',
  'read-under-commits.ts',
  'caseload.ts',
  'worklist.ts',
];
for (const bench of benches) {
  process.stderr.write(`\n# bench/${bench}\n`);
  execFileSync(process.execPath, [path.join(import.meta.dirname, bench)], { stdio: 'inherit' });
}
