//! CISO Assistant's audit export: the CSV and XLSX a compliance assessment
//! ("audit") downloads as, recognised by its headers so that it imports with
//! no flags.
//!
//! The layout read is the one `ComplianceAssessmentViewSet` writes in
//! intuitem/ciso-assistant-community (`backend/core/views.py`, actions
//! `compliance_assessment_csv` and `xlsx`), as of early 2026: one row per
//! requirement node, headings included, with the columns `urn`, `ref_id`,
//! `name`, `description`, `compliance_result`, `extended_result`,
//! `requirement_progress`, `score` and `observations` (the CSV, split by
//! `;`), and `assessable` beside them in the XLSX, whose scores may be split
//! into `implementation_score` and `documentation_score`. The older CSV of
//! 2024 (`ref_id`, `description`, `compliance_result`, `progress`, `score`,
//! `observations`) reads the same way.
//!
//! What maps to what, and why:
//! - `ref_id` is the id, as CISO Assistant writes it for its own frameworks
//!   (`4.1`, `A.5.1`); the `urn` is not imported, but its framework part
//!   (`...:req_node:<framework>:`) says which standard the rows are, where
//!   it names CISO Assistant's framework ims holds a catalogue of, or a
//!   framework ims itself exported.
//! - A node that is not assessable (`assessable` false in the XLSX; no
//!   result at all in the CSV) is a heading such as `4`, `A.5` or
//!   `annex-a`: a title, not an entry.
//! - `compliance_result` is the status: `compliant` implemented,
//!   `partially_compliant` partial, `non_compliant` not-implemented,
//!   `not_applicable` not-applicable, `not_assessed` not assessed.
//! - `observations` is the note; for an exclusion it is the justification
//!   the exclusion needs. An exclusion without one is written commented out,
//!   as any other unjustified exclusion is.
//! - `requirement_progress` (`to_do`, `in_progress`, `in_review`, `done`)
//!   is how far the assessment of the requirement has got, not how far the
//!   requirement is implemented: CISO Assistant asks for it beside the
//!   result, and leaves it at `to_do` unless someone moves it. So it never
//!   decides or raises a status (an assessment under way found nothing yet,
//!   and recording it as partial would record unfinished work as done);
//!   `to_do` and `done` add nothing, and any other value (an assessment
//!   started, or in review) is kept in the note, so that a result that is
//!   not final reads as such.
//! - `extended_result` (the auditor's finding, such as a minor
//!   nonconformity) is kept in the note.
//! - `name` is the title (the catalogue has it); `description` and the
//!   scores are not imported: the first is CISO Assistant's text of the
//!   requirement, the second a maturity scale no status file holds.

use super::columns::{self, Columns, Role};
use super::read::{Row, Sheet};
use super::{Import, ImportError, Imported, letter};
use crate::analysis::ciso_assistant::node_prefix;
use crate::catalog::CISO_ASSISTANT_COUNTERPART;
use crate::model::{Catalog, StandardIndex};
use crate::status::Status;

/// The headers that make a sheet an audit export, normalised.
const REF_ID: &str = "ref id";
const RESULT: &str = "compliance result";
/// The export's other headers ims reads, normalised.
const URN: &str = "urn";
const ASSESSABLE: &str = "assessable";
const NAME: &str = "name";
const PROGRESS: &[&str] = &["requirement progress", "progress"];
const EXTENDED: &str = "extended result";
const OBSERVATIONS: &[&str] = &["observations", "observation"];
/// The export's headers ims leaves out on purpose, normalised.
const NOT_IMPORTED: &[&str] = &[
    "description",
    "score",
    "implementation score",
    "documentation score",
];

/// The values of `compliance_result`, with the status each means.
const RESULTS: &[(&str, Option<Status>)] = &[
    ("compliant", Some(Status::Implemented)),
    ("partially_compliant", Some(Status::Partial)),
    ("non_compliant", Some(Status::NotImplemented)),
    ("not_applicable", Some(Status::NotApplicable)),
    ("not_assessed", None),
];

/// The values of `requirement_progress` that add nothing to a result: the
/// default, and an assessment that is finished.
const SILENT_PROGRESS: &[&str] = &["to do", "done"];

/// An audit export's own columns, by index from 0.
#[derive(Debug, Clone)]
pub(super) struct Audit {
    urn: Option<usize>,
    assessable: Option<usize>,
    result: usize,
    progress: Option<usize>,
    extended: Option<usize>,
    /// The columns read here, and those left out on purpose.
    own: Vec<usize>,
}

/// What the audit export's own columns gave, for the summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    /// The headers of the columns read here rather than by a role, each
    /// with what it gives.
    pub read: Vec<(String, &'static str)>,
    /// The headers of the columns left out on purpose.
    pub skipped: Vec<String>,
    /// Heading rows (not assessable), read as titles.
    pub headings: usize,
    /// Exclusions whose observation is their justification.
    pub justified: usize,
    /// Exclusions without an observation, written commented out.
    pub unjustified: usize,
    /// Rows whose assessment CISO Assistant shows unfinished, noted.
    pub unfinished: usize,
    /// Rows whose extended result is noted.
    pub extended: usize,
}

/// The header cells of `row`, normalised, with their column.
fn headers(row: &Row) -> Vec<(usize, String)> {
    row.cells()
        .map(|(column, text)| (column, columns::normalise(text)))
        .collect()
}

/// The column of the first header of `names`.
fn at(headers: &[(usize, String)], names: &[&str]) -> Option<usize> {
    headers
        .iter()
        .find(|(_, h)| names.contains(&h.as_str()))
        .map(|&(column, _)| column)
}

/// The columns of an audit export: its header row, read with the export's
/// headers named for their roles (after any the user named). `None` when
/// the sheet is no audit export.
pub(super) fn find(
    rows: &[Row],
    overrides: &[(Role, String)],
    role_of: &dyn Fn(&str) -> Option<Role>,
) -> Option<Columns> {
    let (index, row) = rows
        .iter()
        .enumerate()
        .take(columns::HEADER_ROWS)
        .find(|(_, row)| {
            let headers = headers(row);
            at(&headers, &[REF_ID]).is_some() && at(&headers, &[RESULT]).is_some()
        })?;
    let headers = headers(row);
    let mut named = overrides.to_vec();
    for (role, names) in [
        (Role::Id, &[REF_ID][..]),
        (Role::Title, &[NAME][..]),
        (Role::Status, &[RESULT][..]),
        (Role::Notes, OBSERVATIONS),
    ] {
        if let Some(column) = at(&headers, names)
            && !named.iter().any(|(r, _)| *r == role)
        {
            named.push((role, row.get(column).unwrap_or_default().to_owned()));
        }
    }
    columns::find(rows, &named, role_of).filter(|columns| columns.header_row == index)
}

impl Audit {
    /// The audit export whose header row `columns` found, if the sheet is
    /// one.
    pub(super) fn of(sheet: &Sheet, columns: &Columns) -> Option<Audit> {
        let headers = headers(sheet.rows.get(columns.header_row)?);
        let result = at(&headers, &[REF_ID]).and(at(&headers, &[RESULT]))?;
        let mut audit = Audit {
            urn: at(&headers, &[URN]),
            assessable: at(&headers, &[ASSESSABLE]),
            result,
            progress: at(&headers, PROGRESS),
            extended: at(&headers, &[EXTENDED]),
            own: Vec::new(),
        };
        audit.own = [audit.urn, audit.assessable, audit.progress, audit.extended]
            .into_iter()
            .flatten()
            .chain(
                headers
                    .iter()
                    .filter(|(_, h)| NOT_IMPORTED.contains(&h.as_str()))
                    .map(|&(column, _)| column),
            )
            .collect();
        Some(audit)
    }

    /// Starts the tally in `out`, and takes the export's own columns out of
    /// those it reports as not read: the summary names them instead.
    pub(super) fn start(&self, sheet: &Sheet, header_row: usize, out: &mut Import) {
        let mut tally = Tally::default();
        let mut own = self.own.clone();
        own.sort_unstable();
        for column in own {
            let header = sheet.rows[header_row]
                .get(column)
                .unwrap_or_default()
                .trim()
                .to_owned();
            let what = [
                (self.urn, "its framework can name the standard"),
                (self.assessable, "which rows are headings"),
                (self.progress, "a note"),
                (self.extended, "a note"),
            ]
            .into_iter()
            .find(|(c, _)| *c == Some(column));
            match what {
                Some((_, what)) => tally.read.push((header, what)),
                None => tally.skipped.push(header),
            }
        }
        let own: Vec<String> = self.own.iter().map(|&c| letter(c)).collect();
        out.unread_columns
            .retain(|(column, _)| !own.contains(column));
        out.ignored_columns
            .retain(|(_, column, _)| !own.contains(column));
        out.audit = Some(tally);
    }

    /// The status words of `compliance_result`, as the import compares them.
    pub(super) fn words() -> impl Iterator<Item = (String, Option<Status>)> {
        RESULTS.iter().map(|(w, s)| ((*w).to_owned(), *s))
    }

    /// The cell of `column` in `row`, normalised; empty when there is none.
    fn cell(row: &Row, column: Option<usize>) -> String {
        column
            .and_then(|c| row.get(c))
            .map(columns::normalise)
            .unwrap_or_default()
    }

    /// Whether `row` is a node that is not assessable: a heading.
    pub(super) fn is_heading(&self, row: &Row) -> bool {
        match self.assessable {
            Some(_) => ["no", "false", "0"].contains(&Self::cell(row, self.assessable).as_str()),
            None => Self::cell(row, Some(self.result)).is_empty(),
        }
    }

    /// What the export's own columns add to the note of `row`.
    fn notes(&self, row: &Row) -> (Option<String>, Option<String>) {
        let progress = Self::cell(row, self.progress);
        let extended = Self::cell(row, self.extended);
        (
            (!progress.is_empty() && !SILENT_PROGRESS.contains(&progress.as_str()))
                .then(|| format!("assessment {progress} in CISO Assistant")),
            (!extended.is_empty()).then(|| format!("CISO Assistant finding: {extended}")),
        )
    }

    /// Whether the export's own columns say something of `row`'s item.
    pub(super) fn says_something(&self, row: &Row) -> bool {
        let (progress, extended) = self.notes(row);
        progress.is_some() || extended.is_some()
    }

    /// Completes `entry`, read from `row`: an exclusion's observation
    /// becomes its justification, and the progress and finding join the note.
    pub(super) fn complete(&self, row: &Row, entry: &mut Imported, tally: &mut Tally) {
        if entry.status == Some(Status::NotApplicable) && entry.justification.is_none() {
            entry.justification = entry.note.take();
            if entry.justification.is_some() {
                tally.justified += 1;
            } else {
                tally.unjustified += 1;
            }
        }
        let (progress, extended) = self.notes(row);
        tally.unfinished += usize::from(progress.is_some());
        tally.extended += usize::from(extended.is_some());
        let parts: Vec<String> = [entry.note.take(), progress, extended]
            .into_iter()
            .flatten()
            .collect();
        entry.note = (!parts.is_empty()).then(|| parts.join("; "));
    }

    /// The one standard every URN of the sheet names, by its framework
    /// part: CISO Assistant's own framework of a standard ims holds, or a
    /// framework ims exported. `None` when there are no URNs, or they name
    /// a framework ims does not hold, or more than one.
    pub(super) fn standard(
        &self,
        catalog: &Catalog,
        sheet: &Sheet,
        header_row: usize,
    ) -> Result<Option<(Option<StandardIndex>, String)>, ImportError> {
        let Some(column) = self.urn else {
            return Ok(None);
        };
        let prefixes: Vec<(StandardIndex, String)> = catalog
            .indexes()
            .flat_map(|s| {
                let standard = &catalog.standards[s];
                let counterpart = CISO_ASSISTANT_COUNTERPART;
                let theirs = (standard.key == counterpart.key
                    && standard.name.contains(counterpart.edition))
                .then(|| (s, counterpart.node_prefix.to_owned()));
                theirs.into_iter().chain([(s, node_prefix(standard))])
            })
            .collect();
        let mut found: Option<StandardIndex> = None;
        let mut count = 0;
        for row in sheet.rows.iter().skip(header_row + 1) {
            let urn = row.get(column).unwrap_or_default().trim().to_lowercase();
            if urn.is_empty() {
                continue;
            }
            let Some(here) = prefixes.iter().find(|(_, prefix)| {
                urn.strip_prefix(prefix.as_str())
                    .is_some_and(|rest| rest.starts_with(':'))
            }) else {
                // `urn:<packager>:risk:req_node:<framework>:<ref>`.
                return match urn.split(':').nth(4) {
                    Some(framework) if urn.split(':').count() > 5 => {
                        Err(ImportError::UnknownFramework(framework.to_owned()))
                    }
                    _ => Ok(None),
                };
            };
            if found.is_some_and(|s| s != here.0) {
                return Ok(None);
            }
            found = Some(here.0);
            count += 1;
        }
        let Some(standard) = found else {
            return Ok(None);
        };
        Ok(Some((
            Some(standard),
            format!(
                "the URNs of CISO Assistant's audit export: {count} of them, all of its framework of {}",
                catalog.standards[standard].name
            ),
        )))
    }
}

impl Tally {
    /// The summary's lines for an audit export.
    pub fn lines(&self) -> Vec<String> {
        let read: Vec<String> = self
            .read
            .iter()
            .map(|(h, what)| format!("\"{h}\" ({what})"))
            .collect();
        let skipped: Vec<String> = self.skipped.iter().map(|h| format!("\"{h}\"")).collect();
        let mut lines = vec![format!(
            "  layout: CISO Assistant's audit export; also read: {}; not imported: {}",
            if read.is_empty() {
                "nothing".to_owned()
            } else {
                read.join(", ")
            },
            if skipped.is_empty() {
                "nothing".to_owned()
            } else {
                skipped.join(", ")
            }
        )];
        lines.push(format!(
            "  CISO Assistant: {} heading(s), not assessable, read as titles",
            self.headings
        ));
        if self.justified + self.unjustified > 0 {
            lines.push(format!(
                "  CISO Assistant: {} not_applicable result(s) take their observation as the exclusion's justification; {} without one are written commented out: add the reason as the observation",
                self.justified, self.unjustified
            ));
        }
        if self.unfinished + self.extended > 0 {
            lines.push(format!(
                "  CISO Assistant: {} row(s) whose assessment is not finished (in progress, in review) and {} with a finding (extended_result) say so in their note; the progress never sets a status",
                self.unfinished, self.extended
            ));
        }
        lines
    }
}
