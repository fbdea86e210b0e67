# Shared by the scripts: find Python 3.11+, create .venv, install the project into it.
# Sourced, not run. Re-installs only when pyproject.toml changes.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"

find_python() {
  for candidate in python3.11 python3.12 python3.13 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  echo "error: Python 3.11 or newer is required" >&2; return 1
}

# ensure_venv EXTRAS: "" for the service alone, "test" for the test tools too.
ensure_venv() {
  local extras="${1:-}" spec="." stamp
  [ -n "$extras" ] && spec=".[$extras]"
  if [ ! -x "$VENV/bin/python" ]; then
    "$(find_python)" -m venv "$VENV"
  fi
  stamp="$VENV/.installed-$(sha256sum "$ROOT/pyproject.toml" | cut -c1-16)-${extras:-base}"
  if [ ! -f "$stamp" ]; then
    echo "==> installing $spec into .venv"
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
    (cd "$ROOT" && "$VENV/bin/python" -m pip install --quiet -e "$spec")
    touch "$stamp"
  fi
  export PATH="$VENV/bin:$PATH"
}

# apt_install PKG...: install Debian packages that are missing (CI and fresh machines run as root).
apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "==> installing Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# ensure_rum: the RUM extension for the installed PostgreSQL, which search's recency index uses
# (migration 0008). Where no package exists for that version, searches keep the GIN plan.
ensure_rum() {
  local major
  major=$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1)
  [ -n "$major" ] || return 0
  if ! apt-cache show "postgresql-$major-rum" >/dev/null 2>&1; then
    echo "==> no postgresql-$major-rum package: search keeps its GIN plan"
    return 0
  fi
  apt_install "postgresql-$major-rum"
}

# ensure_api_tools: the spec's Node tools (Spectral, Prism, Optic) in tools/api, as pinned by its lockfile.
ensure_api_tools() {
  command -v npm >/dev/null 2>&1 || apt_install nodejs npm
  [ "$ROOT/tools/api/node_modules/.package-lock.json" -nt "$ROOT/tools/api/package-lock.json" ] ||
    (cd "$ROOT/tools/api" && npm ci --no-audit --no-fund --prefer-offline --loglevel=error)
}
