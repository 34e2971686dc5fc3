//! The register as Markdown, with each document's purpose and sections.

use std::fmt::Write as _;

use super::{GUESS, guesses, intro, serves, state_counts, title};
use crate::analysis::docs::DocsReport;
use crate::render::Rendered;
use crate::render::markdown::{md_cell, table};
use crate::render::table::Align;

/// The whole register.
pub fn render(report: &DocsReport) -> Rendered {
    let mut out = String::new();
    writeln!(out, "# {}\n", md_cell(&title(report)))?;
    writeln!(out, "{}\n", md_cell(&intro(report)))?;
    let assessed = report.header.is_some();
    let mut columns = vec![
        ("Id", Align::Left),
        ("Document", Align::Left),
        ("Kind", Align::Left),
        ("Serves", Align::Left),
    ];
    if assessed {
        columns.extend([
            ("State", Align::Left),
            ("Owners", Align::Left),
            ("Evidence that looks like it (guess)", Align::Left),
        ]);
    }
    let rows = report.documents.iter().map(|d| {
        let mut row = vec![
            md_cell(&d.id),
            md_cell(&d.title),
            d.kind.as_str().to_owned(),
            md_cell(&serves(d)),
        ];
        if assessed {
            row.push(super::state_text(d));
            row.push(md_cell(&d.owners.join(", ")));
            row.push(md_cell(&guesses(d)));
        }
        row
    });
    table(&mut out, &columns, rows)?;
    if let Some(counts) = state_counts(report) {
        writeln!(out, "\n{counts}.")?;
    }
    if assessed {
        writeln!(out, "\n{}", md_cell(GUESS))?;
    }
    let merged = super::merges(report);
    if !merged.is_empty() {
        writeln!(
            out,
            "\n## For a small organisation\n\n{}\n",
            md_cell(super::SMALL)
        )?;
        for line in merged {
            writeln!(out, "- {}", md_cell(&line))?;
        }
    }
    writeln!(out, "\n## The documents")?;
    for d in &report.documents {
        writeln!(out, "\n### {} {}\n", md_cell(&d.id), md_cell(&d.title))?;
        writeln!(out, "*{}*. {}\n", d.kind.as_str(), md_cell(&d.purpose))?;
        writeln!(out, "Serves: {}.\n", md_cell(&serves(d)))?;
        if let Some(merge) = &d.small_organisation {
            writeln!(
                out,
                "A small organisation commonly writes it as part of {}: {}\n",
                md_cell(&merge.merge_into),
                md_cell(&merge.reason)
            )?;
        }
        for section in &d.sections {
            writeln!(
                out,
                "- **{}** ({}): {}",
                md_cell(&section.title),
                md_cell(&section.aspect),
                md_cell(&section.prompt)
            )?;
        }
    }
    if !report.not_needed.is_empty() {
        writeln!(out, "\n## Not needed\n")?;
        for n in &report.not_needed {
            writeln!(out, "- {} {}: {}", md_cell(&n.id), md_cell(&n.title), n.why)?;
        }
    }
    Ok(out)
}
