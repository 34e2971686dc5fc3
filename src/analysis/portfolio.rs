//! The portfolio summary: one small row per status file, so that thousands
//! of files can be summarised without keeping their reports.

use serde::Serialize;

use super::report::{GapReport, SCHEMA_VERSION};

/// How one file fared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FileOutcome {
    /// Analysed, and the gate passed.
    Passed,
    /// Analysed, and the gate failed.
    Failed,
    /// Could not be analysed: unreadable or invalid.
    Invalid,
}

impl FileOutcome {
    /// Words for people.
    pub fn label(self) -> &'static str {
        match self {
            FileOutcome::Passed => "passed",
            FileOutcome::Failed => "failed",
            FileOutcome::Invalid => "invalid",
        }
    }
}

/// One standard's figures in one file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RowStandard {
    /// The standard's key.
    pub id: String,
    /// Coverage in percent; null when nothing is applicable.
    pub coverage: Option<f64>,
    /// Coverage with every full reuse taken.
    pub projected_coverage: Option<f64>,
    /// Coverage with every reuse taken at its weight.
    pub head_start: Option<f64>,
    /// Items planned or not implemented.
    pub missing: usize,
    /// Person-days left after reuse; null when the catalogue gives no estimates.
    pub effort_days: Option<f64>,
}

/// One file of the portfolio.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PortfolioRow {
    /// The status file, as found.
    pub file: String,
    /// The organisation; empty when the file is invalid.
    pub organisation: String,
    /// How the file fared.
    pub outcome: FileOutcome,
    /// Per standard in the file's report.
    pub standards: Vec<RowStandard>,
    /// Items planned or not implemented, over every standard.
    pub missing: usize,
    /// Items partly implemented, over every standard.
    pub partial: usize,
    /// Items not assessed, over every standard.
    pub unassessed: usize,
    /// Consistency warnings.
    pub warnings: usize,
    /// Why the gate failed, or what is wrong with the file.
    pub reasons: Vec<String>,
}

impl PortfolioRow {
    /// The row of an analysed file.
    pub fn from_report(report: &GapReport) -> PortfolioRow {
        let standards = report
            .standards
            .iter()
            .map(|s| RowStandard {
                id: s.id.clone(),
                coverage: s.coverage,
                projected_coverage: s.projected_coverage,
                head_start: s.head_start,
                missing: report.missing.iter().filter(|m| m.standard == s.id).count(),
                effort_days: s.effort.map(|e| e.days),
            })
            .collect();
        PortfolioRow {
            file: report.header.file.clone(),
            organisation: report.header.organisation.clone(),
            outcome: if report.gate.passed {
                FileOutcome::Passed
            } else {
                FileOutcome::Failed
            },
            standards,
            missing: report.missing.len(),
            partial: report.partial.len(),
            unassessed: report.unassessed.len(),
            warnings: report.warnings.len(),
            reasons: report.gate.reasons.clone(),
        }
    }

    /// The row of a file that could not be analysed.
    pub fn invalid(file: &str, problems: usize) -> PortfolioRow {
        PortfolioRow {
            file: file.to_owned(),
            organisation: String::new(),
            outcome: FileOutcome::Invalid,
            standards: Vec::new(),
            missing: 0,
            partial: 0,
            unassessed: 0,
            warnings: 0,
            reasons: vec![format!(
                "{problems} problem{} in the file",
                if problems == 1 { "" } else { "s" }
            )],
        }
    }

    /// The figures of one standard, if the file reports on it.
    pub fn standard(&self, key: &str) -> Option<&RowStandard> {
        self.standards.iter().find(|s| s.id == key)
    }
}

/// The whole portfolio.
#[derive(Debug, Clone, Serialize)]
pub struct Portfolio {
    /// Version of this layout.
    pub schema_version: u32,
    /// Standard keys that appear in any row, in catalogue order.
    pub standards: Vec<String>,
    /// Files analysed.
    pub files: usize,
    /// Files whose gate passed.
    pub passed: usize,
    /// Files whose gate failed.
    pub failed: usize,
    /// Files that could not be analysed.
    pub invalid: usize,
    /// One row per file, in path order.
    pub rows: Vec<PortfolioRow>,
}

impl Portfolio {
    /// Assembles the summary; `standards` is the catalogue's order of keys.
    pub fn new(rows: Vec<PortfolioRow>, catalogue_order: &[&str]) -> Portfolio {
        let standards = catalogue_order
            .iter()
            .filter(|key| rows.iter().any(|row| row.standard(key).is_some()))
            .map(|key| (*key).to_owned())
            .collect();
        let count = |outcome| rows.iter().filter(|row| row.outcome == outcome).count();
        Portfolio {
            schema_version: SCHEMA_VERSION,
            standards,
            files: rows.len(),
            passed: count(FileOutcome::Passed),
            failed: count(FileOutcome::Failed),
            invalid: count(FileOutcome::Invalid),
            rows,
        }
    }
}
