//! The document register in each format, and the skeleton documents.

pub mod csv;
pub mod json;
pub mod markdown;
pub mod skeleton;
pub mod table;

use crate::analysis::docs::{DocEntry, DocsReport};

/// What the evidence column is, said wherever it is shown.
pub const GUESS: &str = "Evidence that looks like it: references on the items a document serves that share words with its title or name its id. This is a guess from the wording; check each one.";

/// The register's title.
pub fn title(report: &DocsReport) -> String {
    match &report.header {
        Some(header) => format!("Documents: {}", header.organisation),
        None => "Documents of the integrated management system".to_owned(),
    }
}

/// What the register covers, in one sentence.
pub fn intro(report: &DocsReport) -> String {
    let names: Vec<&str> = report.standards.iter().map(|s| s.name.as_str()).collect();
    let set = format!(
        "One set of documents for {}: a section serving more than one standard is shared, the others carry one standard's aspect ({})",
        names.join(" and "),
        report
            .standards
            .iter()
            .map(|s| format!("{} for {}", s.aspect, s.id))
            .collect::<Vec<_>>()
            .join(", ")
    );
    match &report.header {
        Some(_) => format!(
            "{set}. Listed are the documents this organisation needs, given its exclusions; a document is in place when every item it serves is implemented, partly when some are implemented or partial, and missing otherwise."
        ),
        None => format!("{set}."),
    }
}

/// The items a document serves, one standard after the other:
/// `std-a 4.3; std-b 4.3, 7.5.4`.
pub fn serves(entry: &DocEntry) -> String {
    let mut parts: Vec<String> = Vec::new();
    for standard in &entry.standards {
        let ids: Vec<&str> = entry
            .serves
            .iter()
            .filter(|item| &item.standard == standard)
            .map(|item| item.id.as_str())
            .collect();
        parts.push(format!("{standard} {}", ids.join(", ")));
    }
    parts.join("; ")
}

/// How many sections of each aspect: `3 shared, 2 security, 1 service`.
pub fn section_mix(entry: &DocEntry) -> String {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for section in &entry.sections {
        match counts.iter_mut().find(|(a, _)| *a == section.aspect) {
            Some((_, n)) => *n += 1,
            None => counts.push((&section.aspect, 1)),
        }
    }
    counts.sort_by_key(|&(aspect, _)| (aspect != "shared", aspect));
    counts
        .iter()
        .map(|(aspect, n)| format!("{n} {aspect}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What the register says about a small organisation, in one sentence.
pub const SMALL: &str = "A small organisation commonly writes some of these documents as part of another one; each is still needed, as a part of the document it goes into:";

/// The documents a small organisation commonly merges, one line each:
/// `IMS-SCOPE into IMS-PLAN: why`; the ids name the documents of the
/// register above.
pub fn merges(report: &DocsReport) -> Vec<String> {
    report
        .documents
        .iter()
        .filter_map(|d| {
            let merge = d.small_organisation.as_ref()?;
            Some(format!(
                "{} into {}: {}",
                d.id, merge.merge_into, merge.reason
            ))
        })
        .collect()
}

/// The evidence that looks like a document, references only.
pub fn guesses(entry: &DocEntry) -> String {
    entry
        .evidence_guess
        .iter()
        .map(|g| g.reference.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

/// How many documents are in each state: `4 in place, 10 partly, 2 missing`.
pub fn state_counts(report: &DocsReport) -> Option<String> {
    report.header.as_ref()?;
    let count = |state| {
        report
            .documents
            .iter()
            .filter(|d| d.state == Some(state))
            .count()
    };
    use crate::analysis::docs::DocState;
    Some(format!(
        "{} documents needed: {} in place, {} partly, {} missing",
        report.documents.len(),
        count(DocState::InPlace),
        count(DocState::Partly),
        count(DocState::Missing)
    ))
}

/// The state of a document, with the state per standard when it serves
/// several and they differ: `partly (std-a in place, std-b missing)`.
pub fn state_text(entry: &DocEntry) -> String {
    let Some(state) = entry.state else {
        return String::new();
    };
    let differ = entry.states.iter().any(|s| s.state != state);
    if entry.states.len() > 1 && differ {
        let parts: Vec<String> = entry
            .states
            .iter()
            .map(|s| format!("{} {}", s.standard, s.state.as_str()))
            .collect();
        format!("{} ({})", state.as_str(), parts.join(", "))
    } else {
        state.as_str().to_owned()
    }
}
