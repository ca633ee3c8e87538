import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  baseName,
  explainToMarkdown,
  formatValue,
  mdCode,
  mdEscape,
  profileDescription,
  profileNames,
  sourceChainText,
  statusFromExplain,
} from '../../src/core/explain';

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
    assert.match(md, /- \*\*Config file:\*\* `\/home\/me\/\.aws\/config` — exists, from AWS\\_CONFIG\\_FILE/);
    assert.match(md, /- \*\*Credentials file:\*\* `\/home\/me\/\.aws\/credentials`/);
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

// The shape the server sends (aws_config_ls/explain.py), for a role chained from an SSO profile.
const server = {
  profile: { name: 'prod-admin', selected_by: 'AWS_PROFILE' },
  files: {
    config: { path: '/home/me/.aws/config', chosen_by: 'AWS_CONFIG_FILE', exists: true, error: null },
    credentials: { path: '/home/me/.aws/credentials', chosen_by: 'default', exists: false, error: null },
    boto: [{ path: '/home/me/.boto', chosen_by: 'default', exists: true, error: null }],
    ec2_credentials: null,
  },
  credentials: {
    method: 'assume-role',
    error: null,
    tier: 'tier 4 of 14: assume role',
    location: { path: '/home/me/.aws/config', line: 11 },
    source_chain: [{ profile: 'prod-admin', via: 'source_profile', source: 'dev', method: 'sso' }],
    chain: [
      { tier: 3, name: 'environment variables', method: 'env', status: 'not-applicable', reason: 'removed: the profile is passed explicitly' },
      { tier: 4, name: 'assume role', method: 'assume-role', status: 'used', reason: 'STS AssumeRole is called on first use' },
    ],
  },
  settings: {
    region: { value: null, source: 'unset', location: null, shadowed: [], error: null },
    api_versions: {
      value: { ec2: '2015-03-01', s3: '2006-03-01' },
      source: 'config-file',
      location: { path: '/home/me/.aws/config', line: 13 },
      shadowed: [{ value: {}, source: 'default', location: null }],
      error: null,
    },
  },
};

describe('explain report of a server result', () => {
  const md = explainToMarkdown(server);
  it('boto files are listed, not dumped as JSON; chosen_by is shown', () => {
    assert.match(md, /- \*\*Boto files:\*\* `\/home\/me\/\.boto` — exists, the default location/);
    assert.match(md, /- \*\*Config file:\*\* `\/home\/me\/\.aws\/config` — exists, from AWS\\_CONFIG\\_FILE/);
    assert.match(md, /- \*\*Credentials file:\*\* `\/home\/me\/\.aws\/credentials` — missing, the default location/);
    assert.match(md, /- \*\*EC2 credentials file:\*\* _\(none\)_/);
    assert.doesNotMatch(md, /"path"|\[object Object\]/);
  });
  it('nested values read as key = value pairs', () => {
    assert.match(md, /\| `api_versions` \| `ec2 = 2015-03-01; s3 = 2006-03-01` \| config-file \| \/home\/me\/\.aws\/config:13 \| default = \(empty\) \|/);
  });
  it('the source-profile chain, the tier and where the credentials are configured', () => {
    assert.match(md, /\*\*Source profiles:\*\* prod-admin → dev \(sso\)/);
    assert.match(md, /\*\*Method:\*\* `assume-role` \(tier 4 of 14: assume role\)/);
    assert.match(md, /\*\*Configured at:\*\* `\/home\/me\/\.aws\/config:11`/);
  });
  it('a profile picked in the list reads "as if this profile were selected"', () => {
    const picked = explainToMarkdown({ ...server, profile: { name: 'prod-admin', selected_by: 'explicit' } }, { asIfSelected: true });
    assert.match(picked, /\*\*Selected by:\*\* _as if this profile were selected_/);
    assert.doesNotMatch(picked, /Selected by:\*\* explicit/);
    assert.doesNotMatch(picked, /removed/);
    assert.match(picked, /\| 3 \| `env` \| not applicable \| a profile passed to Session\(profile\\_name=…\) does not read/);
  });
  it('the selection is said in words', () => {
    assert.match(explainToMarkdown({ profile: { name: 'default', selected_by: 'default' } }), /nothing else selects a profile, so `default`/);
    assert.match(explainToMarkdown({ profile: { name: 'x', selected_by: 'explicit' } }), /awsConfig\.explicitProfile/);
  });
});

describe('formatValue and sourceChainText', () => {
  it('formats every JSON value', () => {
    assert.equal(formatValue(null), '(unset)');
    assert.equal(formatValue('us-east-1'), 'us-east-1');
    assert.equal(formatValue(3), '3');
    assert.equal(formatValue(false), 'false');
    assert.equal(formatValue({}), '(empty)');
    assert.equal(formatValue({ a: { b: 1 } }), 'a = b = 1');
    assert.equal(formatValue(['a', 1]), 'a, 1');
  });
  it('chains of several hops and credential_source', () => {
    assert.equal(
      sourceChainText([
        { profile: 'a', via: 'source_profile', source: 'b', method: 'assume-role' },
        { profile: 'b', via: 'source_profile', source: 'c', method: 'shared-credentials-file' },
      ]),
      'a → b (assume-role) → c (shared-credentials-file)',
    );
    assert.equal(sourceChainText([{ profile: 'a', via: 'credential_source', source: 'Environment', method: 'env' }]), 'a → Environment [credential_source] (env)');
    assert.equal(sourceChainText([]), null);
    assert.equal(sourceChainText('x'), null);
  });
});

describe('status bar details', () => {
  it('an unset region says "not set" once', () => {
    const v = statusFromExplain(server);
    assert.match(v.tooltip, /\*\*Region:\*\* not set(  \n|$)/);
    assert.doesNotMatch(v.tooltip, /\(unset\)|\(not set\)/);
  });
  it('a simulated profile is marked in the text and the tooltip', () => {
    const v = statusFromExplain({ profile: { name: 'dev', selected_by: 'AWS_PROFILE' }, credentials: { method: 'sso' } }, { simulated: 'dev' });
    assert.equal(v.text, 'AWS: dev (sso, simulated)');
    assert.match(v.tooltip, /\*\*Simulated:\*\* `AWS_PROFILE=dev` in this workspace only/);
    assert.equal(statusFromExplain({ profile: { name: 'dev' }, credentials: { method: 'sso' } }).text, 'AWS: dev (sso)');
  });
});

describe('profile quick pick descriptions', () => {
  it('file names, not paths; the real and the simulated profile marked', () => {
    assert.equal(baseName('/home/me/.aws/config'), 'config');
    assert.equal(baseName('C:\\Users\\me\\.aws\\credentials'), 'credentials');
    const files = ['/home/me/.aws/config', '/home/me/.aws/credentials'];
    assert.equal(profileDescription('dev', files, { real: 'default', simulated: null }), 'config, credentials');
    assert.equal(profileDescription('default', files, { real: 'default', simulated: 'dev' }), 'config, credentials · selected by your environment');
    assert.equal(profileDescription('dev', files.slice(0, 1), { real: 'default', simulated: 'dev' }), 'config · simulated now');
  });
});
