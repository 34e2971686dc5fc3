//! Browsing the catalogue on a terminal.

use std::fmt::Write as _;

use super::{ItemEntry, Shown};
use crate::model::Catalog;
use crate::render::table::{cell, table, term};
use crate::render::{Look, Rendered, weight_percent};

/// `catalog list` as a table.
pub fn list(items: &[ItemEntry<'_>], look: Look) -> Rendered {
    let mut t = table(look);
    t.set_header(["Standard", "Id", "Title", "Kind", "Parent"]);
    for i in items {
        t.add_row([
            cell(i.standard),
            cell(i.id),
            cell(i.title),
            cell(i.kind.as_str()),
            cell(i.parent.unwrap_or("")),
        ]);
    }
    Ok(format!("{t}\n"))
}

/// `catalog mappings` as a table, after each crosswalk's provenance.
pub fn mappings(catalog: &Catalog, look: Look) -> Rendered {
    let mut out = String::new();
    for crosswalk in &catalog.crosswalks {
        let p = &crosswalk.provenance;
        writeln!(
            out,
            "Crosswalk {} -> {} ({})\n  editions: {} -> {}\n  method: {}; reviewed {}{}",
            catalog.standards[crosswalk.source].key,
            catalog.standards[crosswalk.target].key,
            term(&crosswalk.file),
            term(&p.source_edition),
            term(&p.target_edition),
            term(&p.method),
            p.date,
            p.authors
                .as_deref()
                .map(|a| format!(" by {}", term(a)))
                .unwrap_or_default()
        )?;
        let mut t = table(look);
        t.set_header(["Source", "Relationship", "Target", "Weights", "Rationale"]);
        for edge in &crosswalk.edges {
            t.add_row([
                cell(catalog.end_label(&edge.source)),
                cell(edge.relationship.as_str()),
                cell(catalog.end_label(&edge.target)),
                cell(format!(
                    "{} ->\n<- {}",
                    weight_percent(edge.weight),
                    weight_percent(edge.reverse_weight)
                )),
                cell(&edge.rationale),
            ]);
        }
        writeln!(out, "{t}")?;
        writeln!(
            out,
            "{} edges, {} items with no counterpart.\n",
            crosswalk.edges.len(),
            crosswalk.no_counterpart.len()
        )?;
    }
    Ok(out)
}

/// `catalog show` as text.
pub fn show(catalog: &Catalog, shown: &Shown<'_>, look: Look) -> Rendered {
    let mut out = String::new();
    let e = &shown.entry;
    let bold = |text: &str| crate::render::table::bold(text, look);
    writeln!(out, "{}", bold(&term(&format!("{} {}", e.id, e.title))))?;
    writeln!(
        out,
        "Standard:  {} ({})",
        e.standard,
        term(shown.standard_name)
    )?;
    let exclusion = if e.excludable {
        "may be excluded"
    } else {
        "may not be excluded"
    };
    writeln!(out, "Kind:      {}, {exclusion}", e.kind)?;
    if let (Some(parent), Some(title)) = (e.parent, shown.parent_title) {
        writeln!(out, "Parent:    {}", term(&format!("{parent} {title}")))?;
    }
    writeln!(out, "Summary:   {}", term(e.summary))?;
    if !shown.children.is_empty() {
        let standard = catalog.standard_index(e.standard);
        writeln!(out, "\nBeneath it:")?;
        for child in &shown.children {
            let title = standard
                .and_then(|s| {
                    catalog.standards[s]
                        .find(child.id)
                        .map(|i| catalog.standards[s].items[i].title.as_str())
                })
                .unwrap_or("");
            writeln!(out, "  {}", term(&format!("{} {title}", child.id)))?;
        }
    }
    if !shown.mappings.is_empty() {
        writeln!(
            out,
            "\n{}",
            bold(&format!("Mappings ({})", shown.mappings.len()))
        )?;
        for m in &shown.mappings {
            writeln!(
                out,
                "\n  {} {} {} {} {}",
                term(&m.item.id),
                m.relationship,
                m.other.standard,
                term(&m.other.id),
                term(&m.other_title)
            )?;
            writeln!(out, "    Rationale: {}", term(m.rationale))?;
            for (present, absent, weight, needs) in [
                (
                    m.item.id.as_str(),
                    m.other.id.as_str(),
                    m.covers_other,
                    m.other_needs,
                ),
                (
                    m.other.id.as_str(),
                    m.item.id.as_str(),
                    m.covered_by_other,
                    m.item_needs,
                ),
            ] {
                let (present, absent) = (term(present), term(absent));
                match needs {
                    Some(text) => writeln!(
                        out,
                        "    With {present} in place, {absent} is {} covered and still needs: {}",
                        weight_percent(weight),
                        term(text)
                    ),
                    None => writeln!(
                        out,
                        "    With {present} in place, {absent} is covered fully."
                    ),
                }?;
            }
        }
    }
    if !shown.no_counterpart.is_empty() {
        writeln!(out, "\n{}", bold("No counterpart"))?;
        for r in &shown.no_counterpart {
            writeln!(out, "  {}: {}", term(r.item.id), term(r.reason))?;
        }
    }
    if shown.mappings.is_empty() && shown.no_counterpart.is_empty() {
        writeln!(out, "\nNo crosswalk maps this item.")?;
    }
    Ok(out)
}

/// `catalog lint` when every catalogue and crosswalk is sound: counts, then
/// the files read.
pub fn lint(catalog: &Catalog) -> Rendered {
    let edges: usize = catalog.crosswalks.iter().map(|c| c.edges.len()).sum();
    let items: usize = catalog.standards.iter().map(|s| s.items.len()).sum();
    let mut out = format!(
        "ok: {} catalogue(s) with {items} items, {} crosswalk(s) with {edges} edges, {} documents, no problems\n",
        catalog.standards.len(),
        catalog.crosswalks.len(),
        catalog.documents.len(),
    );
    let mut document_files: Vec<&String> = catalog.documents.iter().map(|d| &d.file).collect();
    document_files.dedup();
    let files = catalog
        .standards
        .iter()
        .map(|s| &s.file)
        .chain(catalog.crosswalks.iter().map(|c| &c.file))
        .chain(document_files);
    for file in files {
        writeln!(out, "  {}", term(file))?;
    }
    Ok(out)
}
