#!/usr/bin/env node
// Builds bundled/libs: the language server package (the repository root, `..`) and its
// pure-Python dependencies, installed with pip --target so that the extension can run
// `<python> -m aws_config_ls serve` with PYTHONPATH=bundled/libs and nothing installed.
//
//  - only `py3-none-any` wheels (--only-binary=:all: --platform any --abi none): one
//    bundle for every OS and every Python ≥ 3.10; a dependency without such a wheel fails
//    the build instead of shipping something that works on one machine only;
//  - dependencies that only older Pythons need (environment markers) are added too
//    (scripts/missing_requirements.py), since pip evaluates markers for its own Python;
//  - no .pyc files, no bin/ scripts; then every module is imported from the bundle.
//
// Python used: $AWS_CONFIG_LS_BUNDLE_PYTHON, else $PYTHON, else python3 (python on Windows).
// It needs pip and the package index (or a pip cache/find-links) to reach the dependencies.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const extRoot = resolve(here, '..');
const repoRoot = resolve(extRoot, '..');
const libs = join(extRoot, 'bundled', 'libs');
const python =
  process.env.AWS_CONFIG_LS_BUNDLE_PYTHON || process.env.PYTHON || (process.platform === 'win32' ? 'python' : 'python3');
const MIN_MINOR = 10; // keep in sync with MIN_PYTHON in src/core/interpreter.ts
const MAX_MINOR = 14;

function run(args, opts = {}) {
  console.log(`$ ${python} ${args.join(' ')}`);
  return execFileSync(python, args, { stdio: opts.capture ? ['ignore', 'pipe', 'inherit'] : 'inherit', encoding: 'utf8', ...opts });
}

function fail(msg) {
  console.error(`bundle-python: ${msg}`);
  process.exit(1);
}

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

// --check (run by vscode:prepublish): the bundle exists, and holds no bytecode that a
// Python run since the bundling wrote (vsce cannot exclude files inside bundled/libs).
if (process.argv.includes('--check')) {
  if (!existsSync(join(libs, 'aws_config_ls', '__main__.py'))) {
    fail(`no bundled server in ${libs}: run npm run bundle:python (npm run package does)`);
  }
  let removed = 0;
  for (const d of readdirSync(libs, { recursive: true }).filter((p) => p.endsWith('__pycache__'))) {
    if (existsSync(join(libs, d))) {
      rmSync(join(libs, d), { recursive: true, force: true });
      removed++;
    }
  }
  console.log(`bundled/libs ok${removed ? ` (removed ${removed} __pycache__ directories)` : ''}`);
  process.exit(0);
}

if (!existsSync(join(repoRoot, 'pyproject.toml')) || !existsSync(join(repoRoot, 'aws_config_ls'))) {
  fail(`${repoRoot} is not the aws-config-ls repository (no pyproject.toml / aws_config_ls)`);
}
try {
  run(['-m', 'pip', '--version']);
} catch {
  fail(`${python} has no pip: set AWS_CONFIG_LS_BUNDLE_PYTHON to a Python with pip (a venv is fine)`);
}

const tmp = mkdtempSync(join(tmpdir(), 'aws-config-ls-bundle-'));
try {
  rmSync(join(extRoot, 'bundled'), { recursive: true, force: true });
  run(['-m', 'pip', 'wheel', '--no-deps', '--quiet', '--wheel-dir', tmp, repoRoot]);
  const wheel = readdirSync(tmp).find((f) => f.startsWith('aws_config_ls-') && f.endsWith('.whl'));
  if (!wheel) fail(`pip wheel made no aws_config_ls wheel in ${tmp}`);

  const pipInstall = (extra) =>
    run([
      '-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--no-compile', '--no-warn-conflicts', '--root-user-action=ignore',
      '--target', libs,
      '--only-binary=:all:', '--platform', 'any', '--implementation', 'py', '--abi', 'none',
      '--python-version', `3.${MIN_MINOR}`,
      join(tmp, wheel), ...extra,
    ]);

  let extra = [];
  for (let round = 0; ; round++) {
    rmSync(libs, { recursive: true, force: true });
    pipInstall(extra);
    const missing = run([join(here, 'missing_requirements.py'), libs, String(MIN_MINOR), String(MAX_MINOR)], { capture: true })
      .split(/\r?\n/)
      .map((s) => s.trim())
      .filter(Boolean);
    const next = [...new Set([...extra, ...missing])];
    if (missing.length === 0) break;
    if (round >= 3 || next.length === extra.length) fail(`could not satisfy: ${missing.join(', ')}`);
    console.log(`adding requirements for older Pythons: ${missing.join(', ')}`);
    extra = next;
  }

  // Nothing compiled, no scripts, no bytecode.
  rmSync(join(libs, 'bin'), { recursive: true, force: true });
  const files = walk(libs);
  const binaries = files.filter((f) => /\.(so|pyd|dylib|dll|exe)$/i.test(f) || /\.so\./.test(f));
  if (binaries.length) fail(`compiled files in the bundle:\n  ${binaries.map((f) => relative(libs, f)).join('\n  ')}`);
  for (const f of walk(libs).filter((f) => f.endsWith('.pyc'))) rmSync(f);
  for (const d of readdirSync(libs, { recursive: true }).filter((p) => p.endsWith('__pycache__'))) {
    rmSync(join(libs, d), { recursive: true, force: true });
  }

  // Every top-level module imports from the bundle (not from the Python's site-packages).
  const check = `
import importlib, os, sys
libs = os.path.realpath(sys.argv[1])
mods = ["aws_config_ls", "pygls", "lsprotocol", "cattrs", "attrs", "boto3", "botocore"]
for m in mods:
    mod = importlib.import_module(m)
    f = os.path.realpath(mod.__file__)
    if not f.startswith(libs + os.sep):
        sys.exit("%s imported from %s, not from the bundle" % (m, f))
print("imports from the bundle: " + ", ".join(mods))
`;
  execFileSync(python, ['-B', '-c', check, libs], {
    stdio: 'inherit',
    env: { ...process.env, PYTHONPATH: libs, PYTHONNOUSERSITE: '1', PYTHONDONTWRITEBYTECODE: '1' },
  });

  const versions = run(['-m', 'pip', 'list', '--path', libs, '--format', 'freeze', '--disable-pip-version-check'], { capture: true });
  writeFileSync(join(extRoot, 'bundled', 'VERSIONS.txt'), versions);
  const size = walk(libs).reduce((n, f) => n + statSync(f).size, 0);
  console.log(`bundled/libs: ${versions.trim().split(/\r?\n/).length} distributions, ${(size / 1e6).toFixed(1)} MB\n${versions}`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
