//! The register for a terminal.

use std::fmt::Write as _;

use super::{GUESS, guesses, intro, section_mix, state_counts, title};
use crate::analysis::docs::DocEntry;
use crate::analysis::docs::{DocState, DocsReport};
use crate::render::table::{Color, bold, cell, table, term, wrap};
use crate::render::{Look, Rendered};

/// The whole register.
pub fn render(report: &DocsReport, look: Look) -> Rendered {
    let mut out = String::new();
    writeln!(out, "{}", bold(&term(&title(report)), look))?;
    if let Some(file) = report.header.as_ref().map(|h| &h.file) {
        writeln!(out, "File: {}", term(file))?;
    }
    for line in wrap(&intro(report), usize::from(look.width)) {
        writeln!(out, "{line}")?;
    }
    out.push('\n');
    let assessed = report.header.is_some();
    let mut t = table(look);
    if assessed {
        t.set_header(["Id", "Document", "Kind", "Serves", "State", "Owners"]);
    } else {
        t.set_header(["Id", "Document", "Kind", "Serves", "Sections"]);
    }
    for d in &report.documents {
        let mut row = vec![
            cell(&d.id),
            cell(&d.title),
            cell(d.kind.as_str()),
            cell(serves_briefly(d)),
        ];
        if assessed {
            let state = super::state_text(d);
            let colour = match d.state {
                Some(DocState::InPlace) => Color::Green,
                Some(DocState::Partly) => Color::Yellow,
                _ => Color::Red,
            };
            row.push(cell(state).fg(colour));
            row.push(cell(d.owners.join(", ")));
        } else {
            row.push(cell(section_mix(d)));
        }
        t.add_row(row);
    }
    writeln!(out, "{t}")?;
    if let Some(counts) = state_counts(report) {
        writeln!(out, "{counts}.")?;
    }
    if assessed {
        let guessed: Vec<_> = report
            .documents
            .iter()
            .filter(|d| !d.evidence_guess.is_empty())
            .collect();
        if !guessed.is_empty() {
            writeln!(
                out,
                "\n{}",
                bold("Evidence that looks like each document (a guess)", look)
            )?;
            for d in guessed {
                writeln!(out, "  {}: {}", d.id, term(&guesses(d)))?;
            }
            writeln!(out, "{}", term(GUESS))?;
        }
    }
    let merged = super::merges(report);
    if !merged.is_empty() {
        writeln!(out, "\n{}", bold("For a small organisation", look))?;
        for line in wrap(super::SMALL, usize::from(look.width)) {
            writeln!(out, "{line}")?;
        }
        for merge in merged {
            let text = crate::terminal::escape(&merge);
            for (n, line) in wrap(&text, usize::from(look.width).saturating_sub(4))
                .into_iter()
                .enumerate()
            {
                let indent = if n == 0 { "  " } else { "    " };
                writeln!(out, "{indent}{line}")?;
            }
        }
    }
    if !report.not_needed.is_empty() {
        writeln!(out, "\n{}", bold("Not needed", look))?;
        for n in &report.not_needed {
            writeln!(out, "  {} {}: {}", n.id, term(&n.title), n.why)?;
        }
    }
    Ok(out)
}

/// The items a document serves, for a narrow column: the ids when there
/// are a few, else how many per standard.
fn serves_briefly(entry: &DocEntry) -> String {
    if entry.serves.len() <= 6 {
        return super::serves(entry);
    }
    entry
        .standards
        .iter()
        .map(|standard| {
            let n = entry
                .serves
                .iter()
                .filter(|i| &i.standard == standard)
                .count();
            format!("{standard}: {n} items")
        })
        .collect::<Vec<_>>()
        .join("; ")
}
