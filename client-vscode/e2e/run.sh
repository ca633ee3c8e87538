#!/usr/bin/env bash
# End-to-end test in real VS Code: code-server 4.100.3 (= VS Code 1.100.3) with the built
# .vsix installed, driven in Debian's headless Chromium by playwright-core (drive.js).
#
#   e2e/run.sh [path/to/extension.vsix]     (default: the newest client-vscode/*.vsix)
#
# Needs e2e/install.sh first. Runs in a network namespace with no network (unshare -n)
# when the kernel allows it, else on loopback. Works on a throw-away copy of the
# fixtures, with HOME, XDG dirs and TMPDIR inside the run directory, so the real
# ~/.aws is never read and nothing outside the run directory is written.
#
# Environment:
#   AWS_CONFIG_LS_E2E_DIR      cache dir (default client-vscode/.e2e): tools/ and run/
#   E2E_SERVER_PATH            set awsConfig.server.path (for trying the harness with a
#                              stand-in server); unset = the server bundled in the .vsix
#   E2E_TIMEOUT                seconds for the whole browser session (default 600)
#   E2E_EDITOR_SETTINGS        JSON object merged into the user settings, e.g.
#                              '{"[aws-config]": {"editor.acceptSuggestionOnEnter": "on"}}'
#                              to see the typing test fail without the extension's defaults
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
EXT=$(dirname "$HERE")
CACHE=${AWS_CONFIG_LS_E2E_DIR:-$EXT/.e2e}
TOOLS=$CACHE/tools
log() { printf '[e2e] %s\n' "$*" >&2; }

# --- re-run inside a network namespace without network, if possible ---------------
if [ -z "${E2E_IN_NETNS:-}" ]; then
  if [ "${E2E_NO_NETNS:-}" != 1 ] && unshare -n true 2>/dev/null && command -v ip >/dev/null; then
    log "running inside 'unshare -n' (no network at all)"
    exec env E2E_IN_NETNS=1 unshare -n -- bash "${BASH_SOURCE[0]}" "$@"
  fi
  if [ "${E2E_NO_NETNS:-}" = 1 ]; then log "E2E_NO_NETNS=1: running on loopback"
  else log "unshare -n is not available here: running on loopback"; fi
  export E2E_IN_NETNS=0
fi
if [ "$E2E_IN_NETNS" = 1 ]; then
  ip link set lo up
fi

VSIX=${1:-}
if [ -z "$VSIX" ]; then
  VSIX=$(ls -t "$EXT"/*.vsix 2>/dev/null | head -1 || true)
fi
[ -n "$VSIX" ] && [ -f "$VSIX" ] || { log "no .vsix (run npm run package first, or pass its path)"; exit 1; }
VSIX=$(cd "$(dirname "$VSIX")" && pwd)/$(basename "$VSIX")
CS=$TOOLS/node_modules/.bin/code-server
[ -x "$CS" ] || { log "code-server is not installed: run e2e/install.sh"; exit 1; }
CHROMIUM=$(command -v chromium || true)
[ -n "$CHROMIUM" ] || { log "chromium is not installed: run e2e/install.sh"; exit 1; }

# --- a fresh run directory -----------------------------------------------------------
RUN=$CACHE/run
rm -rf "$RUN"
mkdir -p "$RUN"/{home,ud/User,exts,tmp,ws/.aws}
RUN=$(cd "$RUN" && pwd)
WS=$RUN/ws
cat > "$WS/.aws/config" <<'CONFIG'
[default]
region = us-east-1
aws_access_key_id = AKIAI44QH8DHBEXAMPLE
aws_secret_access_key = je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY

[profile dev]
regoin = us-west-2
CONFIG
cat > "$WS/.aws/credentials" <<'CREDENTIALS'
[dev]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
CREDENTIALS
cat > "$WS/custom-aws.conf" <<'CUSTOM'
[default]
output = json
CUSTOM
mkdir -p "$WS/dotfiles"
cat > "$WS/dotfiles/aws-credentials" <<'EXTRA'
[default]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
EXTRA
cp -r "$WS" "$RUN/ws.orig"   # to prove the run never wrote into the fixtures
# empty config files the typing test types into
for d in typed-35 typed-150 accept; do mkdir -p "$WS/$d/.aws" && : > "$WS/$d/.aws/config"; done
# a dotfiles-style copy (not read by boto3: no variable names it) that rename and Format
# Document change: config and credentials beside each other are read as a pair
mkdir -p "$WS/nav/.aws"
cat > "$WS/nav/.aws/config" <<'NAVCONFIG'
[profile team]
region=us-east-1
output = json

[profile team-admin]
role_arn = arn:aws:iam::123456789012:role/Admin
source_profile = team

[sso-session corp]
sso_start_url = https://example.awsapps.com/start
sso_region = us-east-1
NAVCONFIG
cat > "$WS/nav/.aws/credentials" <<'NAVCREDENTIALS'
[team]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
NAVCREDENTIALS

node -e '
const [file, ws, serverPath, editorSettings] = process.argv.slice(1);
const s = {
  "awsConfig.environment": {
    AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
    AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    AWS_CONFIG_FILE: ws + "/.aws/config",
    AWS_SHARED_CREDENTIALS_FILE: ws + "/.aws/credentials",
  },
  "awsConfig.files.configPatterns": ["**/custom-aws.conf"],
  "awsConfig.extraFiles": ["**/dotfiles/aws-credentials"],
  "awsConfig.trace.server": "messages",
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "update.mode": "none",
  "files.autoSave": "off",
  "files.hotExit": "off",
  "git.enabled": false,
  "editor.hover.delay": 100,
};
if (serverPath) s["awsConfig.server.path"] = serverPath;
Object.assign(s, JSON.parse(editorSettings || "{}"));
require("fs").writeFileSync(file, JSON.stringify(s, null, 2));
' "$RUN/ud/User/settings.json" "$WS" "${E2E_SERVER_PATH:-}" "${E2E_EDITOR_SETTINGS:-}"

# The environment code-server (and so the extension host and the server) runs with:
# nothing from the caller's AWS_* variables or Python virtualenv.
PATH_CLEAN=$PATH
if [ -n "${VIRTUAL_ENV:-}" ]; then
  PATH_CLEAN=$(printf '%s' "$PATH" | tr ':' '\n' | grep -vxF "$VIRTUAL_ENV/bin" | paste -sd: -)
fi
run_env=(env -i "PATH=$PATH_CLEAN" "HOME=$RUN/home" "TMPDIR=$RUN/tmp" "LANG=C.UTF-8"
         "XDG_CONFIG_HOME=$RUN/home/.config" "XDG_DATA_HOME=$RUN/home/.local/share"
         "XDG_CACHE_HOME=$RUN/home/.cache")
log "python3 on the PATH the extension sees: $("${run_env[@]}" python3 -c 'import sys; print(sys.executable, sys.version.split()[0])' 2>&1 || echo none)"

log "installing $(basename "$VSIX")"
"${run_env[@]}" timeout -k 5 120 "$CS" --user-data-dir "$RUN/ud" --extensions-dir "$RUN/exts" \
  --install-extension "$VSIX" > "$RUN/install.log" 2>&1 \
  || { cat "$RUN/install.log" >&2; log "installing the .vsix failed"; exit 1; }

# --- code-server ---------------------------------------------------------------------
PORT=${E2E_PORT:-}
if [ -z "$PORT" ]; then
  if [ "$E2E_IN_NETNS" = 1 ]; then PORT=8899; else
    PORT=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
  fi
fi
CS_PID=
DRIVER_PID=
cleanup() {
  local rc=$?
  for pid in $DRIVER_PID $CS_PID; do
    # each was started with setsid: its process group holds its children
    # (extension host, language server, chromium)
    kill -TERM -- "-$pid" 2>/dev/null || true
  done
  for _ in $(seq 50); do
    alive=0
    for pid in $DRIVER_PID $CS_PID; do kill -0 -- "-$pid" 2>/dev/null && alive=1; done
    [ $alive = 0 ] && break
    sleep 0.1
  done
  for pid in $DRIVER_PID $CS_PID; do kill -KILL -- "-$pid" 2>/dev/null || true; done
  exit $rc
}
trap cleanup EXIT INT TERM

"${run_env[@]}" setsid "$CS" --auth none --bind-addr "127.0.0.1:$PORT" \
  --user-data-dir "$RUN/ud" --extensions-dir "$RUN/exts" \
  --disable-telemetry --disable-update-check --disable-workspace-trust \
  --disable-getting-started-override --ignore-last-opened \
  "$WS" > "$RUN/code-server.log" 2>&1 &
CS_PID=$!
for _ in $(seq 300); do
  (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break
  kill -0 "$CS_PID" 2>/dev/null || { cat "$RUN/code-server.log" >&2; log "code-server exited"; exit 1; }
  sleep 0.1
done
(exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null || { cat "$RUN/code-server.log" >&2; log "code-server did not listen"; exit 1; }
log "code-server on 127.0.0.1:$PORT"

# --- the browser session ---------------------------------------------------------------
set +e
env HOME="$RUN/home" XDG_CONFIG_HOME="$RUN/home/.config" XDG_CACHE_HOME="$RUN/home/.cache" TMPDIR="$RUN/tmp" \
    NODE_PATH="$TOOLS/node_modules" CS_URL="http://127.0.0.1:$PORT/?folder=$WS" WS="$WS" RUN="$RUN" \
    CHROMIUM="$CHROMIUM" E2E_STUB="${E2E_SERVER_PATH:+1}" E2E_TIMEOUT="${E2E_TIMEOUT:-600}" \
    setsid timeout -k 10 "$(( ${E2E_TIMEOUT:-600} + 60 ))" node "$HERE/drive.js" &
DRIVER_PID=$!
wait "$DRIVER_PID"
rc=$?
DRIVER_PID=
set -e

# --- after the run: the fixtures are untouched; show logs on failure -------------------
if ! diff -r "$RUN/ws.orig/.aws" "$WS/.aws" >/dev/null || ! diff "$RUN/ws.orig/custom-aws.conf" "$WS/custom-aws.conf" >/dev/null; then
  log "FAIL: the run wrote into the fixture files"; rc=1
fi
if [ $rc != 0 ]; then
  log "logs: $RUN/code-server.log, extension output:"
  find "$RUN/ud/logs" -name '*AWS Config*' -exec tail -40 {} \; >&2 2>/dev/null || true
  log "screenshots: $(ls "$RUN"/*.png 2>/dev/null | paste -sd' ' -)"
fi
exit $rc
