#!/usr/bin/env bash
# Seeds the fuzz corpora from the shipped examples, the catalogues, the
# hostile-input corpus and ims's own exports, then prints how to run each
# target. Needs a built ims (cargo build) for the import corpus, and
# python3 to take workbooks apart into the `IMSX` form of the import target.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/status corpus/catalog corpus/crosswalk corpus/import
cp ../examples/*.yaml ../tests/fixtures/*.yaml corpus/status/
find ../tests/fixtures/bad -maxdepth 1 -type f -exec cp {} corpus/status/ \;
cp ../catalog/*.yaml ../tests/fixtures/toy-catalog/*.yaml corpus/catalog/
for file in ../tests/fixtures/bad-catalog/*.yaml; do cp "$file" "corpus/catalog/bad-$(basename "$file")"; done
find ../tests/fixtures/bad -maxdepth 1 -type f -exec cp {} corpus/catalog/ \;
cp corpus/catalog/* corpus/crosswalk/

# The import target: ims's own SoA (CSV and XLSX) and gap CSV of each
# example, the client's workbook, the regression cases, and each workbook's
# XML parts.
ims=../target/debug/ims
[ -x "$ims" ] || ims=../target/release/ims
for example in ../examples/*.yaml; do
    name=$(basename "$example" .yaml)
    "$ims" soa "$example" -o "corpus/import/$name-soa.csv" -q
    "$ims" soa "$example" -o "corpus/import/$name-soa.xlsx" -q
    "$ims" gap "$example" -o "corpus/import/$name-gap.csv" -q || true
done
cp ../examples/client-soa.xlsx corpus/import/
if [ -d ../tests/fixtures/fuzz/import ]; then cp ../tests/fixtures/fuzz/import/* corpus/import/; fi
python3 - corpus/import/*.xlsx <<'PY'
import sys, zipfile
for path in sys.argv[1:]:
    book = zipfile.ZipFile(path)
    names = book.namelist()
    sheets = sorted(n for n in names if n.startswith("xl/worksheets/sheet"))
    parts = [book.read("xl/workbook.xml")]
    parts.append(book.read("xl/sharedStrings.xml") if "xl/sharedStrings.xml" in names else b"<sst/>")
    parts += [book.read(n) for n in sheets]
    with open(path[:-5] + ".imsx", "wb") as out:
        out.write(b"IMSX" + b"\xff".join(parts))
PY
echo "seeded: $(ls corpus/status | wc -l) status inputs, $(ls corpus/catalog | wc -l) catalogue inputs, $(ls corpus/import | wc -l) import inputs"
echo "run:    RUSTC_BOOTSTRAP=1 cargo fuzz run status -- -max_total_time=1800"
echo "        RUSTC_BOOTSTRAP=1 cargo fuzz run catalog -- -max_total_time=1800"
echo "        RUSTC_BOOTSTRAP=1 cargo fuzz run crosswalk -- -max_total_time=1800"
echo "        RUSTC_BOOTSTRAP=1 cargo fuzz run import -- -max_total_time=1800 -max_len=262144"
