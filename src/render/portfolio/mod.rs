//! The portfolio, one file per format: a summary row per status file as a
//! terminal table, CSV, JSON or Markdown, and, with `--each`, every file's
//! gap report streamed before the summary. This module holds the streaming
//! order; each format file holds its layout, its envelope and its header.

pub mod csv;
pub mod json;
pub mod markdown;
pub mod table;

use super::{Look, Rendered, gap, github};
use crate::analysis::GapReport;
use crate::analysis::portfolio::Portfolio;

/// The formats a portfolio is written in. There is no HTML: the page is made
/// for one status file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A terminal table.
    Table(Look),
    /// CSV for spreadsheets.
    Csv,
    /// JSON for programs.
    Json,
    /// Markdown for documents.
    Markdown,
    /// GitHub Actions annotations: every file's problems and gate failures,
    /// whether or not `--each` is given.
    Github,
}

impl Format {
    /// What comes first: the CSV header or the JSON envelope when every
    /// file's report follows (`each`), else nothing.
    pub fn begin(self, each: bool) -> Rendered {
        match self {
            Self::Csv if each => csv::each_header(),
            Self::Json if each => Ok(json::EACH_BEGIN.to_owned()),
            _ => Ok(String::new()),
        }
    }

    /// Whether every file's report is written, with or without `--each`.
    pub fn always_each(self) -> bool {
        self == Self::Github
    }

    /// One file's gap report, for `--each`; `locate` finds an item's entry
    /// in the file for the annotations. Runs on the worker threads.
    pub fn report(self, report: &GapReport, locate: github::Locate<'_>) -> Rendered {
        match self {
            Self::Table(look) => gap::table::render(report, look),
            Self::Markdown => gap::markdown::render(report),
            Self::Json => gap::json::render(report),
            Self::Csv => csv::each_rows(report),
            Self::Github => Ok(github::gate_failures(report, locate)),
        }
    }

    /// What separates one file's report from the one before it.
    pub fn between(self) -> &'static str {
        match self {
            Self::Table(_) => "\n",
            Self::Json => json::EACH_BETWEEN,
            Self::Csv | Self::Markdown | Self::Github => "",
        }
    }

    /// The summary, last. `each` says whether the reports were streamed and
    /// `after_report` whether any was.
    pub fn summary(self, portfolio: &Portfolio, each: bool, after_report: bool) -> Rendered {
        match self {
            Self::Table(look) => {
                let text = table::render(portfolio, look)?;
                Ok(if after_report {
                    format!("\n{text}")
                } else {
                    text
                })
            }
            Self::Markdown => markdown::render(portfolio),
            Self::Json if each => json::each_end(portfolio),
            Self::Json => json::render(portfolio),
            // Every item's row is the content; a summary row would not fit
            // its columns.
            Self::Csv if each => Ok(String::new()),
            Self::Csv => csv::render(portfolio),
            Self::Github => Ok(github::annotation(
                github::Level::Notice,
                "",
                crate::diag::Pos::default(),
                "ims portfolio",
                &totals_line(portfolio),
            )),
        }
    }
}

/// "N file(s): P passed, F failed the gate, I invalid".
pub fn totals_line(portfolio: &Portfolio) -> String {
    format!(
        "{} file(s): {} passed, {} failed the gate, {} invalid",
        portfolio.files, portfolio.passed, portfolio.failed, portfolio.invalid
    )
}

/// The column headings the table and Markdown share: file, organisation,
/// one coverage per standard, missing items, gate.
pub fn headings(portfolio: &Portfolio) -> Vec<String> {
    let mut header = vec!["File".to_owned(), "Organisation".to_owned()];
    header.extend(portfolio.standards.iter().cloned());
    header.extend(["Missing".to_owned(), "Gate".to_owned()]);
    header
}
