//! `ims diff` for a terminal: coverage before and after per standard, then
//! the changed items by kind of change.

use std::fmt::Write as _;

use super::{SECTIONS, change_in_points, title_line};
use crate::analysis::diff::DiffReport;
use crate::render::table::{Align, cell, table, term};
use crate::render::{Look, Rendered, percent, status_label};

/// The whole report.
pub fn render(report: &DiffReport, look: Look) -> Rendered {
    let mut out = String::new();
    writeln!(out, "Changes: {}", title_line(report, term))?;
    if report.old.organisation != report.new.organisation {
        writeln!(
            out,
            "note: the organisations differ: {} and {}",
            term(&report.old.organisation),
            term(&report.new.organisation)
        )?;
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
    writeln!(out, "{t}")?;
    for (kind, heading) in SECTIONS {
        let rows: Vec<_> = report.changes.iter().filter(|c| c.kind == kind).collect();
        if rows.is_empty() {
            continue;
        }
        writeln!(out, "\n{heading} ({})", rows.len())?;
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
        writeln!(out, "{t}")?;
    }
    if report.changes.is_empty() {
        writeln!(out, "\nNo item changed.")?;
    }
    Ok(out)
}
