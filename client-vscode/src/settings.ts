/** Reading and writing the "awsConfig" settings (VS Code side of core/serverSettings). */
import * as os from 'os';
import * as vscode from 'vscode';
import {
  AwsFileKind,
  ResolvedFile,
  resolveAwsFile,
  withSimulatedProfile,
} from './core/awsFiles';
import {
  ClientOptions,
  configurationItemFor,
  readClientOptions,
  readServerOptions,
  selectedProfile,
  ServerOptions,
  withSimulation,
} from './core/serverSettings';

export const SECTION = 'awsConfig';

// The simulated profile lives in the workspace's memento (VS Code's own storage), not in
// the user's project; it reaches the server as AWS_PROFILE in the options it is sent.
const SIMULATION_KEY = 'awsConfig.simulatedProfile';
let simulationStore: vscode.Memento | undefined;
const simulationEmitter = new vscode.EventEmitter<void>();
/** Fires when the simulated profile changes. */
export const onDidChangeSimulation = simulationEmitter.event;

export function initSimulation(store: vscode.Memento): vscode.Disposable {
  simulationStore = store;
  return simulationEmitter;
}

/** The profile simulated in this workspace (kept out of its files), if any. */
export function simulatedProfile(): string | undefined {
  const v = simulationStore?.get<unknown>(SIMULATION_KEY);
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

export async function setSimulation(profile: string | null): Promise<void> {
  await simulationStore?.update(SIMULATION_KEY, profile ?? undefined);
  simulationEmitter.fire();
}

/** The profile the real environment selects (settings and VS Code's environment, no simulation). */
export function realProfile(): string {
  return selectedProfile(readServerOptions(getter()), process.env);
}

function getter(scope?: vscode.ConfigurationScope | null): (key: string) => unknown {
  const cfg = vscode.workspace.getConfiguration(SECTION, scope ?? undefined);
  return (key: string) => cfg.get(key);
}

/** The server's options (also its initializationOptions). Problems are reported in `problems`. */
export function serverOptions(problems?: string[], scope?: vscode.ConfigurationScope | null): ServerOptions {
  return withSimulation(readServerOptions(getter(scope), problems), simulatedProfile(), process.env);
}

export function clientOptions(): ClientOptions {
  return readClientOptions(getter());
}

/** Answer for one `workspace/configuration` item, or undefined to keep VS Code's own answer. */
export function configurationItem(section: string | undefined, scopeUri: string | undefined): unknown {
  let scope: vscode.Uri | undefined;
  try {
    scope = scopeUri ? vscode.Uri.parse(scopeUri) : undefined;
  } catch {
    scope = undefined;
  }
  return configurationItemFor(section, getter(scope), (o) => withSimulation(o, simulatedProfile(), process.env));
}

/** Expands `~`, `${userHome}`, `${workspaceFolder}` and `${env:NAME}` in a path setting. */
export function expandPathSetting(value: string): string {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
  let v = value
    .replace(/\$\{userHome\}/g, os.homedir())
    .replace(/\$\{workspaceFolder\}/g, folder)
    .replace(/\$\{env:([^}]+)\}/g, (_m, n: string) => process.env[n] ?? '');
  if (v === '~' || v.startsWith('~/') || v.startsWith('~\\')) v = os.homedir() + v.slice(1);
  return v;
}

/** The shared file boto3 would read for the simulated environment. */
export function resolveFile(kind: AwsFileKind): ResolvedFile {
  const opts = serverOptions();
  return resolveAwsFile(kind, {
    overrides: opts.environment,
    inherit: opts.inheritEnvironment,
    processEnv: process.env,
    homedir: os.homedir(),
  });
}

/**
 * Sets (or, with null, removes) AWS_PROFILE in the WORKSPACE value of
 * `awsConfig.environment`, keeping its other keys (the setting goes when nothing is left).
 * Without a workspace the user settings are used instead. Returns where it was written.
 * Only on the user's explicit "save" (or "clear" of a saved profile).
 */
export async function saveProfileToSettings(profile: string | null): Promise<'workspace' | 'user'> {
  const cfg = vscode.workspace.getConfiguration(SECTION);
  const hasWorkspace = (vscode.workspace.workspaceFolders?.length ?? 0) > 0 || vscode.workspace.workspaceFile !== undefined;
  const target = hasWorkspace ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  const inspected = cfg.inspect<Record<string, unknown>>('environment');
  const current = hasWorkspace ? inspected?.workspaceValue : inspected?.globalValue;
  await cfg.update('environment', withSimulatedProfile(current, profile), target);
  return hasWorkspace ? 'workspace' : 'user';
}

/** AWS_PROFILE saved in the workspace's awsConfig.environment, if any. */
export function savedProfile(): string | undefined {
  const inspected = vscode.workspace.getConfiguration(SECTION).inspect<Record<string, unknown>>('environment');
  const v = inspected?.workspaceValue?.AWS_PROFILE;
  return typeof v === 'string' ? v : undefined;
}
