//! The portfolio as Markdown for a document.

use std::fmt::Write as _;

use super::{headings, totals_line};
use crate::analysis::portfolio::Portfolio;
use crate::render::markdown::{md_cell, table};
use crate::render::table::Align::{Left, Right};
use crate::render::{Rendered, percent};

/// The totals, then one row per file.
pub fn render(portfolio: &Portfolio) -> Rendered {
    let mut out = String::from("# Portfolio\n\n");
    writeln!(out, "{}.\n", totals_line(portfolio))?;
    let headings = headings(portfolio);
    let last = headings.len() - 1;
    let columns: Vec<_> = headings
        .iter()
        .enumerate()
        .map(|(index, title)| {
            let align = if index < 2 || index == last {
                Left
            } else {
                Right
            };
            (title.as_str(), align)
        })
        .collect();
    table(
        &mut out,
        &columns,
        portfolio.rows.iter().map(|row| {
            let mut cells = vec![md_cell(&row.file), md_cell(&row.organisation)];
            cells.extend(portfolio.standards.iter().map(|key| {
                row.standard(key)
                    .map_or_else(String::new, |s| percent(s.coverage))
            }));
            cells.push(row.missing.to_string());
            cells.push(row.outcome.label().to_owned());
            cells
        }),
    )?;
    Ok(out)
}
