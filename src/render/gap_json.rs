//! The gap report as JSON: the report structure serialised as it is, so the
//! field documentation in `analysis::report` is the format's documentation.

use crate::analysis::GapReport;

/// Pretty-printed JSON with a final newline.
pub fn render(report: &GapReport) -> String {
    // Serialising plain data with string keys cannot fail.
    let mut text = serde_json::to_string_pretty(report).unwrap_or_default();
    text.push('\n');
    text
}
