import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expandUser, expandVars, resolveAwsFile, simulatedEnvironment, withSimulatedProfile } from '../../src/core/awsFiles';

const home = '/home/me';

describe('resolveAwsFile', () => {
  it('defaults to ~/.aws/config and ~/.aws/credentials', () => {
    const i = { overrides: {}, inherit: true, processEnv: {}, homedir: home, platform: 'linux' };
    assert.deepEqual(resolveAwsFile('config', i), { path: '/home/me/.aws/config', from: 'the default location' });
    assert.equal(resolveAwsFile('credentials', i).path, '/home/me/.aws/credentials');
  });
  it('awsConfig.environment wins over the process environment', () => {
    const i = {
      overrides: { AWS_CONFIG_FILE: '/etc/aws/config' },
      inherit: true,
      processEnv: { AWS_CONFIG_FILE: '/proc/config', AWS_SHARED_CREDENTIALS_FILE: '/proc/creds' },
      homedir: home,
      platform: 'linux',
    };
    assert.deepEqual(resolveAwsFile('config', i), { path: '/etc/aws/config', from: 'AWS_CONFIG_FILE in awsConfig.environment' });
    assert.deepEqual(resolveAwsFile('credentials', i), { path: '/proc/creds', from: 'AWS_SHARED_CREDENTIALS_FILE in the environment' });
  });
  it('ignores the process environment when it is not inherited', () => {
    const i = { overrides: {}, inherit: false, processEnv: { AWS_CONFIG_FILE: '/proc/config' }, homedir: home, platform: 'linux' };
    assert.equal(resolveAwsFile('config', i).path, '/home/me/.aws/config');
  });
  it('expands variables, then ~, like botocore', () => {
    const i = {
      overrides: { AWS_CONFIG_FILE: '$WORK/${NAME}/config', WORK: '~/w', NAME: 'aws' },
      inherit: false,
      processEnv: {},
      homedir: home,
      platform: 'linux',
    };
    assert.equal(resolveAwsFile('config', i).path, '/home/me/w/aws/config');
  });
  it('uses HOME from the simulated environment for ~', () => {
    const i = { overrides: { HOME: '/other' }, inherit: false, processEnv: {}, homedir: home, platform: 'linux' };
    assert.equal(resolveAwsFile('config', i).path, '/other/.aws/config');
  });
});

describe('expansion helpers', () => {
  it('leaves unknown variables as written', () => {
    assert.equal(expandVars('$NOPE/x', {}), '$NOPE/x');
    assert.equal(expandVars('${A}-$A', { A: '1' }), '1-1');
  });
  it('expands %VAR% on Windows only', () => {
    assert.equal(expandVars('%USERPROFILE%\\.aws\\config', { USERPROFILE: 'C:\\Users\\me' }, 'win32'), 'C:\\Users\\me\\.aws\\config');
    assert.equal(expandVars('%X%', { X: '1' }, 'linux'), '%X%');
  });
  it('expands ~ but not ~user', () => {
    assert.equal(expandUser('~', {}, home, 'linux'), home);
    assert.equal(expandUser('~/a', {}, home, 'linux'), '/home/me/a');
    assert.equal(expandUser('~bob/a', {}, home, 'linux'), '~bob/a');
    assert.equal(expandUser('/abs', {}, home, 'linux'), '/abs');
  });
  it('builds the simulated environment', () => {
    assert.deepEqual(simulatedEnvironment({ overrides: { A: '2' }, inherit: true, processEnv: { A: '1', B: '1', C: undefined } }), { A: '2', B: '1' });
    assert.deepEqual(simulatedEnvironment({ overrides: { A: '2' }, inherit: false, processEnv: { B: '1' } }), { A: '2' });
  });
});

describe('withSimulatedProfile', () => {
  it('sets AWS_PROFILE and keeps the other keys', () => {
    assert.deepEqual(withSimulatedProfile({ AWS_REGION: 'eu-west-1' }, 'dev'), { AWS_REGION: 'eu-west-1', AWS_PROFILE: 'dev' });
    assert.deepEqual(withSimulatedProfile({ AWS_PROFILE: 'old' }, 'new'), { AWS_PROFILE: 'new' });
    assert.deepEqual(withSimulatedProfile(undefined, 'dev'), { AWS_PROFILE: 'dev' });
  });
  it('clears AWS_PROFILE, and the whole override when nothing is left', () => {
    assert.deepEqual(withSimulatedProfile({ AWS_PROFILE: 'dev', X: '1' }, null), { X: '1' });
    assert.equal(withSimulatedProfile({ AWS_PROFILE: 'dev' }, null), undefined);
    assert.equal(withSimulatedProfile(undefined, null), undefined);
  });
});
