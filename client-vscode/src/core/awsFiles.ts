/**
 * Where boto3 would look for the shared files, and the profile-simulation edits of
 * `awsConfig.environment`. Pure logic, no `vscode` import.
 */

export type AwsFileKind = 'config' | 'credentials';

export const FILE_VARIABLE: Record<AwsFileKind, string> = {
  config: 'AWS_CONFIG_FILE',
  credentials: 'AWS_SHARED_CREDENTIALS_FILE',
};

export const DEFAULT_FILE: Record<AwsFileKind, string> = {
  config: '~/.aws/config',
  credentials: '~/.aws/credentials',
};

export interface SimulatedEnvInputs {
  /** `awsConfig.environment`. */
  overrides: Record<string, string>;
  /** `awsConfig.inheritEnvironment`. */
  inherit: boolean;
  /** The extension host's environment. */
  processEnv: Record<string, string | undefined>;
}

/** The environment the server simulates: the process's (unless not inherited) overlaid with the overrides. */
export function simulatedEnvironment(i: SimulatedEnvInputs): Record<string, string> {
  const env: Record<string, string> = {};
  if (i.inherit) for (const [k, v] of Object.entries(i.processEnv)) if (typeof v === 'string') env[k] = v;
  Object.assign(env, i.overrides);
  return env;
}

/** `os.path.expandvars` (POSIX flavour, plus %VAR% on Windows): unset variables are left as written. */
export function expandVars(path: string, env: Record<string, string>, platform: string = process.platform): string {
  let out = path.replace(/\$(\w+|\{[^}]*\})/g, (m, name: string) => {
    const n = name.startsWith('{') ? name.slice(1, -1) : name;
    return Object.prototype.hasOwnProperty.call(env, n) ? env[n] : m;
  });
  if (platform === 'win32') {
    out = out.replace(/%([^%]+)%/g, (m, n: string) => {
      const key = Object.keys(env).find((k) => k.toUpperCase() === n.toUpperCase());
      return key !== undefined ? env[key] : m;
    });
  }
  return out;
}

/** `os.path.expanduser` for `~` and `~/…` (`~user` is left alone). */
export function expandUser(path: string, env: Record<string, string>, homedir: string, platform: string = process.platform): string {
  if (!path.startsWith('~')) return path;
  const sepIdx = path.search(platform === 'win32' ? /[\\/]/ : /\//);
  const head = sepIdx < 0 ? path : path.slice(0, sepIdx);
  if (head !== '~') return path;
  const home = platform === 'win32' ? env.USERPROFILE ?? homedir : env.HOME ?? homedir;
  return home + (sepIdx < 0 ? '' : path.slice(sepIdx));
}

export interface ResolvedFile {
  path: string;
  /** Where the path came from, for messages. */
  from: string;
}

/**
 * The shared config/credentials file boto3 would read: the variable from
 * `awsConfig.environment`, else from the inherited environment, else the default;
 * expanded like botocore (expandvars, then expanduser).
 */
export function resolveAwsFile(
  kind: AwsFileKind,
  i: SimulatedEnvInputs & { homedir: string; platform?: string },
): ResolvedFile {
  const variable = FILE_VARIABLE[kind];
  const env = simulatedEnvironment(i);
  let raw: string;
  let from: string;
  if (Object.prototype.hasOwnProperty.call(i.overrides, variable) && i.overrides[variable] !== '') {
    raw = i.overrides[variable];
    from = `${variable} in awsConfig.environment`;
  } else if (i.inherit && typeof i.processEnv[variable] === 'string' && i.processEnv[variable] !== '') {
    raw = i.processEnv[variable] as string;
    from = `${variable} in the environment`;
  } else {
    raw = DEFAULT_FILE[kind];
    from = 'the default location';
  }
  const platform = i.platform ?? process.platform;
  return { path: expandUser(expandVars(raw, env, platform), env, i.homedir, platform), from };
}

/**
 * `awsConfig.environment` (workspace value) with AWS_PROFILE set to `profile`, or
 * removed when `profile` is null. Other keys are kept. Returns undefined when
 * nothing is left, so the setting can be removed from the workspace.
 */
export function withSimulatedProfile(current: unknown, profile: string | null): Record<string, string> | undefined {
  const base: Record<string, string> = {};
  if (typeof current === 'object' && current !== null && !Array.isArray(current)) {
    for (const [k, v] of Object.entries(current as Record<string, unknown>)) {
      if (typeof v === 'string') base[k] = v;
      else if (typeof v === 'number' || typeof v === 'boolean') base[k] = String(v);
    }
  }
  if (profile === null) delete base.AWS_PROFILE;
  else base.AWS_PROFILE = profile;
  return Object.keys(base).length > 0 ? base : undefined;
}
