//! Effort: the person-days an open item still needs, after what is in place
//! and after reuse, from the catalogue's estimate scaled for the
//! organisation, or the organisation's own estimate where it gives one.
//!
//! The rule, the same judgement the head start makes:
//! - an item's full effort is the catalogue's estimate times the status
//!   file's `effort-scale`;
//! - what is in place counts at its level (partial ½), so a partial item
//!   needs half its effort;
//! - reuse counts at its weight, the strongest source only, and never adds
//!   to the item's own level: the item needs `1 - max(level, reuse)` of its
//!   effort;
//! - an entry's own `effort` replaces all of this: it is the organisation's
//!   estimate of what is left.

use serde::Serialize;

use super::reuse::round2;
use crate::model::{Catalog, Node};
use crate::status::Status;
use crate::status::resolve::Resolved;

/// The effort still needed for one item, in person-days.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct ItemEffort {
    /// After what is in place and after reuse.
    pub days: f64,
    /// After what is in place, without reuse.
    pub without_reuse: f64,
    /// For the item from nothing, scaled: the size of the work, for sizing
    /// packages.
    pub full: f64,
}

impl ItemEffort {
    /// Nothing left to do.
    pub const NONE: ItemEffort = ItemEffort {
        days: 0.0,
        without_reuse: 0.0,
        full: 0.0,
    };
}

/// The effort `node` still needs, or `None` when its catalogue gives no
/// estimate and the status file none of its own; `reuse` is how much of it
/// its strongest in-place source gives now (0 to 1).
pub(crate) fn item_effort(
    catalog: &Catalog,
    node: Node,
    resolved: Resolved<'_>,
    reuse: f64,
    scale: f64,
) -> Option<ItemEffort> {
    let item = catalog.item(node);
    let full = item.effort.map(|days| days * scale);
    // An entry of the item's own that estimates what is left; headings carry none.
    let own = resolved
        .entry
        .filter(|_| resolved.inherited_from.is_none())
        .and_then(|entry| entry.effort);
    if let Some(days) = own {
        let days = round2(days);
        return Some(ItemEffort {
            days,
            without_reuse: days,
            full: full.unwrap_or(days),
        });
    }
    let full = full?;
    let level = match resolved.status {
        Some(Status::Implemented | Status::NotApplicable) => return Some(ItemEffort::NONE),
        Some(status) => status.weight(),
        None => 0.0,
    };
    let reused = reuse.max(level);
    // In hundredths of a day, so that totals are the sums of the figures
    // every format shows per item.
    Some(ItemEffort {
        days: round2(full * (1.0 - reused)),
        without_reuse: round2(full * (1.0 - level)),
        full,
    })
}

/// The effort left for a standard, or for a piece of work, in person-days.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Effort {
    /// After reuse: what is left to do.
    pub days: f64,
    /// Without reuse: what would be left if nothing could be carried over
    /// from the other standards.
    pub days_without_reuse: f64,
}

impl Effort {
    /// Adds one item's effort.
    pub(crate) fn add(&mut self, item: ItemEffort) {
        self.days += item.days;
        self.days_without_reuse += item.without_reuse;
    }

    /// The same figures in whole hundredths of a day: a sum of item
    /// figures, each already in hundredths, without the noise of binary
    /// fractions.
    pub(crate) fn rounded(self) -> Effort {
        Effort {
            days: round2(self.days),
            days_without_reuse: round2(self.days_without_reuse),
        }
    }
}
