import type { ErrorObject } from 'ajv/dist/2020';
import { schemaEngine } from '../format';
import { readFileSync } from 'node:fs';

/** What `eter serve` runs, and how. */
export interface ServerConfig {
  /** `collector` takes tickets in, `query` serves reads, `all` both. */
  readonly role: 'collector' | 'query' | 'all';
  readonly host: string;
  readonly port: number;
  /** Data folder: the embedded ledger and the server's own access database. */
  readonly dataDir: string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Largest request body for one ticket, in bytes. */
  readonly bodyLimit: number;
  /**
   * Largest request body for a batch, in bytes. Parsing is what bounds it:
   * 3 MiB of the costliest JSON (tiny arrays and objects) takes up to about
   * 0.7 s of CPU, and a request's checking must stay within one second.
   */
  readonly batchBodyLimit: number;
  /** Threads that parse and validate collector bodies over 16 KiB, off the event loop. */
  readonly checkThreads: number;
  /** Bodies waiting for one of those threads at most; beyond it the collector answers 503. */
  readonly checkQueue: number;
  /**
   * Seconds a SIGTERM or SIGINT waits for the requests in flight before the
   * process exits anyway (nothing acknowledged is lost: acknowledgements
   * follow the durable commit).
   */
  readonly shutdownTimeout: number;
  /** Lifetime of a person's login token, in seconds. */
  readonly tokenTtlSeconds: number;
  /** Ledger engine: the embedded ledger in the data folder, or a Fabric network. */
  readonly ledger: 'embedded' | 'fabric';
  /** Connection profile of the Fabric network (required with `ledger: fabric`). */
  readonly fabricProfile?: string;
  /** Tickets the collector records at once (single and batch alike); the rest wait. */
  readonly intakeInFlight: number;
  /** Tickets waiting for one of those slots at most; beyond it intake answers 503. */
  readonly intakeQueue: number;
  /** Threads the embedded ledger runs the contract on, beside HTTP on the main thread. */
  readonly endorsers: number;
  /**
   * How far (in percent) each V8 heap of the process may grow past what its
   * last full collection kept before it collects again; 0 leaves V8's own
   * heuristic, which lets a busy heap grow up to fourfold (see
   * `node/heap-growth.ts`).
   */
  readonly heapGrowthPercent: number;
  /**
   * Proxies whose `X-Forwarded-For` is believed, as a comma-separated list
   * of addresses, CIDR ranges or `loopback`/`linklocal`/`uniquelocal`;
   * empty believes none, and the client address is the TCP peer's. Login
   * back-off is per client address, so behind a proxy this must name it.
   */
  readonly trustProxy: string;
  /** Failed logins per (username, client address) before back-off. */
  readonly loginAttemptsPerAccount: number;
  /** Failed logins per client address, any username, before back-off. */
  readonly loginAttemptsPerAddress: number;
  /** Longest back-off between failed logins, in seconds. */
  readonly loginBackoffMaxSeconds: number;
  /** Requests per minute per terminal API key. */
  readonly terminalRequestsPerMinute: number;
  /** Requests per minute per login (all its tokens together). */
  readonly personRequestsPerMinute: number;
  /** Live streams (SSE) open at once per login. */
  readonly streamsPerLogin: number;
  /** Time a client has to send a whole request, headers and body, in seconds. */
  readonly requestTimeoutSeconds: number;
  /** Time a client has to send a request's headers, in seconds. */
  readonly headersTimeoutSeconds: number;
}

export const DEFAULT_CONFIG: ServerConfig = {
  role: 'all',
  host: '127.0.0.1',
  port: 8080,
  dataDir: './data',
  logLevel: 'info',
  bodyLimit: 256 * 1024,
  batchBodyLimit: 3 * 1024 * 1024,
  checkThreads: 1,
  checkQueue: 16,
  shutdownTimeout: 8,
  tokenTtlSeconds: 900,
  ledger: 'embedded',
  intakeInFlight: 256,
  intakeQueue: 10_000,
  endorsers: 1,
  heapGrowthPercent: 30,
  trustProxy: '',
  loginAttemptsPerAccount: 5,
  loginAttemptsPerAddress: 20,
  loginBackoffMaxSeconds: 300,
  terminalRequestsPerMinute: 30_000,
  personRequestsPerMinute: 6_000,
  streamsPerLogin: 4,
  requestTimeoutSeconds: 60,
  headersTimeoutSeconds: 10,
};

/** Environment variables read, and the setting each one sets. */
export const ENVIRONMENT: Readonly<Record<string, keyof ServerConfig>> = {
  ETER_ROLE: 'role',
  ETER_HOST: 'host',
  ETER_PORT: 'port',
  ETER_DATA: 'dataDir',
  ETER_LOG_LEVEL: 'logLevel',
  ETER_BODY_LIMIT: 'bodyLimit',
  ETER_BATCH_BODY_LIMIT: 'batchBodyLimit',
  ETER_CHECK_THREADS: 'checkThreads',
  ETER_CHECK_QUEUE: 'checkQueue',
  ETER_SHUTDOWN_TIMEOUT: 'shutdownTimeout',
  ETER_TOKEN_TTL: 'tokenTtlSeconds',
  ETER_LEDGER: 'ledger',
  ETER_FABRIC_PROFILE: 'fabricProfile',
  ETER_INTAKE_IN_FLIGHT: 'intakeInFlight',
  ETER_INTAKE_QUEUE: 'intakeQueue',
  ETER_ENDORSERS: 'endorsers',
  ETER_HEAP_GROWTH: 'heapGrowthPercent',
  ETER_TRUST_PROXY: 'trustProxy',
  ETER_LOGIN_ATTEMPTS: 'loginAttemptsPerAccount',
  ETER_LOGIN_ATTEMPTS_PER_ADDRESS: 'loginAttemptsPerAddress',
  ETER_LOGIN_BACKOFF_MAX: 'loginBackoffMaxSeconds',
  ETER_TERMINAL_RATE: 'terminalRequestsPerMinute',
  ETER_PERSON_RATE: 'personRequestsPerMinute',
  ETER_STREAMS_PER_LOGIN: 'streamsPerLogin',
  ETER_REQUEST_TIMEOUT: 'requestTimeoutSeconds',
  ETER_HEADERS_TIMEOUT: 'headersTimeoutSeconds',
};

const NUMERIC: ReadonlySet<keyof ServerConfig> = new Set([
  'port',
  'bodyLimit',
  'batchBodyLimit',
  'checkThreads',
  'checkQueue',
  'shutdownTimeout',
  'tokenTtlSeconds',
  'intakeInFlight',
  'intakeQueue',
  'endorsers',
  'heapGrowthPercent',
  'loginAttemptsPerAccount',
  'loginAttemptsPerAddress',
  'loginBackoffMaxSeconds',
  'terminalRequestsPerMinute',
  'personRequestsPerMinute',
  'streamsPerLogin',
  'requestTimeoutSeconds',
  'headersTimeoutSeconds',
]);

/** One trusted proxy: an IPv4 or IPv6 address or CIDR range, or a name proxy-addr knows. */
const PROXY = String.raw`(?:loopback|linklocal|uniquelocal|[0-9.]+(?:/\d{1,2})?|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(?:/\d{1,3})?)`;
/** Empty, or proxies separated by commas. */
const TRUSTED_PROXIES = new RegExp(String.raw`^\s*(?:${PROXY}(?:\s*,\s*${PROXY})*)?\s*$`);

const schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    role: { enum: ['collector', 'query', 'all'] },
    host: { type: 'string', minLength: 1 },
    port: { type: 'integer', minimum: 0, maximum: 65535 },
    dataDir: { type: 'string', minLength: 1 },
    logLevel: { enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] },
    bodyLimit: { type: 'integer', minimum: 1024, maximum: 64 * 1024 * 1024 },
    batchBodyLimit: { type: 'integer', minimum: 1024, maximum: 256 * 1024 * 1024 },
    checkThreads: { type: 'integer', minimum: 1, maximum: 16 },
    checkQueue: { type: 'integer', minimum: 0, maximum: 10_000 },
    shutdownTimeout: { type: 'integer', minimum: 1, maximum: 3600 },
    tokenTtlSeconds: { type: 'integer', minimum: 60, maximum: 86_400 },
    ledger: { enum: ['embedded', 'fabric'] },
    fabricProfile: { type: 'string', minLength: 1 },
    intakeInFlight: { type: 'integer', minimum: 1, maximum: 100_000 },
    intakeQueue: { type: 'integer', minimum: 0, maximum: 1_000_000 },
    endorsers: { type: 'integer', minimum: 1, maximum: 16 },
    heapGrowthPercent: { type: 'integer', minimum: 0, maximum: 400 },
    trustProxy: { type: 'string', pattern: TRUSTED_PROXIES.source },
    loginAttemptsPerAccount: { type: 'integer', minimum: 1, maximum: 1000 },
    loginAttemptsPerAddress: { type: 'integer', minimum: 1, maximum: 100_000 },
    loginBackoffMaxSeconds: { type: 'integer', minimum: 1, maximum: 86_400 },
    terminalRequestsPerMinute: { type: 'integer', minimum: 1, maximum: 10_000_000 },
    personRequestsPerMinute: { type: 'integer', minimum: 1, maximum: 10_000_000 },
    streamsPerLogin: { type: 'integer', minimum: 1, maximum: 1000 },
    requestTimeoutSeconds: { type: 'integer', minimum: 1, maximum: 3600 },
    headersTimeoutSeconds: { type: 'integer', minimum: 1, maximum: 3600 },
  },
  required: Object.keys(DEFAULT_CONFIG),
  if: { properties: { ledger: { const: 'fabric' } } },
  then: { properties: { fabricProfile: { type: 'string' } }, required: ['fabricProfile'] },
};

const validate = schemaEngine().compile<ServerConfig>(schema);

/** A configuration that does not hold; the message lists every bad setting. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Merges defaults < config file < environment < flags, and validates the
 * result. Numbers from the environment and flags are parsed strictly.
 * @throws {ConfigError} naming every bad setting and where it came from.
 */
export function loadConfig(sources: {
  flags?: Partial<Record<keyof ServerConfig, unknown>>;
  env?: NodeJS.ProcessEnv;
  file?: string;
}): ServerConfig {
  const problems: string[] = [];
  let fromFile: Record<string, unknown> = {};
  if (sources.file !== undefined) {
    try {
      fromFile = JSON.parse(readFileSync(sources.file, 'utf8')) as Record<string, unknown>;
    } catch (error) {
      throw new ConfigError([`config file ${sources.file}: ${(error as Error).message}`]);
    }
  }
  const fromEnv: Record<string, unknown> = {};
  for (const [name, setting] of Object.entries(ENVIRONMENT)) {
    const value = sources.env?.[name];
    if (value !== undefined && value !== '') fromEnv[setting] = parseSetting(setting, value);
  }
  const fromFlags: Record<string, unknown> = {};
  for (const [setting, value] of Object.entries(sources.flags ?? {})) {
    if (value !== undefined)
      fromFlags[setting] = parseSetting(setting as keyof ServerConfig, value);
  }
  const merged = { ...DEFAULT_CONFIG, ...fromFile, ...fromEnv, ...fromFlags };
  if (!validate(merged)) {
    for (const error of validate.errors ?? []) {
      // An `if` failure only repeats the `then` errors reported beside it.
      if (error.keyword !== 'if') problems.push(describe(error, fromFlags, fromEnv));
    }
    throw new ConfigError(problems);
  }
  // Node refuses a server whose headers may take longer than the whole request.
  if (merged.headersTimeoutSeconds > merged.requestTimeoutSeconds)
    throw new ConfigError([
      `headersTimeoutSeconds (${merged.headersTimeoutSeconds}) must not exceed requestTimeoutSeconds (${merged.requestTimeoutSeconds})`,
    ]);
  return merged;
}

function parseSetting(setting: keyof ServerConfig, value: unknown): unknown {
  if (NUMERIC.has(setting) && typeof value === 'string' && /^\d+$/.test(value))
    return Number(value);
  return value;
}

function describe(
  error: ErrorObject,
  flags: Record<string, unknown>,
  env: Record<string, unknown>,
): string {
  const setting =
    error.keyword === 'additionalProperties'
      ? String(error.params.additionalProperty)
      : error.instancePath.slice(1);
  const origin =
    setting in flags
      ? `--${setting}`
      : setting in env
        ? Object.keys(ENVIRONMENT).find((k) => ENVIRONMENT[k] === setting)
        : `${setting} (config file)`;
  if (error.keyword === 'additionalProperties') return `${setting}: unknown setting`;
  if (error.keyword === 'required') {
    return `${String(error.params.missingProperty)}: required with ledger fabric (--fabric-profile or ETER_FABRIC_PROFILE)`;
  }
  if (setting === 'trustProxy' && error.keyword === 'pattern')
    return `${origin}: addresses, CIDR ranges or loopback, linklocal, uniquelocal, separated by commas`;
  return `${origin}: ${error.message ?? 'is invalid'}`;
}
