#!/usr/bin/env bash
# Side by side with promptfoo: installs promptfoo (pinned, into
# bench/promptfoo/node_modules), generates the same workload for both tools
# (same cases, the same demo bot on 127.0.0.1, the same checks, the same
# concurrency), runs both and prints wall time, peak RSS and their ratios.
#
#   bench/promptfoo/run.sh                      # 1,000 cases, C=16, bot latency 20ms
#   bench/promptfoo/run.sh -n 10000 -c 64 -latency 0 -runs 3
#
# Flags go to bench/vspromptfoo (go run ./bench/vspromptfoo -h lists them).
# Needs Go, Node.js 20.20+ and npm; the only network use is npm install.
set -euo pipefail

# 0.121.20 is the last promptfoo release that runs on Node 20 (0.122 and
# later need Node 22.22 or newer). package.json pins the same version.
PROMPTFOO_VERSION=0.121.20

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

for tool in go node npm; do
	command -v "$tool" >/dev/null || { echo "run.sh: $tool is not on PATH" >&2; exit 2; }
done

installed="$(node -p "try { require('$here/node_modules/promptfoo/package.json').version } catch { '' }")"
if [ "$installed" != "$PROMPTFOO_VERSION" ]; then
	echo "run.sh: installing promptfoo@$PROMPTFOO_VERSION into $here/node_modules" >&2
	(cd "$here" && npm_config_update_notifier=false npm install --no-package-lock --no-audit --no-fund --loglevel=error)
	installed="$(node -p "require('$here/node_modules/promptfoo/package.json').version")"
	[ "$installed" = "$PROMPTFOO_VERSION" ] || { echo "run.sh: got promptfoo $installed, want $PROMPTFOO_VERSION" >&2; exit 1; }
fi

# promptfoo stays off the network (vspromptfoo sets these for its runs too).
export PROMPTFOO_DISABLE_TELEMETRY=1 PROMPTFOO_DISABLE_UPDATE=1 PROMPTFOO_DISABLE_SHARING=1 \
	PROMPTFOO_DISABLE_REMOTE_GENERATION=1 PROMPTFOO_DISABLE_REDTEAM_REMOTE_GENERATION=1

cd "$root"
exec go run ./bench/vspromptfoo -promptfoo "$here/node_modules/.bin/promptfoo" "$@"
