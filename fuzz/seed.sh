#!/usr/bin/env bash
# Seeds the fuzz corpora from the shipped examples, the catalogues and the
# hostile-input corpus, then prints how to run each target.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/status corpus/catalog corpus/crosswalk
cp ../examples/*.yaml ../tests/fixtures/*.yaml corpus/status/
find ../tests/fixtures/bad -maxdepth 1 -type f -exec cp {} corpus/status/ \;
cp ../catalog/*.yaml ../tests/fixtures/toy-catalog/*.yaml corpus/catalog/
for file in ../tests/fixtures/bad-catalog/*.yaml; do cp "$file" "corpus/catalog/bad-$(basename "$file")"; done
find ../tests/fixtures/bad -maxdepth 1 -type f -exec cp {} corpus/catalog/ \;
cp corpus/catalog/* corpus/crosswalk/
echo "seeded: $(ls corpus/status | wc -l) status inputs, $(ls corpus/catalog | wc -l) catalogue inputs"
echo "run:    RUSTC_BOOTSTRAP=1 cargo fuzz run status -- -max_total_time=600"
echo "        RUSTC_BOOTSTRAP=1 cargo fuzz run catalog -- -max_total_time=600"
echo "        RUSTC_BOOTSTRAP=1 cargo fuzz run crosswalk -- -max_total_time=600"
