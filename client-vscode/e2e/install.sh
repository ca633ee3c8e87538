#!/usr/bin/env bash
# Installs what the VS Code end-to-end test needs, offline-friendly, as root on Debian 12:
#   - Debian packages: chromium, ripgrep, iproute2 and the headers code-server's native
#     modules compile against (only those that are missing);
#   - code-server 4.100.3 (= VS Code 1.100.3; the last release for Node 20) and
#     playwright-core, from e2e/package-lock.json, into $AWS_CONFIG_LS_E2E_DIR/tools
#     (default client-vscode/.e2e/tools). Skipped when that lock is already installed.
# Workarounds (shared/reference/editor-clients.md §5c): code-server's postinstall needs
# npm_config_unsafe_perm as root; node-gyp must use /usr/include/node (nodedir=/usr)
# since it cannot download headers; @vscode/ripgrep's download is served from a cache
# seeded with Debian's rg; node-pty's postinstall runs npx (npm_config_yes).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
EXT=$(dirname "$HERE")
CACHE=${AWS_CONFIG_LS_E2E_DIR:-$EXT/.e2e}
TOOLS=$CACHE/tools
log() { printf '[e2e-install] %s\n' "$*" >&2; }

# --- Debian packages ----------------------------------------------------------------
need_pkgs=()
for p in chromium ripgrep iproute2 libkrb5-dev libxkbfile-dev libsecret-1-dev libx11-dev pkg-config \
         build-essential python3 ca-certificates; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need_pkgs+=("$p")
done
if ((${#need_pkgs[@]})); then
  log "apt-get install ${need_pkgs[*]}"
  if [ "$(id -u)" != 0 ]; then log "not root: install these packages first: ${need_pkgs[*]}"; exit 1; fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need_pkgs[@]}" >/dev/null
fi
for tool in chromium rg node npm; do
  command -v "$tool" >/dev/null || { log "missing after install: $tool"; exit 1; }
done
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" != 20 ]; then
  log "code-server 4.100.3 needs Node 20 exactly (its postinstall checks); this is Node $(node -v)"
  exit 1
fi
[ -f /usr/include/node/node.h ] || { log "no Node headers in /usr/include/node (node-gyp cannot download them offline)"; exit 1; }

# --- npm tools ----------------------------------------------------------------------
stamp=$(sha256sum "$HERE/package-lock.json" | cut -d' ' -f1)
if [ -f "$TOOLS/.installed" ] && [ "$(cat "$TOOLS/.installed")" = "$stamp" ] \
   && [ -x "$TOOLS/node_modules/.bin/code-server" ]; then
  log "code-server and playwright-core already installed in $TOOLS"
  exit 0
fi
rm -rf "$TOOLS"
mkdir -p "$TOOLS" "$CACHE/tmp"
cp "$HERE/package.json" "$HERE/package-lock.json" "$TOOLS/"
# @vscode/ripgrep looks for $TMPDIR/vscode-ripgrep-cache-<its version>/<asset> before downloading.
rg_cache="$CACHE/tmp/vscode-ripgrep-cache-1.15.11"
mkdir -p "$rg_cache"
tar czf "$rg_cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$(dirname "$(command -v rg)")" rg
log "npm ci code-server + playwright-core in $TOOLS (about a minute: native modules compile)"
(
  cd "$TOOLS"
  env TMPDIR="$CACHE/tmp" npm_config_yes=true npm_config_unsafe_perm=true npm_config_nodedir=/usr \
      npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false \
      npm ci --foreground-scripts --loglevel=error > "$CACHE/npm-install.log" 2>&1 \
    || { tail -50 "$CACHE/npm-install.log" >&2; log "npm ci failed (full log: $CACHE/npm-install.log)"; exit 1; }
)
# (code-server writes a config file under XDG_CONFIG_HOME even for --version: keep it in the cache)
cs_version() { XDG_CONFIG_HOME="$CACHE/tmp/config" XDG_DATA_HOME="$CACHE/tmp/data" "$TOOLS/node_modules/.bin/code-server" --version | head -1; }
cs_version >/dev/null
[ -x "$TOOLS/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" ] \
  || { log "code-server's ripgrep is missing"; exit 1; }
node -e "require('$TOOLS/node_modules/playwright-core')" \
  || { log "playwright-core does not load"; exit 1; }
echo "$stamp" > "$TOOLS/.installed"
log "installed: $(cs_version)"
