//! The validated catalogue model: standards, their items, and the crosswalk
//! edges between items of different standards. Nothing here names a real
//! standard; they are all data.

use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// What sort of requirement an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A management-system clause (context, leadership, planning, ...).
    Clause,
    /// A control from a control set, such as an annex of controls.
    Control,
    /// A process requirement, such as a service-management process.
    Process,
    /// A heading that only groups controls.
    Theme,
}

impl Kind {
    /// Every kind, in the order used in help texts.
    pub const ALL: [Kind; 4] = [Kind::Clause, Kind::Control, Kind::Process, Kind::Theme];

    /// The spelling used in catalogue files and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Clause => "clause",
            Kind::Control => "control",
            Kind::Process => "process",
            Kind::Theme => "theme",
        }
    }

    /// Parses the catalogue spelling.
    pub fn parse(text: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|kind| kind.as_str() == text)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The stages a certification project runs through, in order. An item's
/// work belongs to one; `ims plan` lays the foundations of every stage before
/// the next, and never lets an item wait for work of a later stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Phase {
    /// Set up the management system and what all later work uses.
    Establish,
    /// Assess and treat risks, set objectives, plan.
    Plan,
    /// Put controls and processes into operation.
    Implement,
    /// Audit the system in operation.
    Audit,
    /// Review it and improve.
    Review,
}

impl Phase {
    /// Every phase, in project order.
    pub const ALL: [Phase; 5] = [
        Phase::Establish,
        Phase::Plan,
        Phase::Implement,
        Phase::Audit,
        Phase::Review,
    ];

    /// The spelling used in catalogue files and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Establish => "establish",
            Phase::Plan => "plan",
            Phase::Implement => "implement",
            Phase::Audit => "audit",
            Phase::Review => "review",
        }
    }

    /// Parses the catalogue spelling.
    pub fn parse(text: &str) -> Option<Phase> {
        Phase::ALL.into_iter().find(|phase| phase.as_str() == text)
    }
}

impl fmt::Display for Phase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a source item relates to a target item (NIST IR 8477 set theory),
/// read as "source REL target".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Relationship {
    /// Source and target ask for the same thing.
    Equal,
    /// Everything the source asks is in the target, which asks for more.
    SubsetOf,
    /// The source asks for everything in the target, and more.
    SupersetOf,
    /// Each asks for something the other does not.
    IntersectsWith,
}

impl Relationship {
    /// Every relationship, strongest first.
    pub const ALL: [Relationship; 4] = [
        Relationship::Equal,
        Relationship::SupersetOf,
        Relationship::SubsetOf,
        Relationship::IntersectsWith,
    ];

    /// The spelling used in crosswalk files and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Relationship::Equal => "equal",
            Relationship::SubsetOf => "subset-of",
            Relationship::SupersetOf => "superset-of",
            Relationship::IntersectsWith => "intersects-with",
        }
    }

    /// Parses the crosswalk spelling.
    pub fn parse(text: &str) -> Option<Relationship> {
        Relationship::ALL
            .into_iter()
            .find(|relationship| relationship.as_str() == text)
    }

    /// The same edge read from the other end: `A subset-of B` is `B superset-of A`.
    pub fn inverse(self) -> Relationship {
        match self {
            Relationship::SubsetOf => Relationship::SupersetOf,
            Relationship::SupersetOf => Relationship::SubsetOf,
            same => same,
        }
    }

    /// Whether a fully implemented source fully covers the target.
    pub fn covers_fully(self) -> bool {
        matches!(self, Relationship::Equal | Relationship::SupersetOf)
    }

    /// Rank for ordering suggestions: 0 is the strongest relationship.
    pub fn strength_rank(self) -> u8 {
        match self {
            Relationship::Equal => 0,
            Relationship::SupersetOf => 1,
            Relationship::SubsetOf => 2,
            Relationship::IntersectsWith => 3,
        }
    }
}

impl fmt::Display for Relationship {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! index_type {
    ($name:ident, $of:ident, $what:literal) => {
        #[doc = concat!(
                    "The position of ", $what, ": its own type, so that an index of one kind ",
                    "cannot be passed where another is meant."
                )]
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
        )]
        pub struct $name(usize);

        impl $name {
            /// The index at `position`.
            pub const fn new(position: usize) -> Self {
                Self(position)
            }

            /// The position it stands for.
            pub const fn get(self) -> usize {
                self.0
            }
        }

        impl std::ops::Index<$name> for Vec<$of> {
            type Output = $of;
            fn index(&self, index: $name) -> &$of {
                &self[index.0]
            }
        }

        impl std::ops::Index<$name> for [$of] {
            type Output = $of;
            fn index(&self, index: $name) -> &$of {
                &self[index.0]
            }
        }
    };
}

index_type!(
    StandardIndex,
    Standard,
    "a standard in [`Catalog::standards`]"
);
index_type!(ItemIndex, Item, "an item in [`Standard::items`]");

/// One requirement, clause, control or heading of a standard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    /// The id exactly as the catalogue writes it (`A.5.1`, `8.5.1.2`, `10`).
    pub id: String,
    /// The official title.
    pub title: String,
    /// What sort of requirement it is.
    pub kind: Kind,
    /// Index of the parent item, if any.
    pub parent: Option<ItemIndex>,
    /// Indexes of the items directly beneath, in catalogue order.
    pub children: Vec<ItemIndex>,
    /// Whether an organisation may declare the item not applicable.
    pub excludable: bool,
    /// One line in our own words on what the item asks for.
    pub summary: String,
    /// Index of the item that heads this item's reporting group.
    pub group: ItemIndex,
    /// Items (or headings) of the same standard that must be in place before
    /// work on this one can sensibly start, as the catalogue names them.
    pub after: Vec<ItemIndex>,
    /// Why the item waits for `after`, in our own words.
    pub after_reason: Option<String>,
    /// What documented information the item expects, in our own words;
    /// `None` when it expects none of its own.
    pub documented: Option<String>,
    /// Person-days to put the item in place from nothing, for the reference
    /// organisation the catalogue states; `None` when the catalogue gives no
    /// estimate. Only assessable items carry one.
    pub effort: Option<f64>,
    /// The stage of a certification project the item's work belongs to: its
    /// own, else its nearest heading's, else [`Phase::Implement`].
    pub phase: Phase,
    /// What the plan calls the work of putting the item in place, in our own
    /// words, where the title names the requirement rather than the work.
    pub work: Option<String>,
}

impl Item {
    /// Whether the item is assessed directly (has nothing beneath it).
    pub fn is_leaf(&self) -> bool {
        self.children.is_empty()
    }
}

/// The hasher of the maps keyed by item ids and nodes, looked up for every
/// status-file entry: foldhash with a fixed seed, the fastest on short ids
/// of the hashers measured (FNV-1a, rustc-hash), and the same from run to
/// run. Ids come from catalogues, not from an attacker who could aim at
/// collisions, and a collision only costs a comparison.
#[derive(Debug, Clone, Copy, Default)]
pub struct IdHasher;

impl std::hash::BuildHasher for IdHasher {
    type Hasher = foldhash::fast::FoldHasher<'static>;

    fn build_hasher(&self) -> Self::Hasher {
        foldhash::fast::FixedState::with_seed(0).build_hasher()
    }
}

/// One standard and its items, in catalogue order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Standard {
    /// Short key used in status files and on the command line, such as `iso9001`.
    pub key: String,
    /// Display name with edition, such as `ISO 9001:2015`.
    pub name: String,
    /// Full official title of the standard.
    pub title: String,
    /// Edition and amendments covered by the catalogue.
    pub edition: String,
    /// One word for what the standard manages (`security`, `service`),
    /// naming the document sections that serve it alone; its key when the
    /// catalogue gives none.
    pub aspect: String,
    /// Who the items' effort estimates are made for, in words; `None` when
    /// the catalogue gives no estimates.
    pub effort_reference: Option<String>,
    /// The file the catalogue came from (`builtin:...` for embedded ones).
    pub file: String,
    /// Items in catalogue order; parents come before their children.
    pub items: Vec<Item>,
    /// Item index by id, built from `items` ([`Standard::index_items`]).
    #[serde(skip)]
    pub index: HashMap<String, ItemIndex, IdHasher>,
    /// For each assessable item, the assessable items it waits for: those
    /// its own `after` names and those of every heading above it, headings
    /// taken as every item beneath them. Empty for headings.
    pub waits_for: Vec<Vec<ItemIndex>>,
}

impl Standard {
    /// Each item's index by its id.
    pub fn index_items(items: &[Item]) -> HashMap<String, ItemIndex, IdHasher> {
        items
            .iter()
            .enumerate()
            .map(|(position, item)| (item.id.clone(), ItemIndex::new(position)))
            .collect()
    }

    /// The index of the item with this id.
    pub fn find(&self, id: &str) -> Option<ItemIndex> {
        self.index.get(id).copied()
    }

    /// The assessable items at or beneath `item`, in catalogue order.
    pub fn leaves_under(&self, item: ItemIndex) -> Vec<ItemIndex> {
        let mut out = Vec::new();
        let mut stack = vec![item];
        while let Some(next) = stack.pop() {
            let children = &self.items[next].children;
            if children.is_empty() {
                out.push(next);
            } else {
                stack.extend(children.iter().rev());
            }
        }
        out
    }

    /// Every assessable item, in catalogue order.
    pub fn leaves(&self) -> impl Iterator<Item = ItemIndex> + '_ {
        self.indexes().filter(|&index| self.items[index].is_leaf())
    }

    /// Every item's index, in catalogue order.
    pub fn indexes(&self) -> impl Iterator<Item = ItemIndex> + use<> {
        (0..self.items.len()).map(ItemIndex::new)
    }

    /// The items that head a reporting group, in catalogue order.
    pub fn groups(&self) -> Vec<ItemIndex> {
        let mut groups: Vec<ItemIndex> = self.items.iter().map(|item| item.group).collect();
        groups.sort_unstable();
        groups.dedup();
        groups
    }

    /// The assessable items that `leaf` waits for, in catalogue order.
    pub fn waits_for(&self, leaf: ItemIndex) -> &[ItemIndex] {
        self.waits_for.get(leaf.get()).map_or(&[], Vec::as_slice)
    }

    /// The ids of every item, in catalogue order, for suggestions.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.items.iter().map(|item| item.id.as_str())
    }
}

/// An item of one of the loaded standards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Node {
    /// Index of the standard in [`Catalog::standards`].
    pub standard: StandardIndex,
    /// Index of the item in [`Standard::items`].
    pub item: ItemIndex,
}

/// Where a crosswalk and its judgements came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Provenance {
    /// Edition of the source standard the edges were judged against.
    pub source_edition: String,
    /// Edition of the target standard the edges were judged against.
    pub target_edition: String,
    /// How the edges were decided (for example, expert judgement).
    pub method: String,
    /// When the edges were last reviewed (YYYY-MM-DD).
    pub date: String,
    /// Who is responsible for the judgements.
    pub authors: Option<String>,
}

/// One end of a crosswalk edge: one item, a heading (meaning every item
/// beneath it, taken together) or several items taken together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct End {
    /// Index of the standard in [`Catalog::standards`].
    pub standard: StandardIndex,
    /// The items as the crosswalk names them, in the order written.
    pub named: Vec<ItemIndex>,
    /// The assessable items the end stands for, in catalogue order.
    pub leaves: Vec<ItemIndex>,
}

impl End {
    /// Whether the end stands for more than one assessable item, which then
    /// count only together.
    pub fn is_group(&self) -> bool {
        self.leaves.len() > 1
    }

    /// The assessable items as nodes.
    pub fn nodes(&self) -> impl Iterator<Item = Node> + '_ {
        self.leaves.iter().map(|&item| Node {
            standard: self.standard,
            item,
        })
    }

    /// The end as written: ids joined by ` + `.
    pub fn label(&self, standard: &Standard) -> String {
        self.named
            .iter()
            .map(|&item| standard.items[item].id.as_str())
            .collect::<Vec<_>>()
            .join(" + ")
    }
}

/// A typed relationship between items of one standard and items of another.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Edge {
    /// The end the relationship is read from.
    pub source: End,
    /// The end the relationship is read towards.
    pub target: End,
    /// "source REL target".
    pub relationship: Relationship,
    /// How much of each target item the source satisfies when it is fully in
    /// place: 1.0 for a full direction, below 1.0 for a partial one.
    pub weight: f64,
    /// How much of each source item the target satisfies when it is fully in place.
    pub reverse_weight: f64,
    /// Why the two ends are related, in our own words.
    pub rationale: String,
    /// What the target still needs when only the source is in place.
    pub residual: Option<String>,
    /// What the source still needs when only the target is in place.
    pub reverse_residual: Option<String>,
    /// Name of the shared management-system element this edge belongs to, if any.
    pub element: Option<String>,
}

/// Which way an edge is read from one of its items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// The item is at the target end; the source end is reused for it.
    Forward,
    /// The item is at the source end; the target end is reused for it.
    Reverse,
}

/// An item that has no specific counterpart in the other standard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NoCounterpart {
    /// The item.
    pub node: Node,
    /// Why nothing in the other standard corresponds to it.
    pub reason: String,
}

/// Edges between two standards, with their provenance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Crosswalk {
    /// Index of the standard whose items are edge sources.
    pub source: StandardIndex,
    /// Index of the standard whose items are edge targets.
    pub target: StandardIndex,
    /// Editions, method and date of the judgements.
    pub provenance: Provenance,
    /// The edges, in file order.
    pub edges: Vec<Edge>,
    /// Items of either standard that have no counterpart, with reasons.
    pub no_counterpart: Vec<NoCounterpart>,
    /// Kinds of item that must each be on an edge or on the no-counterpart list.
    pub decide: Vec<Kind>,
    /// The file the crosswalk came from.
    pub file: String,
}

/// An edge seen from one of its assessable items.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Link {
    /// Index of the crosswalk in [`Catalog::crosswalks`].
    pub crosswalk: usize,
    /// Index of the edge in that crosswalk.
    pub edge: usize,
    /// Which way the edge is read towards the item.
    pub reading: Reading,
    /// "other end REL this item".
    pub relationship: Relationship,
    /// How much of this item the other end satisfies when fully in place.
    pub weight: f64,
}

/// What sort of document a document of the set is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DocumentKind {
    /// Direction and commitments set by management.
    Policy,
    /// A declaration management approves and keeps current, such as the scope.
    Statement,
    /// Who does what: roles set against activities, with their authorities.
    Matrix,
    /// How something is done, step by step.
    Procedure,
    /// What will be done, by whom and when.
    Plan,
    /// A maintained list, kept current.
    Register,
    /// Evidence of what was done, retained.
    Record,
}

impl DocumentKind {
    /// Every kind.
    pub const ALL: [DocumentKind; 7] = [
        DocumentKind::Policy,
        DocumentKind::Statement,
        DocumentKind::Matrix,
        DocumentKind::Procedure,
        DocumentKind::Plan,
        DocumentKind::Register,
        DocumentKind::Record,
    ];

    /// The spelling in document-set files and output.
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Policy => "policy",
            DocumentKind::Statement => "statement",
            DocumentKind::Matrix => "matrix",
            DocumentKind::Procedure => "procedure",
            DocumentKind::Plan => "plan",
            DocumentKind::Register => "register",
            DocumentKind::Record => "record",
        }
    }

    /// Parses the file spelling.
    pub fn parse(text: &str) -> Option<DocumentKind> {
        DocumentKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == text)
    }
}

/// One document of the integrated document set: one text for every
/// standard it serves, its sections tagged with the standards each serves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Short id, such as `IMS-POLICY`.
    pub id: String,
    /// Title, in our own words.
    pub title: String,
    /// What sort of document.
    pub kind: DocumentKind,
    /// What it is for, in our own words.
    pub purpose: String,
    /// The items it is the documented information for, per standard, in
    /// catalogue order of standards: writing it is their work.
    pub serves: Vec<(StandardIndex, Vec<ItemIndex>)>,
    /// The items it is evidence for, whose work is done and written up
    /// elsewhere (management review minutes for leadership's commitment).
    pub supports: Vec<(StandardIndex, Vec<ItemIndex>)>,
    /// Its sections, in order.
    pub sections: Vec<DocumentSection>,
    /// The document a small organisation commonly writes it as part of.
    pub merge: Option<Merge>,
    /// The file it came from.
    pub file: String,
}

impl Document {
    /// Every item it serves or supports, per standard, in catalogue order of
    /// standards: what the document register lists it for.
    pub fn items(&self) -> Vec<(StandardIndex, Vec<ItemIndex>)> {
        union(&self.serves, &self.supports)
    }
}

/// Two lists of items per standard as one, in catalogue order of standards
/// and of items, each item once.
pub fn union(
    a: &[(StandardIndex, Vec<ItemIndex>)],
    b: &[(StandardIndex, Vec<ItemIndex>)],
) -> Vec<(StandardIndex, Vec<ItemIndex>)> {
    let mut all = a.to_vec();
    for (standard, items) in b {
        match all.iter_mut().find(|(s, _)| s == standard) {
            Some((_, list)) => {
                for item in items {
                    if !list.contains(item) {
                        list.push(*item);
                    }
                }
            }
            None => all.push((*standard, items.clone())),
        }
    }
    for (_, items) in &mut all {
        items.sort_unstable();
    }
    all.sort_by_key(|(standard, _)| *standard);
    all
}

/// The document of the set that a small organisation commonly writes
/// another one as part of, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Merge {
    /// The id of the document it goes into.
    pub into: String,
    /// Why, in our own words.
    pub reason: String,
    /// Where `merge-into` is written, for problems.
    pub pos: crate::diag::Pos,
}

/// One section of a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentSection {
    /// Heading, in our own words.
    pub title: String,
    /// The standards it serves; more than one makes it shared.
    pub serves: Vec<StandardIndex>,
    /// What to write there, in our own words.
    pub prompt: String,
}

/// Every loaded standard and crosswalk, with an index of links by item.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Catalog {
    /// Standards in load order (built-in first, then the user's, by file name).
    pub standards: Vec<Standard>,
    /// Crosswalks in load order.
    pub crosswalks: Vec<Crosswalk>,
    /// The document set of the integrated system.
    pub documents: Vec<Document>,
    /// Links by standard, then by item: a dense index, read on every
    /// analysis, built from the crosswalks.
    #[serde(skip)]
    links: Vec<Vec<Vec<Link>>>,
}

impl Catalog {
    /// Every assessable item of a standard as a node, in catalogue order.
    pub fn leaf_nodes(&self, standard: StandardIndex) -> impl Iterator<Item = Node> + '_ {
        self.standards[standard]
            .leaves()
            .map(move |item| Node { standard, item })
    }

    /// Assembles a catalogue and indexes its edges from every assessable item
    /// at either end.
    pub fn new(standards: Vec<Standard>, crosswalks: Vec<Crosswalk>) -> Self {
        let mut links: Vec<Vec<Vec<Link>>> = standards
            .iter()
            .map(|standard| vec![Vec::new(); standard.items.len()])
            .collect();
        for (crosswalk_index, crosswalk) in crosswalks.iter().enumerate() {
            for (edge_index, edge) in crosswalk.edges.iter().enumerate() {
                for node in edge.target.nodes() {
                    links[node.standard.get()][node.item.get()].push(Link {
                        crosswalk: crosswalk_index,
                        edge: edge_index,
                        reading: Reading::Forward,
                        relationship: edge.relationship,
                        weight: edge.weight,
                    });
                }
                for node in edge.source.nodes() {
                    links[node.standard.get()][node.item.get()].push(Link {
                        crosswalk: crosswalk_index,
                        edge: edge_index,
                        reading: Reading::Reverse,
                        relationship: edge.relationship.inverse(),
                        weight: edge.reverse_weight,
                    });
                }
            }
        }
        Self {
            standards,
            crosswalks,
            documents: Vec::new(),
            links,
        }
    }

    /// The index of the standard with this key.
    pub fn standard_index(&self, key: &str) -> Option<StandardIndex> {
        self.standards
            .iter()
            .position(|standard| standard.key == key)
            .map(StandardIndex::new)
    }

    /// Every standard's index, in load order.
    pub fn indexes(&self) -> impl Iterator<Item = StandardIndex> + use<> {
        (0..self.standards.len()).map(StandardIndex::new)
    }

    /// The item behind a node.
    pub fn item(&self, node: Node) -> &Item {
        &self.standards[node.standard].items[node.item]
    }

    /// The standard a node belongs to.
    pub fn standard_of(&self, node: Node) -> &Standard {
        &self.standards[node.standard]
    }

    /// Every edge that touches the assessable item `node`, seen from it.
    pub fn links(&self, node: Node) -> &[Link] {
        self.links
            .get(node.standard.get())
            .and_then(|items| items.get(node.item.get()))
            .map_or(&[], Vec::as_slice)
    }

    /// The edge behind a link.
    pub fn edge(&self, link: &Link) -> &Edge {
        &self.crosswalks[link.crosswalk].edges[link.edge]
    }

    /// The end of the link's edge that is reused for the item.
    pub fn other(&self, link: &Link) -> &End {
        let edge = self.edge(link);
        match link.reading {
            Reading::Forward => &edge.source,
            Reading::Reverse => &edge.target,
        }
    }

    /// What the item still needs beyond the other end of `link`.
    pub fn residual(&self, link: &Link) -> Option<&str> {
        let edge = self.edge(link);
        match link.reading {
            Reading::Forward => edge.residual.as_deref(),
            Reading::Reverse => edge.reverse_residual.as_deref(),
        }
    }

    /// An end as written, such as `8.5.1` or `A.5.24 + A.5.25`.
    pub fn end_label(&self, end: &End) -> String {
        end.label(&self.standards[end.standard])
    }

    /// An end's title: the item's or heading's, or a group's joined by `; `.
    pub fn end_title(&self, end: &End) -> String {
        let standard = &self.standards[end.standard];
        end.named
            .iter()
            .map(|&item| standard.items[item].title.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// Every edge that names `node` at one of its ends, or one of the items
    /// beneath it, with the crosswalk index; for browsing headings too.
    pub fn edges_touching(&self, node: Node) -> Vec<(usize, &Edge)> {
        let standard = &self.standards[node.standard];
        let leaves = standard.leaves_under(node.item);
        let touches = |end: &End| {
            end.standard == node.standard
                && (end.named.contains(&node.item)
                    || end.leaves.iter().any(|leaf| leaves.contains(leaf)))
        };
        self.crosswalks
            .iter()
            .enumerate()
            .flat_map(|(index, crosswalk)| crosswalk.edges.iter().map(move |edge| (index, edge)))
            .filter(|(_, edge)| touches(&edge.source) || touches(&edge.target))
            .collect()
    }

    /// The keys of every loaded standard, for suggestions.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.standards.iter().map(|standard| standard.key.as_str())
    }

    /// Reasons recorded for `node` having no counterpart, with the crosswalk index.
    pub fn no_counterpart(&self, node: Node) -> impl Iterator<Item = &NoCounterpart> {
        self.crosswalks
            .iter()
            .flat_map(|crosswalk| crosswalk.no_counterpart.iter())
            .filter(move |entry| entry.node == node)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inverse_swaps_subset_and_superset_only() {
        assert_eq!(Relationship::SubsetOf.inverse(), Relationship::SupersetOf);
        assert_eq!(Relationship::SupersetOf.inverse(), Relationship::SubsetOf);
        assert_eq!(Relationship::Equal.inverse(), Relationship::Equal);
        assert_eq!(
            Relationship::IntersectsWith.inverse(),
            Relationship::IntersectsWith
        );
        for relationship in Relationship::ALL {
            assert_eq!(relationship.inverse().inverse(), relationship);
        }
    }

    #[test]
    fn only_equal_and_superset_cover_fully() {
        let full: Vec<_> = Relationship::ALL
            .into_iter()
            .filter(|relationship| relationship.covers_fully())
            .collect();
        assert_eq!(full, [Relationship::Equal, Relationship::SupersetOf]);
    }

    #[test]
    fn spellings_round_trip() {
        for relationship in Relationship::ALL {
            assert_eq!(
                Relationship::parse(relationship.as_str()),
                Some(relationship)
            );
        }
        for kind in Kind::ALL {
            assert_eq!(Kind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(Relationship::parse("subset"), None);
    }
}
