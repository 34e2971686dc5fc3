//! `ims diff` as a table, JSON or Markdown.

use std::fmt::Write as _;

use super::table::Align;

use super::{Look, cell, md_cell, percent, status_label, table, term};
use crate::analysis::diff::{Change, ChangeKind, DiffReport};

/// The order and headings of the change sections.
const SECTIONS: [(ChangeKind, &str); 6] = [
    (ChangeKind::Regressed, "Regressed"),
    (ChangeKind::NoLongerAssessed, "No longer assessed"),
    (ChangeKind::Improved, "Improved"),
    (ChangeKind::NewlyAssessed, "Newly assessed"),
    (ChangeKind::Excluded, "Excluded"),
    (ChangeKind::Included, "Included again"),
];

fn change_in_points(change: Option<f64>) -> String {
    change.map_or_else(|| "n/a".to_owned(), |c| format!("{c:+.1} pts"))
}

/// "OLD (date) -> NEW (date)", each file name shown through `show`.
fn title_line(report: &DiffReport, show: fn(&str) -> String) -> String {
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

/// For a terminal.
pub fn table_text(report: &DiffReport, look: Look) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Changes: {}", title_line(report, term));
    if report.old.organisation != report.new.organisation {
        let _ = writeln!(
            out,
            "note: the organisations differ: {} and {}",
            term(&report.old.organisation),
            term(&report.new.organisation)
        );
    }
    let mut t = table(look);
    t.set_header([
        "Standard",
        "Before",
        "After",
        "Change",
        "Improved",
        "Regressed",
        "New",
        "Dropped",
    ]);
    for s in &report.standards {
        t.add_row([
            cell(&s.id),
            cell(percent(s.old_coverage)).set_alignment(Align::Right),
            cell(percent(s.new_coverage)).set_alignment(Align::Right),
            cell(change_in_points(s.change)).set_alignment(Align::Right),
            cell(s.improved).set_alignment(Align::Right),
            cell(s.regressed).set_alignment(Align::Right),
            cell(s.newly_assessed).set_alignment(Align::Right),
            cell(s.no_longer_assessed).set_alignment(Align::Right),
        ]);
    }
    let _ = writeln!(out, "{t}");
    for (kind, heading) in SECTIONS {
        let rows: Vec<_> = report.changes.iter().filter(|c| c.kind == kind).collect();
        if rows.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{heading} ({})", rows.len());
        let mut t = table(look);
        t.set_header(["Standard", "Id", "Title", "Before", "After"]);
        for c in rows {
            t.add_row([
                cell(&c.standard),
                cell(&c.id),
                cell(&c.title),
                cell(status_label(c.old)),
                cell(status_label(c.new)),
            ]);
        }
        let _ = writeln!(out, "{t}");
    }
    if report.changes.is_empty() {
        let _ = writeln!(out, "\nNo item changed.");
    }
    out
}

/// The stable JSON layout (`schema_version`).
pub fn json(report: &DiffReport) -> String {
    let mut text = serde_json::to_string_pretty(report).unwrap_or_default();
    text.push('\n');
    text
}

/// A Markdown table of changed items; `after` heads the column of new statuses.
pub fn markdown_changes(changes: &[&Change], after: &str) -> String {
    let mut out = format!("| Standard | Id | Title | Before | {after} |\n|---|---|---|---|---|\n");
    for c in changes {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            md_cell(&c.standard),
            md_cell(&c.id),
            md_cell(&c.title),
            status_label(c.old),
            status_label(c.new)
        );
    }
    out
}

/// For a document.
pub fn markdown(report: &DiffReport) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Changes: {}\n", md_cell(&report.new.organisation));
    let _ = writeln!(out, "From {}.\n", title_line(report, md_cell));
    out.push_str("| Standard | Before | After | Change | Improved | Regressed | Newly assessed | No longer assessed |\n");
    out.push_str("|---|--:|--:|--:|--:|--:|--:|--:|\n");
    for s in &report.standards {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            md_cell(&s.id),
            percent(s.old_coverage),
            percent(s.new_coverage),
            change_in_points(s.change),
            s.improved,
            s.regressed,
            s.newly_assessed,
            s.no_longer_assessed
        );
    }
    for (kind, heading) in SECTIONS {
        let rows: Vec<_> = report.changes.iter().filter(|c| c.kind == kind).collect();
        if rows.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n## {heading} ({})\n", rows.len());
        out.push_str(&markdown_changes(&rows, "After"));
    }
    if report.changes.is_empty() {
        out.push_str("\nNo item changed.\n");
    }
    out
}
