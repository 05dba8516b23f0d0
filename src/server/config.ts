import path from 'node:path';

/** Where the database lives: an embedded SQLite file or a PostgreSQL server. */
export type DatabaseConfig = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

/** Settings read once from the environment at start. */
export interface Config {
  readonly port: number;
  readonly host: string;
  readonly database: DatabaseConfig;
  readonly demo: 'auto' | 'off';
  readonly demoPassword: string;
  /** Directory for key material kept outside the database (tree-head signing key). */
  readonly keyDir: string;
  /** Whether cookies carry the Secure flag (set when served behind TLS). */
  readonly secureCookies: boolean;
  readonly logLevel: string;
}

/** A configuration value that cannot be used; the message names the variable. */
export class ConfigError extends Error {}

/** Parses `sqlite:<path>` or `postgres://...` into a DatabaseConfig. */
export function parseDatabaseUrl(url: string): DatabaseConfig {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    if (file === '')
      throw new ConfigError('DATABASE_URL: sqlite: needs a file path, e.g. sqlite:./data/accord.db');
    return { kind: 'sqlite', file: file === ':memory:' ? file : path.resolve(file) };
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return { kind: 'postgres', url };
  throw new ConfigError('DATABASE_URL must start with sqlite: or postgres://');
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 8080;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError('PORT must be 0-65535');
  return port;
}

/** Reads the configuration from an environment (defaults as in ARCHITECTURE.md). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const demo = env.ACCORD_DEMO ?? 'auto';
  if (demo !== 'auto' && demo !== 'off') throw new ConfigError('ACCORD_DEMO must be auto or off');
  const database = parseDatabaseUrl(env.DATABASE_URL ?? 'sqlite:./data/accord.db');
  const defaultKeyDir =
    database.kind === 'sqlite' && database.file !== ':memory:'
      ? path.join(path.dirname(database.file), 'keys')
      : path.resolve('data/keys');
  return {
    port: parsePort(env.PORT),
    host: env.HOST ?? '127.0.0.1',
    database,
    demo,
    demoPassword: env.ACCORD_DEMO_PASSWORD ?? 'demo',
    keyDir: path.resolve(env.ACCORD_KEY_DIR ?? defaultKeyDir),
    secureCookies: env.ACCORD_SECURE_COOKIES === 'true',
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}
