/**
 * Which Python runs the bundled server: the search ORDER and the version rule.
 *
 * Pure logic, no `vscode` import: the probes (running an interpreter, asking the
 * Python extension) are injected, so the order is unit-tested in plain node.
 *
 * Order:
 *  1. `awsConfig.server.python` (authoritative: if it is set but unusable we stop
 *     and say so, instead of silently running some other Python);
 *  2. the interpreter selected in the Python extension (ms-python.python), when
 *     that extension is installed (skipped, with the reason, if it is older than 3.10);
 *  3. `python3`, `python`, `py -3` on PATH.
 */

export const MIN_PYTHON: readonly [number, number] = [3, 10];

export type CandidateSource = 'setting' | 'python-extension' | 'path';

export interface Candidate {
  source: CandidateSource;
  /** Program to run (a path or a name looked up on PATH). */
  command: string;
  /** Arguments that come before ours (e.g. `-3` for the Windows `py` launcher, or a `conda run …` prefix). */
  args: string[];
}

export type ProbeResult =
  | { ok: true; version: [number, number, number]; executable: string }
  | { ok: false; error: string };

/** Runs `candidate` to learn its version. Must never throw. */
export type Probe = (candidate: Candidate) => Promise<ProbeResult>;

export interface Attempt {
  candidate: Candidate;
  result: ProbeResult;
  /** Why it was not used (undefined for the one that was used). */
  rejected?: string;
}

export interface Interpreter {
  candidate: Candidate;
  version: [number, number, number];
  executable: string;
}

export interface SearchResult {
  found?: Interpreter;
  attempts: Attempt[];
  /** True when the search stopped at an explicit setting that was unusable. */
  stoppedAtSetting: boolean;
}

export interface CandidateInputs {
  /** Value of `awsConfig.server.python` (already variable-expanded), empty/undefined if unset. */
  settingPython?: string | null;
  /** The Python extension's interpreter as an exec command (`[python]` or `[conda, run, …, python]`), if any. */
  pythonExtension?: readonly string[] | null;
}

export const PATH_CANDIDATES: readonly Candidate[] = [
  { source: 'path', command: 'python3', args: [] },
  { source: 'path', command: 'python', args: [] },
  { source: 'path', command: 'py', args: ['-3'] },
];

/** The candidates in the order they are tried. */
export function candidateList(inputs: CandidateInputs): Candidate[] {
  const out: Candidate[] = [];
  const setting = (inputs.settingPython ?? '').trim();
  if (setting) {
    out.push({ source: 'setting', command: setting, args: [] });
    return out; // authoritative
  }
  const ext = (inputs.pythonExtension ?? []).filter((s) => typeof s === 'string' && s.length > 0);
  if (ext.length > 0) {
    out.push({ source: 'python-extension', command: ext[0], args: ext.slice(1) });
  }
  out.push(...PATH_CANDIDATES.map((c) => ({ ...c, args: [...c.args] })));
  return out;
}

export function versionAtLeast(
  v: readonly number[],
  min: readonly number[] = MIN_PYTHON,
): boolean {
  for (let i = 0; i < min.length; i++) {
    const a = v[i] ?? 0;
    if (a !== min[i]) return a > min[i];
  }
  return true;
}

export function formatVersion(v: readonly number[]): string {
  return v.join('.');
}

/** Tries the candidates in order; the first usable one wins. Probes run one at a time. */
export async function findInterpreter(
  candidates: readonly Candidate[],
  probe: Probe,
  min: readonly number[] = MIN_PYTHON,
): Promise<SearchResult> {
  const attempts: Attempt[] = [];
  for (const candidate of candidates) {
    let result: ProbeResult;
    try {
      result = await probe(candidate);
    } catch (e) {
      result = { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
    if (result.ok && versionAtLeast(result.version, min)) {
      attempts.push({ candidate, result });
      return {
        found: { candidate, version: result.version, executable: result.executable },
        attempts,
        stoppedAtSetting: false,
      };
    }
    const rejected = result.ok
      ? `Python ${formatVersion(result.version)} is older than ${formatVersion(min)}`
      : result.error;
    attempts.push({ candidate, result, rejected });
    if (candidate.source === 'setting') {
      return { attempts, stoppedAtSetting: true };
    }
  }
  return { attempts, stoppedAtSetting: false };
}

/**
 * `findInterpreter`, with the server started for the first candidate while that candidate is
 * probed: on most machines the first candidate is the one used, and the server's start (its
 * imports take the better part of a second) then overlaps the probe instead of following it.
 * What `start` returned comes back when that candidate is the one found; otherwise it goes
 * to `discard` (a Python too old to be chosen could not run the server anyway).
 */
export async function findInterpreterStarting<T>(
  candidates: readonly Candidate[],
  probe: Probe,
  start: (candidate: Candidate) => T,
  discard: (started: T) => void,
  min: readonly number[] = MIN_PYTHON,
): Promise<{ search: SearchResult; started?: T }> {
  const first = candidates[0];
  const started = first === undefined ? undefined : { value: start(first) };
  const search = await findInterpreter(candidates, probe, min);
  if (started === undefined) return { search };
  if (search.found?.candidate === first) return { search, started: started.value };
  discard(started.value);
  return { search };
}

export function describeCandidate(c: Candidate): string {
  const cmd = [c.command, ...c.args].join(' ');
  switch (c.source) {
    case 'setting':
      return `${cmd} (from awsConfig.server.python)`;
    case 'python-extension':
      return `${cmd} (the Python extension's selected interpreter)`;
    default:
      return `${cmd} (on PATH)`;
  }
}

/** The one error message shown when no Python can run the server. */
export function noPythonMessage(search: SearchResult, min: readonly number[] = MIN_PYTHON): string {
  const need = `Python ${formatVersion(min)} or newer`;
  if (search.stoppedAtSetting && search.attempts.length > 0) {
    const a = search.attempts[search.attempts.length - 1];
    return (
      `AWS Config: the interpreter in "awsConfig.server.python" (${a.candidate.command}) cannot run the ` +
      `language server: ${a.rejected}. Point the setting at ${need}, or clear it to search automatically.`
    );
  }
  return (
    `AWS Config: no ${need} was found to run the language server (tried ${search.attempts
      .map((a) => [a.candidate.command, ...a.candidate.args].join(' '))
      .join(', ')}). Install ${need}, or set "awsConfig.server.python" to its path ` +
    `(or "awsConfig.server.path" to an installed aws-config-ls).`
  );
}

/**
 * The script a probe runs: prints "major.minor.micro" and sys.executable on two lines.
 * Kept to syntax every Python 2/3 understands, so an old interpreter reports its version instead of a SyntaxError.
 */
export const PROBE_SCRIPT =
  'import sys; sys.stdout.write("%d.%d.%d\\n%s\\n" % (sys.version_info[0], sys.version_info[1], sys.version_info[2], sys.executable))';

/** Parses the probe's stdout. */
export function parseProbeOutput(stdout: string): ProbeResult {
  const lines = stdout.split(/\r?\n/);
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec((lines[0] ?? '').trim());
  if (!m) {
    return { ok: false, error: `unexpected output: ${JSON.stringify(stdout.slice(0, 200))}` };
  }
  return {
    ok: true,
    version: [Number(m[1]), Number(m[2]), Number(m[3])],
    executable: (lines[1] ?? '').trim(),
  };
}
