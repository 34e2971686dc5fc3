//! Browsing the catalogue, one file per format: `catalog list`, `catalog
//! show`, `catalog mappings` and `catalog lint`; and `catalog export`. This module gathers the
//! views the formats share.

pub mod ciso_assistant;
pub mod csv;
pub mod json;
pub mod table;

use serde::Serialize;

use crate::model::{Catalog, End, Item, Kind, Node, Relationship, Standard, StandardIndex};

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
pub fn items<'a>(catalog: &'a Catalog, standards: &[StandardIndex]) -> Vec<ItemEntry<'a>> {
    let mut out = Vec::new();
    for &index in standards {
        let standard = &catalog.standards[index];
        for item in &standard.items {
            out.push(entry(standard, item));
        }
    }
    out
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
