#!/usr/bin/env node
// Protocol-level smoke test of the server the extension ships: runs
// `<python> -m aws_config_ls serve` with PYTHONPATH=<libs> (as the extension does) and
// checks, over stdio, everything the extension relies on: diagnostics, completion,
// hover, awsConfig/explain and awsConfig/profiles (shapes the status bar and the report
// read), awsConfig/graph (the profiles graph), and a clean shutdown. Same fixture and
// expectations as the e2e test.
//
//   node scripts/smoke-server.mjs --libs <dir with aws_config_ls> [--python python3]
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
// vscode-languageclient's own protocol layer (locked in package-lock.json)
const {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter,
} = require('vscode-languageserver-protocol/node');

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const libs = opt('--libs');
const python = opt('--python', 'python3');
if (!libs) {
  console.error('usage: smoke-server.mjs --libs DIR [--python PYTHON]');
  process.exit(2);
}
const TIMEOUT = 20000;

const dir = mkdtempSync(join(tmpdir(), 'aws-config-ls-smoke-'));
mkdirSync(join(dir, 'home', '.aws'), { recursive: true });
const config = join(dir, 'home', '.aws', 'config');
const credentials = join(dir, 'home', '.aws', 'credentials');
const text = [
  '[default]',
  'region = us-east-1',
  'aws_access_key_id = AKIAI44QH8DHBEXAMPLE',
  'aws_secret_access_key = je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
  '',
  '[profile dev]',
  'regoin = us-west-2',
  '',
].join('\n');
writeFileSync(config, text);
writeFileSync(credentials, '[dev]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n');
const uri = pathToFileURL(config).href;
const options = {
  environment: {
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_CONFIG_FILE: config,
    AWS_SHARED_CREDENTIALS_FILE: credentials,
  },
  inheritEnvironment: true,
  explicitProfile: null,
  severityOverrides: {},
  disabledCodes: [],
  portabilityChecks: true,
};

let passed = 0;
let failed = 0;
const t0 = Date.now();
const say = (m) => console.log(`[${((Date.now() - t0) / 1000).toFixed(2)}s] ${m}`);
function withTimeout(p, what, ms = TIMEOUT) {
  let t;
  return Promise.race([p, new Promise((_, rej) => (t = setTimeout(() => rej(new Error(`timeout: ${what}`)), ms)))]).finally(() => clearTimeout(t));
}
async function check(name, fn) {
  try {
    const d = await fn();
    passed++;
    say(`PASS ${name}${d ? `: ${d}` : ''}`);
  } catch (e) {
    failed++;
    say(`FAIL ${name}: ${e.message}`);
  }
}
const assert = (c, m) => {
  if (!c) throw new Error(m);
};
const short = (v) => JSON.stringify(v).slice(0, 200);

const child = spawn(python, ['-m', 'aws_config_ls', 'serve'], {
  cwd: dir,
  // the simulation must not see this machine's AWS settings
  env: { PATH: process.env.PATH, HOME: join(dir, 'home'), LANG: 'C.UTF-8', PYTHONPATH: resolve(libs), PYTHONSAFEPATH: '1', PYTHONDONTWRITEBYTECODE: '1' },
  stdio: ['pipe', 'pipe', 'pipe'],
});
let stderr = '';
child.stderr.on('data', (d) => (stderr += d));
const exited = new Promise((res) => child.on('exit', (code, signal) => res({ code, signal })));
const conn = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
const diagnostics = [];
let onDiagnostics = () => {};
conn.onNotification('textDocument/publishDiagnostics', (p) => {
  if (p.uri === uri) diagnostics.push(p);
  onDiagnostics();
});
conn.onNotification(() => {});
conn.onRequest('workspace/configuration', (p) => p.items.map((i) => (i.section === 'awsConfig' ? options : null)));
conn.onRequest(() => null);
conn.listen();

const deadline = setTimeout(() => {
  console.error('smoke test: overall timeout');
  child.kill('SIGKILL');
  process.exit(1);
}, 90000);

try {
  let init;
  await check('initialize', async () => {
    init = await withTimeout(
      Promise.race([
        conn.sendRequest('initialize', {
          processId: process.pid,
          rootUri: pathToFileURL(dir).href,
          workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'smoke' }],
          initializationOptions: options,
          capabilities: {
            workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
            textDocument: {
              hover: { contentFormat: ['markdown', 'plaintext'] },
              completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown'] } },
              publishDiagnostics: { relatedInformation: true },
            },
          },
        }),
        exited.then((e) => {
          throw new Error(`server exited: ${JSON.stringify(e)}\n${stderr.slice(-2000)}`);
        }),
      ]),
      'initialize',
    );
    return `${init.serverInfo ? `${init.serverInfo.name} ${init.serverInfo.version ?? ''}` : 'no serverInfo'}`;
  });
  if (!init) throw new Error('the server did not initialize');
  await conn.sendNotification('initialized', {});
  await conn.sendNotification('workspace/didChangeConfiguration', { settings: { awsConfig: options } });

  await check('warning on `regoin` (line 7) mentioning `region`', async () => {
    const got = new Promise((res) => {
      onDiagnostics = () => {
        const d = diagnostics.flatMap((p) => p.diagnostics).find((x) => x.range.start.line === 6);
        if (d) res(d);
      };
    });
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'aws-config', version: 1, text } });
    const d = await withTimeout(got, 'publishDiagnostics with a problem on line 7');
    assert(d.severity === 2, `severity ${d.severity}, expected 2 (Warning)`);
    assert(d.range.start.character === 0, `starts at character ${d.range.start.character}`);
    assert(/region/.test(d.message), `message: ${d.message}`);
    return `${d.code ?? ''} ${d.message}`;
  });

  await check('completion on the empty line in [profile dev] offers `region`', async () => {
    const r = await withTimeout(conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 7, character: 0 } }), 'completion');
    const items = Array.isArray(r) ? r : r?.items ?? [];
    const labels = items.map((i) => i.label);
    assert(labels.includes('region'), `labels: ${short(labels)}`);
    return `${labels.length} items`;
  });

  await check('hover on aws_access_key_id names a tier and AWS_ACCESS_KEY_ID', async () => {
    const h = await withTimeout(conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 3 } }), 'hover');
    const c = h?.contents;
    const value = typeof c === 'string' ? c : Array.isArray(c) ? c.map((x) => x.value ?? x).join('\n') : c?.value ?? '';
    assert(/\btiers?\b/i.test(value), `no "tier": ${short(value)}`);
    assert(value.includes('AWS_ACCESS_KEY_ID'), `no AWS_ACCESS_KEY_ID: ${short(value)}`);
    return short(value.replace(/\s+/g, ' ').slice(0, 100));
  });

  const chainOk = (chain) =>
    Array.isArray(chain) &&
    chain.every((c) => typeof c.tier === 'number' && typeof c.method === 'string' && ['used', 'skipped', 'not-applicable', 'error'].includes(c.status) && typeof c.reason === 'string');

  await check('awsConfig/explain {profile: null}: the status bar shape, default (env)', async () => {
    const r = await withTimeout(conn.sendRequest('awsConfig/explain', { profile: null }), 'awsConfig/explain');
    assert(r && r.profile && typeof r.profile.name === 'string' && typeof r.profile.selected_by === 'string', `profile: ${short(r?.profile)}`);
    assert(r.profile.name === 'default', `profile ${r.profile.name}`);
    assert(r.credentials && 'method' in r.credentials && 'error' in r.credentials, `credentials: ${short(r.credentials)}`);
    assert(r.credentials.method === 'env', `method ${r.credentials.method}`);
    assert(r.credentials.error === null, `error ${short(r.credentials.error)}`);
    assert(chainOk(r.credentials.chain), `chain: ${short(r.credentials.chain)}`);
    assert(r.files && typeof r.files === 'object', 'no files');
    assert(r.settings && typeof r.settings === 'object', 'no settings');
    for (const [k, s] of Object.entries(r.settings)) {
      assert('value' in s && typeof s.source === 'string' && Array.isArray(s.shadowed) && (s.location === null || typeof s.location?.path === 'string'), `settings.${k}: ${short(s)}`);
    }
    return `AWS: ${r.profile.name} (${r.credentials.method}), selected by ${r.profile.selected_by}, ${r.credentials.chain.length} tiers`;
  });

  await check('awsConfig/explain {profile: "dev"}', async () => {
    const r = await withTimeout(conn.sendRequest('awsConfig/explain', { profile: 'dev' }), 'awsConfig/explain dev');
    assert(r?.profile?.name === 'dev', `profile: ${short(r?.profile)}`);
    assert(chainOk(r.credentials?.chain), `chain: ${short(r.credentials?.chain)}`);
    return `method ${r.credentials.method}, error ${short(r.credentials.error)}`;
  });

  await check('awsConfig/profiles', async () => {
    const r = await withTimeout(conn.sendRequest('awsConfig/profiles', {}), 'awsConfig/profiles');
    assert(Array.isArray(r?.profiles), `result: ${short(r)}`);
    for (const p of r.profiles) assert(typeof p.name === 'string' && Array.isArray(p.files), `profile: ${short(p)}`);
    const names = r.profiles.map((p) => p.name);
    assert(names.includes('default') && names.includes('dev'), `names: ${short(names)}`);
    return short(r.profiles);
  });

  await check('awsConfig/graph {profile: null}: the profiles graph, default selected', async () => {
    const r = await withTimeout(conn.sendRequest('awsConfig/graph', { profile: null }), 'awsConfig/graph');
    assert(Array.isArray(r?.nodes) && Array.isArray(r.edges) && Array.isArray(r.groups), `result: ${short(r)}`);
    for (const n of r.nodes) {
      assert(typeof n.id === 'string' && typeof n.label === 'string' && ['profile', 'source'].includes(n.kind) && typeof n.selected === 'boolean', `node: ${short(n)}`);
      assert(n.location === null || (typeof n.location.uri === 'string' && typeof n.location.line === 'number'), `location: ${short(n)}`);
    }
    const ids = new Set(r.nodes.map((n) => n.id));
    for (const e of r.edges) assert(ids.has(e.source) && ids.has(e.target) && typeof e.label === 'string', `edge: ${short(e)}`);
    const profiles = r.nodes.filter((n) => n.kind === 'profile');
    assert(profiles.map((n) => n.label).sort().join() === 'default,dev', `profiles: ${short(profiles)}`);
    assert(r.selected === 'default' && profiles.find((n) => n.selected)?.label === 'default', `selected: ${short(r.selected)}`);
    return `${r.nodes.length} nodes, ${r.edges.length} edges`;
  });

  await check('shutdown and exit 0', async () => {
    await withTimeout(conn.sendRequest('shutdown'), 'shutdown');
    await conn.sendNotification('exit');
    const e = await withTimeout(exited, 'exit after the exit notification', 10000);
    assert(e.code === 0, `exit ${JSON.stringify(e)}`);
  });
} catch (e) {
  failed++;
  say(`FAIL ${e.message}`);
} finally {
  clearTimeout(deadline);
  if (child.exitCode === null) child.kill('SIGKILL');
  conn.dispose();
  rmSync(dir, { recursive: true, force: true });
}
if (failed && stderr.trim()) console.log(`server stderr (last lines):\n${stderr.trim().split('\n').slice(-15).join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
