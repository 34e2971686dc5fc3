//! Browsing the catalogue as CSV for spreadsheets.

use super::{EdgeEntry, ItemEntry};
use crate::render::{Rendered, csv};

/// `catalog list` as CSV.
pub fn list(items: &[ItemEntry<'_>]) -> Rendered {
    let rows = items
        .iter()
        .map(|i| {
            vec![
                i.standard.to_owned(),
                i.id.to_owned(),
                i.title.to_owned(),
                i.kind.as_str().to_owned(),
                i.parent.unwrap_or("").to_owned(),
                i.group.to_owned(),
                yes_no(i.assessable),
                yes_no(i.excludable),
                i.summary.to_owned(),
            ]
        })
        .collect();
    csv::document(
        &[
            "standard",
            "id",
            "title",
            "kind",
            "parent",
            "group",
            "assessable",
            "excludable",
            "summary",
        ],
        rows,
    )
}

/// `catalog mappings` as CSV.
pub fn mappings(edges: &[EdgeEntry<'_>]) -> Rendered {
    let rows = edges
        .iter()
        .map(|e| {
            vec![
                e.source.standard.to_owned(),
                e.source.id.clone(),
                e.relationship.as_str().to_owned(),
                e.target.standard.to_owned(),
                e.target.id.clone(),
                e.weight.to_string(),
                e.reverse_weight.to_string(),
                e.element.unwrap_or("").to_owned(),
                e.rationale.to_owned(),
                e.residual.unwrap_or("").to_owned(),
                e.reverse_residual.unwrap_or("").to_owned(),
            ]
        })
        .collect();
    csv::document(
        &[
            "source_standard",
            "source_id",
            "relationship",
            "target_standard",
            "target_id",
            "weight",
            "reverse_weight",
            "element",
            "rationale",
            "residual",
            "reverse_residual",
        ],
        rows,
    )
}

fn yes_no(value: bool) -> String {
    if value { "yes" } else { "no" }.to_owned()
}
