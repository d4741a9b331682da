#!/usr/bin/env bash
# Extracts Confluent Schema Registry's protobuf diff examples from a git
# directory of confluentinc/schema-registry into a corpus directory that
# checks/protobuf's TestConfluentCorpus reads:
#
#   OUTDIR/diff-schema-examples.json             the labelled original/update pairs
#   OUTDIR/diff-schema-examples-with-meta.json   (protobuf-provider/src/test/resources)
#   OUTDIR/resources/...                         the .proto files the examples name by
#                                                path: protobuf-provider's test resources
#                                                and protobuf-types/src/main/proto
#   OUTDIR/NOTICE.md                             where it came from (commit, licence)
#
# The material is under the Confluent Community License: never commit it.
#
# Usage: scripts/confluent-protobuf-corpus.sh GITDIR [OUTDIR]
#   GITDIR  a bare or .git directory of confluentinc/schema-registry
#   OUTDIR  default $CONTRACTLINT_CORPORA/confluent-protobuf, else ../shared/corpora/confluent-protobuf
# Then: CONTRACTLINT_CORPORA=<parent of OUTDIR> go test ./checks/protobuf -run TestConfluentCorpus -v
set -euo pipefail
if [ $# -lt 1 ] || [ $# -gt 2 ]; then
	echo "usage: $0 GITDIR [OUTDIR]" >&2
	exit 2
fi
git_dir=$1
if [ -n "${2:-}" ]; then
	out=$2
elif [ -n "${CONTRACTLINT_CORPORA:-}" ]; then
	out=$CONTRACTLINT_CORPORA/confluent-protobuf
else
	out=$(dirname "$0")/../../shared/corpora/confluent-protobuf
fi
g() { git --git-dir="$git_dir" "$@"; }
commit=$(g rev-parse --verify 'HEAD^{commit}') || {
	echo "$git_dir is not a git directory with a HEAD commit" >&2
	exit 2
}
resources=protobuf-provider/src/test/resources
types=protobuf-types/src/main/proto
mkdir -p "$out/resources"
for f in diff-schema-examples.json diff-schema-examples-with-meta.json; do
	g show "$commit:$resources/$f" >"$out/$f"
done
n=0
while IFS= read -r path; do
	case $path in
	"$resources"/*) rel=${path#"$resources"/} ;;
	"$types"/*) rel=${path#"$types"/} ;;
	*) continue ;;
	esac
	mkdir -p "$out/resources/$(dirname "$rel")"
	g show "$commit:$path" >"$out/resources/$rel"
	n=$((n + 1))
done < <(g ls-tree -r --name-only "$commit" -- "$resources" "$types" | grep '\.proto$')
cat >"$out/NOTICE.md" <<EOF
Extracted by contractlint's scripts/confluent-protobuf-corpus.sh from
confluentinc/schema-registry at commit $commit:
$resources/diff-schema-examples*.json and $n .proto files
($resources, $types) under resources/.
Licensed under the Confluent Community License
(https://www.confluent.io/confluent-community-license); not part of contractlint.
EOF
echo "wrote $out ($n .proto files, commit $commit)"
