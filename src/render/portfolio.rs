//! The portfolio summary as a table, CSV, JSON or Markdown.

use std::fmt::Write as _;

use super::table::Align;

use super::{Look, cell, csv_document, md_cell, percent, table};
use crate::analysis::portfolio::Portfolio;

fn totals_line(portfolio: &Portfolio) -> String {
    format!(
        "{} file(s): {} passed, {} failed the gate, {} invalid",
        portfolio.files, portfolio.passed, portfolio.failed, portfolio.invalid
    )
}

/// For a terminal.
pub fn table_text(portfolio: &Portfolio, look: Look) -> String {
    let mut t = table(look);
    let mut header = vec!["File".to_owned(), "Organisation".to_owned()];
    header.extend(portfolio.standards.iter().cloned());
    header.extend(["Missing".to_owned(), "Gate".to_owned()]);
    t.set_header(header);
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
    format!("Portfolio\n{t}\n{}\n", totals_line(portfolio))
}

/// For spreadsheets: one row per file.
pub fn csv(portfolio: &Portfolio) -> String {
    let mut header: Vec<String> = vec!["file".into(), "organisation".into(), "outcome".into()];
    for key in &portfolio.standards {
        header.push(format!("{key}_coverage"));
        header.push(format!("{key}_projected_coverage"));
        header.push(format!("{key}_head_start"));
        header.push(format!("{key}_missing"));
    }
    header.extend(["missing", "partial", "unassessed", "warnings", "reasons"].map(str::to_owned));
    let rows = portfolio
        .rows
        .iter()
        .map(|row| {
            let mut cells = vec![
                row.file.clone(),
                row.organisation.clone(),
                row.outcome.label().to_owned(),
            ];
            for key in &portfolio.standards {
                let figures = row.standard(key);
                let number = |value: Option<f64>| value.map(|v| v.to_string()).unwrap_or_default();
                cells.push(figures.map(|s| number(s.coverage)).unwrap_or_default());
                cells.push(
                    figures
                        .map(|s| number(s.projected_coverage))
                        .unwrap_or_default(),
                );
                cells.push(figures.map(|s| number(s.head_start)).unwrap_or_default());
                cells.push(figures.map(|s| s.missing.to_string()).unwrap_or_default());
            }
            cells.push(row.missing.to_string());
            cells.push(row.partial.to_string());
            cells.push(row.unassessed.to_string());
            cells.push(row.warnings.to_string());
            cells.push(row.reasons.join("; "));
            cells
        })
        .collect();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    csv_document(&header, rows)
}

/// The stable JSON layout.
pub fn json(portfolio: &Portfolio) -> String {
    let mut text = serde_json::to_string_pretty(portfolio).unwrap_or_default();
    text.push('\n');
    text
}

/// For a document.
pub fn markdown(portfolio: &Portfolio) -> String {
    let mut out = String::from("# Portfolio\n\n");
    let _ = writeln!(out, "{}.\n", totals_line(portfolio));
    let mut header = vec!["File".to_owned(), "Organisation".to_owned()];
    header.extend(portfolio.standards.iter().cloned());
    header.extend(["Missing".to_owned(), "Gate".to_owned()]);
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let _ = writeln!(
        out,
        "|---|---|{}--:|---|",
        "--:|".repeat(portfolio.standards.len())
    );
    for row in &portfolio.rows {
        let coverages: Vec<String> = portfolio
            .standards
            .iter()
            .map(|key| {
                row.standard(key)
                    .map_or_else(String::new, |s| percent(s.coverage))
            })
            .collect();
        let mut cells = vec![md_cell(&row.file), md_cell(&row.organisation)];
        cells.extend(coverages);
        cells.push(row.missing.to_string());
        cells.push(row.outcome.label().to_owned());
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out
}
