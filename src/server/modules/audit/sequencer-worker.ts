/**
 * The sequencing thread (see sequencer-thread.ts): its own connection to the database, the same
 * AuditSequencer passes as in process, on their own timer. Leaf hashing, the tree's nodes and head
 * signing run here, off the event loop that answers requests.
 */
import { createPrivateKey } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import type { DatabaseConfig } from '../../config.ts';
import { openDatabase } from '../../db/database.ts';
import { openWriteGate } from '../../db/write-gate.ts';
import { fileHeadAnchor } from './head-anchor.ts';
import { AuditSequencer } from './sequencer.ts';
import { AuditIntegrityError } from './sequencer-guard.ts';
import type { SequencerReply, SequencerRequest, SequencerThreadData } from './sequencer-thread.ts';

const port = parentPort;
if (!port) throw new Error('the audit sequencer must run in a worker thread');
const data = workerData as SequencerThreadData;

const database = await openDatabase(data.database as DatabaseConfig, { poolSize: 1 });
const sequencer = new AuditSequencer(
  database,
  {
    privateKey: createPrivateKey(data.privateKeyPem),
    keyId: data.keyId,
    ...(data.anchorFile === null ? {} : { anchor: fileHeadAnchor(data.anchorFile) }),
  },
  {
    ...(data.intervalMs === undefined ? {} : { intervalMs: data.intervalMs }),
    writeGate: openWriteGate(data.writeGate),
    // The thread nobody waits for copies the WAL back, not a commit a request is waiting on.
    checkpointWal: data.database.kind === 'sqlite',
    // Only the error's kind and message cross: both are sizes, addresses and paths, never entry content.
    onError: (error) =>
      port.postMessage({
        type: 'error',
        integrity: error instanceof AuditIntegrityError,
        name: error instanceof Error ? error.name : 'unknown',
        message: error instanceof Error ? error.message : 'audit sequencing failed',
      } satisfies SequencerReply),
  },
);

port.on('message', (message: SequencerRequest) => {
  if (message.type === 'start') {
    sequencer.start();
    return;
  }
  const pass = message.type === 'stop' ? sequencer.stop() : sequencer.tick({ forceHead: message.forceHead });
  void pass.then(async (result) => {
    if (message.type === 'stop') await database.close();
    port.postMessage({ type: 'result', id: message.id, result } satisfies SequencerReply);
    if (message.type === 'stop') port.close();
  });
});
port.postMessage({ type: 'ready' } satisfies SequencerReply);
