//! The Statement of Applicability as a Markdown document.

use std::fmt::Write as _;

use super::{HEADER, cells};
use crate::analysis::soa::SoaReport;
use crate::render::Rendered;
use crate::render::markdown::{md_cell, table};
use crate::render::table::Align::Left;

/// A Markdown document with a short header and the full table.
pub fn render(report: &SoaReport) -> Rendered {
    let mut out = String::new();
    writeln!(
        out,
        "# Statement of Applicability: {}\n",
        md_cell(&report.organisation)
    )?;
    let s = &report.summary;
    let facts = [
        ("Standard", Some(md_cell(&report.standard_name))),
        ("Scope", report.scope.as_deref().map(md_cell)),
        ("Assessed", report.assessed.map(|d| d.to_string())),
        (
            "Controls",
            Some(format!(
                "{} in all: {} applicable ({} implemented), {} excluded, {} not decided",
                s.controls, s.applicable, s.implemented, s.excluded, s.undecided
            )),
        ),
    ];
    table(
        &mut out,
        &[("", Left), ("", Left)],
        facts
            .into_iter()
            .filter_map(|(label, value)| Some([label.to_owned(), value?])),
    )?;
    out.push('\n');
    if s.without_justification > 0 {
        writeln!(
            out,
            "{} applicable control(s) give no justification for inclusion; an auditor expects one for every control.\n",
            s.without_justification
        )?;
    }
    let columns: Vec<_> = HEADER.iter().map(|title| (*title, Left)).collect();
    table(
        &mut out,
        &columns,
        report
            .rows
            .iter()
            .map(|row| cells(row).map(|cell| md_cell(&cell))),
    )?;
    Ok(out)
}
