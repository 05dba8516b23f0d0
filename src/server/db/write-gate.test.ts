/**
 * The write gate between the threads of one process: a waiter takes it as soon as the holder lets go,
 * gives up (and goes on to SQLite's lock) when it is not let go, and a gate left by an ended thread is
 * freed by its owner. Another thread holds the gate here as the audit threads do, through the cell.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { describe, it } from 'node:test';
import { threadId, Worker } from 'node:worker_threads';
import { freeWriteGate, openWriteGate, writeGateBuffer } from './write-gate.ts';

/** A thread that takes the gate, says so, and lets go after `releaseAfterMs` (never when null). */
async function holderThread(buffer: SharedArrayBuffer, releaseAfterMs: number | null): Promise<Worker> {
  const worker = new Worker(
    `const { workerData, parentPort, threadId } = require('node:worker_threads');
     const cell = new Int32Array(workerData.buffer);
     if (Atomics.compareExchange(cell, 0, 0, threadId + 1) !== 0) throw new Error('the gate was taken');
     parentPort.postMessage('held');
     if (workerData.releaseAfterMs !== null)
       setTimeout(() => { Atomics.store(cell, 0, 0); Atomics.notify(cell, 0); }, workerData.releaseAfterMs);
     else setInterval(() => undefined, 1000);`,
    { eval: true, workerData: { buffer, releaseAfterMs } },
  );
  await once(worker, 'message');
  return worker;
}

const holderOf = (buffer: SharedArrayBuffer): number => Atomics.load(new Int32Array(buffer), 0);

describe('write gate', () => {
  it('is one cell per file, whatever the path is called', () => {
    assert.equal(
      writeGateBuffer('/tmp/accord-gate/a.db'),
      writeGateBuffer('/tmp/accord-gate/../accord-gate/a.db'),
    );
    assert.notEqual(writeGateBuffer('/tmp/accord-gate/a.db'), writeGateBuffer('/tmp/accord-gate/b.db'));
  });

  // A waiter woken only by its give-up would pass after a minute: the time limit makes that a failure.
  it('is taken by the waiting thread once the holder lets go', { timeout: 20_000 }, async () => {
    const buffer = new SharedArrayBuffer(4);
    const worker = await holderThread(buffer, 20);
    const gate = openWriteGate(buffer, 60_000);
    assert.equal(gate.hold(), true);
    assert.equal(holderOf(buffer), threadId + 1);
    gate.release();
    assert.equal(holderOf(buffer), 0);
    await worker.terminate();
  });

  it('is given up when not let go, without being taken; its owner frees it once the holder has ended', async () => {
    const buffer = new SharedArrayBuffer(4);
    const worker = await holderThread(buffer, null);
    const id = worker.threadId;
    const gate = openWriteGate(buffer, 30);
    assert.equal(gate.hold(), false);
    // A waiter that gave up lets go of nothing.
    gate.release();
    assert.equal(holderOf(buffer), id + 1);
    // Only the ended thread's own hold is freed.
    freeWriteGate(buffer, id + 1);
    assert.equal(holderOf(buffer), id + 1);
    await worker.terminate();
    freeWriteGate(buffer, id);
    assert.equal(holderOf(buffer), 0);
    assert.equal(gate.hold(), true);
    gate.release();
  });

  it('never waits without a cell (PostgreSQL, or a writer in process)', () => {
    const gate = openWriteGate(undefined);
    assert.equal(gate.hold(), true);
    gate.release();
  });
});
