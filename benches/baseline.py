#!/usr/bin/env python3
"""The Python baseline for the portfolio benchmark: what a plain script does.

It computes, for every status file given or found beneath the directories,
what `ims gap DIR --format csv` summarises: effective statuses through the
headings, coverage, projected coverage and head start per standard, the
missing items, and the reuse towards every item not fully in place (weighted
edges, groups taken together, the strongest source counting). One CSV row per
file on stdout.

It is written plainly, with no tuning: PyYAML's C loader (CSafeLoader), the
catalogues loaded once, plain dicts, no validation. Ids are read as text
(`5.10` stays `5.10`), as ims reads them.

    python3 benches/baseline.py /tmp/ims-bench/portfolio-1000 > /dev/null
"""

import csv
import math
import pathlib
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent


class TextLoader(yaml.CSafeLoader):
    """CSafeLoader with every plain scalar read as text, so ids stay as written."""


for first, resolvers in list(TextLoader.yaml_implicit_resolvers.items()):
    TextLoader.yaml_implicit_resolvers[first] = [
        (tag, regexp) for tag, regexp in resolvers if tag.endswith((":null", ":bool"))
    ]


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=TextLoader)


def catalogue(name):
    data = load(ROOT / "catalog" / name)
    items = data["items"]
    parent = {str(i["id"]): (str(i["parent"]) if i.get("parent") is not None else None) for i in items}
    children = {}
    for item, up in parent.items():
        if up is not None:
            children.setdefault(up, []).append(item)
    order = [str(i["id"]) for i in items]
    leaves = [i for i in order if i not in children]

    def under(item):
        if item not in children:
            return [item]
        out = []
        for child in children[item]:
            out.extend(under(child))
        return out

    return {"key": data["standard"]["key"], "parent": parent, "leaves": leaves, "under": under}


def crosswalk(name, standards):
    data = load(ROOT / "catalog" / name)
    source, target = data["crosswalk"]["source"], data["crosswalk"]["target"]

    def end(text, key):
        leaves = []
        for part in str(text).split("+"):
            leaves.extend(standards[key]["under"](part.strip()))
        return (key, tuple(leaves))

    links = {}  # (standard, item) -> [(other end, weight)]
    for edge in data["edges"]:
        src, dst = end(edge["source"], source), end(edge["target"], target)
        relationship = edge["relationship"]
        weight = float(edge.get("weight", 1.0))
        reverse = float(edge.get("reverse-weight", 1.0))
        if relationship in ("equal", "superset-of"):
            weight = 1.0
        if relationship in ("equal", "subset-of"):
            reverse = 1.0
        for leaf in dst[1]:
            links.setdefault((target, leaf), []).append((src, weight))
        for leaf in src[1]:
            links.setdefault((source, leaf), []).append((dst, reverse))
    return links


LEVEL = {"implemented": 1.0, "partial": 0.5}


def round1(value):
    """One decimal, halves away from zero, as ims rounds (Python's round() rounds halves to even)."""
    return math.floor(value * 10 + 0.5) / 10


def resolve(standard, section):
    out = {}
    for leaf in standard["leaves"]:
        item, status = leaf, None
        while item is not None:
            entry = section.get(item)
            if entry is not None:
                status = entry if isinstance(entry, str) else entry.get("status")
                break
            item = standard["parent"][item]
        out[leaf] = None if status == "not-assessed" else status
    return out


def analyse(path, standards, links):
    data = load(path)
    statuses = {}
    for key, standard in standards.items():
        section = data.get(key)
        if isinstance(section, dict):
            statuses[key] = resolve(standard, {str(k): v for k, v in section.items()})
    row = [str(path), data.get("organisation") or data.get("organization") or ""]
    missing_total = 0
    for key, standard in standards.items():
        if key not in statuses:
            row.extend(["", "", "", ""])
            continue
        mine = statuses[key]
        applicable = score = projected = head = 0.0
        missing = 0
        for leaf in standard["leaves"]:
            status = mine[leaf]
            if status == "not-applicable":
                continue
            applicable += 1
            own = LEVEL.get(status, 0.0)
            score += own
            if status in ("planned", "not-implemented"):
                missing += 1
            reuse = 0.0
            if status != "implemented":
                for (other, leaves), weight in links.get((key, leaf), []):
                    if other == key or other not in statuses:
                        continue
                    levels = [LEVEL.get(statuses[other][item], 0.0) for item in leaves]
                    if all(levels):
                        hundredths = round(weight * 100) * (sum(levels) / len(levels))
                        reuse = max(reuse, math.floor(hundredths + 0.5) / 100)
            projected += 1.0 if reuse >= 1.0 else own
            head += round(100 * max(own, reuse))  # in hundredths, as ims sums it
        missing_total += missing
        for percent in (100 * score, 100 * projected, head):
            row.append(round1(percent / applicable) if applicable else "")
        row.append(missing)
    row.append(missing_total)
    return row


def files(paths):
    for path in map(pathlib.Path, paths):
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml"))
        else:
            yield path


def main(paths):
    standards = {}
    for name in ("iso27001.yaml", "iso20000.yaml"):
        standard = catalogue(name)
        standards[standard["key"]] = standard
    links = crosswalk("crosswalk-iso27001-iso20000.yaml", standards)
    writer = csv.writer(sys.stdout, lineterminator="\r\n")
    header = ["file", "organisation"]
    for key in standards:
        header.extend([f"{key}_coverage", f"{key}_projected_coverage", f"{key}_head_start", f"{key}_missing"])
    writer.writerow(header + ["missing"])
    for path in files(paths):
        writer.writerow(analyse(path, standards, links))


if __name__ == "__main__":
    main(sys.argv[1:])
