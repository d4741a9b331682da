#!/usr/bin/env bash
# Benchmarks `contractlint diff` on a googleapis-sized protobuf tree: builds the
# binary, generates the trees (deterministically, see internal/protogen) and
# prints wall time and peak RSS for
#   full:   the whole tree against a copy with ~2% of files changed, 0.5%
#           removed and 0.5% added;
#   single: the whole tree against a copy with exactly one file changed.
# Targets (2 cores): full <= 5 s and <= 1.5 GB; single <= 1 s.
#
# Usage: scripts/bench-protobuf.sh [WORKDIR]   (default: a temporary directory)
# Needs GNU time at /usr/bin/time (package "time"); falls back to bash's time
# without RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-$(mktemp -d)}
mkdir -p "$work"
runs=${RUNS:-3}

echo "== build"
go build -o "$work/contractlint" ./cmd/contractlint
for kind in full single; do
	if [ ! -d "$work/$kind" ]; then
		flag=""
		[ "$kind" = single ] && flag=-single
		echo "== generate $kind tree"
		go run ./internal/cmd/protogen -out "$work/$kind" $flag
	fi
done

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), go $(go env GOVERSION)"
printf '%-8s %-4s %8s %8s %12s %5s %s\n' case run wall_s cpu_s peak_rss_mb exit findings
for kind in full single; do
	for run in $(seq "$runs"); do
		out="$work/$kind.json"
		if [ -x /usr/bin/time ]; then
			set +e
			/usr/bin/time -f '%e %U %S %M' -o "$work/time.txt" \
				"$work/contractlint" diff --format json "$work/$kind/old" "$work/$kind/new" >"$out" 2>"$work/stderr.txt"
			code=$?
			set -e
			read -r wall usr sys rss < <(tail -n1 "$work/time.txt")
			rss=$((rss / 1024))
			cpu=$(echo "$usr + $sys" | bc)
		else
			start=$(date +%s.%N)
			set +e
			"$work/contractlint" diff --format json "$work/$kind/old" "$work/$kind/new" >"$out" 2>"$work/stderr.txt"
			code=$?
			set -e
			wall=$(echo "$(date +%s.%N) - $start" | bc)
			rss="?"
			cpu="?"
		fi
		if [ "$code" -ge 2 ]; then
			echo "contractlint failed (exit $code):" >&2
			head -20 "$work/stderr.txt" >&2
			exit 1
		fi
		findings=$(grep -o '"rule":' "$out" | wc -l)
		printf '%-8s %-4s %8s %8s %12s %5s %s\n' "$kind" "$run" "$wall" "$cpu" "$rss" "$code" "$findings"
	done
done
