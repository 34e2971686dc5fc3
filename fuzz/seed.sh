#!/usr/bin/env bash
# Seeds the fuzz corpora from the shipped examples, the catalogues, the
# hostile-input corpus and ims's own exports, then prints how to run each
# target. Needs a built ims (cargo build) for the import corpus, and
# python3 to take workbooks apart into the `IMSX` form of the import target.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/status corpus/catalog corpus/crosswalk corpus/import corpus/words
cp ../examples/*.yaml ../tests/fixtures/*.yaml corpus/status/
find ../tests/fixtures/bad -maxdepth 1 -type f -exec cp {} corpus/status/ \;
cp ../catalog/*.yaml ../tests/fixtures/toy-catalog/*.yaml corpus/catalog/
for file in ../tests/fixtures/bad-catalog/*.yaml; do cp "$file" "corpus/catalog/bad-$(basename "$file")"; done
find ../tests/fixtures/bad -maxdepth 1 -type f -exec cp {} corpus/catalog/ \;
cp corpus/catalog/* corpus/crosswalk/
# The words target: the built-in import words and the test files of words.
cp ../catalog/import-words.yaml ../tests/fixtures/import/*words*.yaml corpus/words/

# The import target: ims's own SoA (CSV and XLSX) and gap CSV of each
# example, the client's workbook, the regression cases, and each workbook's
# XML parts.
ims=${IMS:-../target/debug/ims}
[ -x "$ims" ] || ims=../target/release/ims
for example in ../examples/*.yaml; do
    name=$(basename "$example" .yaml)
    "$ims" soa "$example" -o "corpus/import/$name-soa.csv" -q
    "$ims" soa "$example" -o "corpus/import/$name-soa.xlsx" -q
    "$ims" gap "$example" -o "corpus/import/$name-gap.csv" -q || true
done
cp ../examples/client-soa.xlsx ../tests/fixtures/import/*.xlsx ../tests/fixtures/import/*.ods ../tests/fixtures/import/*.xls corpus/import/
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
# Each ODS workbook's content.xml in the `IMSO` form, and each XLS
# workbook's Workbook stream in the `IMSB` form.
python3 - corpus/import/*.ods corpus/import/*.xls <<'PY'
import struct, sys, zipfile
def workbook_stream(data):
    size = 1 << struct.unpack_from("<H", data, 30)[0]
    sector = lambda n: data[(n + 1) * size:(n + 2) * size]
    difat = [n for n in struct.unpack_from("<109I", data, 76) if n < 0xFFFFFFFA]
    fat = []
    for n in difat:
        fat += struct.unpack(f"<{size // 4}I", sector(n))
    def chain(n):
        out = b""
        while n < 0xFFFFFFFA and len(out) < len(data):
            out += sector(n)
            n = fat[n]
        return out
    directory = chain(struct.unpack_from("<I", data, 48)[0])
    for at in range(0, len(directory), 128):
        entry = directory[at:at + 128]
        name = entry[:64].decode("utf-16-le").split("\0")[0]
        start, length = struct.unpack_from("<II", entry, 116)
        if name in ("Workbook", "Book") and length >= 4096:
            return chain(start)[:length]
for path in sys.argv[1:]:
    if path.endswith(".ods"):
        with open(path[:-4] + ".imso", "wb") as out:
            out.write(b"IMSO" + zipfile.ZipFile(path).read("content.xml"))
    else:
        stream = workbook_stream(open(path, "rb").read())
        if stream:
            with open(path[:-4] + ".imsb", "wb") as out:
                out.write(b"IMSB" + stream)
PY
echo "seeded: $(ls corpus/status | wc -l) status inputs, $(ls corpus/catalog | wc -l) catalogue inputs, $(ls corpus/import | wc -l) import inputs"
echo "run:    RUSTC_BOOTSTRAP=1 cargo fuzz run status -- -max_total_time=1800"
echo "        RUSTC_BOOTSTRAP=1 cargo fuzz run catalog -- -max_total_time=1800"
echo "        RUSTC_BOOTSTRAP=1 cargo fuzz run crosswalk -- -max_total_time=1800"
echo "        RUSTC_BOOTSTRAP=1 cargo fuzz run import -- -max_total_time=1800 -max_len=262144"
