//! An organisation's status file: what it has in place for each item of
//! each standard. Raw parsing lives in `raw`, checking in `validate`.

mod raw;
pub mod schema;
pub mod template;
mod validate;

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use crate::date::Date;
use crate::diag::Pos;

pub use validate::load;

/// Top-level keys of a status file that hold the organisation's details.
pub const META_KEYS: &[&str] = &[
    "organisation",
    "organization",
    "scope",
    "assessed",
    "assessor",
];

/// How far an organisation has implemented one item.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// In place and working.
    Implemented,
    /// Partly in place.
    Partial,
    /// Not in place, with a plan to put it in place.
    Planned,
    /// Not in place.
    NotImplemented,
    /// Excluded, with a justification; only where the standard allows it.
    NotApplicable,
}

impl Status {
    /// Every status, from best to worst, then not-applicable.
    pub const ALL: [Status; 5] = [
        Status::Implemented,
        Status::Partial,
        Status::Planned,
        Status::NotImplemented,
        Status::NotApplicable,
    ];

    /// The spelling used in status files and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Implemented => "implemented",
            Status::Partial => "partial",
            Status::Planned => "planned",
            Status::NotImplemented => "not-implemented",
            Status::NotApplicable => "not-applicable",
        }
    }

    /// Parses the status-file spelling.
    pub fn parse(text: &str) -> Option<Status> {
        Status::ALL
            .into_iter()
            .find(|status| status.as_str() == text)
    }

    /// Contribution to coverage: implemented counts 1, partial 0.5, the rest 0.
    pub fn weight(self) -> f64 {
        match self {
            Status::Implemented => 1.0,
            Status::Partial => 0.5,
            _ => 0.0,
        }
    }

    /// Whether something exists that could be reused: implemented or partial.
    pub fn in_place(self) -> bool {
        matches!(self, Status::Implemented | Status::Partial)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A piece of evidence: a reference, and optionally when it was produced or checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// The document, record or system the evidence is found in.
    pub reference: String,
    /// When it was produced or last checked.
    pub date: Option<Date>,
}

/// The word that marks an item as explicitly not assessed yet, as the
/// template written by `ims init` does for every item.
pub const NOT_ASSESSED: &str = "not-assessed";

/// What the status file says about one item.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The status; `None` when written as `not-assessed`.
    pub status: Option<Status>,
    /// Who is responsible.
    pub owner: Option<String>,
    /// Where the evidence is.
    pub evidence: Vec<Evidence>,
    /// Free text.
    pub note: Option<String>,
    /// When the item is due to be in place.
    pub due: Option<Date>,
    /// When the item was last reviewed.
    pub reviewed: Option<Date>,
    /// Why the item is excluded (or included).
    pub justification: Option<String>,
    /// Where the entry's key is written. Valid files are read without
    /// positions (faster), so this is only known while problems are reported.
    pub pos: Pos,
}

/// One standard's part of a status file.
#[derive(Debug, Clone)]
pub struct Section {
    /// Index of the standard in the catalogue.
    pub standard: usize,
    /// Entries by item index.
    pub entries: BTreeMap<usize, Entry>,
    /// Where the section's key is written; see [`Entry::pos`].
    pub pos: Pos,
}

/// A validated status file.
#[derive(Debug, Clone)]
pub struct Assessment {
    /// The file, as the user named it.
    pub file: String,
    /// The organisation assessed.
    pub organisation: String,
    /// The scope of the assessment, if stated.
    pub scope: Option<String>,
    /// When the assessment was made, if stated.
    pub assessed: Option<Date>,
    /// Who made the assessment, if stated.
    pub assessor: Option<String>,
    /// One section per standard assessed, in catalogue order.
    pub sections: Vec<Section>,
}

impl Assessment {
    /// The section for the standard at `standard`, if the file has one.
    pub fn section(&self, standard: usize) -> Option<&Section> {
        self.sections
            .iter()
            .find(|section| section.standard == standard)
    }
}

#[cfg(test)]
mod tests;
