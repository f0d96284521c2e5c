# Shared shell helpers for scripts/start and scripts/test (sourced, not run).
PNPM_VERSION=10.34.9
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
die() { printf '\033[31mERROR:\033[0m %s\n' "$*" >&2; exit 1; }

ensure_node() {
  command -v node >/dev/null || die "Node.js 20 (>= 20.19) is required: install it first (https://nodejs.org or Debian's nodejs)."
  local v; v=$(node -p 'process.versions.node')
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' \
    || die "Node.js $v is too old: SafetyAtlas needs Node >= 20.19."
}

ensure_pnpm() {
  if [ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
    step "installing pnpm $PNPM_VERSION (npm install -g)"
    npm install -g "pnpm@$PNPM_VERSION" --no-fund --no-audit >/dev/null || die "could not install pnpm $PNPM_VERSION with npm"
    hash -r
  fi
}

install_deps() {
  step "installing dependencies (pnpm install --frozen-lockfile)"
  pnpm install --frozen-lockfile --reporter=append-only 2>&1 | grep -Ev '^(Progress|\+|$)' || true
  [ -d node_modules/.pnpm ] && [ -d api/node_modules/hono ] || die "pnpm install failed (see above)"
}

# apt_ensure PKG... : installs Debian packages that are missing (root only)
apt_ensure() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ]; then
    die "missing Debian packages: ${missing[*]} — install them (sudo apt-get install ${missing[*]}) and run again"
  fi
  step "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq "${missing[@]}" >/dev/null || die "apt-get install ${missing[*]} failed"
}

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{const p=s.address().port;s.close(()=>console.log(p))})"
}
