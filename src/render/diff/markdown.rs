//! `ims diff` as Markdown for a progress report to a client.

use std::fmt::{self, Write as _};

use super::{SECTIONS, change_in_points, title_line};
use crate::analysis::diff::{Change, DiffReport};
use crate::render::markdown::{md_cell, table};
use crate::render::table::Align::{Left, Right};
use crate::render::{Rendered, percent, status_label};

/// A table of changed items; `after` heads the column of new statuses.
pub fn changes(out: &mut String, changes: &[&Change], after: &str) -> fmt::Result {
    table(
        out,
        &[
            ("Standard", Left),
            ("Id", Left),
            ("Title", Left),
            ("Before", Left),
            (after, Left),
        ],
        changes.iter().map(|c| {
            [
                md_cell(&c.standard),
                md_cell(&c.id),
                md_cell(&c.title),
                status_label(c.old).to_owned(),
                status_label(c.new).to_owned(),
            ]
        }),
    )
}

/// The whole report.
pub fn render(report: &DiffReport) -> Rendered {
    let mut out = String::new();
    writeln!(out, "# Changes: {}\n", md_cell(&report.new.organisation))?;
    writeln!(out, "From {}.\n", title_line(report, md_cell))?;
    table(
        &mut out,
        &[
            ("Standard", Left),
            ("Before", Right),
            ("After", Right),
            ("Change", Right),
            ("Improved", Right),
            ("Regressed", Right),
            ("Newly assessed", Right),
            ("No longer assessed", Right),
        ],
        report.standards.iter().map(|s| {
            [
                md_cell(&s.id),
                percent(s.old_coverage),
                percent(s.new_coverage),
                change_in_points(s.change),
                s.improved.to_string(),
                s.regressed.to_string(),
                s.newly_assessed.to_string(),
                s.no_longer_assessed.to_string(),
            ]
        }),
    )?;
    for (kind, heading) in SECTIONS {
        let rows: Vec<_> = report.changes.iter().filter(|c| c.kind == kind).collect();
        if rows.is_empty() {
            continue;
        }
        writeln!(out, "\n## {heading} ({})\n", rows.len())?;
        changes(&mut out, &rows, "After")?;
    }
    if report.changes.is_empty() {
        out.push_str("\nNo item changed.\n");
    }
    Ok(out)
}
