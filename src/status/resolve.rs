//! Effective statuses: each assessable item takes its own entry, or else
//! the entry of its nearest heading that has one, or else is not assessed.

use super::{Assessment, Entry, Status};
use crate::model::{Catalog, ItemIndex, Node, StandardIndex};

/// The effective status of one assessable item.
#[derive(Debug, Clone, Copy)]
pub struct Resolved<'a> {
    /// The status; `None` when not assessed.
    pub status: Option<Status>,
    /// The entry that gives the status, own or inherited.
    pub entry: Option<&'a Entry>,
    /// The heading the status is inherited from, when not the item's own.
    pub inherited_from: Option<ItemIndex>,
}

/// Effective statuses of every assessable item of the standards in the file.
#[derive(Debug, Default)]
pub struct Statuses<'a> {
    /// By standard, then by item; `None` for standards not resolved.
    by_node: Vec<Option<Vec<Resolved<'a>>>>,
}

const NOT_ASSESSED: Resolved<'static> = Resolved {
    status: None,
    entry: None,
    inherited_from: None,
};

impl<'a> Statuses<'a> {
    /// Resolves every assessable item of every standard in `standards`.
    pub fn resolve(
        catalog: &Catalog,
        assessment: &'a Assessment,
        standards: &[StandardIndex],
    ) -> Self {
        let mut by_node: Vec<Option<Vec<Resolved<'a>>>> = vec![None; catalog.standards.len()];
        for &standard in standards {
            let section = assessment.section(standard);
            let catalogue = &catalog.standards[standard];
            let mut resolved = vec![NOT_ASSESSED; catalogue.items.len()];
            if let Some(section) = section {
                for leaf in catalogue.leaves() {
                    let mut current = Some(leaf);
                    while let Some(item) = current {
                        if let Some(entry) = section.entries.get(&item) {
                            resolved[leaf.get()] = Resolved {
                                status: entry.status,
                                entry: Some(entry),
                                inherited_from: (item != leaf).then_some(item),
                            };
                            break;
                        }
                        current = catalogue.items[item].parent;
                    }
                }
            }
            by_node[standard.get()] = Some(resolved);
        }
        Self { by_node }
    }

    /// The effective status of an assessable item; not assessed when unknown.
    pub fn get(&self, node: Node) -> Resolved<'a> {
        self.by_node
            .get(node.standard.get())
            .and_then(Option::as_ref)
            .and_then(|items| items.get(node.item.get()))
            .copied()
            .unwrap_or(NOT_ASSESSED)
    }

    /// Just the status.
    pub fn status(&self, node: Node) -> Option<Status> {
        self.get(node).status
    }
}
