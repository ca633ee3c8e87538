// The typing test's text and the keys a user presses to type it in VS Code.
// Used by drive.js; `node e2e/typing.js` prints the key count and checks the key model.
'use strict';
const fs = require('fs');
const path = require('path');

/**
 * A realistic ~/.aws/config, typed from an empty file. It holds what went wrong in
 * issue 9: `region = us-east-1⏎`, `output = json⏎source_profile = dev`, `[profile new-one]⏎`.
 * The nested block is indented by 4 spaces, as VS Code indents after `s3 =`.
 */
const CONFIG_TEXT = `# Work accounts: SSO for people, roles for automation
[default]
region = us-east-1
output = json

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access

[profile dev]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = Developer
region = eu-west-1
output = json

[profile prod-admin]
role_arn = arn:aws:iam::444455556666:role/Admin
source_profile = dev
role_session_name = admin-session
duration_seconds = 3600
region = us-east-1
s3 =
    max_concurrent_requests = 20
    addressing_style = virtual
    use_accelerate_endpoint = false

; the new account, set up by hand
[profile new-one]
region = us-east-1
output = json
source_profile = dev
role_arn = arn:aws:iam::777788889999:role/ReadOnly
cli_pager =
`;

// What VS Code does on Enter in these files: keep the line's indentation, and indent
// one level more after a line the language configuration's onEnterRules match (`s3 =`).
const LANGUAGE_CONFIGURATION = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'language-configuration.json'), 'utf8'));
const INDENT_AFTER = LANGUAGE_CONFIGURATION.onEnterRules
  .filter((r) => r.action && r.action.indent === 'indent')
  .map((r) => new RegExp(r.beforeText));
/** editor.tabSize and insertSpaces of a new file (nothing to detect in it). */
const INDENT_UNIT = '    ';

/**
 * The keys that type `text`: characters, 'Enter', and 'Backspace' where the user removes
 * the indentation VS Code put on a new line that should have less (Backspace deletes
 * back to the previous tab stop). Throws if the text needs anything else.
 */
function keysFor(text) {
  const lines = text.split('\n');
  const keys = [];
  let auto = ''; // the indentation VS Code puts on the new line
  lines.forEach((line, n) => {
    const indent = /^[ \t]*/.exec(line)[0];
    if (indent.startsWith(auto)) {
      keys.push(...indent.slice(auto.length));
    } else if (auto.startsWith(indent) && (auto.length - indent.length) % INDENT_UNIT.length === 0 && /^ *$/.test(auto)) {
      for (let i = 0; i < (auto.length - indent.length) / INDENT_UNIT.length; i++) keys.push('Backspace');
    } else {
      throw new Error(`line ${n + 1}: cannot type indentation ${JSON.stringify(indent)} after ${JSON.stringify(auto)}`);
    }
    keys.push(...line.slice(indent.length));
    if (n < lines.length - 1) {
      keys.push('Enter');
      auto = indent + (INDENT_AFTER.some((re) => re.test(line)) ? INDENT_UNIT : '');
    }
  });
  return keys;
}

/** Replays keys with the editor's indentation model: must give the text back. */
function replay(keys) {
  const lines = [''];
  for (const k of keys) {
    const cur = lines.length - 1;
    if (k === 'Enter') {
      const line = lines[cur];
      lines.push(/^[ \t]*/.exec(line)[0] + (INDENT_AFTER.some((re) => re.test(line)) ? INDENT_UNIT : ''));
    } else if (k === 'Backspace') {
      lines[cur] = lines[cur].slice(0, -INDENT_UNIT.length);
    } else {
      lines[cur] += k;
    }
  }
  return lines.join('\n');
}

module.exports = { CONFIG_TEXT, keysFor, replay };

if (require.main === module) {
  const keys = keysFor(CONFIG_TEXT);
  if (replay(keys) !== CONFIG_TEXT) throw new Error('the key model does not give the text back');
  console.log(`${CONFIG_TEXT.split('\n').length - 1} lines, ${keys.length} keys (${keys.filter((k) => k === 'Enter').length} Enter, ${keys.filter((k) => k === 'Backspace').length} Backspace)`);
}
