//! Renderers: one module per report, one file per format, each a pure
//! function from report data to text or bytes. Renderers do not compute;
//! the analysis does not format. What users wrote is escaped at one
//! boundary per format: [`table::cell`] and [`table::term`] for terminals,
//! [`markdown::md_cell`] for Markdown, [`csv`]'s formula guard for CSV, and
//! the template engine for HTML.

pub mod catalog;
pub mod csv;
pub mod diff;
pub mod docs;
pub mod gap;
pub mod github;
pub mod html;
pub mod markdown;
pub mod plan;
pub mod portfolio;
pub mod problems;
pub mod soa;
pub mod table;

use crate::analysis::{GapReport, ReuseSource, SharedElement, SharedState, SideState};
pub use crate::status::status_label;

/// Why a report could not be written. Renderers return it rather than an
/// empty text, so that a failure reaches the exit code.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Serialising to JSON failed.
    #[error("cannot write JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// Writing CSV failed.
    #[error("cannot write CSV: {0}")]
    Csv(#[from] ::csv::Error),
    /// The HTML template could not be rendered.
    #[error("cannot write the HTML page: {0}")]
    Html(String),
    /// The workbook could not be built.
    #[error("cannot write the workbook: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    /// Text could not be laid out.
    #[error("cannot lay out the text")]
    Format(#[from] std::fmt::Error),
}

/// What a text renderer returns.
pub type Rendered = Result<String, Error>;

/// The effort a standard still needs, as a sentence to follow its figures:
/// ` Effort left: 82.1 person-days after reuse (121.4 without).`; empty
/// when its catalogue gives no estimates.
pub fn effort_sentence(effort: Option<crate::analysis::effort::Effort>) -> String {
    match effort {
        Some(e) => format!(
            " Effort left: {:.1} person-days after reuse ({:.1} without).",
            e.days, e.days_without_reuse
        ),
        None => String::new(),
    }
}

/// Pretty-printed JSON with a final newline.
pub fn json<T: serde::Serialize + ?Sized>(value: &T) -> Rendered {
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    Ok(text)
}

/// How text output should look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Look {
    /// Whether to use colour and bold.
    pub styled: bool,
    /// Width to fit tables into, in columns.
    pub width: u16,
}

impl Default for Look {
    fn default() -> Self {
        Self {
            styled: false,
            width: 80,
        }
    }
}

/// A percentage with one decimal, or `n/a` when nothing is applicable.
pub fn percent(value: Option<f64>) -> String {
    value.map_or_else(|| "n/a".to_owned(), |v| format!("{v:.1}%"))
}

/// A bar of `width` cells showing a percentage.
pub fn bar(value: Option<f64>, width: usize) -> String {
    let Some(value) = value else {
        return " ".repeat(width);
    };
    let filled = ((value / 100.0) * width as f64).round() as usize;
    let filled = filled.min(width);
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}

/// How a shared element stands, in words that name the standards.
pub fn element_state(element: &SharedElement) -> String {
    let keys = |wanted: &dyn Fn(SideState) -> bool| {
        element
            .sides
            .iter()
            .filter(|side| wanted(side.state))
            .map(|side| side.standard.as_str())
            .collect::<Vec<_>>()
            .join(" and ")
    };
    let every = every(element.sides.len());
    match element.state {
        SharedState::InPlaceForAll => format!("in place for {every}"),
        SharedState::Extend => format!(
            "in place for {}; extend it to {}",
            keys(&|state| state == SideState::InPlace),
            keys(&|state| state != SideState::InPlace)
        ),
        SharedState::PartlyInPlace => format!("partly in place for {every}"),
        SharedState::Started => format!(
            "started for {}; nothing yet for {}",
            keys(&|state| state == SideState::Partly),
            keys(&|state| state == SideState::Missing)
        ),
        SharedState::JointGap => "joint gap: nothing in place yet".to_owned(),
    }
}

/// "both" for two standards, "all three" for three, "all N" beyond: so
/// that no sentence assumes there are exactly two.
pub fn every(standards: usize) -> String {
    match standards {
        2 => "both".to_owned(),
        3 => "all three".to_owned(),
        4 => "all four".to_owned(),
        n => format!("all {n}"),
    }
}

/// A weight from 0 to 1 as a whole percentage, such as `60%`.
pub fn weight_percent(weight: f64) -> String {
    format!("{:.0}%", 100.0 * weight)
}

/// How much of an item a reuse covers, in words an auditor reads.
pub fn extent(weight: f64) -> &'static str {
    if weight >= 1.0 {
        "covers it fully"
    } else if weight >= 0.7 {
        "covers most"
    } else if weight >= 0.4 {
        "covers part"
    } else {
        "covers a little"
    }
}

/// A source of reuse in words: standard, id, title and status.
pub fn source_label(source: &ReuseSource) -> String {
    format!(
        "{} {} {} ({})",
        source.standard, source.id, source.title, source.status
    )
}

/// Whether the report was asked for a gate, so that its verdict is shown.
pub fn gate_configured(report: &GapReport) -> bool {
    let gate = &report.gate;
    gate.fail_on != crate::analysis::FailOn::Never
        || !gate.min_coverage.is_empty()
        || gate.fail_on_stale_evidence
        || report.baseline.is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_and_percentages() {
        assert_eq!(bar(Some(50.0), 4), "██░░");
        assert_eq!(bar(Some(100.0), 3), "███");
        assert_eq!(bar(None, 2), "  ");
        assert_eq!(percent(Some(37.5)), "37.5%");
        assert_eq!(percent(None), "n/a");
        assert_eq!(weight_percent(0.85), "85%");
        assert_eq!(extent(1.0), "covers it fully");
        assert_eq!(extent(0.7), "covers most");
        assert_eq!(extent(0.4), "covers part");
        assert_eq!(extent(0.1), "covers a little");
        assert_eq!(every(2), "both");
        assert_eq!(every(3), "all three");
        assert_eq!(every(7), "all 7");
    }
}
