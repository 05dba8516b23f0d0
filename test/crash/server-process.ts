/**
 * Runs the real Accord server and CLI as child processes, as an operator would, so a test can kill
 * the server hard and start it again on the same database.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A running server: its base URL and its process. */
export interface ServerProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything it wrote to stderr (for the failure message of a test). */
  stderr(): string;
}

/** Starts `node src/server/main.ts` with the environment; resolves once it listens. */
export async function startServer(env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['src/server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    err = (err + chunk.toString('utf8')).slice(-20_000);
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    let listening = false;
    const timer = setTimeout(
      () => reject(new Error(`server did not start in ${timeoutMs} ms: ${err}`)),
      timeoutMs,
    );
    // Keep reading stdout for the server's whole life: a full pipe would stall its logger.
    child.stdout?.on('data', (chunk: Buffer) => {
      if (listening) return;
      out = (out + chunk.toString('utf8')).slice(-4_000);
      const match = /listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (!match?.[1]) return;
      listening = true;
      clearTimeout(timer);
      resolve(match[1]);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening: ${err}`));
    });
  });
  return { url, child, stderr: () => err };
}

/** Kills the server without warning (SIGKILL: no drain, no final sequencing) and waits for it to die. */
export async function killHard(server: ServerProcess): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = once(server.child, 'exit');
  server.child.kill('SIGKILL');
  await exited;
}

/** Stops the server the polite way and waits for it to exit. */
export async function stopGracefully(server: ServerProcess): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = once(server.child, 'exit');
  server.child.kill('SIGTERM');
  await exited;
}

/** Runs the `accord` CLI with arguments; resolves with its exit code and output. */
export async function runCli(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['src/server/cli/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => {
    stdout += c.toString('utf8');
  });
  child.stderr.on('data', (c: Buffer) => {
    stderr += c.toString('utf8');
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}
