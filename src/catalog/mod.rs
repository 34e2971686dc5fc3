//! Loading catalogues and crosswalks: the built-in ones embedded in the
//! binary, plus any a user supplies with `--catalog DIR`.

mod builtin;
mod crosswalk;
mod documents;
mod lint;
mod raw;
mod standard;

use std::borrow::Cow;
use std::collections::BTreeMap;

use crate::diag::{InvalidInput, Pos, ProblemCode, Problems};
use crate::model::Catalog;
use crate::yaml::{self, Located};

pub use builtin::{
    BUILTIN, CISO_ASSISTANT_COUNTERPART, Counterpart, EXPORT_ABOUT, EXPORTED, PURPOSE, PURPOSE_LONG,
};

/// The text of one catalogue or crosswalk file.
#[derive(Debug, Clone)]
pub struct Source {
    /// The file name shown in problems.
    pub name: String,
    /// The file's contents.
    pub text: Cow<'static, str>,
    /// Whether the file is embedded in the binary.
    pub builtin: bool,
}

impl Source {
    /// A user's file.
    pub fn user(name: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            text: Cow::Owned(text.into()),
            builtin: false,
        }
    }
}

/// The built-in catalogue files, as sources.
pub fn builtin_sources() -> Vec<Source> {
    BUILTIN
        .iter()
        .map(|(name, text)| Source {
            name: (*name).to_owned(),
            text: Cow::Borrowed(text),
            builtin: true,
        })
        .collect()
}

/// A parsed file, classified by what it holds.
enum Parsed {
    Standard(standard::Draft),
    Crosswalk(crosswalk::Draft),
    Documents(documents::Draft),
}

pub use documents::undocumented;

/// Validates the given files into one catalogue, or reports every problem.
///
/// Built-in sources come first. A user's catalogue replaces a built-in one
/// with the same key, and then the built-in crosswalks that involve it are
/// dropped, since their judgements were made for the built-in edition. A
/// user's crosswalk replaces a built-in one joining the same two standards.
pub fn load(sources: &[Source]) -> Result<Catalog, InvalidInput> {
    // The fast reader takes plainly written files; the full parser reads
    // whatever it gives up on, and words every problem.
    load_with(sources, fast).or_else(|_| load_with(sources, yaml::parse))
}

type Parser = fn(&str, yaml::Duplicates) -> Result<raw::RawFile, yaml::SyntaxError>;

/// The fast reader as a [`Parser`]; its failures are never shown.
fn fast(text: &str, _: yaml::Duplicates) -> Result<raw::RawFile, yaml::SyntaxError> {
    yaml::parse_fast(text).ok_or(yaml::SyntaxError {
        code: ProblemCode::YamlSyntax,
        pos: Pos::default(),
        message: "left to the full parser".to_owned(),
        help: None,
    })
}

fn load_with(sources: &[Source], parse: Parser) -> Result<Catalog, InvalidInput> {
    let mut all_problems: Vec<Problems> = Vec::new();
    let mut standards: Vec<(bool, standard::Draft)> = Vec::new();
    let mut crosswalks: Vec<(bool, crosswalk::Draft)> = Vec::new();
    let mut document_sets: Vec<(bool, documents::Draft)> = Vec::new();

    for source in sources {
        let mut problems = Problems::new(source.name.clone());
        match parse_file(source, parse, &mut problems) {
            Some(Parsed::Standard(draft)) => standards.push((source.builtin, draft)),
            Some(Parsed::Crosswalk(draft)) => crosswalks.push((source.builtin, draft)),
            Some(Parsed::Documents(draft)) => document_sets.push((source.builtin, draft)),
            None => {}
        }
        all_problems.push(problems);
    }

    let (standards, replaced) = merge_standards(standards, &mut all_problems);
    let catalog_standards: Vec<_> = standards.into_iter().map(|draft| draft.standard).collect();
    let crosswalks = merge_crosswalks(crosswalks, &replaced, &mut all_problems);

    let mut built = Vec::new();
    for draft in crosswalks {
        let mut problems = Problems::new(draft.file.clone());
        if let Some(crosswalk) = draft.validate(&catalog_standards, &mut problems) {
            built.push(crosswalk);
        }
        all_problems.push(problems);
    }

    let mut documents = Vec::new();
    let mut from_builtin = Vec::new();
    for (builtin, draft) in merge_documents(document_sets, &mut all_problems) {
        let mut problems = Problems::new(draft.file.clone());
        let dropped: &[String] = if builtin { &replaced } else { &[] };
        documents.extend(draft.validate(&catalog_standards, dropped, &mut problems));
        from_builtin.resize(documents.len(), builtin);
        all_problems.push(problems);
    }
    // A built-in document whose small-organisation merge names a built-in
    // document dropped with a replaced standard keeps no merge: the advice
    // was for the built-in set as a whole, not a mistake of the user's.
    let ids: Vec<String> = documents.iter().map(|d| d.id.clone()).collect();
    for (document, &builtin) in documents.iter_mut().zip(&from_builtin) {
        let gone = document
            .merge
            .as_ref()
            .is_some_and(|merge| !ids.contains(&merge.into));
        if builtin && !replaced.is_empty() && gone {
            document.merge = None;
        }
    }

    let mut problems: Vec<_> = all_problems
        .into_iter()
        .flat_map(|problems| InvalidInput::from(problems).0)
        .collect();
    problems.extend(documents::merges(&documents));
    if problems.is_empty() {
        let mut catalog = Catalog::new(catalog_standards, built);
        catalog.documents = documents;
        Ok(catalog)
    } else {
        Err(InvalidInput(problems))
    }
}

fn parse_file(source: &Source, parse: Parser, problems: &mut Problems) -> Option<Parsed> {
    if yaml::is_blank(&source.text) {
        problems
            .add(ProblemCode::EmptyFile, Pos::default(), "the file is empty")
            .help("a catalogue starts with `standard:`, a crosswalk with `crosswalk:`");
        return None;
    }
    let raw: raw::RawFile = match parse(&source.text, yaml::Duplicates::Refuse) {
        Ok(raw) => raw,
        Err(err) => {
            let problem = problems.add(err.code, err.pos, err.message);
            if let Some(help) = err.help {
                problem.help(help);
            }
            return None;
        }
    };
    let has_catalogue = raw.standard.is_some() || raw.items.is_some();
    let has_crosswalk = raw.crosswalk.is_some()
        || raw.edges.is_some()
        || raw.no_counterpart.is_some()
        || raw.decide.is_some();
    let has_documents = raw.documents.is_some();
    match (has_catalogue, has_crosswalk, has_documents) {
        (true, false, false) => standard::Draft::build(raw, problems).map(Parsed::Standard),
        (false, true, false) => crosswalk::Draft::build(raw, problems).map(Parsed::Crosswalk),
        (false, false, true) => documents::Draft::build(raw, problems).map(Parsed::Documents),
        (false, false, false) => {
            problems
                .add(
                    ProblemCode::FileKind,
                    Pos::new(1, 1),
                    "the file is not a catalogue, a crosswalk or a document set",
                )
                .help("a catalogue starts with `standard:`, a crosswalk with `crosswalk:`, a document set with `documents:`");
            None
        }
        _ => {
            problems
                .add(
                    ProblemCode::FileKind,
                    Pos::new(1, 1),
                    "the file mixes a catalogue (`standard`, `items`), a crosswalk (`crosswalk`, `edges`) or a document set (`documents`)",
                )
                .help("put each in a file of its own");
            None
        }
    }
}

/// Applies replacement by key; returns the standards and the keys a user replaced.
fn merge_standards(
    drafts: Vec<(bool, standard::Draft)>,
    problems: &mut Vec<Problems>,
) -> (Vec<standard::Draft>, Vec<String>) {
    let mut kept: Vec<standard::Draft> = Vec::new();
    let mut origin: BTreeMap<String, (bool, String, Pos)> = BTreeMap::new();
    let mut replaced = Vec::new();
    for (builtin, draft) in drafts {
        let key = draft.standard.key.clone();
        match origin.get(&key) {
            Some((true, _, _)) if !builtin => {
                kept.retain(|existing| existing.standard.key != key);
                replaced.push(key.clone());
            }
            Some((_, file, pos)) => {
                let mut duplicate = Problems::new(draft.standard.file.clone());
                duplicate
                    .add(
                        ProblemCode::DuplicateStandard,
                        draft.key_pos,
                        format!("standard `{key}` is already defined in {file}:{}", pos.line),
                    )
                    .help("give each catalogue its own key, or remove one of the files");
                problems.push(duplicate);
                continue;
            }
            None => {}
        }
        origin.insert(key, (builtin, draft.standard.file.clone(), draft.key_pos));
        kept.push(draft);
    }
    (kept, replaced)
}

fn merge_crosswalks(
    drafts: Vec<(bool, crosswalk::Draft)>,
    replaced: &[String],
    problems: &mut Vec<Problems>,
) -> Vec<crosswalk::Draft> {
    let mut kept: Vec<(bool, crosswalk::Draft)> = Vec::new();
    for (builtin, draft) in drafts {
        if builtin
            && (replaced.contains(&draft.source.value) || replaced.contains(&draft.target.value))
        {
            continue;
        }
        let pair = draft.pair();
        match kept
            .iter()
            .position(|(_, existing)| existing.pair() == pair)
        {
            Some(index) if kept[index].0 && !builtin => {
                kept[index] = (builtin, draft);
            }
            Some(index) => {
                let mut duplicate = Problems::new(draft.file.clone());
                duplicate
                    .add(
                        ProblemCode::DuplicateCrosswalk,
                        draft.header_pos,
                        format!(
                            "a crosswalk between `{}` and `{}` is already defined in {}",
                            pair.0, pair.1, kept[index].1.file
                        ),
                    )
                    .help("merge the two files into one crosswalk");
                problems.push(duplicate);
            }
            None => kept.push((builtin, draft)),
        }
    }
    kept.into_iter().map(|(_, draft)| draft).collect()
}

/// A user's document replaces a built-in one with the same id; two
/// documents of the same origin with one id are a problem.
fn merge_documents(
    drafts: Vec<(bool, documents::Draft)>,
    problems: &mut Vec<Problems>,
) -> Vec<(bool, documents::Draft)> {
    let user_ids: Vec<String> = drafts
        .iter()
        .filter(|(builtin, _)| !builtin)
        .flat_map(|(_, draft)| draft.ids().map(|(id, _)| id.to_owned()))
        .collect();
    let mut seen: BTreeMap<String, (String, Pos)> = BTreeMap::new();
    let mut kept = Vec::new();
    for (builtin, mut draft) in drafts {
        if builtin {
            draft.retain(|id| !user_ids.iter().any(|user| user == id));
        }
        let mut duplicates = Problems::new(draft.file.clone());
        for (id, pos) in draft.ids() {
            match seen.get(id) {
                Some((file, first)) => {
                    duplicates
                        .add(
                            ProblemCode::DuplicateDocument,
                            pos,
                            format!(
                                "document `{id}` is already defined in {file}:{}",
                                first.line
                            ),
                        )
                        .help("give each document its own id");
                }
                None => {
                    seen.insert(id.to_owned(), (draft.file.clone(), pos));
                }
            }
        }
        problems.push(duplicates);
        kept.push((builtin, draft));
    }
    kept
}

/// Checks that a required text is present and not blank. `what` names it
/// for a message, and is only called when there is a problem to report.
fn required_text(
    value: Option<Located<String>>,
    what: impl FnOnce() -> String,
    at: Pos,
    problems: &mut Problems,
) -> Option<String> {
    match value {
        None => {
            problems.add(
                ProblemCode::MissingKey,
                at,
                format!("{} is missing", what()),
            );
            None
        }
        Some(text) if text.value.trim().is_empty() => {
            problems.add(
                ProblemCode::EmptyValue,
                text.pos,
                format!("{} is empty", what()),
            );
            None
        }
        Some(text) => Some(trimmed(text.value)),
    }
}

/// The text without blanks at either end, reusing its allocation when there
/// are none (the usual case).
fn trimmed(text: String) -> String {
    if text.trim().len() == text.len() {
        text
    } else {
        text.trim().to_owned()
    }
}

#[cfg(test)]
mod tests;
