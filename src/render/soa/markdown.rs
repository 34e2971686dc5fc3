//! The Statement of Applicability as a Markdown document.

use std::fmt::Write as _;

use super::{Columns, HISTORY_HEADER, draft_line, history, lines};
use crate::analysis::soa::SoaReport;
use crate::render::Rendered;
use crate::render::markdown::{md_cell, table};
use crate::render::table::Align::Left;

/// A Markdown document with a short header, the full table and the change
/// history.
pub fn render(report: &SoaReport, columns: Columns) -> Rendered {
    let mut out = String::new();
    writeln!(
        out,
        "# Statement of Applicability: {}\n",
        md_cell(&report.header.organisation)
    )?;
    // Our own words only, so written as Markdown, not escaped as a cell.
    if let Some(line) = draft_line(report) {
        writeln!(out, "**{line}**\n")?;
    }
    let s = &report.summary;
    let facts = [
        ("Standard", Some(md_cell(&report.standard_name))),
        ("Scope", report.header.scope.as_deref().map(md_cell)),
        ("Assessed", report.header.assessed.map(|d| d.to_string())),
        (
            "SoA version",
            report
                .approval
                .as_ref()
                .and_then(|a| a.version.as_deref())
                .map(md_cell),
        ),
        (
            "Approved",
            report.approval.as_ref().and_then(|a| {
                let by = a.approved_by.as_deref().map(md_cell);
                let on = a.approved_on.map(|d| d.to_string());
                match (by, on) {
                    (Some(by), Some(on)) => Some(format!("by {by} on {on}")),
                    (Some(by), None) => Some(format!("by {by}")),
                    (None, Some(on)) => Some(format!("on {on}")),
                    (None, None) => None,
                }
            }),
        ),
        (
            "Risk assessment",
            report
                .approval
                .as_ref()
                .and_then(|a| a.risk_assessment)
                .map(|d| d.to_string()),
        ),
        (
            "Risk treatment plan",
            report
                .approval
                .as_ref()
                .and_then(|a| a.risk_treatment_plan.as_deref())
                .map(|v| format!("version {}", md_cell(v))),
        ),
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
            "{} applicable control(s) give no reason or justification for inclusion; an auditor expects one for every control (`ims soa --check` lists them).\n",
            s.without_justification
        )?;
    }
    if s.additional > 0 {
        writeln!(
            out,
            "The last {} row(s) are additional controls from other sources; they are counted in no coverage.\n",
            s.additional
        )?;
    }
    let header: Vec<_> = columns
        .header()
        .into_iter()
        .map(|title| (title, Left))
        .collect();
    table(
        &mut out,
        &header,
        lines(report, columns).into_iter().map(|line| {
            line.cells
                .iter()
                .map(|cell| md_cell(&cell.replace('\n', "; ")))
                .collect::<Vec<_>>()
        }),
    )?;
    let changes = history(report);
    if !changes.is_empty() {
        out.push_str("\n## Change history\n\n");
        table(
            &mut out,
            &HISTORY_HEADER.map(|title| (title, Left)),
            changes
                .into_iter()
                .map(|row| row.map(|cell| md_cell(&cell))),
        )?;
    }
    Ok(out)
}
