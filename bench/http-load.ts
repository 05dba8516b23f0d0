/**
 * A loopback HTTP load generator for the benchmarks: keep-alive connections on 127.0.0.1, a
 * bounded number of requests and a time limit, and the latency of every request.
 */
import { Agent, request } from 'node:http';

/** How hard to drive a server. */
export interface LoadOptions {
  /** Requests in flight at once (one connection each). */
  readonly concurrency: number;
  /** Stop issuing new requests after this long, whatever is left. */
  readonly maxMs: number;
  readonly headers?: Readonly<Record<string, string>>;
}

/** What a run achieved; every response must be 200. */
export interface LoadResult {
  readonly concurrency: number;
  readonly requests: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

/** The value at quantile q of ascending samples. */
export function quantile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

const round = (ms: number): number => Math.round(ms * 100) / 100;

/** GETs the paths in turn from `concurrency` workers; throws on any status but 200. */
export async function driveLoad(
  base: string,
  paths: readonly string[],
  options: LoadOptions,
): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const get = (path: string) =>
    new Promise<void>((resolve, reject) => {
      const req = request(`${base}${path}`, { agent, headers: options.headers ?? {} }, (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode} for a GET`)),
        );
      });
      req.on('error', reject);
      req.end();
    });
  const latencies: number[] = [];
  let next = 0;
  const start = performance.now();
  const deadline = start + options.maxMs;
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (next < paths.length && performance.now() < deadline) {
        const path = paths[next++] ?? '';
        const t0 = performance.now();
        await get(path);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = performance.now() - start;
  agent.destroy();
  const sorted = Float64Array.from(latencies).sort();
  return {
    concurrency: options.concurrency,
    requests: latencies.length,
    requestsPerSecond: Math.round(latencies.length / (elapsed / 1000)),
    p50Ms: round(quantile(sorted, 0.5)),
    p99Ms: round(quantile(sorted, 0.99)),
    maxMs: round(quantile(sorted, 1)),
  };
}
