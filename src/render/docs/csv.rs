//! The register as CSV: one row per document, with a column per standard
//! for the items it serves, and last the document a small organisation
//! commonly merges it into.

use super::guesses;
use crate::analysis::docs::DocsReport;
use crate::render::{Rendered, csv};

/// RFC 4180 CSV with CRLF line ends, formula cells neutralised.
pub fn render(report: &DocsReport) -> Rendered {
    let mut header: Vec<String> = ["id", "title", "kind", "purpose"]
        .map(str::to_owned)
        .to_vec();
    for s in &report.standards {
        header.push(format!("{}_items", s.id));
    }
    header.push("sections".to_owned());
    header.push("shared_sections".to_owned());
    let assessed = report.header.is_some();
    if assessed {
        for column in ["state", "owners", "evidence_guess"] {
            header.push(column.to_owned());
        }
    }
    header.push("small_organisation_merge_into".to_owned());
    header.push("small_organisation_reason".to_owned());
    let rows = report
        .documents
        .iter()
        .map(|d| {
            let mut row = vec![
                d.id.clone(),
                d.title.clone(),
                d.kind.as_str().to_owned(),
                d.purpose.clone(),
            ];
            for s in &report.standards {
                let ids: Vec<&str> = d
                    .serves
                    .iter()
                    .filter(|item| item.standard == s.id)
                    .map(|item| item.id.as_str())
                    .collect();
                row.push(ids.join(";"));
            }
            row.push(d.sections.len().to_string());
            row.push(
                d.sections
                    .iter()
                    .filter(|s| s.serves.len() > 1)
                    .count()
                    .to_string(),
            );
            if assessed {
                row.push(super::state_text(d));
                row.push(d.owners.join("; "));
                row.push(guesses(d));
            }
            let merge = d.small_organisation.as_ref();
            row.push(merge.map(|m| m.merge_into.clone()).unwrap_or_default());
            row.push(merge.map(|m| m.reason.clone()).unwrap_or_default());
            row
        })
        .collect();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    csv::document(&header, rows)
}
