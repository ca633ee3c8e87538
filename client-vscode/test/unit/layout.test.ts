// Checks on the package itself: the pure modules stay free of `vscode`, the generated
// grammars are fresh, and package.json declares every setting the code reads.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { SERVER_OPTION_KEYS } from '../../src/core/serverSettings';

// The test bundle lives in out/test/; the package root is two levels up.
const root = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

describe('layout', () => {
  it('src/core never imports vscode (it is unit-tested in plain node)', () => {
    const dir = path.join(root, 'src', 'core');
    for (const f of fs.readdirSync(dir)) {
      const text = fs.readFileSync(path.join(dir, f), 'utf8');
      assert.doesNotMatch(text, /from\s+['"]vscode['"]|require\(\s*['"]vscode['"]\s*\)/, `${f} imports vscode`);
      assert.doesNotMatch(text, /from\s+['"]\.\.\//, `${f} imports outside src/core`);
    }
  });
  it('the grammars are generated from scripts/build-grammars.mjs', () => {
    execFileSync(process.execPath, [path.join(root, 'scripts', 'build-grammars.mjs'), '--check'], { stdio: 'pipe' });
  });
  it('package.json declares the server settings with descriptions and defaults', () => {
    const props = pkg.contributes.configuration.properties as Record<string, Record<string, unknown>>;
    for (const k of [...SERVER_OPTION_KEYS.map((k) => `awsConfig.${k}`), 'awsConfig.server.python', 'awsConfig.server.path', 'awsConfig.trace.server', 'awsConfig.files.configPatterns', 'awsConfig.files.credentialsPatterns', 'awsConfig.files.botoPatterns']) {
      assert.ok(props[k], `missing setting ${k}`);
      assert.ok(props[k].markdownDescription || props[k].description, `${k} has no description`);
      assert.ok('default' in props[k], `${k} has no default`);
    }
    assert.deepEqual(props['awsConfig.trace.server'].enum, ['off', 'messages', 'verbose']);
    assert.deepEqual((props['awsConfig.severityOverrides'].additionalProperties as { enum: string[] }).enum, ['error', 'warning', 'information', 'hint']);
  });
  it('the pins the build relies on', () => {
    assert.equal(pkg.engines.vscode, '^1.91.0');
    assert.equal(pkg.devDependencies['@types/vscode'], '1.91.0');
    assert.equal(pkg.devDependencies.typescript, '5.9.3');
    assert.equal(pkg.devDependencies['@vscode/vsce'], '3.9.1');
    assert.equal(pkg.devDependencies.esbuild, '0.28.2');
    assert.equal(pkg.dependencies['vscode-languageclient'], '11.0.0');
  });
  it('languages, grammars and file patterns', () => {
    const langs = pkg.contributes.languages as { id: string; filenamePatterns: string[] }[];
    assert.deepEqual(langs.map((l) => l.id), ['aws-config', 'aws-credentials', 'aws-boto']);
    assert.deepEqual(langs[0].filenamePatterns, ['**/.aws/config']);
    assert.deepEqual(langs[1].filenamePatterns, ['**/.aws/credentials']);
    assert.deepEqual(langs[2].filenamePatterns, ['**/.boto', '**/boto.cfg']);
    for (const g of pkg.contributes.grammars as { path: string }[]) assert.ok(fs.existsSync(path.join(root, g.path)), g.path);
  });
  it('activates only for AWS files, not in every window', () => {
    const events = pkg.activationEvents as string[];
    assert.ok(!events.includes('onStartupFinished') && !events.includes('*'), JSON.stringify(events));
    for (const l of ['aws-config', 'aws-credentials', 'aws-boto']) assert.ok(events.includes(`onLanguage:${l}`), l);
    for (const f of ['**/.aws/config', '**/.aws/credentials']) assert.ok(events.includes(`workspaceContains:${f}`), f);
  });
  it('language defaults: Enter never accepts a suggestion, no word-based suggestions', () => {
    for (const l of ['aws-config', 'aws-credentials', 'aws-boto']) {
      const d = pkg.contributes.configurationDefaults[`[${l}]`];
      assert.equal(d['editor.acceptSuggestionOnEnter'], 'off', l);
      assert.equal(d['editor.suggest.insertMode'], 'insert', l);
      assert.equal(d['editor.wordBasedSuggestions'], 'off', l);
      assert.deepEqual(d['editor.quickSuggestions'], { other: 'on', comments: 'off', strings: 'on' }, l);
    }
  });
  it('wordPattern: the word under the cursor is the token the server replaces', () => {
    const lc = JSON.parse(fs.readFileSync(path.join(root, 'language-configuration.json'), 'utf8'));
    const words = (s: string) => s.match(new RegExp(lc.wordPattern, 'g'));
    assert.deepEqual(words('role_arn = arn:aws:iam::444455556666:role/Admin'), ['role_arn', 'arn:aws:iam::444455556666:role/Admin']);
    assert.deepEqual(words('region = us-east-1'), ['region', 'us-east-1']);
    assert.deepEqual(words('output: json'), ['output', 'json']);
    assert.deepEqual(words('[profile new-one]'), ['profile', 'new-one']);
    assert.deepEqual(words('[sso-session corp]'), ['sso-session', 'corp']);
    assert.deepEqual(words('    addressing_style = virtual'), ['addressing_style', 'virtual']);
    assert.deepEqual(words('arn:'), ['arn']);
  });
  it('the icon is a PNG in the package', () => {
    const icon = fs.readFileSync(path.join(root, pkg.icon));
    assert.equal(icon.subarray(1, 4).toString(), 'PNG');
    assert.match(fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8'), new RegExp(`^!${pkg.icon}$`, 'm'));
  });
  it('every contributed command is registered in src/commands.ts', () => {
    const src = fs.readFileSync(path.join(root, 'src', 'commands.ts'), 'utf8') + fs.readFileSync(path.join(root, 'src', 'statusBar.ts'), 'utf8');
    for (const c of pkg.contributes.commands as { command: string }[]) assert.ok(src.includes(`'${c.command}'`), c.command);
  });
});
