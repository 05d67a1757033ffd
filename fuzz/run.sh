#!/usr/bin/env bash
# Runs one fuzz target for a while, starting from the committed seeds.
#
#   fuzz/run.sh TARGET [SECONDS] [extra libFuzzer flags...]
#
# Copies fuzz/seeds/<TARGET>/ (and the shared article pieces in
# fuzz/seeds/text/ for the text targets) into fuzz/corpus/<TARGET>/, which
# is not committed, and runs `cargo +nightly fuzz run` on it with the
# target's dictionary, a 2 GB memory limit, a 20 s limit per input and
# one job. Crashes are saved
# under fuzz/artifacts/<TARGET>/.
set -euo pipefail
cd "$(dirname "$0")"

target="${1:?usage: fuzz/run.sh TARGET [SECONDS] [libFuzzer flags...]}"
seconds="${2:-60}"
shift $(( $# >= 2 ? 2 : 1 ))

case "$target" in
  segment | extract_money | extract_chips | extract_duration | pipeline) seeds=(text "$target"); dicts=(text) ;;
  html) seeds=(html); dicts=(html text) ;;
  jsonl) seeds=(jsonl); dicts=(jsonl text) ;;
  *) echo "unknown target: $target (see fuzz/Cargo.toml)" >&2; exit 2 ;;
esac

corpus="corpus/$target"
mkdir -p "$corpus"
for dir in "${seeds[@]}"; do
  cp -n seeds/"$dir"/* "$corpus"/
done
if [ "$target" = html ]; then
  # the first 4,000 bytes of each fixture page (cut inside a character: a
  # truncated download), read from the fixtures rather than copied here
  for page in ../fixtures/html/*.html; do
    head -c 4000 "$page" > "$corpus/fixture-head-$(basename "$page")"
  done
fi
dict="corpus/$target.dict"
for d in "${dicts[@]}"; do cat "dict/$d.dict"; done > "$dict"

# Our crates' unsafe code reads no memory (SSE2 comparisons in
# claimex_segment::bytes::Lanes, computed on values; a string made of
# bytes simdutf8 has just validated, in claimex_ingest::decode), so by
# default no sanitizer (several times more executions); SANITIZER=address
# checks the dependencies' unsafe code.
# Debug assertions (integer overflow included) are on either way.
exec cargo +nightly fuzz run --sanitizer "${SANITIZER:-none}" "$target" "$corpus" -- \
  -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=20 -dict="$dict" -max_len=8192 \
  -print_final_stats=1 "$@"
