/** Finding a Python ≥ 3.10 to run the bundled server (order and rules: core/interpreter). */
import { execFile } from 'child_process';
import * as vscode from 'vscode';
import {
  Candidate,
  candidateList,
  findInterpreterStarting,
  PROBE_SCRIPT,
  parseProbeOutput,
  ProbeResult,
  SearchResult,
} from './core/interpreter';
import { clientOptions, expandPathSetting } from './settings';

const PYTHON_EXTENSION_ID = 'ms-python.python';
const PROBE_TIMEOUT_MS = 15_000;

/** The parts of the Python extension's API that we use (both its current and its legacy shape). */
interface PythonExtensionApi {
  environments?: {
    getActiveEnvironmentPath(resource?: vscode.Uri): { id: string; path: string };
    resolveEnvironment(
      env: { id: string; path: string } | string,
    ): Promise<{ executable?: { uri?: vscode.Uri } } | undefined>;
    onDidChangeActiveEnvironmentPath?: vscode.Event<unknown>;
  };
  settings?: {
    getExecutionDetails?(resource?: vscode.Uri): { execCommand: string[] | undefined };
    onDidChangeExecutionDetails?: vscode.Event<vscode.Uri | undefined>;
  };
}

function withTimeout<T>(p: Thenable<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
    Promise.resolve(p).then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(t);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

async function pythonExtensionApi(): Promise<PythonExtensionApi | undefined> {
  const ext = vscode.extensions.getExtension<PythonExtensionApi>(PYTHON_EXTENSION_ID);
  if (!ext) return undefined;
  try {
    return ext.isActive ? ext.exports : await withTimeout(ext.activate(), 20_000, 'activating the Python extension');
  } catch {
    return undefined;
  }
}

/** The interpreter selected in the Python extension, as an exec command; undefined if none. */
export async function pythonExtensionInterpreter(log?: (m: string) => void): Promise<string[] | undefined> {
  const api = await pythonExtensionApi();
  if (!api) return undefined;
  const resource = vscode.workspace.workspaceFolders?.[0]?.uri;
  try {
    if (api.environments) {
      const active = api.environments.getActiveEnvironmentPath(resource);
      const env = await withTimeout(api.environments.resolveEnvironment(active), 20_000, 'resolving the Python environment');
      const exe = env?.executable?.uri?.fsPath;
      if (exe) return [exe];
    }
    const cmd = api.settings?.getExecutionDetails?.(resource).execCommand;
    if (cmd && cmd.length > 0) return cmd;
  } catch (e) {
    log?.(`Could not ask the Python extension for its interpreter: ${e instanceof Error ? e.message : String(e)}`);
  }
  return undefined;
}

/** Fires when the Python extension's selected interpreter changes. */
export async function onDidChangePythonInterpreter(listener: () => void): Promise<vscode.Disposable> {
  const api = await pythonExtensionApi();
  const subs: vscode.Disposable[] = [];
  if (api?.environments?.onDidChangeActiveEnvironmentPath) subs.push(api.environments.onDidChangeActiveEnvironmentPath(() => listener()));
  else if (api?.settings?.onDidChangeExecutionDetails) subs.push(api.settings.onDidChangeExecutionDetails(() => listener()));
  return vscode.Disposable.from(...subs);
}

/** Runs the candidate with a tiny script that prints its version. Never throws. */
export function probe(candidate: Candidate): Promise<ProbeResult> {
  return new Promise((resolve) => {
    execFile(
      candidate.command,
      [...candidate.args, '-c', PROBE_SCRIPT],
      { timeout: PROBE_TIMEOUT_MS, windowsHide: true, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === 'ENOENT') resolve({ ok: false, error: 'not found' });
          else if (error.killed) resolve({ ok: false, error: `no answer within ${PROBE_TIMEOUT_MS / 1000} s` });
          else resolve({ ok: false, error: (stderr || error.message).trim().split(/\r?\n/).slice(-1)[0] || error.message });
          return;
        }
        resolve(parseProbeOutput(stdout));
      },
    );
  });
}

/**
 * Searches in the documented order, starting the server with the first candidate while it is
 * probed (core/interpreter: findInterpreterStarting); logs every attempt.
 */
export async function findPython<T>(
  log: (m: string) => void,
  start: (candidate: Candidate) => T,
  discard: (started: T) => void,
): Promise<{ search: SearchResult; started?: T }> {
  const setting = clientOptions().serverPython;
  const candidates = candidateList({
    settingPython: setting ? expandPathSetting(setting) : null,
    pythonExtension: setting ? null : await pythonExtensionInterpreter(log),
  });
  const found = await findInterpreterStarting(candidates, probe, start, discard);
  for (const a of found.search.attempts) {
    const cmd = [a.candidate.command, ...a.candidate.args].join(' ');
    if (a.rejected) log(`Python candidate ${cmd} [${a.candidate.source}]: ${a.rejected}`);
    else if (a.result.ok) log(`Using Python ${a.result.version.join('.')} at ${a.result.executable} (${cmd} [${a.candidate.source}])`);
  }
  return found;
}
