//! Validation of a document-set file into [`Document`]s, and the lint rule
//! that every item expecting documented information is served by one.

use super::raw::{RawDocument, RawFile, RawMerge, RawSection};
use super::required_text;
use crate::diag::{NextStep, Pos, ProblemCode, Problems};
use crate::model::{
    Catalog, Document, DocumentKind, DocumentSection, Merge, Standard, StandardIndex,
};
use crate::suggest;
use crate::yaml::Located;

/// A document-set file, read but not yet checked against the standards.
pub struct Draft {
    /// The documents as written.
    documents: Vec<Located<RawDocument>>,
    /// The file, as named in problems.
    pub file: String,
}

impl Draft {
    /// Takes the documents of a document-set file.
    pub fn build(raw: RawFile, problems: &mut Problems) -> Option<Draft> {
        let documents = raw.documents.unwrap_or_default();
        if documents.is_empty() {
            problems
                .add(ProblemCode::MissingKey, Pos::new(1, 1), "the document set lists no documents")
                .help("list them under `documents:`, each with `id`, `title`, `kind`, `purpose`, `serves` and `sections`");
            return None;
        }
        Some(Draft {
            documents,
            file: problems.file().to_owned(),
        })
    }

    /// The ids of the documents, with where each is written, for merging.
    pub fn ids(&self) -> impl Iterator<Item = (&str, Pos)> {
        self.documents
            .iter()
            .map(|document| (document.value.id.value.trim(), document.value.id.pos))
    }

    /// Keeps only the documents whose id `keep` accepts.
    pub fn retain(&mut self, keep: impl Fn(&str) -> bool) {
        self.documents
            .retain(|document| keep(document.value.id.value.trim()));
    }

    /// Checks every document against the loaded standards. A built-in set
    /// passes the keys of the built-in standards a user replaced in
    /// `replaced`: what it says of them is dropped without a word, since it
    /// was chosen for the edition the user replaced.
    pub fn validate(
        self,
        standards: &[Standard],
        replaced: &[String],
        problems: &mut Problems,
    ) -> Vec<Document> {
        let mut out = Vec::with_capacity(self.documents.len());
        for raw in self.documents {
            let at = raw.pos;
            if let Some(document) =
                document(raw.value, at, standards, replaced, &self.file, problems)
            {
                out.push(document);
            }
        }
        out
    }
}

/// Whether `id` is a document id: ASCII letters, digits, `-`, `_` and
/// `.`, starting with a letter or digit, with no `..`, so that no id reads
/// as a path (`../../x`, `/etc/passwd`).
fn is_document_id(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_alphanumeric())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && !id.contains("..")
}

fn document(
    raw: RawDocument,
    at: Pos,
    standards: &[Standard],
    replaced: &[String],
    file: &str,
    problems: &mut Problems,
) -> Option<Document> {
    let id = raw.id.value.trim().to_owned();
    if id.is_empty() || id.chars().any(|c| c.is_whitespace() || c.is_control()) {
        problems
            .add(
                ProblemCode::InvalidValue,
                raw.id.pos,
                format!("document id `{}` is empty or contains spaces", raw.id.value),
            )
            .help("use a short id without spaces, such as `IMS-POLICY`");
        return None;
    }
    if !is_document_id(&id) {
        problems
            .add(
                ProblemCode::DocumentId,
                raw.id.pos,
                format!(
                    "document id `{id}` is not made of letters, digits, `-`, `_` and `.` (starting with a letter or digit); an id names a document, never a path"
                ),
            )
            .help("use a short id such as `IMS-POLICY`");
        return None;
    }
    let kind = DocumentKind::parse(raw.kind.value.trim()).or_else(|| {
        let known = DocumentKind::ALL.map(DocumentKind::as_str);
        problems
            .add(
                ProblemCode::InvalidValue,
                raw.kind.pos,
                format!("unknown kind `{}` for document `{id}`", raw.kind.value),
            )
            .help(
                suggest::did_you_mean(&raw.kind.value, known)
                    .unwrap_or_else(|| format!("use one of: {}", known.join(", "))),
            );
        None
    });
    let title = required_text(
        Some(raw.title),
        || format!("the title of `{id}`"),
        at,
        problems,
    );
    let purpose = required_text(
        Some(raw.purpose),
        || format!("the purpose of `{id}`"),
        at,
        problems,
    );
    let raw_serves = raw.serves.unwrap_or_default();
    let serves_nothing = raw_serves.values().all(Vec::is_empty);
    let serves = items_named(raw_serves, &id, "serves", at, standards, replaced, problems);
    let supports = items_named(
        raw.supports.unwrap_or_default(),
        &id,
        "supports",
        at,
        standards,
        replaced,
        problems,
    );
    for (standard, items) in &supports {
        let served = serves.iter().find(|(s, _)| s == standard);
        for item in items {
            if served.is_some_and(|(_, list)| list.contains(item)) {
                problems
                    .add(
                        ProblemCode::InvalidValue,
                        at,
                        format!(
                            "document `{id}` both serves and supports `{}` of {}",
                            standards[standard.get()].items[*item].id,
                            standards[standard.get()].key
                        ),
                    )
                    .help("an item is the document's work (`serves`) or evidenced by it (`supports`), not both");
            }
        }
    }
    if serves.is_empty() && !replaced.is_empty() {
        // Every standard it served was replaced: the document goes with them.
        return None;
    }
    if serves_nothing {
        problems
            .add(
                ProblemCode::MissingKey,
                at,
                format!("document `{id}` serves no item"),
            )
            .help("list under `serves:` the items of each standard the document is the documented information for");
    }
    let mut sections = Vec::new();
    let raw_sections = raw.sections.unwrap_or_default();
    let all = crate::model::union(&serves, &supports);
    let no_sections = raw_sections.is_empty();
    for raw_section in raw_sections {
        if let Some(section) = section(raw_section, &id, &all, standards, replaced, problems) {
            sections.push(section);
        }
    }
    if no_sections {
        problems
            .add(ProblemCode::MissingKey, at, format!("document `{id}` has no sections"))
            .help("give it `sections:`, each with a `title`, the standards it `serves` and a `prompt`");
    }
    let merge = raw
        .small_organisation
        .and_then(|merge| small_organisation(merge.value, &id, at, problems));
    Some(Document {
        id,
        title: title?,
        kind: kind?,
        purpose: purpose?,
        serves,
        supports,
        sections,
        merge,
        file: file.to_owned(),
    })
}

/// The items a document names under `serves` or `supports`, resolved per
/// standard; unknown standards and ids are reported, replaced standards
/// skipped.
fn items_named(
    named: std::collections::BTreeMap<String, Vec<Located<String>>>,
    id: &str,
    verb: &str,
    at: Pos,
    standards: &[Standard],
    replaced: &[String],
    problems: &mut Problems,
) -> Vec<(StandardIndex, Vec<crate::model::ItemIndex>)> {
    let mut out: Vec<(StandardIndex, Vec<crate::model::ItemIndex>)> = Vec::new();
    for (key, ids) in named {
        if replaced.contains(&key) {
            continue;
        }
        let Some(index) = standards.iter().position(|s| s.key == key) else {
            unknown_standard(&key, at, standards, problems);
            continue;
        };
        let standard = &standards[index];
        let mut items = Vec::with_capacity(ids.len());
        for wanted in ids {
            let name = wanted.value.trim();
            match standard.find(name) {
                Some(item) if !items.contains(&item) => items.push(item),
                Some(_) => {}
                None => {
                    let problem = problems.add(
                        ProblemCode::UnknownItem,
                        wanted.pos,
                        format!(
                            "document `{id}` {verb} `{name}`, which {} does not define",
                            standard.key
                        ),
                    );
                    match suggest::did_you_mean(name, standard.ids()) {
                        Some(help) => problem.help(help),
                        None => problem.next(NextStep::ListIds {
                            standard: standard.key.clone(),
                        }),
                    };
                }
            }
        }
        if !items.is_empty() {
            out.push((StandardIndex::new(index), items));
        }
    }
    out.sort_by_key(|(standard, _)| *standard);
    out
}

/// Where a small organisation merges the document, checked for blanks;
/// whether it names a document of the set is checked once the whole set is
/// known (see [`merges`]).
fn small_organisation(
    merge: RawMerge,
    id: &str,
    at: Pos,
    problems: &mut Problems,
) -> Option<Merge> {
    let into = merge.merge_into.value.trim().to_owned();
    if into.is_empty() {
        problems
            .add(
                ProblemCode::EmptyValue,
                merge.merge_into.pos,
                format!("`merge-into` of `{id}` is empty"),
            )
            .help("name the document a small organisation writes it as part of");
    }
    let reason = required_text(
        Some(merge.reason),
        || format!("the reason `{id}` is merged"),
        at,
        problems,
    );
    if into.is_empty() {
        return None;
    }
    Some(Merge {
        into,
        reason: reason?,
        pos: merge.merge_into.pos,
    })
}

fn section(
    raw: Located<RawSection>,
    document: &str,
    serves: &[(StandardIndex, Vec<crate::model::ItemIndex>)],
    standards: &[Standard],
    replaced: &[String],
    problems: &mut Problems,
) -> Option<DocumentSection> {
    let at = raw.pos;
    let raw = raw.value;
    let title = required_text(
        Some(raw.title),
        || format!("a section title of `{document}`"),
        at,
        problems,
    )?;
    let prompt = required_text(
        Some(raw.prompt),
        || format!("the prompt of section `{title}` of `{document}`"),
        at,
        problems,
    );
    let mut keys = Vec::new();
    for key in raw.serves {
        let name = key.value.trim();
        if replaced.iter().any(|r| r == name) {
            continue;
        }
        match standards.iter().position(|s| s.key == name) {
            Some(index) => {
                let index = StandardIndex::new(index);
                if !serves.iter().any(|(standard, _)| *standard == index) {
                    problems
                        .add(
                            ProblemCode::InvalidValue,
                            key.pos,
                            format!("section `{title}` of `{document}` serves {name}, but the document serves no item of {name}"),
                        )
                        .help("add the items of that standard to the document's `serves`, or tag the section with another standard");
                } else if !keys.contains(&index) {
                    keys.push(index);
                }
            }
            None => unknown_standard(name, key.pos, standards, problems),
        }
    }
    if keys.is_empty() {
        // A section of replaced standards only goes with them.
        return None;
    }
    keys.sort_unstable();
    Some(DocumentSection {
        title,
        serves: keys,
        prompt: prompt?,
    })
}

fn unknown_standard(key: &str, pos: Pos, standards: &[Standard], problems: &mut Problems) {
    let problem = problems.add(
        ProblemCode::UnknownStandard,
        pos,
        format!("no loaded catalogue defines standard `{key}`"),
    );
    match suggest::did_you_mean(key, standards.iter().map(|s| s.key.as_str())) {
        Some(help) => problem.help(help),
        None => problem.next(NextStep::LoadCatalogues),
    };
}

/// Checks what the set says about merging for a small organisation: each
/// document merges into another document of the set, not itself, and never
/// into one that is itself merged, so that each merge names where the text
/// ends up. One problem each, on the merged document's file.
pub fn merges(documents: &[Document]) -> Vec<crate::diag::Problem> {
    let mut out = Vec::new();
    for document in documents {
        let Some(merge) = &document.merge else {
            continue;
        };
        let mut problems = Problems::new(document.file.clone());
        match documents.iter().find(|d| d.id == merge.into) {
            None => {
                let problem = problems.add(
                    ProblemCode::UnknownDocument,
                    merge.pos,
                    format!(
                        "`{}` merges into `{}`, which is not a document of the set",
                        document.id, merge.into
                    ),
                );
                if let Some(help) =
                    suggest::did_you_mean(&merge.into, documents.iter().map(|d| d.id.as_str()))
                {
                    problem.help(help);
                }
            }
            Some(target) if target.id == document.id => {
                problems
                    .add(
                        ProblemCode::InvalidValue,
                        merge.pos,
                        format!("`{}` merges into itself", document.id),
                    )
                    .help("name another document, or remove `small-organisation`");
            }
            Some(target) if target.merge.is_some() => {
                problems
                    .add(
                        ProblemCode::InvalidValue,
                        merge.pos,
                        format!(
                            "`{}` merges into `{}`, which is itself merged into `{}`",
                            document.id,
                            target.id,
                            target.merge.as_ref().map_or("", |m| m.into.as_str())
                        ),
                    )
                    .help("name the document the text finally ends up in");
            }
            Some(_) => {}
        }
        out.extend(crate::diag::InvalidInput::from(problems).0);
    }
    out
}

/// Every item that expects documented information (`documented` in its
/// catalogue) and that no document serves, directly or through a heading
/// above it; one problem each, on the catalogue's file.
pub fn undocumented(catalog: &Catalog) -> Vec<crate::diag::Problem> {
    let mut out = Vec::new();
    for standard_index in catalog.indexes() {
        let standard = &catalog.standards[standard_index];
        let mut problems = Problems::new(standard.file.clone());
        for (position, item) in standard.items.iter().enumerate() {
            if item.documented.is_none() {
                continue;
            }
            let index = crate::model::ItemIndex::new(position);
            let served = catalog.documents.iter().any(|document| {
                document.serves.iter().any(|(s, items)| {
                    *s == standard_index
                        && items.iter().any(|&named| {
                            named == index || standard.leaves_under(named).contains(&index)
                        })
                })
            });
            if !served {
                problems
                    .add(
                        ProblemCode::Undocumented,
                        Pos::default(),
                        format!(
                            "`{}` of {} expects documented information, and no document of the set serves it",
                            item.id, standard.key
                        ),
                    )
                    .help("add it to the `serves` of the document that holds it, or add a document");
            }
        }
        out.extend(crate::diag::InvalidInput::from(problems).0);
    }
    out
}
