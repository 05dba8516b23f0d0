import path from 'node:path';

/** Where the database lives: an embedded SQLite file or a PostgreSQL server. */
export type DatabaseConfig = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

/** Settings read once from the environment at start. */
export interface Config {
  readonly port: number;
  readonly host: string;
  readonly database: DatabaseConfig;
  /**
   * When the demo partnership is loaded at start: `auto` only into an empty SQLite database outside
   * production, `on` into any empty database, `off` never.
   */
  readonly demo: DemoMode;
  readonly demoPassword: string;
  /** True when NODE_ENV is `production`: the demo is never loaded unless asked for by name. */
  readonly production: boolean;
  /** Address of the reverse proxy whose X-Forwarded-For is believed; null trusts no proxy. */
  readonly trustedProxy: string | null;
  /** Minutes a session may sit unused before it ends. */
  readonly sessionIdleMinutes: number;
  /** Directory for key material kept outside the database (tree-head signing key). */
  readonly keyDir: string;
  /** Whether cookies carry the Secure flag (set when served behind TLS). */
  readonly secureCookies: boolean;
  readonly logLevel: string;
}

/** When the demo partnership is loaded at start. */
export type DemoMode = 'auto' | 'on' | 'off';

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

function parseMinutes(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const minutes = Number(value);
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 24 * 60)
    throw new ConfigError(`${name} must be a whole number of minutes, 1-1440`);
  return minutes;
}

/** Default minutes of inactivity after which a session ends. */
export const DEFAULT_SESSION_IDLE_MINUTES = 30;

/** Reads the configuration from an environment (defaults as in ARCHITECTURE.md). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const demo = env.ACCORD_DEMO || 'auto';
  if (demo !== 'auto' && demo !== 'on' && demo !== 'off')
    throw new ConfigError('ACCORD_DEMO must be auto, on or off');
  const trustedProxy = env.ACCORD_TRUSTED_PROXY?.trim() ?? '';
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
    production: env.NODE_ENV === 'production',
    trustedProxy: trustedProxy === '' ? null : trustedProxy,
    sessionIdleMinutes: parseMinutes(
      env.ACCORD_SESSION_IDLE_MINUTES,
      'ACCORD_SESSION_IDLE_MINUTES',
      DEFAULT_SESSION_IDLE_MINUTES,
    ),
    keyDir: path.resolve(env.ACCORD_KEY_DIR ?? defaultKeyDir),
    secureCookies: env.ACCORD_SECURE_COOKIES === 'true',
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}
