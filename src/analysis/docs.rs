//! `ims docs`: the documented information of the integrated system as one
//! register, and, given a status file, the organisation's own register:
//! which documents it needs, how far each is, who owns it, and which
//! evidence references look like it.
//!
//! A document is needed when it serves at least one applicable item of a
//! standard reported on (exclusions and `--target`/`--standard` taken into
//! account). Its state follows the items it serves: in place when every one
//! is implemented, partly when any is implemented or partial, missing
//! otherwise. Sections keep only the standards reported on; a section that
//! still serves more than one is shared.

use std::collections::BTreeSet;

use serde::Serialize;

use super::{Options, ReportHeader, Scope};
use crate::model::{Catalog, Document, DocumentKind, Node, StandardIndex};
use crate::snapshot::SCHEMA_VERSION;
use crate::status::resolve::Statuses;
use crate::status::{Assessment, NOT_ASSESSED, Status};

/// The register of documents.
#[derive(Debug, Clone, Serialize)]
pub struct DocsReport {
    /// Version of the JSON layout.
    pub schema_version: u32,
    /// The status file and who and what it assessed; absent for the whole set.
    #[serde(flatten)]
    pub header: Option<ReportHeader>,
    /// The standards the register covers, in catalogue order.
    pub standards: Vec<DocsStandard>,
    /// The documents needed, in catalogue order.
    pub documents: Vec<DocEntry>,
    /// Documents of the set that this organisation does not need, and why.
    pub not_needed: Vec<NotNeeded>,
}

/// A standard the register covers.
#[derive(Debug, Clone, Serialize)]
pub struct DocsStandard {
    /// The standard's key.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The word naming sections that serve it alone, such as `security`.
    pub aspect: String,
}

/// How far a document is, from the items it serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DocState {
    /// Every item it serves is implemented.
    InPlace,
    /// Some of the items it serves are implemented or partial.
    Partly,
    /// None of the items it serves is in place, or none is assessed.
    Missing,
}

impl DocState {
    /// The spelling in output.
    pub fn as_str(self) -> &'static str {
        match self {
            DocState::InPlace => "in place",
            DocState::Partly => "partly",
            DocState::Missing => "missing",
        }
    }
}

/// One document of the register.
#[derive(Debug, Clone, Serialize)]
pub struct DocEntry {
    /// Its place in the whole document set, from 1: the same whatever
    /// this organisation needs, so that skeleton file names stay put.
    pub number: usize,
    /// Short id, such as `IMS-SCOPE`.
    pub id: String,
    /// Title.
    pub title: String,
    /// Policy, procedure, plan, register or record.
    pub kind: DocumentKind,
    /// What it is for.
    pub purpose: String,
    /// The standards it serves, of those covered.
    pub standards: Vec<String>,
    /// The items it serves, as `{standard, id}`, with title and status.
    pub serves: Vec<ServedItem>,
    /// Its sections, each with the standards it serves.
    pub sections: Vec<DocSection>,
    /// How far it is; null without a status file.
    pub state: Option<DocState>,
    /// How far it is for each standard it serves, from that standard's
    /// items alone: which part (security, service) is still to write.
    pub states: Vec<StandardState>,
    /// Owners named on the items it serves.
    pub owners: Vec<String>,
    /// Evidence references on the items it serves that look like this
    /// document by their words: a guess, for a person to confirm.
    pub evidence_guess: Vec<EvidenceGuess>,
    /// The document a small organisation commonly writes it as part of,
    /// and why; null when it usually stands alone.
    pub small_organisation: Option<SmallOrganisation>,
}

/// Where a small organisation commonly writes a document.
#[derive(Debug, Clone, Serialize)]
pub struct SmallOrganisation {
    /// The id of the document it goes into.
    pub merge_into: String,
    /// That document's title.
    pub merge_into_title: String,
    /// Why.
    pub reason: String,
}

/// How far a document is for one standard.
#[derive(Debug, Clone, Serialize)]
pub struct StandardState {
    /// The standard's key.
    pub standard: String,
    /// The state from that standard's items.
    pub state: DocState,
}

/// An item a document serves.
#[derive(Debug, Clone, Serialize)]
pub struct ServedItem {
    /// The standard's key.
    pub standard: String,
    /// The item's id.
    pub id: String,
    /// Its official title.
    pub title: String,
    /// Its status (`not-assessed` when the file says nothing); absent
    /// without a status file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<&'static str>,
}

/// One section of a document.
#[derive(Debug, Clone, Serialize)]
pub struct DocSection {
    /// Heading.
    pub title: String,
    /// The standards it serves, of those covered.
    pub serves: Vec<String>,
    /// `shared` when it serves more than one standard, else the aspect of
    /// the one it serves (`security`, `service`).
    pub aspect: String,
    /// What to write there.
    pub prompt: String,
}

/// An evidence reference that looks like a document.
#[derive(Debug, Clone, Serialize)]
pub struct EvidenceGuess {
    /// The reference as the status file gives it.
    pub reference: String,
    /// Where it is given: the standard's key.
    pub standard: String,
    /// And the item's id.
    pub id: String,
}

/// A document the organisation does not need.
#[derive(Debug, Clone, Serialize)]
pub struct NotNeeded {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Why.
    pub why: String,
}

/// The whole document set, for every standard in `standards` (all loaded
/// standards when empty).
pub fn register(catalog: &Catalog, standards: &[StandardIndex]) -> DocsReport {
    let covered: Vec<StandardIndex> = if standards.is_empty() {
        (0..catalog.standards.len())
            .map(StandardIndex::new)
            .collect()
    } else {
        standards.to_vec()
    };
    let mut documents = Vec::new();
    let mut not_needed = Vec::new();
    for (number, document) in catalog.documents.iter().enumerate() {
        let served: Vec<Node> = served(document, &covered).collect();
        if served.is_empty() {
            not_needed.push(NotNeeded {
                id: document.id.clone(),
                title: document.title.clone(),
                why: "serves none of the standards covered".to_owned(),
            });
            continue;
        }
        documents.push(entry(
            catalog,
            (number + 1, document),
            &covered,
            served,
            None,
        ));
    }
    DocsReport {
        schema_version: SCHEMA_VERSION,
        header: None,
        standards: docs_standards(catalog, &covered),
        documents,
        not_needed,
    }
}

/// The organisation's register: the documents it needs, with their state,
/// owners and the evidence that looks like them.
pub fn docs(catalog: &Catalog, assessment: &Assessment, options: &Options) -> DocsReport {
    let scope = Scope::new(assessment, options);
    let statuses = Statuses::resolve(catalog, assessment, &scope.all);
    let mut documents = Vec::new();
    let mut not_needed = Vec::new();
    for (number, document) in catalog.documents.iter().enumerate() {
        let all: Vec<Node> = served(document, &scope.report).collect();
        let applicable: Vec<Node> = all
            .iter()
            .copied()
            .filter(|&node| statuses.status(node) != Some(Status::NotApplicable))
            .collect();
        if applicable.is_empty() {
            not_needed.push(NotNeeded {
                id: document.id.clone(),
                title: document.title.clone(),
                why: if all.is_empty() {
                    "serves none of the standards covered".to_owned()
                } else {
                    "every item it serves is excluded".to_owned()
                },
            });
            continue;
        }
        documents.push(entry(
            catalog,
            (number + 1, document),
            &scope.report,
            applicable,
            Some(&statuses),
        ));
    }
    DocsReport {
        schema_version: SCHEMA_VERSION,
        header: Some(ReportHeader::of(assessment)),
        standards: docs_standards(catalog, &scope.report),
        documents,
        not_needed,
    }
}

fn docs_standards(catalog: &Catalog, covered: &[StandardIndex]) -> Vec<DocsStandard> {
    covered
        .iter()
        .map(|&s| {
            let standard = &catalog.standards[s];
            DocsStandard {
                id: standard.key.clone(),
                name: standard.name.clone(),
                aspect: standard.aspect.clone(),
            }
        })
        .collect()
}

/// The items of the covered standards a document serves or supports.
fn served<'a>(
    document: &'a Document,
    covered: &'a [StandardIndex],
) -> impl Iterator<Item = Node> + 'a {
    document
        .items()
        .into_iter()
        .filter(|(standard, _)| covered.contains(standard))
        .flat_map(|(standard, items)| items.into_iter().map(move |item| Node { standard, item }))
}

fn entry(
    catalog: &Catalog,
    (number, document): (usize, &Document),
    covered: &[StandardIndex],
    served: Vec<Node>,
    statuses: Option<&Statuses<'_>>,
) -> DocEntry {
    let mut standards: Vec<StandardIndex> = served.iter().map(|n| n.standard).collect();
    standards.dedup();
    let sections = document
        .sections
        .iter()
        .filter_map(|section| {
            let serves: Vec<StandardIndex> = section
                .serves
                .iter()
                .copied()
                .filter(|s| covered.contains(s))
                .collect();
            let aspect = match serves.as_slice() {
                [] => return None,
                [one] => catalog.standards[*one].aspect.clone(),
                _ => "shared".to_owned(),
            };
            Some(DocSection {
                title: section.title.clone(),
                serves: keys(catalog, &serves),
                aspect,
                prompt: section.prompt.clone(),
            })
        })
        .collect();
    let items = served
        .iter()
        .map(|&node| ServedItem {
            standard: catalog.standards[node.standard].key.clone(),
            id: catalog.item(node).id.clone(),
            title: catalog.item(node).title.clone(),
            status: statuses.map(|s| s.status(node).map_or(NOT_ASSESSED, Status::as_str)),
        })
        .collect();
    let (state, states, owners, evidence_guess) = match statuses {
        Some(statuses) => {
            let state_of = |nodes: &mut dyn Iterator<Item = &Node>| {
                let found: Vec<Option<Status>> = nodes.map(|&n| statuses.status(n)).collect();
                if found.iter().all(|s| *s == Some(Status::Implemented)) {
                    DocState::InPlace
                } else if found.iter().any(|s| s.is_some_and(Status::in_place)) {
                    DocState::Partly
                } else {
                    DocState::Missing
                }
            };
            let state = state_of(&mut served.iter());
            let states: Vec<StandardState> = standards
                .iter()
                .map(|&standard| StandardState {
                    standard: catalog.standards[standard].key.clone(),
                    state: state_of(&mut served.iter().filter(|n| n.standard == standard)),
                })
                .collect();
            let owners: BTreeSet<String> = served
                .iter()
                .filter_map(|&n| statuses.get(n).entry.and_then(|e| e.owner.clone()))
                .collect();
            (
                Some(state),
                states,
                owners.into_iter().collect(),
                evidence_guess(catalog, document, &served, statuses),
            )
        }
        None => (None, Vec::new(), Vec::new(), Vec::new()),
    };
    DocEntry {
        number,
        id: document.id.clone(),
        title: document.title.clone(),
        kind: document.kind,
        purpose: document.purpose.clone(),
        standards: keys(catalog, &standards),
        serves: items,
        sections,
        state,
        states,
        owners,
        evidence_guess,
        small_organisation: document.merge.as_ref().map(|merge| SmallOrganisation {
            merge_into: merge.into.clone(),
            merge_into_title: catalog
                .documents
                .iter()
                .find(|d| d.id == merge.into)
                .map(|d| d.title.clone())
                .unwrap_or_default(),
            reason: merge.reason.clone(),
        }),
    }
}

fn keys(catalog: &Catalog, standards: &[StandardIndex]) -> Vec<String> {
    standards
        .iter()
        .map(|&s| catalog.standards[s].key.clone())
        .collect()
}

/// Words too common in document names to tell one document from another.
const COMMON: &[&str] = &[
    "and",
    "the",
    "for",
    "with",
    "from",
    "its",
    "of",
    "to",
    "in",
    "on",
    "by",
    "a",
    "an",
    "ims",
    "isms",
    "sms",
    "integrated",
    "management",
    "system",
    "systems",
    "information",
    "document",
    "documents",
    "organisation",
    "organization",
    "pdf",
    "docx",
    "xlsx",
    "doc",
    "xls",
    "md",
    "html",
    "txt",
    "v",
];

/// The words of a text that can tell documents apart: lowercase, split at
/// anything not a letter or digit, common words, numbers and version marks
/// dropped, a plural `s` taken off.
pub(crate) fn significant_words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.len() > 1 && !w.chars().all(|c| c.is_ascii_digit()))
        // Version marks (v1, v12) say nothing about what a document is.
        .filter(|w| !(w.starts_with('v') && w[1..].chars().all(|c| c.is_ascii_digit())))
        .filter(|w| !COMMON.contains(&w.as_str()))
        .map(|w| match w.strip_suffix('s') {
            Some(stem) if stem.len() > 3 && !stem.ends_with('s') => stem.to_owned(),
            _ => w,
        })
        .collect()
}

/// Whether an evidence reference looks like a document: it names the
/// document's id, or shares two significant words with its title (one
/// when the title has only one).
pub(crate) fn looks_like(reference: &str, id: &str, title_words: &BTreeSet<String>) -> bool {
    if reference.to_lowercase().contains(&id.to_lowercase()) {
        return true;
    }
    let words = significant_words(reference);
    let shared = title_words.intersection(&words).count();
    shared >= 2.min(title_words.len()) && shared > 0
}

fn evidence_guess(
    catalog: &Catalog,
    document: &Document,
    served: &[Node],
    statuses: &Statuses<'_>,
) -> Vec<EvidenceGuess> {
    let title_words = significant_words(&document.title);
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    let mut out = Vec::new();
    for &node in served {
        let Some(entry) = statuses.get(node).entry else {
            continue;
        };
        for evidence in &entry.evidence {
            if looks_like(&evidence.reference, &document.id, &title_words)
                && seen.insert(evidence.reference.as_str())
            {
                out.push(EvidenceGuess {
                    reference: evidence.reference.clone(),
                    standard: catalog.standards[node.standard].key.clone(),
                    id: catalog.item(node).id.clone(),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_that_share_words_with_the_title_look_like_it() {
        let title = significant_words("Information security risk treatment plan");
        assert!(looks_like(
            "ISMS Risk Treatment Plan v2.pdf",
            "IMS-RTP",
            &title
        ));
        assert!(looks_like("ims-rtp (2026)", "IMS-RTP", &title));
        assert!(!looks_like("Risk register.xlsx", "IMS-RTP", &title));
        assert!(!looks_like("Board minutes 2026-03", "IMS-RTP", &title));
        let one = significant_words("Integrated policy");
        assert!(looks_like("IS Policy v3", "IMS-POLICY", &one));
        assert!(!looks_like("Management system manual", "IMS-POLICY", &one));
    }

    #[test]
    fn common_words_and_plurals_do_not_decide() {
        let words = significant_words("The Management of Suppliers and contracts 2026 v1.docx");
        assert_eq!(
            words.into_iter().collect::<Vec<_>>(),
            ["contract", "supplier"]
        );
    }
}
