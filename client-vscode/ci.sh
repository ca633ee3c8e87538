#!/usr/bin/env bash
# CI for the VS Code extension (client-vscode/), as root on a fresh Debian 12 machine with
# Node 20 and Python 3: installs what is missing, then
#   npm ci → type-check → unit tests → grammar tests → npm run package (.vsix) →
#   the .vsix's bundled server under the system python3 (CLI + protocol smoke test) →
#   real VS Code end to end (code-server + Chromium, offline in `unshare -n`).
# Every step must pass; a missing tool is an error, never a skip.
#
# Environment: AWS_CONFIG_LS_E2E_DIR (cache for code-server/playwright, default
# client-vscode/.e2e), AWS_CONFIG_LS_BUNDLE_PYTHON (Python with pip used to bundle).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
EXT=$(pwd)
START=$SECONDS
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
export CI=${CI:-true}

step() { printf '\n=== [%4ss] %s\n' "$((SECONDS - START))" "$*"; }
die() { printf 'ci.sh: FAILED: %s\n' "$*" >&2; exit 1; }
need_root_for() { [ "$(id -u)" = 0 ] || die "not root: cannot apt-get install $*"; }
APT_UPDATED=
apt_install() {
  need_root_for "$@"
  export DEBIAN_FRONTEND=noninteractive
  if [ -z "$APT_UPDATED" ]; then apt-get update -qq; APT_UPDATED=1; fi
  apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

step "tools"
command -v node >/dev/null || die "node is not installed (Node 20 is expected on the machine)"
command -v npm >/dev/null || die "npm is not installed"
command -v python3 >/dev/null || apt_install python3
# bundling needs a Python with pip (pip install --target); Debian's python3-pip is enough
BUNDLE_PY=${AWS_CONFIG_LS_BUNDLE_PYTHON:-python3}
if ! "$BUNDLE_PY" -m pip --version >/dev/null 2>&1; then
  apt_install python3-pip
  BUNDLE_PY=/usr/bin/python3
  "$BUNDLE_PY" -m pip --version >/dev/null || die "no pip for $BUNDLE_PY"
fi
export AWS_CONFIG_LS_BUNDLE_PYTHON=$BUNDLE_PY
# keytar (an optional dependency of vsce) compiles against these headers when present
[ -f /usr/include/node/node.h ] && export npm_config_nodedir=/usr
echo "node $(node -v), npm $(npm -v), bundling with $("$BUNDLE_PY" --version 2>&1) ($(command -v "$BUNDLE_PY"))"

step "npm ci"
npm ci --no-audit --no-fund --loglevel=error
./node_modules/.bin/esbuild --version >/dev/null || die "esbuild's binary did not install"

step "type-check"
npm run -s typecheck

step "unit tests"
npm run -s test:unit

step "grammar tests"
npm run -s test:grammar

step "package (bundle the server and its pure-Python dependencies, esbuild, vsce)"
rm -f ./*.vsix
npm run -s package </dev/null
VERSION=$(node -p 'require("./package.json").version')
VSIX=$EXT/aws-config-ls-$VERSION.vsix
[ -f "$VSIX" ] || die "no $VSIX"
ls -l "$VSIX"

step "the .vsix: contents, and its server under the system python3 (nothing installed)"
CHECK=$(mktemp -d)
trap 'rm -rf "$CHECK"' EXIT
# (zipfile instead of unzip: one tool fewer on a fresh machine)
python3 -m zipfile -e "$VSIX" "$CHECK/vsix"
X=$CHECK/vsix/extension
for f in package.json dist/extension.js language-configuration.json readme.md LICENSE.txt \
         syntaxes/aws-config.tmLanguage.json syntaxes/aws-credentials.tmLanguage.json syntaxes/aws-boto.tmLanguage.json \
         bundled/libs/aws_config_ls/__main__.py bundled/libs/pygls bundled/libs/lsprotocol bundled/libs/boto3 bundled/libs/botocore; do
  [ -e "$X/$f" ] || die "the .vsix lacks extension/$f"
done
compiled=$(find "$X" \( -name '*.so' -o -name '*.pyd' -o -name '*.dylib' -o -name '*.pyc' \) | head -5)
[ -z "$compiled" ] || die "compiled files in the .vsix: $compiled"
# the interpreter a new user has: Debian's python3 when present, else python3 on PATH
SYS_PY=/usr/bin/python3
[ -x "$SYS_PY" ] || SYS_PY=$(command -v python3)
LIBS=$X/bundled/libs
echo "system python: $SYS_PY ($("$SYS_PY" --version 2>&1))"
env -i PATH="$PATH" HOME="$CHECK" PYTHONPATH="$LIBS" PYTHONDONTWRITEBYTECODE=1 \
  "$SYS_PY" -m aws_config_ls --help >"$CHECK/help.txt" 2>&1 \
  || { cat "$CHECK/help.txt"; die "python3 -m aws_config_ls --help failed with the bundled libraries"; }
head -5 "$CHECK/help.txt"
# every Python ≥ 3.10 this machine has must import the bundle (the markers differ by version)
pythons=("$SYS_PY")
for v in 3.10 3.11 3.12 3.13 3.14; do
  for p in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/"$v".*/bin/python"$v" "$(command -v "python$v" || true)"; do
    # (a pyenv shim exists on PATH even when it cannot run: try it)
    if [ -n "$p" ] && [ -x "$p" ] && "$p" -c 'import sys' 2>/dev/null; then pythons+=("$p"); break; fi
  done
done
echo "Pythons to import the bundle with: ${pythons[*]}"
for p in "${pythons[@]}"; do
  env -i PATH="$PATH" HOME="$CHECK" PYTHONPATH="$LIBS" PYTHONDONTWRITEBYTECODE=1 "$p" -c '
import sys, aws_config_ls, pygls.lsp.server, lsprotocol.types, cattrs, boto3, botocore.session
print("imports ok on Python %d.%d.%d" % sys.version_info[:3])' || die "the bundle does not import on $p"
done
node scripts/smoke-server.mjs --libs "$LIBS" --python "$SYS_PY"

step "end to end in real VS Code (code-server 4.100.3 + Chromium)"
bash e2e/install.sh
bash e2e/run.sh "$VSIX"

step "all passed in $((SECONDS - START)) s"
