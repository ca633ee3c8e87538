import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  Candidate,
  candidateList,
  findInterpreter,
  findInterpreterStarting,
  noPythonMessage,
  parseProbeOutput,
  Probe,
  ProbeResult,
  versionAtLeast,
} from '../../src/core/interpreter';

const cmd = (c: Candidate) => [c.command, ...c.args].join(' ');

/** A probe answering from a table; records the order it was asked in. */
function tableProbe(table: Record<string, ProbeResult>): { probe: Probe; asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    probe: async (c) => {
      asked.push(cmd(c));
      return table[cmd(c)] ?? { ok: false, error: 'not found' };
    },
  };
}
const py = (major: number, minor: number, exe = `/usr/bin/python${major}.${minor}`): ProbeResult => ({
  ok: true,
  version: [major, minor, 0],
  executable: exe,
});

describe('candidateList', () => {
  it('with nothing configured: python3, python, py -3 on PATH', () => {
    assert.deepEqual(candidateList({}).map(cmd), ['python3', 'python', 'py -3']);
    assert.ok(candidateList({}).every((c) => c.source === 'path'));
  });
  it('puts the Python extension interpreter before PATH', () => {
    const list = candidateList({ pythonExtension: ['/venv/bin/python'] });
    assert.deepEqual(list.map(cmd), ['/venv/bin/python', 'python3', 'python', 'py -3']);
    assert.equal(list[0].source, 'python-extension');
  });
  it('keeps a multi-word exec command from the Python extension', () => {
    const list = candidateList({ pythonExtension: ['conda', 'run', '-n', 'x', 'python'] });
    assert.equal(list[0].command, 'conda');
    assert.deepEqual(list[0].args, ['run', '-n', 'x', 'python']);
  });
  it('the setting is the only candidate when set', () => {
    const list = candidateList({ settingPython: '/opt/py/bin/python3', pythonExtension: ['/venv/bin/python'] });
    assert.deepEqual(list.map(cmd), ['/opt/py/bin/python3']);
    assert.equal(list[0].source, 'setting');
  });
  it('a blank setting counts as unset', () => {
    assert.deepEqual(candidateList({ settingPython: '   ', pythonExtension: [] }).map(cmd), ['python3', 'python', 'py -3']);
    assert.deepEqual(candidateList({ settingPython: null, pythonExtension: null }).map(cmd), ['python3', 'python', 'py -3']);
  });
});

describe('findInterpreter', () => {
  it('takes the first candidate that is new enough', async () => {
    const { probe, asked } = tableProbe({ python3: py(3, 11), python: py(3, 12) });
    const r = await findInterpreter(candidateList({}), probe);
    assert.equal(r.found?.candidate.command, 'python3');
    assert.deepEqual(r.found?.version, [3, 11, 0]);
    assert.deepEqual(asked, ['python3']);
  });
  it('skips a too-old Python extension interpreter and falls back to PATH', async () => {
    const { probe, asked } = tableProbe({ '/venv/bin/python': py(3, 9), python3: py(3, 8), python: py(3, 10) });
    const r = await findInterpreter(candidateList({ pythonExtension: ['/venv/bin/python'] }), probe);
    assert.deepEqual(asked, ['/venv/bin/python', 'python3', 'python']);
    assert.equal(r.found?.candidate.command, 'python');
    assert.match(r.attempts[0].rejected ?? '', /3\.9\.0 is older than 3\.10/);
  });
  it('prefers the Python extension interpreter over PATH', async () => {
    const { probe, asked } = tableProbe({ '/venv/bin/python': py(3, 12), python3: py(3, 11) });
    const r = await findInterpreter(candidateList({ pythonExtension: ['/venv/bin/python'] }), probe);
    assert.equal(r.found?.candidate.source, 'python-extension');
    assert.deepEqual(asked, ['/venv/bin/python']);
  });
  it('stops at an unusable setting instead of running another Python', async () => {
    const { probe, asked } = tableProbe({ '/old/python': py(3, 9), python3: py(3, 12) });
    const r = await findInterpreter(candidateList({ settingPython: '/old/python' }), probe);
    assert.equal(r.found, undefined);
    assert.equal(r.stoppedAtSetting, true);
    assert.deepEqual(asked, ['/old/python']);
    assert.match(noPythonMessage(r), /awsConfig\.server\.python/);
    assert.match(noPythonMessage(r), /3\.9\.0 is older than 3\.10/);
  });
  it('uses the py launcher last', async () => {
    const { probe, asked } = tableProbe({ 'py -3': py(3, 13, 'C:\\Python313\\python.exe') });
    const r = await findInterpreter(candidateList({}), probe);
    assert.deepEqual(asked, ['python3', 'python', 'py -3']);
    assert.equal(r.found?.executable, 'C:\\Python313\\python.exe');
    assert.deepEqual(r.found?.candidate.args, ['-3']);
  });
  it('reports every attempt when nothing fits, with the fix', async () => {
    const { probe } = tableProbe({ python: py(2, 7) });
    const r = await findInterpreter(candidateList({}), probe);
    assert.equal(r.found, undefined);
    assert.equal(r.stoppedAtSetting, false);
    assert.equal(r.attempts.length, 3);
    const msg = noPythonMessage(r);
    assert.match(msg, /Python 3\.10 or newer/);
    assert.match(msg, /python3, python, py -3/);
    assert.match(msg, /awsConfig\.server\.python/);
  });
  it('treats a throwing probe as a failed candidate', async () => {
    const probe: Probe = async (c) => {
      if (c.command === 'python3') throw new Error('boom');
      return py(3, 10);
    };
    const r = await findInterpreter(candidateList({}), probe);
    assert.equal(r.found?.candidate.command, 'python');
    assert.equal(r.attempts[0].rejected, 'boom');
  });
});

describe('findInterpreterStarting', () => {
  /** Records what was started and discarded, and whether the first start came before its probe ended. */
  function recorder(table: Record<string, ProbeResult>) {
    const events: string[] = [];
    const probe: Probe = async (c) => {
      events.push(`probe ${cmd(c)}`);
      await new Promise((r) => setTimeout(r, 5));
      events.push(`probed ${cmd(c)}`);
      return table[cmd(c)] ?? { ok: false, error: 'not found' };
    };
    const start = (c: Candidate) => {
      events.push(`start ${cmd(c)}`);
      return `server of ${cmd(c)}`;
    };
    const discard = (s: string) => events.push(`discard ${s}`);
    return { events, probe, start, discard };
  }
  it('starts the server with the first candidate before its probe answers, and keeps it when it is found', async () => {
    const r = recorder({ python3: py(3, 12) });
    const { search, started } = await findInterpreterStarting(candidateList({}), r.probe, r.start, r.discard);
    assert.equal(search.found?.candidate.command, 'python3');
    assert.equal(started, 'server of python3');
    assert.deepEqual(r.events, ['start python3', 'probe python3', 'probed python3']);
  });
  it('discards that start when the first candidate is too old, and starts nothing else itself', async () => {
    const r = recorder({ '/venv/bin/python': py(3, 9), python3: py(3, 11) });
    const { search, started } = await findInterpreterStarting(candidateList({ pythonExtension: ['/venv/bin/python'] }), r.probe, r.start, r.discard);
    assert.equal(search.found?.candidate.command, 'python3');
    assert.equal(started, undefined);
    assert.match(search.attempts[0].rejected ?? '', /3\.9\.0 is older than 3\.10/);
    assert.deepEqual(r.events.filter((e) => !e.startsWith('probe')), ['start /venv/bin/python', 'discard server of /venv/bin/python']);
  });
  it('discards it when nothing fits, and the search still says why for each candidate', async () => {
    const r = recorder({ python: py(2, 7) });
    const { search, started } = await findInterpreterStarting(candidateList({}), r.probe, r.start, r.discard);
    assert.equal(search.found, undefined);
    assert.equal(started, undefined);
    assert.equal(search.attempts.length, 3);
    assert.match(noPythonMessage(search), /Python 3\.10 or newer/);
    assert.deepEqual(r.events.filter((e) => e.startsWith('start') || e.startsWith('discard')), ['start python3', 'discard server of python3']);
  });
  it('an unusable setting: discarded, and the search stops there as before', async () => {
    const r = recorder({ python3: py(3, 12) });
    const { search, started } = await findInterpreterStarting(candidateList({ settingPython: '/no/such/python' }), r.probe, r.start, r.discard);
    assert.equal(search.stoppedAtSetting, true);
    assert.equal(started, undefined);
    assert.ok(r.events.includes('discard server of /no/such/python'));
  });
});

describe('versions', () => {
  it('compares with the 3.10 minimum', () => {
    assert.ok(versionAtLeast([3, 10, 0]));
    assert.ok(versionAtLeast([3, 13, 1]));
    assert.ok(versionAtLeast([4, 0, 0]));
    assert.ok(!versionAtLeast([3, 9, 18]));
    assert.ok(!versionAtLeast([2, 7, 18]));
  });
  it('parses the probe output', () => {
    assert.deepEqual(parseProbeOutput('3.11.7\n/usr/bin/python3\n'), { ok: true, version: [3, 11, 7], executable: '/usr/bin/python3' });
    assert.deepEqual(parseProbeOutput('3.12.1\r\nC:\\py\\python.exe\r\n'), { ok: true, version: [3, 12, 1], executable: 'C:\\py\\python.exe' });
    assert.equal(parseProbeOutput('Python was not found; run without arguments to install from the Microsoft Store').ok, false);
  });
});
