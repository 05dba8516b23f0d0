/**
 * The demo generator's thread (see person-batches.ts): makes the next batch of people each time
 * the loader asks for one, and sends it as flat rows.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type BatchReply, demoPersonGenerator, makePersonBatch } from './person-batches.ts';

const { total, seed, today, batchSize } = workerData as {
  total: number;
  seed: number;
  today: string;
  batchSize: number;
};
const port = parentPort;
if (!port) throw new Error('the demo generator must run in a worker thread');

const make = demoPersonGenerator(seed, new Date(today));
let next = 0;

port.on('message', () => {
  if (next >= total) return;
  let reply: BatchReply;
  try {
    const end = Math.min(total, next + batchSize);
    reply = { ok: true, batch: makePersonBatch(make, next, end) };
    next = end;
  } catch (error) {
    reply = { ok: false, message: error instanceof Error ? error.message : String(error) };
    next = total;
  }
  port.postMessage(reply);
});
