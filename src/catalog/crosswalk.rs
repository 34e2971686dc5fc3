//! Validation of one crosswalk file into a [`Crosswalk`], checking every
//! edge against the loaded standards.

use std::collections::{BTreeSet, HashMap};

use super::lint::refuse_markup;
use super::raw::{RawCrosswalk, RawEdge, RawFile, RawNoCounterpart};
use super::required_text;
use crate::date::Date;
use crate::diag::{NextStep, Pos, ProblemCode, Problems};
use crate::model::{
    Crosswalk, Edge, End, IdHasher, ItemIndex, Kind, NoCounterpart, Node, Provenance, Relationship,
    Standard, StandardIndex,
};
use crate::suggest;
use crate::yaml::Located;

/// A parsed crosswalk, waiting for the standards it joins.
pub struct Draft {
    /// Source standard key.
    pub source: Located<String>,
    /// Target standard key.
    pub target: Located<String>,
    /// Where the header starts.
    pub header_pos: Pos,
    /// The file name.
    pub file: String,
    header: RawCrosswalk,
    decide: Option<Vec<Located<String>>>,
    edges: Vec<Located<RawEdge>>,
    no_counterpart: Vec<Located<RawNoCounterpart>>,
}

impl Draft {
    /// Reads the crosswalk parts of a file; `None` without a header.
    pub fn build(raw: RawFile, problems: &mut Problems) -> Option<Draft> {
        let Some(header) = raw.crosswalk else {
            problems
                .add(
                    ProblemCode::MissingKey,
                    Pos::new(1, 1),
                    "the crosswalk has no `crosswalk` header",
                )
                .help("add `crosswalk:` with `source`, `target`, editions, `method` and `date`");
            return None;
        };
        let header_pos = header.pos;
        let header = header.value;
        Some(Draft {
            source: trimmed(&header.source),
            target: trimmed(&header.target),
            header_pos,
            file: problems.file().to_owned(),
            header,
            decide: raw.decide,
            edges: raw.edges.unwrap_or_default(),
            no_counterpart: raw.no_counterpart.unwrap_or_default(),
        })
    }

    /// The two standard keys joined, in sorted order, identifying the crosswalk.
    pub fn pair(&self) -> (String, String) {
        let (a, b) = (self.source.value.clone(), self.target.value.clone());
        if a <= b { (a, b) } else { (b, a) }
    }

    /// Checks every edge against `standards`; `None` when the header is unusable.
    pub fn validate(self, standards: &[Standard], problems: &mut Problems) -> Option<Crosswalk> {
        let source = resolve_standard(&self.source, standards, problems);
        let target = resolve_standard(&self.target, standards, problems);
        let provenance = provenance(&self.header, self.header_pos, problems);
        let decide = decide_kinds(self.decide, problems);
        let (source, target) = (source?, target?);
        if source == target {
            problems.add(
                ProblemCode::InvalidValue,
                self.target.pos,
                format!(
                    "a crosswalk joins two different standards, but both ends are `{}`",
                    self.source.value
                ),
            );
            return None;
        }
        let ends = Ends {
            standards,
            source,
            target,
        };

        let mut edges: Vec<(Edge, Pos)> = Vec::with_capacity(self.edges.len());
        // The ends' items, mapped to the first edge joining them.
        type EndItems = (Vec<ItemIndex>, Vec<ItemIndex>);
        let mut seen: HashMap<EndItems, (Relationship, Pos), IdHasher> =
            HashMap::with_capacity_and_hasher(self.edges.len(), IdHasher);
        for raw in self.edges {
            if let Some((edge, pos)) = ends.edge(raw, problems) {
                let key = (edge.source.leaves.clone(), edge.target.leaves.clone());
                if let Some((earlier, line)) = seen.get(&key) {
                    let (code, verb) = if *earlier == edge.relationship {
                        (ProblemCode::DuplicateEdge, "is already mapped")
                    } else {
                        (ProblemCode::ContradictoryEdge, "contradicts the edge")
                    };
                    problems
                        .add(
                            code,
                            pos,
                            format!(
                                "edge `{}` {} `{}` {verb} at line {} (`{earlier}`)",
                                ends.label(&edge.source),
                                edge.relationship,
                                ends.label(&edge.target),
                                line.line
                            ),
                        )
                        .help("keep one edge per pair of ends; a heading and the items beneath it name the same end");
                    continue;
                }
                seen.insert(key, (edge.relationship, pos));
                edges.push((edge, pos));
            }
        }
        super::lint::group_weights(&edges, standards, problems);
        let edges: Vec<Edge> = edges.into_iter().map(|(edge, _)| edge).collect();

        let on_edges: BTreeSet<Node> = edges
            .iter()
            .flat_map(|edge| edge.source.nodes().chain(edge.target.nodes()))
            .collect();
        let no_counterpart = ends.no_counterpart(self.no_counterpart, &on_edges, problems);

        let decided: BTreeSet<Node> = on_edges
            .iter()
            .copied()
            .chain(no_counterpart.iter().map(|entry| entry.node))
            .collect();
        for standard in [source, target] {
            for item in standards[standard].leaves() {
                let node = Node { standard, item };
                let kind = standards[standard].items[item].kind;
                if decide.contains(&kind) && !decided.contains(&node) {
                    problems
                        .add(
                            ProblemCode::Undecided,
                            self.header_pos,
                            format!(
                                "{kind} `{}` of {} is neither on an edge nor on the no-counterpart list",
                                ends.id(node),
                                standards[standard].key
                            ),
                        )
                        .help("add an edge for it, or a `no-counterpart` entry with a reason");
                }
            }
        }

        Some(Crosswalk {
            source,
            target,
            provenance: provenance?,
            edges,
            no_counterpart,
            decide,
            file: self.file,
        })
    }
}

fn trimmed(text: &Located<String>) -> Located<String> {
    Located::new(text.value.trim().to_owned(), text.pos)
}

fn resolve_standard(
    key: &Located<String>,
    standards: &[Standard],
    problems: &mut Problems,
) -> Option<StandardIndex> {
    let found = standards
        .iter()
        .position(|standard| standard.key == key.value)
        .map(StandardIndex::new);
    if found.is_none() {
        let problem = problems.add(
            ProblemCode::UnknownStandard,
            key.pos,
            format!("no loaded catalogue defines standard `{}`", key.value),
        );
        let keys = standards.iter().map(|standard| standard.key.as_str());
        match suggest::did_you_mean(&key.value, keys) {
            Some(help) => problem.help(help),
            None => problem.next(NextStep::LoadCatalogues),
        };
    }
    found
}

fn provenance(header: &RawCrosswalk, at: Pos, problems: &mut Problems) -> Option<Provenance> {
    let source_edition = required_text(
        Some(header.source_edition.clone()),
        || "`source-edition`".to_owned(),
        at,
        problems,
    );
    let target_edition = required_text(
        Some(header.target_edition.clone()),
        || "`target-edition`".to_owned(),
        at,
        problems,
    );
    let method = required_text(
        Some(header.method.clone()),
        || "`method`".to_owned(),
        at,
        problems,
    );
    let date = header.date.value.trim();
    let valid_date = Date::parse(date).is_some();
    if !valid_date {
        problems
            .add(
                ProblemCode::InvalidValue,
                header.date.pos,
                format!("`{date}` is not a date"),
            )
            .help("write the date of the last review as YYYY-MM-DD");
    }
    Some(Provenance {
        source_edition: source_edition?,
        target_edition: target_edition?,
        method: method?,
        date: valid_date.then(|| date.to_owned())?,
        authors: header.authors.clone(),
    })
}

fn decide_kinds(raw: Option<Vec<Located<String>>>, problems: &mut Problems) -> Vec<Kind> {
    let Some(raw) = raw else {
        return vec![Kind::Control];
    };
    let mut kinds = Vec::new();
    for entry in raw {
        match Kind::parse(entry.value.trim()) {
            Some(kind) if !kinds.contains(&kind) => kinds.push(kind),
            Some(_) => {}
            None => {
                let known = Kind::ALL.map(Kind::as_str);
                let help = suggest::did_you_mean(&entry.value, known)
                    .unwrap_or_else(|| format!("use some of: {}", known.join(", ")));
                problems
                    .add(
                        ProblemCode::UnknownKind,
                        entry.pos,
                        format!("unknown kind `{}` in `decide`", entry.value),
                    )
                    .help(help);
            }
        }
    }
    kinds
}

/// The two standards a crosswalk joins, for resolving ids.
struct Ends<'a> {
    standards: &'a [Standard],
    source: StandardIndex,
    target: StandardIndex,
}

impl Ends<'_> {
    fn id(&self, node: Node) -> &str {
        &self.standards[node.standard].items[node.item].id
    }

    fn label(&self, end: &End) -> String {
        end.label(&self.standards[end.standard])
    }

    /// Resolves one id in `standard`, reporting unknown and misplaced ids.
    fn resolve(
        &self,
        standard: StandardIndex,
        wanted: &str,
        pos: Pos,
        problems: &mut Problems,
    ) -> Option<ItemIndex> {
        let catalogue = &self.standards[standard];
        if let Some(item) = catalogue.find(wanted) {
            return Some(item);
        }
        let other = if standard == self.source {
            self.target
        } else {
            self.source
        };
        if self.standards[other].find(wanted).is_some() {
            problems
                .add(
                    ProblemCode::MisplacedItem,
                    pos,
                    format!(
                        "`{wanted}` is an item of {}, not of {}",
                        self.standards[other].key, catalogue.key
                    ),
                )
                .help("edges read `source` (the crosswalk's source standard) towards `target`");
        } else {
            let problem = problems.add(
                ProblemCode::UnknownItem,
                pos,
                format!("unknown item `{wanted}` in {}", catalogue.key),
            );
            if let Some(help) = suggest::did_you_mean(wanted, catalogue.ids()) {
                problem.help(help);
            }
        }
        None
    }

    /// Resolves an end: one id, a heading (its items together), or ids
    /// joined by `+` (taken together).
    fn end(
        &self,
        standard: StandardIndex,
        written: &Located<String>,
        problems: &mut Problems,
    ) -> Option<End> {
        let catalogue = &self.standards[standard];
        let parts: Vec<&str> = written.value.split('+').map(str::trim).collect();
        let mut named = Vec::with_capacity(parts.len());
        let mut leaves: Vec<ItemIndex> = Vec::new();
        let mut ok = true;
        for part in &parts {
            if part.is_empty() {
                problems
                    .add(
                        ProblemCode::InvalidValue,
                        written.pos,
                        format!("`{}` has an empty id", written.value.trim()),
                    )
                    .help("join ids with ` + `, as in `A.5.24 + A.5.25`");
                ok = false;
                continue;
            }
            let Some(item) = self.resolve(standard, part, written.pos, problems) else {
                ok = false;
                continue;
            };
            for leaf in catalogue.leaves_under(item) {
                if leaves.contains(&leaf) {
                    problems
                        .add(
                            ProblemCode::InvalidValue,
                            written.pos,
                            format!(
                                "`{}` is named twice in `{}`",
                                catalogue.items[leaf].id,
                                written.value.trim()
                            ),
                        )
                        .help("name each item once; a heading already stands for every item beneath it");
                    ok = false;
                } else {
                    leaves.push(leaf);
                }
            }
            named.push(item);
        }
        leaves.sort_unstable();
        ok.then_some(End {
            standard,
            named,
            leaves,
        })
    }

    fn edge(&self, raw: Located<RawEdge>, problems: &mut Problems) -> Option<(Edge, Pos)> {
        let at = raw.pos;
        let raw = raw.value;
        let source = self.end(self.source, &raw.source, problems);
        let target = self.end(self.target, &raw.target, problems);
        let relationship = Relationship::parse(raw.relationship.value.trim());
        if relationship.is_none() {
            let known = Relationship::ALL.map(Relationship::as_str);
            let help = suggest::did_you_mean(&raw.relationship.value, known)
                .unwrap_or_else(|| format!("use one of: {}", known.join(", ")));
            problems
                .add(
                    ProblemCode::UnknownRelationship,
                    raw.relationship.pos,
                    format!("unknown relationship `{}`", raw.relationship.value),
                )
                .help(help);
        }
        let named = || {
            format!(
                "`{}` -> `{}`",
                raw.source.value.trim(),
                raw.target.value.trim()
            )
        };
        for (field, text) in [
            ("rationale", &raw.rationale),
            ("residual", &raw.residual),
            ("reverse-residual", &raw.reverse_residual),
        ] {
            if let Some(text) = text {
                refuse_markup(
                    &text.value,
                    text.pos,
                    || format!("the {field} of edge {}", named()),
                    problems,
                );
            }
        }
        let rationale = required_text(
            raw.rationale,
            || {
                format!(
                    "the rationale of edge `{}` -> `{}`",
                    raw.source.value.trim(),
                    raw.target.value.trim()
                )
            },
            at,
            problems,
        );
        let relationship = relationship?;

        let target_partial = !relationship.covers_fully();
        let source_partial = !relationship.inverse().covers_fully();
        let direction = |partial, field: &'static str, residual: &'static str, meaning| Direction {
            partial,
            field,
            residual,
            meaning,
            relationship,
            at,
        };
        let forward = direction(
            target_partial,
            "weight",
            "residual",
            "what the target still needs when only the source is in place",
        );
        let reverse = direction(
            source_partial,
            "reverse-weight",
            "reverse-residual",
            "what the source still needs when only the target is in place",
        );
        let weight = forward.weight(raw.weight, problems);
        let reverse_weight = reverse.weight(raw.reverse_weight, problems);
        let residual = forward.residual(raw.residual, problems);
        let reverse_residual = reverse.residual(raw.reverse_residual, problems);
        let element = raw
            .element
            .map(|element| element.value.trim().to_owned())
            .filter(|element| !element.is_empty());
        Some((
            Edge {
                source: source?,
                target: target?,
                relationship,
                weight: weight?,
                reverse_weight: reverse_weight?,
                rationale: rationale?,
                residual,
                reverse_residual,
                element,
            },
            at,
        ))
    }

    fn no_counterpart(
        &self,
        raw: Vec<Located<RawNoCounterpart>>,
        on_edges: &BTreeSet<Node>,
        problems: &mut Problems,
    ) -> Vec<NoCounterpart> {
        let mut out: Vec<NoCounterpart> = Vec::new();
        let mut seen: HashMap<Node, Pos, IdHasher> =
            HashMap::with_capacity_and_hasher(raw.len(), IdHasher);
        for entry in raw {
            let at = entry.pos;
            let entry = entry.value;
            let key = entry.standard.value.trim();
            let standard = if key == self.standards[self.source].key {
                self.source
            } else if key == self.standards[self.target].key {
                self.target
            } else {
                let keys = [
                    self.standards[self.source].key.as_str(),
                    self.standards[self.target].key.as_str(),
                ];
                problems
                    .add(
                        ProblemCode::UnknownStandard,
                        entry.standard.pos,
                        format!("`{key}` is not one of the two standards this crosswalk joins"),
                    )
                    .help(
                        suggest::did_you_mean(key, keys)
                            .unwrap_or_else(|| format!("use `{}` or `{}`", keys[0], keys[1])),
                    );
                continue;
            };
            let Some(item) = self.resolve(standard, entry.id.value.trim(), entry.id.pos, problems)
            else {
                continue;
            };
            if let Some(reason) = &entry.reason {
                refuse_markup(
                    &reason.value,
                    reason.pos,
                    || format!("the reason for `{}`", self.id(Node { standard, item })),
                    problems,
                );
            }
            let reason = required_text(
                entry.reason,
                || format!("the reason for `{}`", self.id(Node { standard, item })),
                at,
                problems,
            );
            // A heading stands for every item beneath it.
            for leaf in self.standards[standard].leaves_under(item) {
                let node = Node {
                    standard,
                    item: leaf,
                };
                if let Some(first) = seen.get(&node) {
                    problems.add(
                        ProblemCode::DuplicateKey,
                        entry.id.pos,
                        format!(
                            "`{}` is already on the no-counterpart list at line {}",
                            self.id(node),
                            first.line
                        ),
                    );
                    continue;
                }
                seen.insert(node, entry.id.pos);
                if on_edges.contains(&node) {
                    problems
                        .add(
                            ProblemCode::MappedAndUnmapped,
                            entry.id.pos,
                            format!(
                                "`{}` is on the no-counterpart list but also on an edge",
                                self.id(node)
                            ),
                        )
                        .help("remove either the edge or the no-counterpart entry");
                    continue;
                }
                if let Some(reason) = &reason {
                    out.push(NoCounterpart {
                        node,
                        reason: reason.clone(),
                    });
                }
            }
        }
        out
    }
}

/// The weights of an edge, on the scale catalog/README.md explains: 1.0 for
/// a full direction; 0.05 to 0.95, in steps of 0.05, for a partial one.
pub const WEIGHT_STEP: f64 = 0.05;

/// One direction of an edge, for checking its weight and residual.
struct Direction {
    partial: bool,
    field: &'static str,
    residual: &'static str,
    meaning: &'static str,
    relationship: Relationship,
    at: Pos,
}

impl Direction {
    /// Checks a weight: 1.0 exactly where the direction is full, and a step
    /// of the scale below 1.0 where it is partial.
    fn weight(&self, value: Option<Located<f64>>, problems: &mut Problems) -> Option<f64> {
        let relationship = self.relationship;
        let field = self.field;
        match (self.partial, value) {
            (false, None) => Some(1.0),
            (false, Some(weight)) if weight.value == 1.0 => Some(1.0),
            (false, Some(weight)) => {
                problems
                    .add(
                        ProblemCode::WeightContradictsRelationship,
                        weight.pos,
                        format!(
                            "{} `{relationship}` edge covers this direction fully, so its `{field}` is 1.0, not {}",
                            article(relationship),
                            weight.value
                        ),
                    )
                    .help("leave the weight out, or choose a partial relationship if something is still needed");
                None
            }
            (true, None) => {
                problems
                    .add(
                        ProblemCode::MissingWeight,
                        self.at,
                        format!("{} `{relationship}` edge needs a `{field}`", article(relationship)),
                    )
                    .help(format!(
                        "add `{field}:` from 0.05 to 0.95 saying how much of it is covered; {} says what the rest is",
                        self.residual
                    ));
                None
            }
            (true, Some(weight)) if weight.value >= 1.0 && weight.value.is_finite() => {
                problems
                    .add(
                        ProblemCode::WeightContradictsRelationship,
                        weight.pos,
                        format!(
                            "`{field}: {}` claims full coverage, but {} `{relationship}` edge covers this direction only partly",
                            weight.value,
                            article(relationship)
                        ),
                    )
                    .help("give a weight below 1.0, or choose `equal`, `subset-of` or `superset-of` if nothing is left over");
                None
            }
            (true, Some(weight)) => {
                let steps = weight.value / WEIGHT_STEP;
                let on_scale = weight.value > 0.0 && (steps - steps.round()).abs() < 1e-9;
                if on_scale {
                    Some(weight.value)
                } else {
                    problems
                        .add(
                            ProblemCode::InvalidWeight,
                            weight.pos,
                            format!("`{field}: {}` is not on the weight scale", weight.value),
                        )
                        .help("use 0.05 to 0.95 in steps of 0.05 for a partial direction");
                    None
                }
            }
        }
    }

    /// Checks that a residual is present exactly when the direction is partial.
    fn residual(&self, value: Option<Located<String>>, problems: &mut Problems) -> Option<String> {
        residual_field(
            value,
            self.partial,
            self.residual,
            self.meaning,
            self.relationship,
            self.at,
            problems,
        )
    }
}

/// Checks that a residual is present exactly when its direction is partial.
fn residual_field(
    value: Option<Located<String>>,
    partial: bool,
    field: &str,
    meaning: &str,
    relationship: Relationship,
    at: Pos,
    problems: &mut Problems,
) -> Option<String> {
    let value = value.filter(|text| !text.value.trim().is_empty());
    match (partial, value) {
        (true, Some(text)) => Some(text.value.trim().to_owned()),
        (true, None) => {
            problems
                .add(
                    ProblemCode::MissingResidual,
                    at,
                    format!(
                        "{} `{relationship}` edge needs a `{field}`",
                        article(relationship)
                    ),
                )
                .help(format!("add `{field}:` saying {meaning}"));
            None
        }
        (false, Some(text)) => {
            problems
                .add(
                    ProblemCode::UnexpectedResidual,
                    text.pos,
                    format!(
                        "{} `{relationship}` edge has no `{field}`: that direction is fully covered",
                        article(relationship)
                    ),
                )
                .help("remove it, or choose a partial relationship if something is still needed");
            None
        }
        (false, None) => None,
    }
}

/// "a" or "an", for a relationship's spelling.
fn article(relationship: Relationship) -> &'static str {
    if relationship.as_str().starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}
