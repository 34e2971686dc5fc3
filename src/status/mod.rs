//! An organisation's status file: what it has in place for each item of
//! each standard. Raw parsing lives in `raw`, checking in `validate`.

pub mod hollow;
mod raw;
pub mod resolve;
pub mod schema;
mod soa_block;
pub mod template;
mod validate;

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use crate::date::Date;
use crate::diag::Pos;
use crate::model::{Catalog, ItemIndex, StandardIndex};

pub use hollow::{Hollow, is_dash, says_nothing};
pub use validate::load;

/// Top-level keys of a status file that hold the organisation's details.
pub const META_KEYS: &[&str] = &[
    "organisation",
    "organization",
    "scope",
    "assessed",
    "assessor",
];

/// The top-level key of the Statement of Applicability's version and approval.
pub const SOA_KEY: &str = "soa";

/// The top-level key of controls from other sources than the standards.
pub const ADDITIONAL_KEY: &str = "additional-controls";

/// The top-level key of the settings `ims plan` works with.
pub const PLAN_KEY: &str = "plan";

/// The top-level key of the certificates the organisation holds.
pub const CERTIFICATES_KEY: &str = "certificates";

/// Every top-level key that is not a standard section; a catalogue may not
/// take one as its standard key.
pub const TOP_KEYS: &[&str] = &[
    "organisation",
    "organization",
    "scope",
    "assessed",
    "assessor",
    SOA_KEY,
    ADDITIONAL_KEY,
    PLAN_KEY,
    CERTIFICATES_KEY,
];

/// How urgent the risk treatment makes a control: the priority the risk
/// treatment plan gives the risks it treats.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Priority {
    /// Treat first.
    High,
    /// Treat in the normal course.
    Medium,
    /// Treat when the rest allows.
    Low,
}

impl Priority {
    /// Every priority, most urgent first.
    pub const ALL: [Priority; 3] = [Priority::High, Priority::Medium, Priority::Low];

    /// The spelling in status files and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Priority::High => "high",
            Priority::Medium => "medium",
            Priority::Low => "low",
        }
    }

    /// Parses the status-file spelling.
    pub fn parse(text: &str) -> Option<Priority> {
        Priority::ALL.into_iter().find(|p| p.as_str() == text)
    }
}

impl fmt::Display for Priority {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What the top-level `plan:` block says about the project: how to scale
/// the catalogues' effort, and the calendar to schedule it on. The command
/// line overrides each.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PlanSettings {
    /// Multiplies every catalogue effort: 1 is the catalogue's reference
    /// organisation, 0.5 an organisation half as much work, 2 twice.
    pub effort_scale: Option<f64>,
    /// The first working day of the project.
    pub start: Option<Date>,
    /// People working on it in parallel, in full-time equivalents.
    pub people: Option<f64>,
    /// Weeks the system runs, building up records, before the internal audit.
    pub operate_weeks: Option<u32>,
    /// Weeks between the Stage 1 and the Stage 2 audit.
    pub stage_gap_weeks: Option<u32>,
}

/// A certificate the organisation holds: its open items are a live
/// certificate's, kept in order for the next audit.
#[derive(Debug, Clone, PartialEq)]
pub struct Certificate {
    /// The certified standard.
    pub standard: StandardIndex,
    /// When it was first certified.
    pub since: Option<Date>,
    /// The next surveillance or recertification audit.
    pub next_audit: Option<Date>,
    /// The certification body.
    pub body: Option<String>,
    /// Where it is written.
    pub pos: Pos,
}

/// Why a control is included in the Statement of Applicability.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    /// It treats an assessed risk.
    RiskTreatment,
    /// A law requires it.
    Legal,
    /// A regulator requires it.
    Regulatory,
    /// A contract requires it.
    Contractual,
    /// The business wants it.
    Business,
    /// It is good practice.
    BestPractice,
}

impl Reason {
    /// Every reason, in the order they are listed.
    pub const ALL: [Reason; 6] = [
        Reason::RiskTreatment,
        Reason::Legal,
        Reason::Regulatory,
        Reason::Contractual,
        Reason::Business,
        Reason::BestPractice,
    ];

    /// The spelling in status files and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::RiskTreatment => "risk-treatment",
            Reason::Legal => "legal",
            Reason::Regulatory => "regulatory",
            Reason::Contractual => "contractual",
            Reason::Business => "business",
            Reason::BestPractice => "best-practice",
        }
    }

    /// Parses the status-file spelling.
    pub fn parse(text: &str) -> Option<Reason> {
        Reason::ALL.into_iter().find(|r| r.as_str() == text)
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The version and approval of the Statement of Applicability, the risk
/// work it rests on and its change history, from the top-level `soa:` block.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SoaApproval {
    /// The SoA's version, as the organisation numbers it.
    pub version: Option<String>,
    /// Who approved it.
    pub approved_by: Option<String>,
    /// When.
    pub approved_on: Option<Date>,
    /// When the risk assessment the statement rests on was made.
    pub risk_assessment: Option<Date>,
    /// The version of the risk treatment plan the statement rests on.
    pub risk_treatment_plan: Option<String>,
    /// The statement's change history, in the order written.
    pub history: Vec<SoaChange>,
}

/// The keys of the `soa:` block, in the order they are listed in messages.
pub const SOA_FIELDS: [&str; 6] = [
    "version",
    "approved_by",
    "approved_on",
    "risk_assessment",
    "risk_treatment_plan",
    "history",
];

/// One change of the Statement of Applicability: an entry of `soa.history`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SoaChange {
    /// The version the change made.
    pub version: String,
    /// When.
    pub date: Date,
    /// Who made or approved it, if said.
    pub by: Option<String>,
    /// What changed.
    pub change: String,
}

/// A control from another source than the standards (a sector code, a
/// further standard, a client's contract), listed after the standard's own
/// controls in the Statement of Applicability and counted in no coverage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AdditionalControl {
    /// Its id, as the source numbers it.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Where it comes from.
    pub source: String,
    /// How far it is in place; `None` when not assessed.
    pub status: Option<Status>,
    /// Why it is included, or excluded.
    pub justification: Option<String>,
    /// Where it is written.
    #[serde(skip)]
    pub pos: Pos,
}

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

/// Evidence as a status file writes it: a reference alone, or `{ref, date}`.
impl schemars::JsonSchema for Evidence {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Evidence".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let date = generator.subschema_for::<Date>();
        schemars::json_schema!({
            "description": "A document, record or system reference, alone or with the date it was produced or last checked.",
            "anyOf": [
                {"type": "string", "minLength": 1},
                {
                    "type": "object",
                    "properties": {
                        "ref": {"type": "string", "minLength": 1, "description": "The document, record or system."},
                        "date": date,
                    },
                    "required": ["ref"],
                    "additionalProperties": false,
                },
            ],
        })
    }
}

/// An item's status in words for people: `not assessed` when it has none.
/// Every report words a missing status with this one function.
pub fn status_label(status: Option<Status>) -> &'static str {
    status.map_or("not assessed", Status::as_str)
}

/// The word that marks an item as explicitly not assessed yet, as the
/// template written by `ims init` does for every item.
pub const NOT_ASSESSED: &str = "not-assessed";

/// What the status file says about one item: the long form of an entry,
/// `A.5.1: {status: implemented, owner: ..., evidence: [...]}`. Its fields
/// are the keys a status file may use, named by [`EntryField`], and the
/// JSON Schema's `LongForm` is derived from it.
#[derive(Debug, Clone, PartialEq, schemars::JsonSchema)]
#[schemars(
    rename = "LongForm",
    deny_unknown_fields,
    description = "The long form of an entry: its status with the details an auditor asks for."
)]
pub struct Entry {
    /// The status; `None` when written as `not-assessed`, or left out
    /// beside `applicable: yes`. `applicable: no` alone is read as
    /// `not-applicable`.
    #[schemars(with = "Status", description = "How far the item is implemented.")]
    pub status: Option<Status>,
    /// Whether the control is included (`yes`) or excluded (`no`) in the
    /// Statement of Applicability. `yes` without a status records the
    /// inclusion, its implementation still to be assessed; `no` alone is
    /// the same as `status: not-applicable`.
    #[schemars(default, schema_with = "applicable_schema")]
    pub applicable: Option<bool>,
    /// Who is responsible for the item.
    pub owner: Option<String>,
    /// Where the evidence is: one reference or a list, each alone or with a date.
    #[schemars(default, schema_with = "evidence_schema")]
    pub evidence: Vec<Evidence>,
    /// Free text.
    pub note: Option<String>,
    /// When the item is due to be in place.
    pub due: Option<Date>,
    /// When the item was last reviewed.
    pub reviewed: Option<Date>,
    /// Why the item is excluded (required for not-applicable) or included.
    pub justification: Option<String>,
    /// Why the control is included: `risk-treatment`, `legal`,
    /// `regulatory`, `contractual`, `business`, `best-practice`. On a
    /// heading, for the items beneath it that give none.
    #[schemars(default, schema_with = "reasons_schema")]
    pub reasons: Vec<Reason>,
    /// The ids of the risks the control treats, from the risk register.
    #[schemars(default, schema_with = "risks_schema")]
    pub risks: Vec<String>,
    /// Where it is described how the control is implemented (a procedure,
    /// a configuration standard), kept apart from the evidence that it runs.
    pub implementation: Option<String>,
    /// How urgent the risk treatment makes it: `high`, `medium` or `low`.
    /// On a heading, for the items beneath it that give none.
    pub priority: Option<Priority>,
    /// The organisation's own estimate of the person-days still needed to
    /// put the item in place; it replaces the catalogue's estimate, scale
    /// and reuse included. Only on assessable items.
    #[schemars(range(min = 0.0))]
    pub effort: Option<f64>,
    /// Where the entry's key is written; both readers keep it, so that a
    /// gate failure can point at the line.
    #[schemars(skip)]
    pub pos: Pos,
}

impl Entry {
    /// An entry with nothing said yet, its key written at `pos`.
    pub fn new(pos: Pos) -> Entry {
        Entry {
            status: None,
            applicable: None,
            owner: None,
            evidence: Vec::new(),
            note: None,
            due: None,
            reviewed: None,
            justification: None,
            reasons: Vec::new(),
            risks: Vec::new(),
            implementation: None,
            priority: None,
            effort: None,
            pos,
        }
    }
}

/// The keys of an entry's long form, one per field of [`Entry`]; a test
/// holds the two together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntryField {
    /// `status`
    Status,
    /// `applicable`
    Applicable,
    /// `owner`
    Owner,
    /// `evidence`
    Evidence,
    /// `note`
    Note,
    /// `due`
    Due,
    /// `reviewed`
    Reviewed,
    /// `justification`
    Justification,
    /// `reasons`
    Reasons,
    /// `risks`
    Risks,
    /// `implementation`
    Implementation,
    /// `priority`
    Priority,
    /// `effort`
    Effort,
}

impl EntryField {
    /// Every key, in the order of [`Entry`]'s fields.
    pub const ALL: [EntryField; 13] = [
        EntryField::Status,
        EntryField::Applicable,
        EntryField::Owner,
        EntryField::Evidence,
        EntryField::Note,
        EntryField::Due,
        EntryField::Reviewed,
        EntryField::Justification,
        EntryField::Reasons,
        EntryField::Risks,
        EntryField::Implementation,
        EntryField::Priority,
        EntryField::Effort,
    ];

    /// The key as written in a status file.
    pub fn as_str(self) -> &'static str {
        match self {
            EntryField::Status => "status",
            EntryField::Applicable => "applicable",
            EntryField::Owner => "owner",
            EntryField::Evidence => "evidence",
            EntryField::Note => "note",
            EntryField::Due => "due",
            EntryField::Reviewed => "reviewed",
            EntryField::Justification => "justification",
            EntryField::Reasons => "reasons",
            EntryField::Risks => "risks",
            EntryField::Implementation => "implementation",
            EntryField::Priority => "priority",
            EntryField::Effort => "effort",
        }
    }

    /// The field a key names, if any.
    pub fn parse(key: &str) -> Option<EntryField> {
        EntryField::ALL
            .into_iter()
            .find(|field| field.as_str() == key)
    }
}

impl fmt::Display for EntryField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How evidence is written: one reference, or a list of references and
/// dated references.
fn evidence_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
    let one = generator.subschema_for::<Evidence>();
    schemars::json_schema!({
        "description": "Where the evidence is: one reference, or a list of references, each optionally dated.",
        "anyOf": [one, {"type": "array", "items": one}, {"type": "null"}],
    })
}

/// Applicability is written `yes` or `no`.
fn applicable_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({"enum": ["yes", "no"]})
}

/// Reasons are written as one word or a list of words.
fn reasons_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
    let one = generator.subschema_for::<Reason>();
    schemars::json_schema!({
        "description": "Why the control is included in the Statement of Applicability: one reason or a list. On a heading, for the items beneath it that give none.",
        "anyOf": [one, {"type": "array", "items": one}, {"type": "null"}],
    })
}

/// Risk ids are written as one id or a list of ids.
fn risks_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "description": "The ids of the risks the control treats: one or a list.",
        "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}, {"type": "null"}],
    })
}

/// One standard's part of a status file.
#[derive(Debug, Clone)]
pub struct Section {
    /// Index of the standard in the catalogue.
    pub standard: StandardIndex,
    /// Entries by item index.
    pub entries: BTreeMap<ItemIndex, Entry>,
    /// Where the section's key is written.
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
    /// The SoA's version and approval, if given.
    pub soa: Option<SoaApproval>,
    /// Controls from other sources, in file order.
    pub additional_controls: Vec<AdditionalControl>,
    /// The settings of the `plan:` block.
    pub plan: PlanSettings,
    /// The certificates the organisation holds, in file order.
    pub certificates: Vec<Certificate>,
}

impl Assessment {
    /// The section for the standard at `standard`, if the file has one.
    pub fn section(&self, standard: StandardIndex) -> Option<&Section> {
        self.sections
            .iter()
            .find(|section| section.standard == standard)
    }

    /// Where the entry that gives an item its status is written: the item's
    /// own entry, else that of the nearest heading above it with one.
    /// `None` when neither is written, or the position is not known.
    pub fn entry_position(&self, catalog: &Catalog, standard: &str, id: &str) -> Option<Pos> {
        let index = catalog.standard_index(standard)?;
        let section = self.section(index)?;
        let items = &catalog.standards[index].items;
        let mut item = catalog.standards[index].find(id);
        while let Some(at) = item {
            if let Some(entry) = section.entries.get(&at) {
                return (entry.pos.line > 0).then_some(entry.pos);
            }
            item = items[at].parent;
        }
        None
    }
}

#[cfg(test)]
mod tests;
