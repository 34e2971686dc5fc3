//! The portfolio for a terminal.

use super::{headings, totals_line};
use crate::analysis::portfolio::Portfolio;
use crate::render::table::{Align, cell, table};
use crate::render::{Look, Rendered, percent};

/// One row per file, then the totals.
pub fn render(portfolio: &Portfolio, look: Look) -> Rendered {
    let mut t = table(look);
    t.set_header(headings(portfolio));
    for row in &portfolio.rows {
        let mut cells = vec![cell(&row.file), cell(&row.organisation)];
        for key in &portfolio.standards {
            let text = row
                .standard(key)
                .map_or_else(String::new, |s| percent(s.coverage));
            cells.push(cell(text).set_alignment(Align::Right));
        }
        cells.push(cell(row.missing).set_alignment(Align::Right));
        cells.push(cell(row.outcome.label()));
        t.add_row(cells);
    }
    Ok(format!("Portfolio\n{t}\n{}\n", totals_line(portfolio)))
}
