//! `ims diff`, one file per format: a terminal table, JSON and Markdown.
//! This module holds what the formats share.

pub mod json;
pub mod markdown;
pub mod table;

use crate::analysis::diff::{ChangeKind, DiffReport};

/// The order and headings of the change sections.
pub const SECTIONS: [(ChangeKind, &str); 6] = [
    (ChangeKind::Regressed, "Regressed"),
    (ChangeKind::NoLongerAssessed, "No longer assessed"),
    (ChangeKind::Improved, "Improved"),
    (ChangeKind::NewlyAssessed, "Newly assessed"),
    (ChangeKind::Excluded, "Excluded"),
    (ChangeKind::Included, "Included again"),
];

/// A change of coverage in percentage points, such as `+12.5 pts`.
pub fn change_in_points(change: Option<f64>) -> String {
    change.map_or_else(|| "n/a".to_owned(), |c| format!("{c:+.1} pts"))
}

/// "OLD (date) -> NEW (date)", each file name shown through `show`.
pub fn title_line(report: &DiffReport, show: fn(&str) -> String) -> String {
    let when =
        |date: Option<crate::date::Date>| date.map(|d| format!(" ({d})")).unwrap_or_default();
    format!(
        "{}{} -> {}{}",
        show(&report.old.file),
        when(report.old.assessed),
        show(&report.new.file),
        when(report.new.assessed)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_signed_points() {
        assert_eq!(change_in_points(Some(12.5)), "+12.5 pts");
        assert_eq!(change_in_points(Some(-3.0)), "-3.0 pts");
        assert_eq!(change_in_points(None), "n/a");
    }
}
