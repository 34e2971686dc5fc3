//! The Statement of Applicability, one file per format: CSV, Markdown and
//! a styled XLSX workbook. This module holds the columns and the facts the
//! formats share.

pub mod check;
pub mod csv;
pub mod markdown;
pub mod xlsx;

use crate::analysis::soa::{SoaReport, SoaRow};
use crate::render::{extent, status_label};
use crate::status::Status;

/// Column headings, shared by every format. Status and inheritance have
/// columns of their own, and evidence dates a column beside the references,
/// one line each, so that `ims import` reads the sheet back unchanged.
pub const HEADER: &[&str] = &[
    "Control",
    "Title",
    "Theme",
    "Applicable",
    "Reasons for inclusion",
    "Justification",
    "Risks treated",
    "Implementation status",
    "Status inherited from",
    "Implementation",
    "Reused from other standards",
    "Evidence",
    "Evidence dates",
    "Owner",
    "Last review",
    "Due",
    "Notes",
];

/// How many columns.
pub const COLUMNS: usize = 17;

/// The column of the implementation status, coloured in the workbook; it
/// comes before the reuse column, so it stays put whether that is shown.
pub const STATUS_COLUMN: usize = 7;

/// The column of other standards' items reused, left out unless asked for.
pub const REUSE_COLUMN: usize = 10;

/// Which columns a statement has. The statement for the certification body
/// leaves out what other standards' items are reused, which is project
/// work; the consultant's working copy shows it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Columns {
    /// Show the column of other standards' items reused.
    pub with_reuse: bool,
}

impl Columns {
    /// The indexes into `HEADER` of the columns shown, in order.
    pub fn shown(self) -> Vec<usize> {
        (0..COLUMNS)
            .filter(|&column| self.with_reuse || column != REUSE_COLUMN)
            .collect()
    }

    /// The headings of the columns shown.
    pub fn header(self) -> Vec<&'static str> {
        self.shown().into_iter().map(|c| HEADER[c]).collect()
    }

    /// The cells of `all` that are shown.
    fn pick(self, all: [String; COLUMNS]) -> Vec<String> {
        all.into_iter()
            .enumerate()
            .filter(|&(column, _)| self.with_reuse || column != REUSE_COLUMN)
            .map(|(_, cell)| cell)
            .collect()
    }
}

/// One line of the statement: a control of the standard or an additional
/// control, as the cells of every format.
pub struct Line {
    /// The control's id, to name it in warnings.
    pub id: String,
    /// Its status, for the colour of the status cell.
    pub status: Option<Status>,
    /// The cells of the columns shown, in `HEADER` order.
    pub cells: Vec<String>,
}

/// Every line: the standard's controls in catalogue order, then the
/// additional controls in file order.
pub fn lines(report: &SoaReport, columns: Columns) -> Vec<Line> {
    let mut lines: Vec<Line> = report
        .rows
        .iter()
        .map(|row| Line {
            id: row.id.clone(),
            status: row.status,
            cells: columns.pick(cells(row)),
        })
        .collect();
    for control in &report.additional {
        let applicable = match control.status {
            None => "not decided",
            Some(Status::NotApplicable) => "no",
            Some(_) => "yes",
        };
        let mut cells: [String; COLUMNS] = Default::default();
        cells[0] = control.id.clone();
        cells[1] = control.title.clone();
        cells[2] = format!("Additional control: {}", control.source);
        cells[3] = applicable.to_owned();
        cells[5] = control.justification.clone().unwrap_or_default();
        cells[STATUS_COLUMN] = status_label(control.status).to_owned();
        lines.push(Line {
            id: control.id.clone(),
            status: control.status,
            cells: columns.pick(cells),
        });
    }
    lines
}

/// What the spreadsheet formats cannot hold as the status file has it:
/// a line break inside one evidence reference or one risk id (each is one
/// line of its cell), shown as a space. One line each, naming the control.
pub fn losses(report: &SoaReport) -> Vec<String> {
    let broken = |text: &str| text.contains(['\r', '\n']);
    let mut out = Vec::new();
    for row in &report.rows {
        if row.evidence.iter().any(|e| broken(&e.reference)) {
            out.push(format!(
                "control {}, Evidence: a reference holds a line break, written as a space (each reference is one line of the cell)",
                row.id
            ));
        }
        if row.risks.iter().any(|r| broken(r)) {
            out.push(format!(
                "control {}, Risks treated: a risk id holds a line break, written as a space (each risk is one line of the cell)",
                row.id
            ));
        }
    }
    out
}

/// The cells of one row, as text, in `HEADER` order.
pub fn cells(row: &SoaRow) -> [String; COLUMNS] {
    let reused: Vec<String> = row
        .reused
        .iter()
        .map(|r| {
            format!(
                "{} {} {} ({}), {}",
                r.standard,
                r.id,
                r.title,
                r.status,
                extent(r.weight)
            )
        })
        .collect();
    // One reference per line, and its date on the same line of the next
    // column; a line break inside a reference would misalign them.
    let one_line = |text: &str| text.replace("\r\n", " ").replace(['\r', '\n'], " ");
    let references: Vec<String> = row
        .evidence
        .iter()
        .map(|e| one_line(&e.reference))
        .collect();
    let dates: Vec<String> = if row.evidence.iter().any(|e| e.date.is_some()) {
        row.evidence
            .iter()
            .map(|e| e.date.map(|d| d.to_string()).unwrap_or_default())
            .collect()
    } else {
        Vec::new()
    };
    let reasons: Vec<&str> = row.reasons.iter().map(|r| r.as_str()).collect();
    [
        row.id.clone(),
        row.title.clone(),
        format!("{} {}", row.theme, row.theme_title),
        row.applicable.label().to_owned(),
        reasons.join("; "),
        row.justification.clone().unwrap_or_default(),
        // One risk per line, so that a risk id may hold `;` or `,`.
        row.risks
            .iter()
            .map(|r| one_line(r))
            .collect::<Vec<_>>()
            .join("\n"),
        status_label(row.status).to_owned(),
        row.inherited_from.clone().unwrap_or_default(),
        row.implementation.clone().unwrap_or_default(),
        reused.join("; "),
        references.join("\n"),
        dates.join("\n"),
        row.owner.clone().unwrap_or_default(),
        row.last_review.map(|d| d.to_string()).unwrap_or_default(),
        row.due.map(|d| d.to_string()).unwrap_or_default(),
        row.note.clone().unwrap_or_default(),
    ]
}

/// The headings of the change history.
pub const HISTORY_HEADER: [&str; 4] = ["Version", "Date", "By", "Change"];

/// The change history of the statement (`soa.history`), one row per
/// change in the order written; empty when there is none.
pub fn history(report: &SoaReport) -> Vec<[String; 4]> {
    report
        .approval
        .iter()
        .flat_map(|a| &a.history)
        .map(|change| {
            [
                change.version.clone(),
                change.date.to_string(),
                change.by.clone().unwrap_or_default(),
                change.change.clone(),
            ]
        })
        .collect()
}

/// The facts on the About sheet: (label, value), the draft banner first
/// when there is one.
pub fn about_facts(report: &SoaReport) -> Vec<(&'static str, String)> {
    let s = &report.summary;
    let approval = report.approval.clone().unwrap_or_default();
    let draft = draft_line(report).map(|line| ("Draft", line));
    let facts = [
        ("Organisation", report.header.organisation.clone()),
        ("Scope", report.header.scope.clone().unwrap_or_default()),
        (
            "Assessed",
            report
                .header
                .assessed
                .map(|d| d.to_string())
                .unwrap_or_default(),
        ),
        ("Standard", report.standard_name.clone()),
        ("SoA version", approval.version.unwrap_or_default()),
        ("Approved by", approval.approved_by.unwrap_or_default()),
        (
            "Approved on",
            approval
                .approved_on
                .map(|d| d.to_string())
                .unwrap_or_default(),
        ),
        (
            "Risk assessment",
            approval
                .risk_assessment
                .map(|d| d.to_string())
                .unwrap_or_default(),
        ),
        (
            "Risk treatment plan",
            approval.risk_treatment_plan.unwrap_or_default(),
        ),
        ("Status file", report.header.file.clone()),
        ("Controls", s.controls.to_string()),
        ("Applicable", s.applicable.to_string()),
        ("Implemented", s.implemented.to_string()),
        ("Excluded", s.excluded.to_string()),
        ("Not decided", s.undecided.to_string()),
        ("Without justification", s.without_justification.to_string()),
        ("Additional controls", s.additional.to_string()),
        ("Generated by", format!("ims {}", env!("CARGO_PKG_VERSION"))),
    ];
    draft.into_iter().chain(facts).collect()
}

/// The one-line banner of a statement `ims soa --check` would reject:
/// `Draft: not yet a Statement of Applicability (3 rows undecided)`.
pub fn draft_line(report: &SoaReport) -> Option<String> {
    let draft = report.draft?;
    let mut parts = vec![format!("{} rows undecided", draft.undecided)];
    if draft.rejected > draft.undecided {
        parts.push(format!(
            "{} more an auditor would reject",
            draft.rejected - draft.undecided
        ));
    }
    if draft.approval_rejected {
        parts.push("approved before its risk assessment".to_owned());
    }
    Some(format!(
        "Draft: not yet a Statement of Applicability ({}); `ims soa --check` says why",
        parts.join(", ")
    ))
}
