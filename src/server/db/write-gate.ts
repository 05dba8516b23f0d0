/**
 * Turns at a SQLite file's write lock for the threads of one process. SQLite's lock stays the lock:
 * a connection that finds it held sleeps and retries in growing steps (busy_timeout: 1, 2, 5, 10,
 * 15 ms...), so a commit behind a 6 ms transaction may sleep 8 ms, and one behind 9 ms, 18 ms. A
 * thread that takes the gate before it asks SQLite for the lock waits only as long as the holder
 * writes: releasing wakes the next thread at once.
 *
 * The gate orders writers; it guards nothing. A thread that has waited GIVE_UP_MS goes on to SQLite's
 * lock as before, so a gate left held by a thread that ended costs latency, never a lost or torn
 * write, and the thread's owner frees it (`freeWriteGate`) when it sees the thread end.
 */
import { resolve } from 'node:path';
import { threadId } from 'node:worker_threads';

/** How long a thread waits for the gate before it goes on to SQLite's own lock. */
const GIVE_UP_MS = 1_000;

/** A thread's handle on the gate of one file. */
export interface WriteGate {
  /** Waits for the gate; false when it was not free within the give-up time (go on regardless). */
  hold(): boolean;
  /** Frees the gate if this thread holds it. */
  release(): void;
}

const buffers = new Map<string, SharedArrayBuffer>();

/** The gate's shared cell for a SQLite file: one per file in this process, handed to its writing threads. */
export function writeGateBuffer(file: string): SharedArrayBuffer {
  const key = resolve(file);
  let buffer = buffers.get(key);
  if (buffer === undefined) {
    buffer = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
    buffers.set(key, buffer);
  }
  return buffer;
}

/** The gate as seen from this thread; without a buffer (PostgreSQL, an in-process writer) it never waits. */
export function openWriteGate(buffer: SharedArrayBuffer | undefined, giveUpMs = GIVE_UP_MS): WriteGate {
  if (buffer === undefined) return { hold: () => true, release: () => undefined };
  const cell = new Int32Array(buffer);
  // The cell holds 0 when free, else the holder's thread id plus one (the main thread's id is 0).
  const me = threadId + 1;
  let held = false;
  return {
    hold() {
      const deadline = performance.now() + giveUpMs;
      for (;;) {
        const holder = Atomics.compareExchange(cell, 0, 0, me);
        // Free, or already this thread's: a thread never waits on itself.
        if (holder === 0 || holder === me) {
          held = true;
          return true;
        }
        const left = deadline - performance.now();
        if (left <= 0) return false;
        Atomics.wait(cell, 0, holder, left);
      }
    },
    release() {
      if (!held) return;
      held = false;
      Atomics.compareExchange(cell, 0, me, 0);
      Atomics.notify(cell, 0);
    },
  };
}

/** Frees the gate if the thread with this id (one that has ended) still holds it. */
export function freeWriteGate(buffer: SharedArrayBuffer, endedThreadId: number): void {
  const cell = new Int32Array(buffer);
  if (Atomics.compareExchange(cell, 0, endedThreadId + 1, 0) === endedThreadId + 1) Atomics.notify(cell, 0);
}
