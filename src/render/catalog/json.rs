//! Browsing the catalogue as JSON: the views serialised as they are.

use super::{EdgeEntry, ItemEntry, Shown};
use crate::render::{Rendered, json};

/// `catalog list` as JSON: an array of items.
pub fn list(items: &[ItemEntry<'_>]) -> Rendered {
    json(items)
}

/// `catalog mappings` as JSON: an array of edges.
pub fn mappings(edges: &[EdgeEntry<'_>]) -> Rendered {
    json(edges)
}

/// `catalog show` as JSON.
pub fn show(shown: &Shown<'_>) -> Rendered {
    json(shown)
}
