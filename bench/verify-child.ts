/**
 * Runs `accord audit verify`'s work alone in this process over a SQLite file and prints its rate and
 * this process's peak resident memory as JSON; bench/merkle.ts starts it so nothing else shares the heap.
 * Usage: node bench/verify-child.ts <file> <public key PEM file> [reader-thread | one-thread]
 * (`accord audit verify` reads a SQLite file on a reader thread; one-thread is the walk on one thread).
 */
import { readFileSync } from 'node:fs';
import { openDatabase } from '../src/server/db/database.ts';
import { publicKeyFromPem } from '../src/server/modules/audit/tree-head.ts';
import { verifyAuditLog } from '../src/server/modules/audit/verify.ts';

/**
 * This process's peak resident memory in MB. On Linux it is read from /proc (VmHWM), which starts afresh
 * at exec: getrusage's maxRSS is kept across exec, so a child spawned by a large parent reported the
 * parent's size as its own peak.
 */
function peakRssMB(): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match?.[1]) return Math.round(Number(match[1]) / 1024);
  } catch {
    // Not Linux: fall back to getrusage.
  }
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

const [file, pemFile, mode = 'reader-thread'] = process.argv.slice(2);
if (!file || !pemFile || (mode !== 'reader-thread' && mode !== 'one-thread'))
  throw new Error('usage: verify-child.ts <file> <public key PEM file> [reader-thread | one-thread]');
const database = await openDatabase({ kind: 'sqlite', file });
const cpu = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1e6;
const startThread = process.threadCpuUsage();
const startProcess = process.cpuUsage();
const start = performance.now();
const report = await verifyAuditLog(database, [publicKeyFromPem(readFileSync(pemFile, 'utf8'))], {
  ...(mode === 'reader-thread' ? { readerThreadFile: file } : {}),
});
const ms = performance.now() - start;
// CPU seconds of the verification: this thread's, and the whole process's (the reader thread, when there
// is one, is most of the difference). On a shared machine the larger of the two threads' bounds the rate.
const threadSeconds = cpu(process.threadCpuUsage(startThread));
const processSeconds = cpu(process.cpuUsage(startProcess));
await database.close();
process.stdout.write(
  `${JSON.stringify({
    mode,
    ok: report.ok,
    problem: report.problem,
    entries: report.entriesChecked,
    nodes: report.nodesChecked,
    seconds: Math.round(ms) / 1000,
    mainThreadCpuSeconds: Math.round(threadSeconds * 1000) / 1000,
    processCpuSeconds: Math.round(processSeconds * 1000) / 1000,
    entriesPerSecond: Math.round(report.entriesChecked / (ms / 1000)),
    peakRssMB: peakRssMB(),
    getrusageMaxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  })}\n`,
);
