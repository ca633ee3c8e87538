import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  configurationItemFor,
  readClientOptions,
  readServerOptions,
  selectedProfile,
  SERVER_OPTION_KEYS,
  serverLaunch,
  withSimulation,
} from '../../src/core/serverSettings';

/** A getter over a flat map of dotted keys, like WorkspaceConfiguration.get on section "awsConfig". */
const getter = (values: Record<string, unknown>) => (key: string) => values[key];

describe('readServerOptions', () => {
  it('gives the documented defaults', () => {
    assert.deepEqual(readServerOptions(getter({})), {
      environment: {},
      inheritEnvironment: true,
      explicitProfile: null,
      severityOverrides: {},
      disabledCodes: [],
      portabilityChecks: true,
      codeLens: true,
      inlayHintsHeaders: true,
      inlayHintsChains: true,
      extraFiles: [],
    });
  });
  it('has exactly the camelCase keys the server reads', () => {
    assert.deepEqual(Object.keys(readServerOptions(getter({}))), [...SERVER_OPTION_KEYS]);
    assert.deepEqual([...SERVER_OPTION_KEYS], [
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
    ]);
  });
  it('passes the values through', () => {
    const o = readServerOptions(
      getter({
        environment: { AWS_PROFILE: 'dev', AWS_CONFIG_FILE: '/tmp/c' },
        inheritEnvironment: false,
        explicitProfile: 'prod',
        severityOverrides: { 'unknown-key': 'hint', 'dup-key': 'ERROR' },
        disabledCodes: ['a', 'b'],
        portabilityChecks: false,
        codeLens: false,
        inlayHintsHeaders: false,
        inlayHintsChains: false,
        extraFiles: ['**/dotfiles/aws/config', '~/dot_aws/credentials'],
      }),
    );
    assert.deepEqual(o, {
      environment: { AWS_PROFILE: 'dev', AWS_CONFIG_FILE: '/tmp/c' },
      inheritEnvironment: false,
      explicitProfile: 'prod',
      severityOverrides: { 'unknown-key': 'hint', 'dup-key': 'error' },
      disabledCodes: ['a', 'b'],
      portabilityChecks: false,
      codeLens: false,
      inlayHintsHeaders: false,
      inlayHintsChains: false,
      extraFiles: ['**/dotfiles/aws/config', '~/dot_aws/credentials'],
    });
  });
  it('keeps the lens and hint defaults for non-booleans, and takes one glob as a string', () => {
    const o = readServerOptions(getter({ codeLens: 'false', inlayHintsHeaders: 0, inlayHintsChains: null, extraFiles: ' **/dotfiles/aws/config ' }));
    assert.equal(o.codeLens, true);
    assert.equal(o.inlayHintsHeaders, true);
    assert.equal(o.inlayHintsChains, true);
    assert.deepEqual(o.extraFiles, ['**/dotfiles/aws/config']);
    assert.deepEqual(readServerOptions(getter({ extraFiles: ['a', 3, '', null, ' b '] })).extraFiles, ['a', 'b']);
    assert.deepEqual(readServerOptions(getter({ extraFiles: { a: 1 } })).extraFiles, []);
  });
  it('normalises and reports bad values', () => {
    const problems: string[] = [];
    const o = readServerOptions(
      getter({
        environment: { N: 1, B: true, X: null, O: { a: 1 }, S: 's' },
        explicitProfile: '  ',
        severityOverrides: { a: 'info', b: 'fatal' },
        disabledCodes: ['x', 3, '', ' y '],
        inheritEnvironment: 'yes',
      }),
      problems,
    );
    assert.deepEqual(o.environment, { N: '1', B: 'true', S: 's' });
    assert.equal(o.explicitProfile, null);
    assert.deepEqual(o.severityOverrides, { a: 'information' });
    assert.deepEqual(o.disabledCodes, ['x', 'y']);
    assert.equal(o.inheritEnvironment, true);
    assert.equal(problems.length, 3);
    assert.ok(problems.some((p) => p.includes('fatal')));
  });
  it('rejects a non-object environment', () => {
    const problems: string[] = [];
    assert.deepEqual(readServerOptions(getter({ environment: ['AWS_PROFILE=dev'] }), problems).environment, {});
    assert.equal(problems.length, 1);
  });
});

describe('readClientOptions', () => {
  it('reads the client-only settings', () => {
    assert.deepEqual(
      readClientOptions(
        getter({
          'server.python': ' /usr/bin/python3 ',
          'server.path': '',
          'trace.server': 'verbose',
          'files.configPatterns': ['**/aws/*.conf'],
          'files.credentialsPatterns': 'not-an-array',
        }),
      ),
      {
        serverPython: '/usr/bin/python3',
        serverPath: null,
        trace: 'verbose',
        configPatterns: ['**/aws/*.conf'],
        credentialsPatterns: [],
        botoPatterns: [],
      },
    );
    assert.equal(readClientOptions(getter({ 'trace.server': 'loud' })).trace, 'off');
  });
});

describe('configurationItemFor', () => {
  const g = getter({ environment: { AWS_PROFILE: 'dev' }, 'server.python': '/x', portabilityChecks: false });
  it('answers the whole section with the initializationOptions object (no client-only keys)', () => {
    assert.deepEqual(configurationItemFor('awsConfig', g), readServerOptions(g));
    assert.equal((configurationItemFor('awsConfig', g) as Record<string, unknown>).server, undefined);
  });
  it('answers a sub-section with its value', () => {
    assert.deepEqual(configurationItemFor('awsConfig.environment', g), { AWS_PROFILE: 'dev' });
    assert.equal(configurationItemFor('awsConfig.portabilityChecks', g), false);
    assert.equal(configurationItemFor('awsConfig.codeLens', g), true);
    assert.deepEqual(configurationItemFor('awsConfig.extraFiles', g), []);
  });
  it('leaves other sections alone', () => {
    assert.equal(configurationItemFor('python', g), undefined);
    assert.equal(configurationItemFor(undefined, g), null);
  });
});

describe('serverLaunch', () => {
  const baseEnv = { PATH: '/usr/bin', PYTHONPATH: '/home/me/junk', HOME: '/home/me', UNSET: undefined };
  it('runs <python> -m aws_config_ls serve with the bundled libs only', () => {
    const l = serverLaunch({ serverPath: null, python: { command: '/usr/bin/python3', args: [] }, bundledLibs: '/ext/bundled/libs', baseEnv });
    assert.equal(l.command, '/usr/bin/python3');
    assert.deepEqual(l.args, ['-m', 'aws_config_ls', 'serve']);
    assert.equal(l.env.PYTHONPATH, '/ext/bundled/libs');
    assert.equal(l.env.PYTHONSAFEPATH, '1');
    assert.equal(l.env.PATH, '/usr/bin');
    assert.ok(!('UNSET' in l.env));
  });
  it('keeps the launcher arguments before ours', () => {
    const l = serverLaunch({ serverPath: null, python: { command: 'py', args: ['-3'] }, bundledLibs: 'C:\\ext\\libs', baseEnv });
    assert.deepEqual(l.args, ['-3', '-m', 'aws_config_ls', 'serve']);
  });
  it('runs <path> serve for awsConfig.server.path, without touching PYTHONPATH', () => {
    const l = serverLaunch({ serverPath: '/usr/local/bin/aws-config-ls', bundledLibs: '/ext/bundled/libs', baseEnv });
    assert.equal(l.command, '/usr/local/bin/aws-config-ls');
    assert.deepEqual(l.args, ['serve']);
    assert.equal(l.env.PYTHONPATH, '/home/me/junk');
  });
  it('needs an interpreter without a server path', () => {
    assert.throws(() => serverLaunch({ serverPath: null, bundledLibs: '/x', baseEnv }));
  });
});

describe('simulation', () => {
  const base = readServerOptions(getter({ environment: { AWS_CONFIG_FILE: '/x/config' } }));
  it('sends the simulated profile as AWS_PROFILE, keeping the other variables', () => {
    assert.deepEqual(withSimulation(base, 'dev').environment, { AWS_CONFIG_FILE: '/x/config', AWS_PROFILE: 'dev' });
    assert.equal(withSimulation(base, null), base);
    assert.equal(withSimulation(base, undefined), base);
  });
  it('also AWS_DEFAULT_PROFILE when the environment has it (botocore reads it first)', () => {
    assert.equal(withSimulation(base, 'dev', { AWS_DEFAULT_PROFILE: 'prod' }).environment.AWS_DEFAULT_PROFILE, 'dev');
    const clean = { ...base, inheritEnvironment: false };
    assert.equal(withSimulation(clean, 'dev', { AWS_DEFAULT_PROFILE: 'prod' }).environment.AWS_DEFAULT_PROFILE, undefined);
  });
  it('the profile the real environment selects, in botocore order', () => {
    assert.equal(selectedProfile(base, {}), 'default');
    assert.equal(selectedProfile(base, { AWS_PROFILE: 'a' }), 'a');
    assert.equal(selectedProfile(base, { AWS_PROFILE: 'a', AWS_DEFAULT_PROFILE: 'b' }), 'b');
    assert.equal(selectedProfile({ ...base, environment: { AWS_PROFILE: 'c' } }, { AWS_PROFILE: 'a' }), 'c');
    assert.equal(selectedProfile({ ...base, inheritEnvironment: false }, { AWS_PROFILE: 'a' }), 'default');
    assert.equal(selectedProfile({ ...base, explicitProfile: 'e' }, { AWS_DEFAULT_PROFILE: 'b' }), 'e');
  });
  it('workspace/configuration answers carry the simulation', () => {
    const item = configurationItemFor('awsConfig', getter({}), (o) => withSimulation(o, 'dev')) as { environment: Record<string, string> };
    assert.equal(item.environment.AWS_PROFILE, 'dev');
    assert.deepEqual(configurationItemFor('awsConfig.environment', getter({}), (o) => withSimulation(o, 'dev')), { AWS_PROFILE: 'dev' });
  });
});
