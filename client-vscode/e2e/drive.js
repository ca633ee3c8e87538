// Drives real VS Code (code-server's web workbench) in headless Chromium with playwright-core.
// Started by e2e/run.sh, which sets: CS_URL, WS (workspace), RUN (run dir), CHROMIUM,
// E2E_TIMEOUT (s), E2E_STUB=1 when a stand-in server is used instead of the bundled one.
// Exits 0 when every check passed, 1 otherwise (with a screenshot in $RUN).
'use strict';
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');
const { CONFIG_TEXT, keysFor } = require('./typing');

const { CS_URL, WS, RUN, CHROMIUM } = process.env;
const STUB = process.env.E2E_STUB === '1';
const TOTAL_MS = Number(process.env.E2E_TIMEOUT || 600) * 1000;
const CONFIG = path.join(WS, '.aws', 'config');
const CREDENTIALS = path.join(WS, '.aws', 'credentials');
const CUSTOM = path.join(WS, 'custom-aws.conf');
const WS_SETTINGS = path.join(WS, '.vscode', 'settings.json');

const t0 = Date.now();
const results = [];
let page;
let browser;
let workbenchAt = 0;
const say = (m) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);

async function finish(ok, why) {
  if (!ok) {
    console.log(`FAILED: ${why}`);
    if (page) {
      await page.screenshot({ path: path.join(RUN, 'fail.png') }).catch(() => {});
      // the notifications say most about a failure: list them
      await page.keyboard.press('Escape').catch(() => {});
      for (const n of await notificationTexts().catch(() => [])) console.log(`notification: ${n}`);
      await runCommand('Notifications: Show Notifications').catch(() => {});
      await page.screenshot({ path: path.join(RUN, 'fail-notifications.png') }).catch(() => {});
    }
  }
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  console.log(`${passed} passed, ${failed} failed`);
  if (browser) await browser.close().catch(() => {});
  process.exit(ok && failed === 0 ? 0 : 1);
}

// Never hang: the whole session has a deadline.
setTimeout(() => {
  results.push({ name: 'deadline', ok: false });
  void finish(false, `the session took longer than ${TOTAL_MS / 1000} s`);
}, TOTAL_MS).unref();

/**
 * Runs one check. A failure is recorded (with a screenshot fail-<n>.png) and the next
 * checks still run, each from a reset UI, unless the check is critical (later ones need it).
 */
async function check(name, fn, { critical = false } = {}) {
  const t = Date.now();
  try {
    const detail = await fn();
    results.push({ name, ok: true });
    say(`PASS ${name}${detail ? `: ${detail}` : ''} (${Date.now() - t} ms)`);
  } catch (e) {
    results.push({ name, ok: false });
    say(`FAIL ${name}: ${e && e.message ? e.message.split('\n')[0] : e}`);
    const shot = path.join(RUN, `fail-${results.length}.png`);
    await page.screenshot({ path: shot }).catch(() => {});
    say(`     screenshot: ${shot}`);
    if (critical) throw e;
    for (let i = 0; i < 3; i++) await page.keyboard.press('Escape').catch(() => {});
  }
}

function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

/** Polls fn until it returns a truthy value. */
async function until(what, fn, timeout = 20000, interval = 200) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what} (last: ${last && last.message ? last.message : JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

const statusText = (id) => page.locator(`[id="${id}"]`).first().innerText({ timeout: 5000 });

async function quickOpen(file) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10000 });
  await input.fill(file);
  // The list updates after the input: wait for the row of this very file, then open it
  // (the first row may still be a recently opened file for a moment).
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: path.basename(file) }).first();
  await row.waitFor({ state: 'visible', timeout: 10000 });
  await row.click();
  await until(`the editor tab for ${file}`, async () => {
    const title = await page.locator('.tab.active').first().innerText();
    return title.includes(path.basename(file)) && title;
  });
}

async function runCommand(title) {
  // The palette closes when something else takes focus as it opens (a panel or an editor a
  // previous step opened, still settling): the driver then tries again, at most three times,
  // and says so, since a closed palette is the workbench's timing, not the extension's.
  for (let attempt = 1; ; attempt++) {
    try {
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: 10000 });
      await input.fill(`>${title}`);
      // The first row whose label holds `title` (titles may be a label's start, as
      // "File: Save All" of "File: Save All Files"), clicked rather than Enter: Enter runs
      // the focused row, which for a moment can be another.
      const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
      await row.waitFor({ state: 'visible', timeout: 10000 });
      if ((await input.inputValue()) !== `>${title}`) throw new Error('the command palette lost its text');
      try {
        await row.click({ timeout: 5000 });
      } catch (error) {
        // the row would not take the click (still re-rendering): Enter, if it is the focused one
        const focused = page.locator('.quick-input-list .monaco-list-row.focused', { hasText: title });
        if ((await focused.count()) === 0) throw error;
        await page.keyboard.press('Enter');
      }
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
      console.log(`      (command palette for "${title}" closed early, attempt ${attempt}: ${error.message.split('\n')[0]})`);
      await page.keyboard.press('Escape');
    }
  }
}

/** Opens the workspace settings.json with the palette, as a user would; once more (logged)
 * when the workbench swallowed the command while an earlier editor or panel settled. */
async function openWorkspaceSettingsJson() {
  const opened = async () => (await page.locator('.tab.active').first().innerText()).includes('settings.json');
  for (let attempt = 1; ; attempt++) {
    await runCommand('Preferences: Open Workspace Settings (JSON)');
    try {
      await until('the workspace settings.json editor', opened, 10000);
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
      console.log(`      (settings.json did not open, attempt ${attempt}: ${error.message})`);
      await page.keyboard.press('Escape');
    }
  }
}

/** Picks the quick pick row whose label is exactly `label`. */
async function pick(label, timeout = 20000) {
  const row = await until(`quick pick row "${label}"`, async () => {
    const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    const n = await rows.count();
    for (let i = 0; i < n; i++) {
      const l = (await rows.nth(i).locator('.label-name').first().innerText().catch(() => '')).trim();
      if (l === label || l.endsWith(` ${label}`)) return rows.nth(i);
    }
    return null;
  }, timeout);
  await row.click();
}

async function labels() {
  const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row .label-name');
  return (await rows.allInnerTexts()).map((s) => s.trim());
}

async function awsStatus() {
  const item = page.locator('.statusbar-item', { hasText: /^\s*AWS: / }).first();
  return (await item.innerText({ timeout: 2000 })).trim();
}

/** The text of the extension's output channel ("AWS Config Language Server"), from its log file. */
function extensionLog() {
  const files = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.includes('AWS Config Language Server')) files.push(p);
    }
  };
  try {
    walk(path.join(RUN, 'ud', 'logs'));
  } catch {
    return '';
  }
  return files.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
}

/**
 * Where the server's start went, relative to `since` (the workbench's load): when the
 * extension host started and activated the extension (its log, remoteexthost.log, and the
 * activation event), and the extension's own "Server ready …" line (the Python search and
 * the server's start to its `initialize` answer). Reported, not asserted.
 */
function startBreakdown(since) {
  const found = { activation: '' };
  const parts = [];
  try {
    const logs = path.join(RUN, 'ud', 'logs');
    for (const session of fs.readdirSync(logs)) {
      for (const host of fs.readdirSync(path.join(logs, session)).filter((d) => d.startsWith('exthost'))) {
        const file = path.join(logs, session, host, 'remoteexthost.log');
        const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
        const started = /^(\S+ \S+) \[info\] Extension host with pid \d+ started/m.exec(text);
        const activated = /^(\S+ \S+) \[info\] ExtensionService#_doActivateExtension aws-config-ls\.aws-config-ls\b.*activationEvent: '([^']+)'/m.exec(text);
        const at = (stamp) => new Date(stamp.replace(' ', 'T')).getTime() - since;
        const signed = (ms) => `${ms >= 0 ? '+' : ''}${ms} ms`;
        if (started) parts.push(`extension host started ${signed(at(started[1]))}`);
        if (activated) {
          parts.push(`extension activated ${signed(at(activated[1]))} (${activated[2]})`);
          found.activation = activated[2];
        }
      }
    }
  } catch {
    // no log yet: the breakdown says less
  }
  const ready = /Server ready .*$/m.exec(extensionLog());
  if (ready) parts.push(ready[0]);
  return { text: parts.join('; '), activation: found.activation };
}

/** Texts of the notifications in the notification center (opens it, then closes it). */
async function notificationTexts() {
  await runCommand('Notifications: Show Notifications');
  const items = page.locator('.notifications-center .notification-list-item-message');
  await items.first().waitFor({ state: 'visible', timeout: 5000 }).catch(() => {});
  const texts = (await items.allInnerTexts().catch(() => [])).map((t) => t.replace(/\s+/g, ' ').trim());
  await runCommand('Notifications: Hide Notifications').catch(() => page.keyboard.press('Escape'));
  return texts;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Opens a file by its absolute path; `hint` (a parent directory's name) picks its row. */
async function openPath(file, hint) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10000 });
  await input.fill(file);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: hint }).first();
  await row.waitFor({ state: 'visible', timeout: 10000 });
  await row.click();
  await until(`the editor for ${file}`, async () => {
    const t = await page.locator('.tab.active').first().innerText().catch(() => '');
    return t.includes(hint) && t;
  });
  await until('the language mode AWS Config', async () => (await statusText('status.editor.mode')).trim() === 'AWS Config', 20000);
  await page.locator('.monaco-editor .view-lines').first().click();
}

const suggestVisible = () => page.evaluate(() => !!document.querySelector('.monaco-editor .suggest-widget.visible'));

/** Where the cursor is, from the status bar: [line, column]. */
async function cursorAt() {
  const m = /^Ln (\d+), Col (\d+)/.exec((await statusText('status.editor.selection')).trim());
  return m ? [Number(m[1]), Number(m[2])] : [0, 0];
}

/**
 * Presses `keys` (characters, 'Enter', and { indentTo, line } steps) one every `delayMs`,
 * as a user types. An { indentTo } step waits for the cursor on that line, removes the
 * indentation VS Code put there (Shift+Home, Backspace) and types `indentTo` instead.
 * Returns how often the suggestion list was open when Enter was pressed.
 */
async function typeKeys(keys, delayMs) {
  const start = Date.now();
  let openAtEnter = 0;
  let next = Date.now();
  for (const k of keys) {
    const wait = next - Date.now();
    if (wait > 0) await sleep(wait);
    if (k === 'Enter') {
      if (await suggestVisible()) openAtEnter++;
      await page.keyboard.press('Enter');
    } else if (typeof k === 'object') {
      const col = await until(`the cursor on line ${k.line}`, async () => {
        const [line, c] = await cursorAt();
        return line === k.line && c;
      }, 5000, 20);
      if (col > 1) {
        await page.keyboard.press('Shift+Home');
        await page.keyboard.press('Backspace');
      }
      if (k.indentTo) await page.keyboard.type(k.indentTo);
    } else {
      await page.keyboard.type(k);
    }
    // on schedule; after a late key (or an indentation step) the next one comes at once, never a burst
    next = Math.max(next + delayMs, Date.now());
  }
  return { openAtEnter, ms: Date.now() - start };
}

/** Saves the active editor and returns the document's text as saved (the editor model's). */
async function savedText(file) {
  const before = fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0;
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+S');
  await until('the file saved', async () => (await page.locator('.tab.active.dirty').count()) === 0 && fs.statSync(file).mtimeMs !== before, 15000);
  return fs.readFileSync(file, 'utf8');
}

/** The first line where two texts differ, for a failure message. */
function firstDifference(want, got) {
  const a = want.split('\n');
  const b = got.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return `line ${i + 1}: expected ${JSON.stringify(a[i])}, got ${JSON.stringify(b[i])}`;
  }
  return 'no difference';
}

/** Types CONFIG_TEXT into an empty config file at `delayMs` per key; the file must hold exactly it. */
async function typingCheck(dir, delayMs) {
  const file = path.join(WS, dir, '.aws', 'config');
  await openPath(file, dir);
  const keys = keysFor(CONFIG_TEXT);
  const { openAtEnter, ms } = await typeKeys(keys, delayMs);
  const text = await savedText(file);
  assert(text === CONFIG_TEXT, `the typed file differs: ${firstDifference(CONFIG_TEXT, text)}`);
  return `${keys.length} keys in ${(ms / 1000).toFixed(1)} s, ${CONFIG_TEXT.split('\n').length - 1} lines exact; the suggestion list was open at ${openAtEnter} of ${keys.filter((k) => k === 'Enter').length} Enter presses`;
}

/** Waits for the suggestion list to focus the row labelled `label` (moving down to it), then accepts it with Tab. */
async function acceptSuggestion(label) {
  const focused = () => page.locator('.suggest-widget.visible .monaco-list-row.focused .label-name').first().innerText({ timeout: 1000 }).then((s) => s.trim());
  let rows = [];
  await until(`the suggestion "${label}"`, async () => {
    if (!(await suggestVisible())) {
      await page.keyboard.press('Control+Space');
      await sleep(300);
    }
    rows = (await page.locator('.suggest-widget.visible .monaco-list-row .label-name').allInnerTexts()).map((s) => s.trim());
    return rows.includes(label);
  }, 20000, 300).catch(() => assert(false, `no suggestion "${label}" (rows: ${JSON.stringify(rows)})`));
  for (let i = 0; i < 20 && (await focused().catch(() => '')) !== label; i++) await page.keyboard.press('ArrowDown');
  assert((await focused()) === label, `could not focus the suggestion "${label}"`);
  await page.keyboard.press('Tab');
}

function workspaceEnvironment() {
  if (!fs.existsSync(WS_SETTINGS)) return undefined;
  const text = fs.readFileSync(WS_SETTINGS, 'utf8');
  return JSON.parse(text)['awsConfig.environment'];
}

(async () => {
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-quic'],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(20000);

  await check('workbench loads', async () => {
    await page.goto(CS_URL, { timeout: 60000 });
    await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
    // the extension host is up when the status bar has its items
    await page.waitForSelector('.statusbar-item', { timeout: 60000 });
    workbenchAt = Date.now();
  }, { critical: true });

  // The workspace holds AWS files: the extension activates (workspaceContains) and starts
  // the server as the extension host starts, before any AWS file is opened, so that the
  // server is ready when the user opens one. Its status bar item shows once it runs.
  await check('the server starts with a workspace that holds AWS files, before any is opened', async () => {
    const text = await until('the AWS: status bar item', async () => {
      const t = await awsStatus().catch(() => '');
      return /^AWS: \S/.test(t) && t !== 'AWS: …' && t;
    }, 60000, 50);
    const shownAfter = Date.now() - workbenchAt;
    const tabs = (await page.locator('.tab').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
    assert(tabs.length === 0, `an editor is open: ${JSON.stringify(tabs)}`);
    const breakdown = await until('"Server ready" in the extension log', async () => {
      const b = startBreakdown(workbenchAt);
      return /Server ready/.test(b.text) && b.activation && b;
    }, 15000);
    assert(/^workspaceContains:/.test(breakdown.activation), `activated by ${breakdown.activation}, not by the workspace's AWS files`);
    return `"${text}" ${shownAfter} ms after the workbench loaded; relative to that: ${breakdown.text}`;
  }, { critical: true });

  // When the config was opened: the first squiggle's delay from it (the server running: it
  // started with the workspace) is reported, not asserted (a timed test on a shared machine
  // fails for the machine's reasons; bench/ measures speed).
  let configOpenedAt = 0;
  await check('language mode of .aws/config is "AWS Config"', async () => {
    await quickOpen(CONFIG);
    configOpenedAt = Date.now();
    const mode = await until('the language mode', async () => {
      const t = (await statusText('status.editor.mode')).trim();
      return t === 'AWS Config' && t;
    }, 20000);
    return mode;
  }, { critical: true });

  await check('warning squiggle on `regoin` (line 7) from the server', async () => {
    // fail fast, with the extension's own words, if the server cannot start
    // (its error toast may not show in a headless page: read the output channel's log file).
    // Only the log is read while the squiggle may still come: opening the notification
    // center then would race the checks that follow, which drive the same page. (This
    // wait outlasts the squiggle's, whose failure reads the notifications.)
    let found = false;
    let squiggleAt = 0;
    await Promise.race([
      page.waitForSelector('.monaco-editor .squiggly-warning', { timeout: 90000 }).then(
        () => {
          found = true;
          squiggleAt = Date.now();
        },
        async (error) => {
          // no squiggle at all: a notification about us may say why
          const why = (await notificationTexts().catch(() => [])).find((n) => /AWS Config/.test(n));
          throw why ? new Error(`the extension reported: ${why}`) : error;
        },
      ),
      until('a server start failure', async () => {
        if (found) return { ok: true };
        const m = /^.*(The server failed to start|no Python .* was found|cannot run the language server).*$/m.exec(extensionLog());
        return m ? { why: m[0] } : false;
      }, 120000, 500).then(
        (r) => {
          if (r.why) throw new Error(`the extension reported: ${r.why}`);
        },
        (e) => {
          if (!found) throw e;
        },
      ),
    ]);
    // Walk the problems with "Go to Next Problem" until the one about regoin/region: the
    // cursor then sits at its start, which the status bar shows.
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+Home');
    let message = '';
    for (let i = 0; i < 8 && !/regoin|region/i.test(message); i++) {
      const widget = page.locator('.marker-widget').first();
      // The squiggle can come while the editor is still settling (the server already ran),
      // and the key then goes nowhere: click into the text and press it again (logged).
      for (let attempt = 1; ; attempt++) {
        await page.keyboard.press('Alt+F8');
        try {
          await widget.waitFor({ state: 'visible', timeout: 3000 });
          break;
        } catch (error) {
          if (attempt >= 3) throw error;
          console.log(`      (no problem widget after Alt+F8, attempt ${attempt}: the editor takes the focus again)`);
          await page.locator('.monaco-editor .view-lines').first().click();
        }
      }
      message = (await widget.innerText()).replace(/\s+/g, ' ').trim();
    }
    assert(/regoin|region/i.test(message), `no problem mentions region: last "${message}"`);
    // (the status bar follows the cursor asynchronously)
    let pos = '';
    await until('the cursor at the problem, Ln 7, Col 1', async () => {
      pos = (await statusText('status.editor.selection')).trim();
      return /^Ln 7, Col 1\b/.test(pos);
    }, 5000).catch(() => assert(false, `problem at "${pos}", expected Ln 7, Col 1`));
    await page.keyboard.press('Escape');
    // and the squiggle is drawn on line 7: its overlay row has the same top as line 7
    const onLine7 = await page.evaluate(() => {
      const lines = [...document.querySelectorAll('.monaco-editor .view-lines .view-line')];
      const line7 = lines.find((l) => l.textContent.startsWith('regoin'));
      if (!line7) return 'no line starting with regoin';
      const squiggles = [...document.querySelectorAll('.monaco-editor .squiggly-warning')];
      const top7 = line7.getBoundingClientRect().top;
      return squiggles.some((s) => Math.abs(s.getBoundingClientRect().top - top7) < 3) || 'no warning squiggle on that line';
    });
    assert(onLine7 === true, String(onLine7));
    return `${pos}: ${message.slice(0, 120)} (first squiggle ${squiggleAt - configOpenedAt} ms after the file opened)`;
  });

  await check('completion on an empty line in [profile dev] offers `region`', async () => {
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+End');
    const atLine8 = await until('the cursor on Ln 8', async () => /^Ln 8, Col 1\b/.test((await statusText('status.editor.selection')).trim()), 3000).catch(() => false);
    if (!atLine8) {
      // the fixture ends with a newline: Ctrl+End is on the empty line 8; make one if not
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
    }
    await page.keyboard.press('Control+Space');
    await page.waitForSelector('.suggest-widget.visible .monaco-list-row', { timeout: 30000 });
    const all = await page.locator('.suggest-widget.visible .monaco-list-row .label-name').allInnerTexts();
    // narrow the list so that `region` is rendered even if the list is long
    await page.keyboard.type('regi');
    const rows = await until('`region` in the suggestions', async () => {
      const r = await page.locator('.suggest-widget.visible .monaco-list-row .label-name').allInnerTexts();
      return r.map((s) => s.trim()).includes('region') && r;
    }, 15000);
    await page.keyboard.press('Escape');
    // undo the typing (and the newline, if any): the document is left as it was
    for (let i = 0; i < 3; i++) await page.keyboard.press('Control+Z');
    return `first rows ${JSON.stringify(all.slice(0, 6))}; after "regi": ${JSON.stringify(rows.slice(0, 5))}`;
  });

  await check('hover on aws_access_key_id in [default] names a tier and AWS_ACCESS_KEY_ID', async () => {
    await page.keyboard.press('Control+G');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10000 });
    await input.fill(':3:3');
    await page.keyboard.press('Enter');
    await until('cursor on Ln 3', async () => /^Ln 3, Col 3\b/.test((await statusText('status.editor.selection')).trim()));
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    // the diagnostic on this line has its own hover part: take the server's, which names a tier
    const hover = page.locator('.monaco-hover-content', { hasText: /\btier \d+ of \d+/i }).first();
    await hover.waitFor({ state: 'visible', timeout: 20000 });
    const text = (await hover.innerText()).replace(/\s+/g, ' ').trim();
    await page.keyboard.press('Escape');
    assert(/\btiers?\b/i.test(text), `hover does not name a tier: "${text}"`);
    assert(text.includes('AWS_ACCESS_KEY_ID'), `hover does not name AWS_ACCESS_KEY_ID: "${text}"`);
    return JSON.stringify(text.slice(0, 160));
  });

  await check('status bar shows the default profile with env credentials', async () => {
    const text = await until('AWS: default … (env) in the status bar', async () => {
      const t = await awsStatus();
      return t.startsWith('AWS: default') && t.includes('(env)') && t;
    }, 30000);
    return text;
  });

  await check('the status bar does not flip while a line is half typed (it reflects saved files)', async () => {
    const before = await awsStatus();
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    // a line without "=": configparser's ParsingError, so credentials fail for the unsaved text
    await page.keyboard.type('regio', { delay: 60 });
    await page.keyboard.press('Escape');
    const seen = new Set([before]);
    for (let i = 0; i < 12; i++) {
      await sleep(250);
      seen.add(await awsStatus());
    }
    for (let i = 0; i < 3; i++) await page.keyboard.press('Control+Z');
    assert(seen.size === 1, `the status bar changed while typing: ${JSON.stringify([...seen])}`);
    return before;
  });

  await check('status bar click → profile quick pick → simulate dev (marked, no file written)', async () => {
    await page.locator('.statusbar-item', { hasText: /^\s*AWS: / }).first().click();
    const rows = await until('the profile quick pick', async () => {
      const r = await page.evaluate(() =>
        [...document.querySelectorAll('.quick-input-widget .quick-input-list .monaco-list-row')].map((e) => ({
          label: (e.querySelector('.label-name') || {}).textContent || '',
          description: (e.querySelector('.label-description') || {}).textContent || '',
        })),
      );
      return r.some((x) => x.label.trim() === 'dev') && r;
    }, 20000);
    const defaultRow = rows.find((r) => r.label.trim() === 'default');
    assert(defaultRow && /selected by your environment/.test(defaultRow.description), `the real selection is not marked: ${JSON.stringify(rows)}`);
    assert(!rows.some((r) => r.description.includes(WS)), `absolute paths in the descriptions: ${JSON.stringify(rows)}`);
    await pick('dev');
    const text = await until('AWS: dev (…, simulated) in the status bar', async () => {
      const t = await awsStatus();
      return /^AWS: dev \(.*simulated\)/.test(t) && t;
    }, 30000);
    assert(!fs.existsSync(WS_SETTINGS), `simulating wrote ${WS_SETTINGS}: ${fs.existsSync(WS_SETTINGS) && fs.readFileSync(WS_SETTINGS, 'utf8')}`);
    return `${text}; rows ${JSON.stringify(rows.slice(0, 3).map((r) => `${r.label} — ${r.description}`))}`;
  });

  await check('clearing the simulated profile (still no file written)', async () => {
    await page.locator('.statusbar-item', { hasText: /^\s*AWS: / }).first().click();
    await pick('Clear the simulated profile');
    const text = await until('AWS: default in the status bar again', async () => {
      const t = await awsStatus();
      return t.startsWith('AWS: default') && !t.includes('simulated') && t;
    }, 30000);
    assert(!fs.existsSync(WS_SETTINGS), `${WS_SETTINGS} exists: ${fs.existsSync(WS_SETTINGS) && fs.readFileSync(WS_SETTINGS, 'utf8')}`);
    return text;
  });

  await check('Explain Profile… shows a markdown report with the credential chain', async () => {
    await runCommand('AWS Config: Explain Profile');
    await until('the profile quick pick', async () => (await labels()).includes('default'), 20000);
    await pick('dev');
    await until('the preview tab', async () => {
      const tabs = await page.locator('.tab').allInnerTexts();
      return tabs.some((t) => t.includes('AWS profile dev')) && tabs;
    }, 20000);
    const body = await until('the rendered report in the preview webview', async () => {
      for (const f of page.frames()) {
        const t = await f.evaluate(() => (document.body ? document.body.innerText : '')).catch(() => '');
        if (t.includes('Credential chain') && t.includes('AWS profile dev')) return t;
      }
      return null;
    }, 30000);
    assert(/Tier/.test(body) && /Method/.test(body), 'no chain table in the report');
    assert(/as if this profile were selected/.test(body), `a picked profile is not explained "as if selected": ${body.slice(0, 200)}`);
    assert(!/\[object Object\]|"path":/.test(body), 'raw objects in the report');
    await page.screenshot({ path: path.join(RUN, 'explain.png') });
    return JSON.stringify(body.replace(/\s+/g, ' ').slice(0, 160));
  });

  // Navigation and editing from the server (issue 13). On the fixture ~/.aws files, which
  // must stay unchanged: pull diagnostics, an inlay hint, code lenses (one runs Explain).
  // On a dotfiles-style copy (nav/.aws, config and credentials read as a pair): references,
  // rename across both files, Format Document, and the sso-session's lens.
  await check('diagnostics are pulled (textDocument/diagnostic in the protocol trace)', async () => {
    const pulls = (extensionLog().match(/Sending request 'textDocument\/diagnostic\b/g) || []).length;
    assert(pulls > 0, 'no textDocument/diagnostic request in the trace: the client does not pull');
    return `${pulls} pull requests so far`;
  });

  await check('an inlay hint after [default] names where its credentials come from', async () => {
    await quickOpen(CONFIG);
    const text = await until('an inlay hint on the [default] line', () =>
      page.evaluate(() => {
        const l = [...document.querySelectorAll('.monaco-editor .view-lines .view-line')].find((x) => x.textContent.startsWith('[default]'));
        return l && l.textContent.replace(/\s+/g, ' ').trim() !== '[default]' ? l.textContent.replace(/\s+/g, ' ').trim() : null;
      }), 30000);
    assert(text.includes('AWS_ACCESS_KEY_ID'), `the hint does not name AWS_ACCESS_KEY_ID: "${text}"`);
    return JSON.stringify(text);
  });

  /** The code lenses drawn in the active editor, top to bottom: their text and whether they are clickable. */
  const codeLenses = () =>
    page.evaluate(() =>
      [...document.querySelectorAll('.monaco-editor .codelens-decoration')]
        .map((e) => ({ top: e.getBoundingClientRect().top, text: e.textContent.replace(/\s+/g, ' ').trim(), link: !!e.querySelector('a') }))
        .filter((l) => l.text)
        .sort((a, b) => a.top - b.top),
    );

  await check('code lenses on [default] and [profile dev]; clicking dev\'s explains dev', async () => {
    // (VS Code first draws the lenses it cached for the file as plain labels, then the
    // server's, which are links)
    let last = [];
    const lenses = await until('two code lenses that are links', async () => {
      last = await codeLenses();
      return last.length >= 2 && last.every((l) => l.link) && last;
    }, 30000).catch(() => assert(false, `the profiles' lenses are not links: ${JSON.stringify(last)}`));
    assert(/us-east-1/.test(lenses[0].text) && /env/.test(lenses[0].text), `[default]'s lens: "${lenses[0].text}"`);
    assert(/no region/.test(lenses[1].text), `[profile dev]'s lens: "${lenses[1].text}"`);
    // close the reports shown so far, so that the one the lens opens is new
    for (let i = 0; i < 5; i++) {
      const old = page.locator('.tab', { hasText: 'AWS profile' }).first();
      if ((await old.count()) === 0) break;
      await old.locator('.tab-actions .action-label').first().click({ force: true });
      await sleep(300);
    }
    await page.locator('.monaco-editor .codelens-decoration a', { hasText: 'no region' }).first().click();
    await until('a report tab for dev', async () => (await page.locator('.tab', { hasText: 'AWS profile dev' }).count()) > 0, 20000);
    const body = await until('the rendered report', async () => {
      for (const f of page.frames()) {
        const t = await f.evaluate(() => (document.body ? document.body.innerText : '')).catch(() => '');
        if (t.includes('Credential chain') && t.includes('AWS profile dev')) return t;
      }
      return null;
    }, 30000);
    await page.keyboard.press('Control+W');
    return `${JSON.stringify(lenses.map((l) => l.text))}; report ${JSON.stringify(body.replace(/\s+/g, ' ').slice(0, 80))}`;
  });

  const NAV_CONFIG = path.join(WS, 'nav', '.aws', 'config');
  const NAV_CREDENTIALS = path.join(WS, 'nav', '.aws', 'credentials');
  const goTo = async (line, col) => {
    await page.keyboard.press('Control+G');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10000 });
    await input.fill(`:${line}:${col}`);
    await page.keyboard.press('Enter');
    await until(`the cursor at Ln ${line}, Col ${col}`, async () => new RegExp(`^Ln ${line}, Col ${col}\\b`).test((await statusText('status.editor.selection')).trim()), 5000);
  };

  await check('lenses on a dotfiles copy resolve with its pair; the [sso-session] lens shows its token state and is not clickable', async () => {
    await openPath(NAV_CONFIG, 'nav');
    // once the profiles' lenses are links (the server's, not cached labels), the session's is not
    const lenses = await until('the sso-session lens and a profile lens that is a link', async () => {
      const l = await codeLenses();
      return l.some((x) => x.text.startsWith('SSO')) && l.some((x) => x.link) && l;
    }, 30000);
    const lens = lenses.find((l) => l.text.startsWith('SSO'));
    assert(!lens.link, `the sso-session lens is a link: "${lens.text}"`);
    // a copy resolves with its pair, never against the environment's ~/.aws files
    assert(!lenses.some((l) => /ProfileNotFound/.test(l.text)), `a profile of the copy is not found: ${JSON.stringify(lenses)}`);
    // [profile team]'s region is the copy's own (the environment's credentials still win, as in boto3)
    assert(lenses.some((l) => /us-east-1/.test(l.text) && l.link), `no lens shows the copy's region: ${JSON.stringify(lenses)}`);
    return JSON.stringify(lenses.map((l) => `${l.text}${l.link ? ' (link)' : ''}`));
  });

  await check('Shift+F12 on a source_profile lists the references in config and credentials', async () => {
    await goTo(7, 18); // source_profile = t|eam
    await page.keyboard.press('Shift+F12');
    const peek = page.locator('.peekview-widget').first();
    await peek.waitFor({ state: 'visible', timeout: 20000 });
    // the title says how many ("References (3)"); the tree has a row per file: config (2), credentials (1)
    const rows = () => page.locator('.peekview-widget .monaco-list-row').allInnerTexts().then((r) => r.map((t) => t.replace(/\s+/g, ' ').trim()));
    const title = () => page.locator('.peekview-widget .peekview-title').first().innerText().then((t) => t.replace(/\s+/g, ' '));
    const found = await until('3 references in config and credentials', async () => {
      const r = await rows();
      return /References \(3\)/.test(await title()) && r.some((t) => /^credentials.*\b1$/.test(t)) && r.some((t) => /^config.*\b2$/.test(t)) && r;
    }, 15000).catch(async (e) => {
      throw new Error(`${e.message}; title ${JSON.stringify(await title().catch(() => ''))}, rows ${JSON.stringify(await rows().catch(() => []))}`);
    });
    await page.keyboard.press('Escape');
    return JSON.stringify(found);
  });

  await check('F2 renames a profile in config and credentials (saved: exactly those names changed)', async () => {
    const config = fs.readFileSync(NAV_CONFIG, 'utf8');
    const credentials = fs.readFileSync(NAV_CREDENTIALS, 'utf8');
    await page.locator('.monaco-editor .view-lines').first().click();
    await goTo(1, 11); // [profile t|eam]
    await page.keyboard.press('F2');
    const input = page.locator('.rename-box input, .rename-box textarea').first();
    await input.waitFor({ state: 'visible', timeout: 15000 });
    const placeholder = await input.inputValue();
    assert(placeholder === 'team', `the rename box offers "${placeholder}", expected "team"`);
    await input.fill('squad');
    await input.press('Enter');
    await until('[profile squad] in the editor', () =>
      page.evaluate(() => [...document.querySelectorAll('.monaco-editor .view-lines .view-line')].some((l) => l.textContent.replace(/\u00a0/g, ' ').startsWith('[profile squad]'))), 15000);
    await runCommand('File: Save All');
    const want = {
      config: config.replace('[profile team]', '[profile squad]').replace('source_profile = team', 'source_profile = squad'),
      credentials: credentials.replace('[team]', '[squad]'),
    };
    await until('both files saved with the new name', () => fs.readFileSync(NAV_CONFIG, 'utf8') === want.config && fs.readFileSync(NAV_CREDENTIALS, 'utf8') === want.credentials, 15000)
      .catch(() => {
        throw new Error(`config: ${firstDifference(want.config, fs.readFileSync(NAV_CONFIG, 'utf8'))}; credentials: ${firstDifference(want.credentials, fs.readFileSync(NAV_CREDENTIALS, 'utf8'))}`);
      });
    return 'config: [profile squad], source_profile = squad; credentials: [squad]';
  });

  await check('Format Document puts spaces around `=` in region=us-east-1 and changes nothing else', async () => {
    await openPath(NAV_CONFIG, 'nav');
    const before = fs.readFileSync(NAV_CONFIG, 'utf8');
    assert(before.includes('region=us-east-1\n'), 'the fixture lost its unformatted line');
    await runCommand('Format Document');
    await until('region = us-east-1 in the editor', () =>
      page.evaluate(() => [...document.querySelectorAll('.monaco-editor .view-lines .view-line')].some((l) => l.textContent.replace(/\u00a0/g, ' ') === 'region = us-east-1')), 15000);
    const text = await savedText(NAV_CONFIG);
    const want = before.replace('region=us-east-1\n', 'region = us-east-1\n');
    assert(text === want, `after formatting: ${firstDifference(want, text)}`);
    return 'region=us-east-1 → region = us-east-1';
  });

  await check('Show Profiles Graph draws default and dev, default highlighted, in theme colours; Down, Enter opens dev\'s header', async () => {
    await runCommand('AWS Config: Show Profiles Graph');
    // the webview's document is in a frame of a frame: find the one holding the drawing
    const frame = await until('the graph in a webview frame', async () => {
      for (const f of page.frames()) {
        if ((await f.locator('svg#graph .node').count().catch(() => 0)) > 0) return f;
      }
      return null;
    }, 30000);
    const nodes = await frame.evaluate(() =>
      [...document.querySelectorAll('svg#graph .node')].map((e) => ({
        id: e.dataset.id,
        kind: e.classList.contains('source') ? 'source' : 'profile',
        label: e.querySelector('text.name').textContent,
        selected: e.classList.contains('selected'),
      })),
    );
    const profiles = nodes.filter((n) => n.kind === 'profile');
    assert(JSON.stringify(profiles.map((n) => n.label).sort()) === '["default","dev"]', `profiles drawn: ${JSON.stringify(nodes)}`);
    assert(JSON.stringify(nodes.filter((n) => n.selected).map((n) => n.label)) === '["default"]', `highlighted: ${JSON.stringify(nodes)}`);
    assert(nodes.some((n) => n.kind === 'source' && n.label === 'environment (AWS_ACCESS_KEY_ID)'), `no node for the environment's credentials: ${JSON.stringify(nodes)}`);
    // the theme's colours reach the drawing (VS Code's CSS variables, under the page's CSP)
    const colours = await frame.evaluate(() => ({
      blue: getComputedStyle(document.documentElement).getPropertyValue('--vscode-charts-blue').trim(),
      selected: getComputedStyle(document.querySelector('.node.selected rect')).stroke,
    }));
    assert(colours.blue && colours.selected && colours.selected !== 'none', `the selected box is not drawn in the theme's colour: ${JSON.stringify(colours)}`);
    await page.screenshot({ path: path.join(RUN, 'graph.png') });
    // keyboard: from the selected default, Down moves to dev (same column: both have their
    // credentials directly), Enter opens its header
    const dev = profiles.find((n) => n.label === 'dev');
    const selected = profiles.find((n) => n.selected);
    await frame.locator(`[id="n-${selected.id}"]`).focus();
    await page.keyboard.press('ArrowDown');
    await until('the focus on dev', () => frame.evaluate((id) => document.activeElement && document.activeElement.dataset.id === id, dev.id), 5000);
    await page.keyboard.press('Enter');
    await until('the config file beside the graph, on [profile dev]', async () => {
      const tab = await page.locator('.tab.active', { hasText: 'config' }).count();
      const pos = (await statusText('status.editor.selection').catch(() => '')).trim();
      return tab > 0 && /^Ln 6, Col \d+ \(11 selected\)/.test(pos) && pos;
    }, 20000);
    // close the editor it opened (its group goes with it), then the graph
    await page.keyboard.press('Control+W');
    await until('the graph tab active again', async () => (await page.locator('.tab.active', { hasText: 'AWS Profiles Graph' }).count()) > 0, 10000);
    await runCommand('View: Close Editor');
    await until('the graph closed', async () => (await page.locator('.tab', { hasText: 'AWS Profiles Graph' }).count()) === 0, 10000);
    return JSON.stringify(nodes.map((n) => `${n.label}${n.selected ? ' (selected)' : ''}`));
  });

  await check('awsConfig.files.configPatterns applies the AWS Config language', async () => {
    await quickOpen(CUSTOM);
    return until('the language mode AWS Config', async () => {
      const t = (await statusText('status.editor.mode')).trim();
      return t === 'AWS Config' && t;
    }, 20000);
  });

  await check('awsConfig.extraFiles gives a dotfiles copy the language its name says (AWS Credentials)', async () => {
    await quickOpen(path.join(WS, 'dotfiles', 'aws-credentials'));
    return until('the language mode AWS Credentials', async () => {
      const t = (await statusText('status.editor.mode')).trim();
      return t === 'AWS Credentials' && t;
    }, 20000);
  });

  await check('Open Credentials File opens AWS_SHARED_CREDENTIALS_FILE as AWS Credentials', async () => {
    await runCommand('AWS Config: Open Credentials File');
    await until('the credentials tab', async () => (await page.locator('.tab.active').first().innerText()).includes('credentials'));
    return until('the language mode AWS Credentials', async () => {
      const t = (await statusText('status.editor.mode')).trim();
      return t === 'AWS Credentials' && t;
    }, 20000);
  });

  await check('the server runs from the .vsix and traces the protocol', async () => {
    const text = await until('the output channel log file', async () => {
      const t = extensionLog();
      return t.includes('awsConfig/explain') && t;
    }, 15000);
    if (!STUB) {
      assert(/Starting: .* -m aws_config_ls serve \(PYTHONPATH=.*\/exts\/[^)]*\/bundled\/libs\)/.test(text), 'the log does not show the bundled server being started');
    }
    assert(/Sending request 'awsConfig\/explain/.test(text), 'no protocol trace in the output channel');
    return (text.match(/Starting: .*/) || [''])[0];
  });

  await check('a bad awsConfig.server.python: restart, one clear error with "Open Settings", status bar hidden', async () => {
    // As a user would: edit the workspace settings.json in the editor and save.
    // (awsConfig.server.* are machine-overridable, like python.defaultInterpreterPath: a
    // remote extension host such as code-server's takes them from the remote machine's or
    // the workspace's settings, not from the browser's user settings.)
    await openWorkspaceSettingsJson();
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(JSON.stringify({ 'awsConfig.server.path': '', 'awsConfig.server.python': path.join(RUN, 'no-such-python') }, null, 2));
    await page.keyboard.press('Control+S');
    await until('the status bar item to go away', async () => (await page.locator('.statusbar-item', { hasText: /^\s*AWS: / }).count()) === 0, 30000);
    const text = await until('the error notification', async () => {
      const texts = await notificationTexts();
      return texts.find((t) => t.includes('awsConfig.server.python'));
    }, 30000, 1000);
    assert(/cannot run the language server/.test(text) && /not found/.test(text), `unexpected message: ${text}`);
    await runCommand('Notifications: Show Notifications');
    const item = page.locator('.notifications-center .notification-list-item', { hasText: 'awsConfig.server.python' }).first();
    await item.locator('.monaco-button', { hasText: 'Open Settings' }).first().click();
    await until('the settings editor searching awsConfig.server', async () => {
      const v = await page.locator('.settings-editor .suggest-input-container .view-lines').first().innerText().catch(() => '');
      return v.includes('awsConfig.server') && v;
    }, 15000);
    // in a remote window (code-server is one) the machine-overridable settings are on the remote tab
    const tab = (await page.locator('.settings-editor .settings-tabs-widget .action-label.checked').first().innerText().catch(() => '')).trim();
    if (/in a remote window/.test(extensionLog())) assert(/remote/i.test(tab), `the settings editor opened on the "${tab}" tab`);
    await until('awsConfig.server.python listed', async () => (await page.locator('.settings-editor .setting-item-contents', { hasText: 'Python' }).count()) > 0, 15000);
    return `${text} (settings tab "${tab}")`;
  });

  await check('fixing the setting restarts the server: the status bar is back', async () => {
    await page.keyboard.press('Escape');
    await openWorkspaceSettingsJson();
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText('{}');
    await page.keyboard.press('Control+S');
    return until('AWS: default in the status bar', async () => {
      const t = await awsStatus().catch(() => '');
      return t.startsWith('AWS: default') && t;
    }, 60000);
  });

  // Typing: key by key with the extension's default settings, the file must hold
  // exactly what was typed (nothing accepted on Enter, nothing eaten).
  await check('typing a 35-line config at 35 ms per key gives exactly the typed text', () => typingCheck('typed-35', 35));
  await check('typing a 35-line config at 150 ms per key gives exactly the typed text', () => typingCheck('typed-150', 150));

  await check('accepting a header and a value completion on purpose (Tab)', async () => {
    const file = path.join(WS, 'accept', '.aws', 'config');
    await openPath(file, 'accept');
    await page.keyboard.type('[prof', { delay: 80 });
    await acceptSuggestion('profile');
    await page.keyboard.type('new-two', { delay: 80 });
    await page.keyboard.press('Escape');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('output = js', { delay: 80 });
    await acceptSuggestion('json');
    await page.keyboard.press('Enter');
    await page.keyboard.type('region = us-east-1', { delay: 80 });
    await page.keyboard.press('Enter');
    const want = '[profile new-two]\noutput = json\nregion = us-east-1\n';
    const text = await savedText(file);
    assert(text === want, `after accepting: ${firstDifference(want, text)}`);
    return JSON.stringify(text);
  });

  await finish(results.every((r) => r.ok), 'see the FAIL lines above');
})().catch((e) => finish(false, e && e.message ? e.message : String(e)));
