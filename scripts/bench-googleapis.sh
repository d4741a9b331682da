#!/usr/bin/env bash
# Benchmarks `contractlint diff` against `buf breaking` side by side on real
# data: two revisions of googleapis/googleapis. It builds the two proto trees
# itself (the .proto files of each revision, plus the same buf.yaml on both
# sides: one module at the root, preview/ excluded), then times, for each tool, wall time and peak RSS
# (GNU time -v; each run starts with both trees read once, in the page
# cache), and checks that both report the same FILE findings
# (file, start line, rule). Cases:
#   year:   OLD_REV against NEW_REV (default 7c4d9e72 against f8291d2b, a year
#           of googleapis: 5,546 against 7,292 files);
#   single: OLD_REV against a copy with exactly one file changed.
# Targets (issue 14, 2 cores): year <= 0.2x buf's wall time and <= 0.25x its
# peak RSS; single <= 0.4 s and <= 150 MB.
#
# Usage: scripts/bench-googleapis.sh GOOGLEAPIS_GIT_DIR [OLD_REV [NEW_REV [WORKDIR]]]
#   GOOGLEAPIS_GIT_DIR  a clone (or bare mirror) of googleapis/googleapis
#   WORKDIR             where trees and results go (default: a temporary
#                       directory); keep it outside the repository
# Environment: BUF=path/to/buf (default: buf on PATH; skipped when absent;
# build it with `go install github.com/bufbuild/buf/cmd/buf@v1.70.0`),
# RUNS (default 3), CASES (default "year single").
set -euo pipefail
[ $# -ge 1 ] || { sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 2; }
gitdir=$1
old_rev=${2:-7c4d9e72}
new_rev=${3:-f8291d2b}
work=${4:-$(mktemp -d)}
runs=${RUNS:-3}
cases=${CASES:-year single}
buf=${BUF:-$(command -v buf || true)}
repo=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$work"
work=$(cd "$work" && pwd)
[ -x /usr/bin/time ] || { echo "needs GNU time at /usr/bin/time (package \"time\")" >&2; exit 2; }

echo "== build contractlint"
(cd "$repo" && go build -o "$work/contractlint" ./cmd/contractlint)

# A partial clone or a snapshot mirror may lack some large blobs: leave those
# paths out of both sides (and say so), so that both tools see the same trees.
missing=$(for r in "$old_rev" "$new_rev"; do
	git --git-dir="$gitdir" ls-tree -r "$r" | awk '$4 ~ /\.proto$/ { print $3, $4 }' >"$work/ls.txt"
	awk '{ print $1 }' "$work/ls.txt" | git --git-dir="$gitdir" cat-file --batch-check | awk '$2 == "missing" { print $1 }' |
		while read -r id; do awk -v id="$id" '$1 == id { print $2 }' "$work/ls.txt"; done
done | sort -u)
excludes=()
for p in $missing; do
	echo "   $p: blob missing in $gitdir, left out of both sides"
	excludes+=(":(exclude)$p")
done

# tree REV DIR: the .proto files of REV and a buf.yaml.
tree() {
	if [ ! -f "$2/buf.yaml" ]; then
		echo "== extract $1 into $2"
		rm -rf "$2" && mkdir -p "$2"
		git --git-dir="$gitdir" archive --format=tar "$1" -- '*.proto' "${excludes[@]}" | tar -x -C "$2"
		# preview/ (in later revisions) is a second copy of google/api and
		# others, rooted at preview/: one module cannot hold both.
		printf 'version: v2\nmodules:\n  - path: .\n    excludes: [preview]\n' >"$2/buf.yaml"
	fi
}
tree "$old_rev" "$work/old"
tree "$new_rev" "$work/new"
if [ ! -f "$work/single/buf.yaml" ]; then
	echo "== single: the old tree with one field added to google/type/money.proto"
	rm -rf "$work/single" && cp -al "$work/old" "$work/single"
	f="$work/single/google/type/money.proto"
	rm "$f" && sed 's/^  int32 nanos = 3;/  int32 nanos = 3;\n\n  \/\/ Added by the benchmark.\n  string note = 4;/' "$work/old/google/type/money.proto" >"$f"
	cmp -s "$f" "$work/old/google/type/money.proto" && { echo "single: the edit did not apply" >&2; exit 1; }
fi
echo "   old $(find "$work/old" -name '*.proto' | wc -l) files, new $(find "$work/new" -name '*.proto' | wc -l) files"

# warm DIR...: reads every file of the trees, so that each tool starts
# with them in the page cache, as right after a checkout. Between runs the
# other tool's gigabytes (and, on some virtual machines, the host's
# reclaim) can evict them, and a cold read of 11,000 files costs more than
# comparing them.
warm() {
	find "$@" -type f -name '*.proto' -print0 | xargs -0 cat >/dev/null
}

# measure OUT CMD...: one timed run; prints wall, peak RSS (MB), exit.
measure() {
	local out=$1
	shift
	set +e
	/usr/bin/time -v -o "$work/time.txt" "$@" >"$out" 2>"$work/stderr.txt"
	local code=$?
	set -e
	local wall rss
	wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$work/time.txt")
	rss=$(awk -F': ' '/Maximum resident set size/ {printf "%d", $2/1024}' "$work/time.txt")
	echo "$wall $rss $code"
}

# FILE-category rules, to compare with buf's default selection.
"$work/contractlint" rules --format json | jq -r '.[] | select(.categories | index("FILE")) | .id' | sort >"$work/file-rules.txt"

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), load $(cut -d' ' -f1-3 /proc/loadavg), go $(go env GOVERSION), buf ${buf:+$("$buf" --version 2>/dev/null)}"
printf '%-7s %-12s %-4s %8s %9s %5s %9s\n' case tool run wall_s rss_mb exit file_findings
for c in $cases; do
	newdir=$work/new
	[ "$c" = single ] && newdir=$work/single
	for run in $(seq "$runs"); do
		warm "$work/old" "$newdir"
		read -r wall rss code < <(measure "$work/$c.contractlint.json" "$work/contractlint" diff --format json "$work/old" "$newdir")
		if [ "$code" -ge 2 ]; then
			echo "contractlint failed (exit $code):" >&2
			head -20 "$work/stderr.txt" >&2
			exit 1
		fi
		jq -r '.findings[] | select(.ignored == null) | "\(.file)\t\(.line)\t\(.rule)"' "$work/$c.contractlint.json" |
			awk -F'\t' 'NR == FNR { r[$1]; next } ($3 in r)' "$work/file-rules.txt" - | sort >"$work/$c.contractlint.tsv"
		printf '%-7s %-12s %-4s %8s %9s %5s %9s\n' "$c" contractlint "$run" "$wall" "$rss" "$code" "$(wc -l <"$work/$c.contractlint.tsv")"
		cl_wall[$run]=$wall cl_rss[$run]=$rss
		[ -n "$buf" ] || continue
		warm "$work/old" "$newdir"
		read -r wall rss code < <(measure "$work/$c.buf.json" "$buf" breaking "$newdir" --against "$work/old" --error-format json)
		if [ "$code" -ne 0 ] && [ "$code" -ne 100 ]; then
			echo "buf failed (exit $code):" >&2
			head -20 "$work/stderr.txt" "$work/$c.buf.json" >&2
			exit 1
		fi
		# buf names files by the path it was given (NEWDIR/google/...) and
		# prints a finding without a position (FILE_NO_DELETE, a message
		# deleted from a file, a file option removed) at 1:1-1:1;
		# contractlint names files by module path and leaves such a line 0.
		jq -r --arg dir "$newdir/" '(.path // "" | ltrimstr($dir)) as $p |
			(if $p == "" or [.start_line, .start_column, .end_line, .end_column] == [1, 1, 1, 1] then 0 else .start_line // 0 end) as $l |
			"\($p)\t\($l)\t\(.type)"' "$work/$c.buf.json" | sort >"$work/$c.buf.tsv"
		printf '%-7s %-12s %-4s %8s %9s %5s %9s\n' "$c" buf "$run" "$wall" "$rss" "$code" "$(wc -l <"$work/$c.buf.tsv")"
		printf '%-7s %-12s %-4s %8s %9s\n' "$c" "ratio" "$run" "$(echo "scale=3; ${cl_wall[$run]} / $wall" | bc)" "$(echo "scale=3; ${cl_rss[$run]} / $rss" | bc)"
	done
	if [ -n "$buf" ]; then
		if cmp -s "$work/$c.contractlint.tsv" "$work/$c.buf.tsv"; then
			echo "$c: identical FILE findings ($(wc -l <"$work/$c.buf.tsv"))"
		else
			echo "$c: FILE findings differ (< contractlint, > buf):" >&2
			diff "$work/$c.contractlint.tsv" "$work/$c.buf.tsv" | head -20 >&2
			exit 1
		fi
	fi
done
