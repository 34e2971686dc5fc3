#!/usr/bin/env python3
"""Writes N synthetic but realistic ims status files, for benchmarks.

Each file describes a made-up organisation at a random stage of an
integrated ISO/IEC 27001 + ISO/IEC 20000-1 programme: one standard further
along than the other, headings marked at once, long-form entries with
owners, evidence and due dates, Annex A exclusions with justifications, and
items not assessed yet. The item ids are read from the built-in catalogues,
so the files always validate.

    benches/generate.py 1000 /tmp/portfolio-1000 [--seed 7]
"""

import argparse
import pathlib
import random
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent
PREFIXES = ["Northwind", "Cloudberry", "Fjordline", "Bluewater", "Granite", "Harbour", "Ironbridge",
            "Juniper", "Kestrel", "Larch", "Meridian", "Nimbus", "Orchard", "Pinnacle", "Quarry"]
SUFFIXES = ["Managed Services Ltd", "Analytics GmbH", "Digital AS", "Hosting plc", "Cloud BV",
            "IT Services Oy", "Systems SA", "Networks Ltd", "Data AB", "Solutions Inc"]
OWNERS = ["CISO", "IT Security Lead", "Head of Service Desk", "Service Delivery Manager",
          "Compliance Manager", "Head of Platform", "Infrastructure Manager"]


def items(catalogue):
    """(id, parent, excludable) of every item, from a catalogue file."""
    text = (ROOT / "catalog" / catalogue).read_text(encoding="utf-8")
    out = []
    for block in re.split(r"\n  - id: ", text)[1:]:
        item_id = block.split("\n", 1)[0].strip()
        parent = re.search(r"\n    parent: (\S+)", block)
        out.append((item_id, parent.group(1) if parent else None, "excludable: true" in block))
    return out


def leaves(all_items):
    parents = {parent for _, parent, _ in all_items if parent}
    return [(item_id, excludable) for item_id, _, excludable in all_items if item_id not in parents]


def status(maturity, rng):
    roll = rng.random()
    if roll < maturity * 0.8:
        return "implemented"
    if roll < maturity * 0.8 + 0.15:
        return "partial"
    if roll < maturity * 0.8 + 0.25:
        return "planned"
    return "not-implemented"


def section(key, catalogue, maturity, rng):
    lines = [f"{key}:"]
    for item_id, excludable in leaves(items(catalogue)):
        if rng.random() < 0.08:
            continue  # not assessed yet
        if excludable and rng.random() < 0.05:
            lines.append(f"  {item_id}: {{status: not-applicable, justification: \"Not used by this organisation.\"}}")
            continue
        value = status(maturity, rng)
        if rng.random() < 0.2:
            owner = rng.choice(OWNERS)
            month = rng.randint(1, 12)
            lines.append(f"  {item_id}:")
            lines.append(f"    status: {value}")
            lines.append(f"    owner: {owner}")
            lines.append(f"    evidence: [{{ref: DOC-{rng.randint(100, 999)}, date: 2026-{month:02d}-15}}]")
            if value != "implemented":
                lines.append(f"    due: 2027-{month:02d}-28")
        else:
            lines.append(f"  {item_id}: {value}")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("count", type=int)
    parser.add_argument("directory", type=pathlib.Path)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    args.directory.mkdir(parents=True, exist_ok=True)
    for n in range(args.count):
        name = f"{rng.choice(PREFIXES)} {rng.choice(SUFFIXES)} {n}"
        first, second = rng.random(), rng.random() * 0.6
        iso27001, iso20000 = (first, second) if rng.random() < 0.5 else (second, first)
        text = "\n".join([
            f"# Synthetic organisation {n} for ims benchmarks.",
            f"organisation: {name}",
            "scope: Synthetic scope for benchmarking",
            f"assessed: 2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}",
            section("iso27001", "iso27001.yaml", iso27001, rng),
            section("iso20000", "iso20000.yaml", iso20000, rng),
            "",
        ])
        (args.directory / f"org-{n:05d}.yaml").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
