//! Renderers for browsing the catalogue: `catalog list`, `catalog show` and
//! `catalog mappings`.

use std::fmt::Write as _;

use serde::Serialize;

use super::{Look, cell, csv_document, table, term, weight_percent};
use crate::model::{Catalog, End, Item, Kind, Node, Relationship, Standard};

/// One item, as listed.
#[derive(Debug, Serialize)]
pub struct ItemEntry<'a> {
    /// The standard's key.
    pub standard: &'a str,
    /// The item's id.
    pub id: &'a str,
    /// Official title.
    pub title: &'a str,
    /// Kind of item.
    pub kind: Kind,
    /// Id of the parent item; null at the top.
    pub parent: Option<&'a str>,
    /// Id of the reporting group.
    pub group: &'a str,
    /// Whether the item has nothing beneath it and is assessed directly.
    pub assessable: bool,
    /// Whether an organisation may declare it not applicable.
    pub excludable: bool,
    /// One line in our own words.
    pub summary: &'a str,
}

fn entry<'a>(standard: &'a Standard, item: &'a Item) -> ItemEntry<'a> {
    ItemEntry {
        standard: &standard.key,
        id: &item.id,
        title: &item.title,
        kind: item.kind,
        parent: item.parent.map(|p| standard.items[p].id.as_str()),
        group: &standard.items[item.group].id,
        assessable: item.is_leaf(),
        excludable: item.excludable,
        summary: &item.summary,
    }
}

/// The items of the given standards (catalogue indexes), in catalogue order.
pub fn items<'a>(catalog: &'a Catalog, standards: &[usize]) -> Vec<ItemEntry<'a>> {
    let mut out = Vec::new();
    for &index in standards {
        let standard = &catalog.standards[index];
        for item in &standard.items {
            out.push(entry(standard, item));
        }
    }
    out
}

/// `catalog list` as JSON: an array of items.
pub fn list_json(items: &[ItemEntry<'_>]) -> String {
    json(items)
}

/// `catalog list` as CSV.
pub fn list_csv(items: &[ItemEntry<'_>]) -> String {
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
    csv_document(
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

/// `catalog list` as a table.
pub fn list_table(items: &[ItemEntry<'_>], look: Look) -> String {
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
    format!("{t}\n")
}

fn yes_no(value: bool) -> String {
    if value { "yes" } else { "no" }.to_owned()
}

fn json<T: Serialize + ?Sized>(value: &T) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

/// An item reference in JSON.
#[derive(Debug, Serialize)]
pub struct Ref<'a> {
    /// The standard's key.
    pub standard: &'a str,
    /// The item's id.
    pub id: &'a str,
}

/// One crosswalk edge, as listed.
#[derive(Debug, Serialize)]
pub struct EdgeEntry<'a> {
    /// The source end: one id, a heading's id, or ids joined by ` + `.
    pub source: EndRef<'a>,
    /// The target end: one id, a heading's id, or ids joined by ` + `.
    pub target: EndRef<'a>,
    /// "source REL target".
    pub relationship: Relationship,
    /// How much of the target the source satisfies when fully in place.
    pub weight: f64,
    /// How much of the source the target satisfies when fully in place.
    pub reverse_weight: f64,
    /// Why the two relate.
    pub rationale: &'a str,
    /// What the target still needs when only the source is in place; null when covered fully.
    pub residual: Option<&'a str>,
    /// What the source still needs when only the target is in place; null when covered fully.
    pub reverse_residual: Option<&'a str>,
    /// The shared management-system element, if any.
    pub element: Option<&'a str>,
}

fn node_ref(catalog: &Catalog, node: Node) -> Ref<'_> {
    Ref {
        standard: &catalog.standards[node.standard].key,
        id: &catalog.item(node).id,
    }
}

/// An edge end in JSON: its standard and its ids as written.
#[derive(Debug, Serialize)]
pub struct EndRef<'a> {
    /// The standard's key.
    pub standard: &'a str,
    /// The end as written: one id, a heading's id, or ids joined by ` + `.
    pub id: String,
}

fn end_ref<'a>(catalog: &'a Catalog, end: &End) -> EndRef<'a> {
    EndRef {
        standard: &catalog.standards[end.standard].key,
        id: catalog.end_label(end),
    }
}

/// Every edge of every crosswalk, in file order.
pub fn edges(catalog: &Catalog) -> Vec<EdgeEntry<'_>> {
    catalog
        .crosswalks
        .iter()
        .flat_map(|crosswalk| crosswalk.edges.iter())
        .map(|edge| EdgeEntry {
            source: end_ref(catalog, &edge.source),
            target: end_ref(catalog, &edge.target),
            relationship: edge.relationship,
            weight: edge.weight,
            reverse_weight: edge.reverse_weight,
            rationale: &edge.rationale,
            residual: edge.residual.as_deref(),
            reverse_residual: edge.reverse_residual.as_deref(),
            element: edge.element.as_deref(),
        })
        .collect()
}

/// `catalog mappings` as JSON: an array of edges.
pub fn mappings_json(edges: &[EdgeEntry<'_>]) -> String {
    json(edges)
}

/// `catalog mappings` as CSV.
pub fn mappings_csv(edges: &[EdgeEntry<'_>]) -> String {
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
    csv_document(
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

/// `catalog mappings` as a table, after each crosswalk's provenance.
pub fn mappings_table(catalog: &Catalog, look: Look) -> String {
    let mut out = String::new();
    for crosswalk in &catalog.crosswalks {
        let p = &crosswalk.provenance;
        let _ = writeln!(
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
        );
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
        let _ = writeln!(out, "{t}");
        let _ = writeln!(
            out,
            "{} edges, {} items with no counterpart.\n",
            crosswalk.edges.len(),
            crosswalk.no_counterpart.len()
        );
    }
    out
}

/// One mapping seen from the item being shown.
#[derive(Debug, Serialize)]
pub struct ShownLink<'a> {
    /// The end holding the shown item (the item itself, a heading above it,
    /// or a group it belongs to).
    pub item: EndRef<'a>,
    /// The end at the other side.
    pub other: EndRef<'a>,
    /// Title of the other end; a group's titles are joined by `; `.
    pub other_title: String,
    /// "item REL other".
    pub relationship: Relationship,
    /// How much of `other` the item's end satisfies when fully in place.
    pub covers_other: f64,
    /// How much of the item's end `other` satisfies when fully in place.
    pub covered_by_other: f64,
    /// Why the two relate.
    pub rationale: &'a str,
    /// What `other` still needs when `item` is in place; null when covered fully.
    pub other_needs: Option<&'a str>,
    /// What `item` still needs when `other` is in place; null when covered fully.
    pub item_needs: Option<&'a str>,
}

/// A reason an item has no counterpart.
#[derive(Debug, Serialize)]
pub struct ShownReason<'a> {
    /// The item.
    pub item: Ref<'a>,
    /// Why nothing corresponds to it.
    pub reason: &'a str,
}

/// Everything `catalog show` says about one item.
#[derive(Debug, Serialize)]
pub struct Shown<'a> {
    /// The item.
    #[serde(flatten)]
    pub entry: ItemEntry<'a>,
    /// Display name of the standard.
    pub standard_name: &'a str,
    /// Title of the parent item.
    pub parent_title: Option<&'a str>,
    /// Items directly beneath, as `id title`.
    pub children: Vec<Ref<'a>>,
    /// Mappings of the item, or of the items beneath it.
    pub mappings: Vec<ShownLink<'a>>,
    /// Reasons for having no counterpart.
    pub no_counterpart: Vec<ShownReason<'a>>,
}

/// Gathers what `catalog show` prints for `node`.
pub fn shown(catalog: &Catalog, node: Node) -> Shown<'_> {
    let standard = &catalog.standards[node.standard];
    let item = catalog.item(node);
    let mut mappings = Vec::new();
    let mut no_counterpart = Vec::new();
    for (_, edge) in catalog.edges_touching(node) {
        let here_is_source = edge.source.standard == node.standard;
        let (mine, other) = if here_is_source {
            (&edge.source, &edge.target)
        } else {
            (&edge.target, &edge.source)
        };
        let (relationship, covers_other, covered_by_other, other_needs, item_needs) =
            if here_is_source {
                (
                    edge.relationship,
                    edge.weight,
                    edge.reverse_weight,
                    edge.residual.as_deref(),
                    edge.reverse_residual.as_deref(),
                )
            } else {
                (
                    edge.relationship.inverse(),
                    edge.reverse_weight,
                    edge.weight,
                    edge.reverse_residual.as_deref(),
                    edge.residual.as_deref(),
                )
            };
        mappings.push(ShownLink {
            item: end_ref(catalog, mine),
            other: end_ref(catalog, other),
            other_title: catalog.end_title(other),
            relationship,
            covers_other,
            covered_by_other,
            rationale: &edge.rationale,
            other_needs,
            item_needs,
        });
    }
    for leaf in standard.leaves_under(node.item) {
        let here = Node {
            standard: node.standard,
            item: leaf,
        };
        for entry in catalog.no_counterpart(here) {
            no_counterpart.push(ShownReason {
                item: node_ref(catalog, here),
                reason: &entry.reason,
            });
        }
    }
    Shown {
        entry: entry(standard, item),
        standard_name: &standard.name,
        parent_title: item.parent.map(|p| standard.items[p].title.as_str()),
        children: item
            .children
            .iter()
            .map(|&c| {
                node_ref(
                    catalog,
                    Node {
                        standard: node.standard,
                        item: c,
                    },
                )
            })
            .collect(),
        mappings,
        no_counterpart,
    }
}

/// `catalog show` as JSON.
pub fn show_json(shown: &Shown<'_>) -> String {
    json(shown)
}

/// `catalog show` as text.
pub fn show_text(catalog: &Catalog, shown: &Shown<'_>, look: Look) -> String {
    let mut out = String::new();
    let e = &shown.entry;
    let bold = |text: &str| {
        if look.styled {
            format!("\x1b[1m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    };
    let _ = writeln!(out, "{}", bold(&term(&format!("{} {}", e.id, e.title))));
    let _ = writeln!(
        out,
        "Standard:  {} ({})",
        e.standard,
        term(shown.standard_name)
    );
    let exclusion = if e.excludable {
        "may be excluded"
    } else {
        "may not be excluded"
    };
    let _ = writeln!(out, "Kind:      {}, {exclusion}", e.kind);
    if let (Some(parent), Some(title)) = (e.parent, shown.parent_title) {
        let _ = writeln!(out, "Parent:    {}", term(&format!("{parent} {title}")));
    }
    let _ = writeln!(out, "Summary:   {}", term(e.summary));
    if !shown.children.is_empty() {
        let standard = catalog.standard_index(e.standard);
        let _ = writeln!(out, "\nBeneath it:");
        for child in &shown.children {
            let title = standard
                .and_then(|s| {
                    catalog.standards[s]
                        .find(child.id)
                        .map(|i| catalog.standards[s].items[i].title.as_str())
                })
                .unwrap_or("");
            let _ = writeln!(out, "  {}", term(&format!("{} {title}", child.id)));
        }
    }
    if !shown.mappings.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            bold(&format!("Mappings ({})", shown.mappings.len()))
        );
        for m in &shown.mappings {
            let _ = writeln!(
                out,
                "\n  {} {} {} {} {}",
                term(&m.item.id),
                m.relationship,
                m.other.standard,
                term(&m.other.id),
                term(&m.other_title)
            );
            let _ = writeln!(out, "    Rationale: {}", term(m.rationale));
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
                let _ = match needs {
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
                };
            }
        }
    }
    if !shown.no_counterpart.is_empty() {
        let _ = writeln!(out, "\n{}", bold("No counterpart"));
        for r in &shown.no_counterpart {
            let _ = writeln!(out, "  {}: {}", term(r.item.id), term(r.reason));
        }
    }
    if shown.mappings.is_empty() && shown.no_counterpart.is_empty() {
        let _ = writeln!(out, "\nNo crosswalk maps this item.");
    }
    out
}
