import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { serverLogLevel } from '../../src/core/serverLog';

describe('serverLogLevel', () => {
  it('reads the level of a logging record', () => {
    assert.equal(serverLogLevel('2026-12-01 13:19:48,328 WARNING pygls.protocol: Cancel notification for unknown message id 7'), 'warn');
    assert.equal(serverLogLevel('2026-12-01 13:19:48,328 INFO aws_config_ls.server: started'), 'info');
    assert.equal(serverLogLevel('2026-12-01 13:19:48,328 DEBUG x: y'), 'debug');
    assert.equal(serverLogLevel('2026-12-01 13:19:48,328 ERROR x: boom'), 'error');
    assert.equal(serverLogLevel('2026-12-01 13:19:48,328 CRITICAL x: boom'), 'error');
    assert.equal(serverLogLevel('WARNING:pygls.feature_manager:something'), 'warn');
  });
  it('continuation lines keep the level of their record', () => {
    assert.equal(serverLogLevel('Traceback (most recent call last):', 'error'), 'error');
    assert.equal(serverLogLevel('  File "x.py", line 3', 'warn'), 'warn');
  });
  it('anything before the first record is an error (Python failing to start)', () => {
    assert.equal(serverLogLevel('/usr/bin/python3: No module named aws_config_ls'), 'error');
  });
  it('a level word inside a message is not a level', () => {
    assert.equal(serverLogLevel('the value WARNING is not valid', 'info'), 'info');
  });
});
