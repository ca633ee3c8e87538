import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { explainToMarkdown, mdCode, mdEscape, profileNames, statusFromExplain } from '../../src/core/explain';

const sample = {
  profile: { name: 'dev', selected_by: 'AWS_PROFILE' },
  files: {
    config: { path: '/home/me/.aws/config', exists: true, source: 'AWS_CONFIG_FILE' },
    credentials: '/home/me/.aws/credentials',
  },
  credentials: {
    method: 'sso',
    error: null,
    chain: [
      { tier: 1, method: 'env', status: 'skipped', reason: 'AWS_ACCESS_KEY_ID is not set' },
      { tier: 2, method: 'assume-role', status: 'not-applicable', reason: 'no role_arn | source_profile' },
      { tier: 6, method: 'sso', status: 'used', reason: 'sso_session = my-sso' },
    ],
  },
  settings: {
    region: {
      value: 'us-west-2',
      source: 'config file',
      location: { path: '/home/me/.aws/config', line: 7 },
      shadowed: [{ source: 'AWS_DEFAULT_REGION', value: 'eu-west-1', location: null }],
    },
    output: { value: null, source: 'default', location: null, shadowed: [] },
  },
};

describe('statusFromExplain', () => {
  it('shows profile and method', () => {
    const v = statusFromExplain(sample);
    assert.equal(v.text, 'AWS: dev (sso)');
    assert.equal(v.warning, false);
    assert.match(v.tooltip, /selected by AWS_PROFILE/);
    assert.match(v.tooltip, /us-west-2/);
  });
  it('says none when there is no method and no error', () => {
    const v = statusFromExplain({ ...sample, credentials: { method: null, error: null, chain: [] } });
    assert.equal(v.text, 'AWS: dev (none)');
    assert.equal(v.warning, false);
  });
  it('warns with the error type and message', () => {
    const v = statusFromExplain({
      ...sample,
      credentials: { method: 'sso', error: { type: 'TokenRetrievalError', message: 'token expired' }, chain: [] },
    });
    assert.equal(v.text, 'AWS: dev (sso)');
    assert.equal(v.warning, true);
    assert.match(v.tooltip, /TokenRetrievalError: token expired/);
  });
  it('says error when the chain failed before finding a method', () => {
    const v = statusFromExplain({
      profile: { name: 'x', selected_by: 'default' },
      credentials: { method: null, error: { type: 'ProfileNotFound', message: 'The config profile (x) could not be found' } },
    });
    assert.equal(v.text, 'AWS: x (error)');
    assert.equal(v.warning, true);
  });
  it('survives a malformed result', () => {
    for (const bad of [null, undefined, 42, 'x', [], {}, { profile: 'dev' }, { credentials: [] }]) {
      const v = statusFromExplain(bad);
      assert.match(v.text, /^AWS: /);
    }
    assert.equal(statusFromExplain({}).text, 'AWS: ? (none)');
  });
  it('the e2e fixture: env credentials for the default profile', () => {
    const v = statusFromExplain({
      profile: { name: 'default', selected_by: 'default' },
      credentials: { method: 'env', error: null, chain: [] },
    });
    assert.ok(v.text.startsWith('AWS: default'));
    assert.ok(v.text.includes('(env)'));
  });
});

describe('explainToMarkdown', () => {
  const md = explainToMarkdown(sample);
  it('names the profile and what selects it', () => {
    assert.match(md, /^# AWS profile `dev`/);
    assert.match(md, /\*\*Selected by:\*\* AWS\\_PROFILE/);
  });
  it('renders the chain as a table with statuses and reasons', () => {
    assert.match(md, /\| Tier \| Method \| Status \| Reason \|/);
    assert.match(md, /\| 1 \| `env` \| skipped \| AWS\\_ACCESS\\_KEY\\_ID is not set \|/);
    assert.match(md, /\| 6 \| `sso` \| \*\*used\*\* \|/);
    assert.match(md, /\| not applicable \|/);
    // a | in a reason must not break the table
    assert.match(md, /no role\\_arn \\\| source\\_profile/);
  });
  it('renders the settings with value, source, location and shadowed', () => {
    assert.match(md, /\| `region` \| `us-west-2` \| config file \| \/home\/me\/\.aws\/config:7 \| AWS\\_DEFAULT\\_REGION = eu-west-1 \|/);
    assert.match(md, /\| `output` \| _\(unset\)_ \| default \|/);
  });
  it('lists the files', () => {
    assert.match(md, /- \*\*config:\*\* `\/home\/me\/\.aws\/config` — exists, from AWS\\_CONFIG\\_FILE/);
    assert.match(md, /- \*\*credentials:\*\* `\/home\/me\/\.aws\/credentials`/);
  });
  it('shows the error', () => {
    const m = explainToMarkdown({
      ...sample,
      credentials: { method: null, error: { type: 'ProfileNotFound', message: 'no such profile' }, chain: [] },
    });
    assert.match(m, /\*\*Error: ProfileNotFound\*\* — no such profile/);
    assert.match(m, /\*\*Method:\*\* _none_/);
  });
  it('every table row has the same number of cells as its header', () => {
    const rows = md.split('\n').filter((l) => l.startsWith('|'));
    const cells = (l: string) => l.replace(/\\\|/g, '').split('|').length;
    const chainRows = rows.filter((r) => cells(r) === cells('| Tier | Method | Status | Reason |'));
    const settingRows = rows.filter((r) => cells(r) === cells('| Setting | Value | Source | Location | Shadowed |'));
    assert.equal(chainRows.length + settingRows.length, rows.length);
  });
  it('survives a malformed result', () => {
    for (const bad of [null, {}, { credentials: { chain: [null, 3, { tier: 'x' }] } }, { settings: { a: null } }]) {
      assert.equal(typeof explainToMarkdown(bad), 'string');
    }
  });
});

describe('markdown helpers', () => {
  it('escapes markdown syntax', () => {
    assert.equal(mdEscape('a_b*c|d'), 'a\\_b\\*c\\|d');
    assert.equal(mdEscape('two\nlines'), 'two lines');
  });
  it('fences code that contains backticks', () => {
    assert.equal(mdCode('plain'), '`plain`');
    assert.equal(mdCode('a`b'), '``a`b``');
    assert.equal(mdCode('`x'), '`` `x ``');
  });
});

describe('profileNames', () => {
  it('keeps order, drops duplicates and junk', () => {
    assert.deepEqual(
      profileNames({
        profiles: [
          { name: 'default', files: ['config', 'credentials'] },
          { name: 'dev', files: ['config'] },
          { name: 'dev', files: ['credentials'] },
          { nope: 1 },
          'x',
        ],
      }),
      [
        { name: 'default', files: ['config', 'credentials'] },
        { name: 'dev', files: ['config'] },
      ],
    );
    assert.deepEqual(profileNames(null), []);
    assert.deepEqual(profileNames({ profiles: 'x' }), []);
  });
});
