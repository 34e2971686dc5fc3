//! Validation of one crosswalk file into a [`Crosswalk`], checking every
//! edge against the loaded standards.

use std::collections::{BTreeSet, HashMap};

use super::raw::{RawCrosswalk, RawEdge, RawFile, RawNoCounterpart};
use super::required_text;
use crate::date::Date;
use crate::diag::{Pos, ProblemCode, Problems};
use crate::model::{
    Crosswalk, Edge, Kind, NoCounterpart, Node, Provenance, Relationship, Standard,
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

        let mut edges = Vec::with_capacity(self.edges.len());
        let mut seen: HashMap<(Node, Node), (Relationship, Pos)> = HashMap::new();
        for raw in self.edges {
            if let Some(edge) = ends.edge(raw, problems) {
                let pos = edge.1;
                let edge = edge.0;
                let key = (edge.source, edge.target);
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
                                ends.id(edge.source),
                                edge.relationship,
                                ends.id(edge.target),
                                line.line
                            ),
                        )
                        .help("keep one edge per pair of items");
                    continue;
                }
                seen.insert(key, (edge.relationship, pos));
                edges.push(edge);
            }
        }

        let on_edges: BTreeSet<Node> = edges
            .iter()
            .flat_map(|edge| [edge.source, edge.target])
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
) -> Option<usize> {
    let found = standards
        .iter()
        .position(|standard| standard.key == key.value);
    if found.is_none() {
        let problem = problems.add(
            ProblemCode::UnknownStandard,
            key.pos,
            format!("no loaded catalogue defines standard `{}`", key.value),
        );
        let keys = standards.iter().map(|standard| standard.key.as_str());
        match suggest::did_you_mean(&key.value, keys) {
            Some(help) => problem.help(help),
            None => problem.help("add its catalogue to the --catalog directory"),
        };
    }
    found
}

fn provenance(header: &RawCrosswalk, at: Pos, problems: &mut Problems) -> Option<Provenance> {
    let source_edition = required_text(
        Some(header.source_edition.clone()),
        "`source-edition`",
        at,
        problems,
    );
    let target_edition = required_text(
        Some(header.target_edition.clone()),
        "`target-edition`",
        at,
        problems,
    );
    let method = required_text(Some(header.method.clone()), "`method`", at, problems);
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
    source: usize,
    target: usize,
}

impl Ends<'_> {
    fn id(&self, node: Node) -> &str {
        &self.standards[node.standard].items[node.item].id
    }

    /// Resolves `id` in `standard`, reporting unknown, misplaced and parent ids.
    fn resolve(
        &self,
        standard: usize,
        id: &Located<String>,
        problems: &mut Problems,
    ) -> Option<Node> {
        let wanted = id.value.trim();
        let catalogue = &self.standards[standard];
        let Some(item) = catalogue.find(wanted) else {
            let other = if standard == self.source {
                self.target
            } else {
                self.source
            };
            if self.standards[other].find(wanted).is_some() {
                problems
                    .add(
                        ProblemCode::MisplacedItem,
                        id.pos,
                        format!(
                            "`{wanted}` is an item of {}, not of {}",
                            self.standards[other].key, catalogue.key
                        ),
                    )
                    .help("edges read `source` (the crosswalk's source standard) towards `target`");
            } else {
                let problem = problems.add(
                    ProblemCode::UnknownItem,
                    id.pos,
                    format!("unknown item `{wanted}` in {}", catalogue.key),
                );
                if let Some(help) = suggest::did_you_mean(wanted, catalogue.ids()) {
                    problem.help(help);
                }
            }
            return None;
        };
        if !catalogue.items[item].is_leaf() {
            let leaves: Vec<_> = catalogue
                .leaves_under(item)
                .into_iter()
                .map(|leaf| format!("`{}`", catalogue.items[leaf].id))
                .collect();
            problems
                .add(
                    ProblemCode::EdgeOnParent,
                    id.pos,
                    format!("`{wanted}` of {} has items beneath it", catalogue.key),
                )
                .help(format!(
                    "name the items beneath it instead: {}",
                    leaves.join(", ")
                ));
            return None;
        }
        Some(Node { standard, item })
    }

    fn edge(&self, raw: Located<RawEdge>, problems: &mut Problems) -> Option<(Edge, Pos)> {
        let at = raw.pos;
        let raw = raw.value;
        let source = self.resolve(self.source, &raw.source, problems);
        let target = self.resolve(self.target, &raw.target, problems);
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
        let label = format!(
            "`{}` -> `{}`",
            raw.source.value.trim(),
            raw.target.value.trim()
        );
        let rationale = required_text(
            raw.rationale,
            &format!("the rationale of edge {label}"),
            at,
            problems,
        );
        let relationship = relationship?;

        let target_partial = !relationship.covers_fully();
        let source_partial = !relationship.inverse().covers_fully();
        let residual = residual_field(
            raw.residual,
            target_partial,
            "residual",
            "what the target still needs when only the source is in place",
            relationship,
            at,
            problems,
        );
        let reverse_residual = residual_field(
            raw.reverse_residual,
            source_partial,
            "reverse-residual",
            "what the source still needs when only the target is in place",
            relationship,
            at,
            problems,
        );
        let element = raw
            .element
            .map(|element| element.value.trim().to_owned())
            .filter(|element| !element.is_empty());
        Some((
            Edge {
                source: source?,
                target: target?,
                relationship,
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
        let mut seen: HashMap<Node, Pos> = HashMap::new();
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
            let Some(node) = self.resolve(standard, &entry.id, problems) else {
                continue;
            };
            let reason = required_text(
                entry.reason,
                &format!("the reason for `{}`", self.id(node)),
                at,
                problems,
            );
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
            if let Some(reason) = reason {
                out.push(NoCounterpart { node, reason });
            }
        }
        out
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
