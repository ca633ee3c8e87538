/**
 * VS Code settings → what the server gets, and how the server process is launched.
 *
 * Pure logic, no `vscode` import. `settings.ts` feeds it `WorkspaceConfiguration.get`.
 */

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

/**
 * The server's own options, camelCase, exactly as sent in `initializationOptions`
 * and returned for `workspace/configuration` of section "awsConfig".
 */
export interface ServerOptions {
  environment: Record<string, string>;
  inheritEnvironment: boolean;
  explicitProfile: string | null;
  severityOverrides: Record<string, Severity>;
  disabledCodes: string[];
  portabilityChecks: boolean;
  codeLens: boolean;
  inlayHintsHeaders: boolean;
  inlayHintsChains: boolean;
  /** Globs of AWS files outside the places boto3 reads (see core/extraFiles). */
  extraFiles: string[];
}

/** The keys of `ServerOptions`: the part of the "awsConfig" section the server sees. */
export const SERVER_OPTION_KEYS: readonly (keyof ServerOptions)[] = [
  'environment',
  'inheritEnvironment',
  'explicitProfile',
  'severityOverrides',
  'disabledCodes',
  'portabilityChecks',
  'codeLens',
  'inlayHintsHeaders',
  'inlayHintsChains',
  'extraFiles',
];

export type TraceLevel = 'off' | 'messages' | 'verbose';

/** Settings used by the client only, never sent to the server. */
export interface ClientOptions {
  serverPython: string | null;
  serverPath: string | null;
  trace: TraceLevel;
  configPatterns: string[];
  credentialsPatterns: string[];
  botoPatterns: string[];
}

/** Reads one key of the "awsConfig" section (like `WorkspaceConfiguration.get`). */
export type Getter = (key: string) => unknown;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringOrNull(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const t = v.trim();
  return t.length > 0 ? t : null;
}

function stringArray(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim().length > 0).map((x) => x.trim()) : [];
}

/**
 * Normalises `awsConfig.environment`: keys and values as strings (numbers and booleans
 * are written as text, like a shell would; null/objects are dropped and reported).
 */
export function normaliseEnvironment(v: unknown, problems: string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  if (v === undefined || v === null) return out;
  if (!isPlainObject(v)) {
    problems.push('awsConfig.environment must be an object of NAME: "value" pairs');
    return out;
  }
  for (const [k, val] of Object.entries(v)) {
    if (k.length === 0) continue;
    if (typeof val === 'string') out[k] = val;
    else if (typeof val === 'number' || typeof val === 'boolean') out[k] = String(val);
    else problems.push(`awsConfig.environment.${k} is ignored: values must be strings`);
  }
  return out;
}

export function normaliseSeverityOverrides(v: unknown, problems: string[] = []): Record<string, Severity> {
  const out: Record<string, Severity> = {};
  if (!isPlainObject(v)) return out;
  for (const [code, sev] of Object.entries(v)) {
    const s = typeof sev === 'string' ? sev.trim().toLowerCase() : '';
    const mapped = s === 'info' ? 'information' : s;
    if ((SEVERITIES as readonly string[]).includes(mapped)) out[code] = mapped as Severity;
    else problems.push(`awsConfig.severityOverrides.${code}: "${String(sev)}" is not one of ${SEVERITIES.join(', ')}`);
  }
  return out;
}

/** Globs: a list, or one glob written as a string (the server takes both). */
function globs(v: unknown): string[] {
  return stringArray(typeof v === 'string' ? [v] : v);
}

/** A boolean setting, else its default (a string such as "false" is not a boolean). */
function flag(v: unknown, fallback: boolean): boolean {
  return typeof v === 'boolean' ? v : fallback;
}

export function readServerOptions(get: Getter, problems: string[] = []): ServerOptions {
  const inherit = get('inheritEnvironment');
  const portability = get('portabilityChecks');
  return {
    environment: normaliseEnvironment(get('environment'), problems),
    inheritEnvironment: typeof inherit === 'boolean' ? inherit : true,
    explicitProfile: stringOrNull(get('explicitProfile')),
    severityOverrides: normaliseSeverityOverrides(get('severityOverrides'), problems),
    disabledCodes: stringArray(get('disabledCodes')),
    portabilityChecks: typeof portability === 'boolean' ? portability : true,
    codeLens: flag(get('codeLens'), true),
    inlayHintsHeaders: flag(get('inlayHintsHeaders'), true),
    inlayHintsChains: flag(get('inlayHintsChains'), true),
    extraFiles: globs(get('extraFiles')),
  };
}

export function readClientOptions(get: Getter): ClientOptions {
  const t = get('trace.server');
  return {
    serverPython: stringOrNull(get('server.python')),
    serverPath: stringOrNull(get('server.path')),
    trace: t === 'messages' || t === 'verbose' ? t : 'off',
    configPatterns: stringArray(get('files.configPatterns')),
    credentialsPatterns: stringArray(get('files.credentialsPatterns')),
    botoPatterns: stringArray(get('files.botoPatterns')),
  };
}

/**
 * The options with a simulated profile: `AWS_PROFILE` set in the environment the server
 * simulates, and `AWS_DEFAULT_PROFILE` too when the environment has it (botocore reads
 * AWS_DEFAULT_PROFILE first: configprovider's 'profile' is ['AWS_DEFAULT_PROFILE',
 * 'AWS_PROFILE']). `baseEnv` is the environment inherited when inheritEnvironment is on.
 */
export function withSimulation(
  opts: ServerOptions,
  profile: string | null | undefined,
  baseEnv: Record<string, string | undefined> = {},
): ServerOptions {
  if (!profile) return opts;
  const environment: Record<string, string> = { ...opts.environment, AWS_PROFILE: profile };
  const inherited = opts.inheritEnvironment ? baseEnv.AWS_DEFAULT_PROFILE : undefined;
  if (opts.environment.AWS_DEFAULT_PROFILE !== undefined || inherited !== undefined) environment.AWS_DEFAULT_PROFILE = profile;
  return { ...opts, environment };
}

/**
 * The profile the real environment selects (without a simulation), as botocore picks it:
 * Session(profile_name=…) (awsConfig.explicitProfile), AWS_DEFAULT_PROFILE, AWS_PROFILE,
 * else "default" (botocore.session.Session.get_config_variable('profile')).
 */
export function selectedProfile(opts: ServerOptions, baseEnv: Record<string, string | undefined> = {}): string {
  if (opts.explicitProfile) return opts.explicitProfile;
  const env: Record<string, string | undefined> = opts.inheritEnvironment ? { ...baseEnv, ...opts.environment } : { ...opts.environment };
  for (const name of ['AWS_DEFAULT_PROFILE', 'AWS_PROFILE']) {
    const v = env[name];
    if (v !== undefined && v !== '') return v;
  }
  return 'default';
}

/**
 * Answer to a `workspace/configuration` item. For the whole "awsConfig" section the server
 * gets the same object as its initializationOptions (client-only keys left out); a
 * sub-section such as "awsConfig.environment" gets that one value.
 */
export function configurationItemFor(
  section: string | undefined | null,
  get: Getter,
  adjust: (o: ServerOptions) => ServerOptions = (o) => o,
): unknown {
  if (!section) return null;
  if (section === 'awsConfig') return adjust(readServerOptions(get));
  if (section.startsWith('awsConfig.')) {
    const key = section.slice('awsConfig.'.length);
    const opts = adjust(readServerOptions(get)) as unknown as Record<string, unknown>;
    return key in opts ? opts[key] : get(key) ?? null;
  }
  return undefined; // not ours: let the default answer stand
}

/** Setting keys whose change needs a new server process. */
export const RESTART_KEYS: readonly string[] = ['awsConfig.server'];

export interface LaunchInputs {
  serverPath: string | null;
  /** The interpreter (required when serverPath is null). */
  python?: { command: string; args: string[] } | null;
  /** `<extension>/bundled/libs`. */
  bundledLibs: string;
  /** The environment the extension host runs with. */
  baseEnv: Record<string, string | undefined>;
}

export interface Launch {
  command: string;
  args: string[];
  env: Record<string, string>;
  /** For the log: how the server is started. */
  description: string;
}

export const SERVER_MODULE = 'aws_config_ls';

/**
 * `<path> serve`, or `<python> -m aws_config_ls serve` with PYTHONPATH=<bundled libs>.
 *
 * PYTHONPATH is replaced, not extended: the server must see the libraries it was
 * bundled with, not whatever the user's environment points at. PYTHONSAFEPATH keeps a
 * workspace folder that holds a package of the same name from shadowing them (3.11+).
 */
export function serverLaunch(inputs: LaunchInputs): Launch {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(inputs.baseEnv)) if (typeof v === 'string') env[k] = v;
  if (inputs.serverPath) {
    return {
      command: inputs.serverPath,
      args: ['serve'],
      env,
      description: `${inputs.serverPath} serve (awsConfig.server.path)`,
    };
  }
  if (!inputs.python) throw new Error('serverLaunch: no interpreter');
  env.PYTHONPATH = inputs.bundledLibs;
  env.PYTHONSAFEPATH = '1';
  const args = [...inputs.python.args, '-m', SERVER_MODULE, 'serve'];
  return {
    command: inputs.python.command,
    args,
    env,
    description: `${[inputs.python.command, ...args].join(' ')} (PYTHONPATH=${inputs.bundledLibs})`,
  };
}
