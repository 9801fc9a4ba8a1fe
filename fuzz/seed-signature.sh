#!/usr/bin/env bash
# Seeds the signature target's corpus from the fixtures: one file per fixture, holding a URL, a
# signature, a settings header and the body on separate lines (the target's input format).
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/signature
i=0
for fixture in ../fixtures/*/*.txt; do
  i=$((i + 1))
  {
    printf 'https://hooks.example.com/callbacks?tenant=%d\n' "$i"
    printf 'RSOYDt4T1cUTdK1PDd93/VVr8B8=\n'
    printf 'key=k,algorithm=HMAC_SHA256\n'
    cat "$fixture"
  } > "corpus/signature/seed-$i"
done
echo "seeded $i inputs in fuzz/corpus/signature"
