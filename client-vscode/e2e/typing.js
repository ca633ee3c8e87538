// The typing test's text and the keys a user presses to type it in VS Code.
// Used by drive.js; `node e2e/typing.js` prints the key count and checks the key model.
'use strict';
const fs = require('fs');
const path = require('path');

/**
 * A realistic ~/.aws/config, typed from an empty file. It holds what went wrong in
 * issue 9: `region = us-east-1⏎`, `output = json⏎source_profile = dev`, `[profile new-one]⏎`.
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

/**
 * The keys that type `text`: characters and 'Enter', and where a new line's indentation
 * is not simply the previous line's (after a line the onEnterRules indent, and where
 * the text goes back to less indentation) an { indentTo, line } step: look at what
 * VS Code put on the new line and replace it with `indentTo`, as a user does. (Whether
 * VS Code applies an onEnterRule depends on the line being tokenized yet, which fast
 * typing outruns, so the test cannot know it in advance.)
 */
function keysFor(text) {
  const lines = text.split('\n');
  const keys = [];
  let kept = ''; // the previous line's indentation, which Enter always keeps
  let ruled = false; // the previous line matches an indenting onEnterRule
  lines.forEach((line, n) => {
    const indent = /^[ \t]*/.exec(line)[0];
    if (n > 0 && (ruled || indent !== kept)) keys.push({ indentTo: indent, line: n + 1 });
    else if (n === 0) keys.push(...indent);
    keys.push(...line.slice(indent.length));
    if (n < lines.length - 1) keys.push('Enter');
    kept = indent;
    ruled = INDENT_AFTER.some((re) => re.test(line));
  });
  return keys;
}

/** Replays keys: must give the text back. */
function replay(keys) {
  const lines = [''];
  for (const k of keys) {
    const cur = lines.length - 1;
    if (k === 'Enter') lines.push(/^[ \t]*/.exec(lines[cur])[0]);
    else if (typeof k === 'object') lines[cur] = k.indentTo;
    else lines[cur] += k;
  }
  return lines.join('\n');
}

module.exports = { CONFIG_TEXT, keysFor, replay };

if (require.main === module) {
  const keys = keysFor(CONFIG_TEXT);
  if (replay(keys) !== CONFIG_TEXT) throw new Error('the key model does not give the text back');
  console.log(`${CONFIG_TEXT.split('\n').length - 1} lines, ${keys.length} keys (${keys.filter((k) => k === 'Enter').length} Enter, ${keys.filter((k) => typeof k === 'object').length} indentation fixes)`);
}
