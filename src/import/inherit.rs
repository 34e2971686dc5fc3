//! Rows that show a status inherited from a heading (ims's own SoA and gap
//! CSV list every control, each with the heading its status comes from)
//! become one entry for the heading, and only where that invents nothing:
//! the heading's entry must say, for every control beneath it, what that
//! control's own row says. So the heading takes what its own row says, or
//! else what most rows that inherit from it say, and only when every
//! control beneath it has a row of its own in the sheet; a row that says
//! something else keeps an entry of its own, and so does every row when
//! some control beneath the heading is not in the sheet.

use std::collections::{BTreeMap, BTreeSet};

use super::rows::{Rows, invalid};
use super::{Imported, Place, problem};
use crate::diag::ProblemCode;
use crate::model::{ItemIndex, StandardIndex};

/// Whether two entries say the same, wherever they come from.
fn same_content(a: &Imported, b: &Imported) -> bool {
    Imported {
        standard: b.standard,
        item: b.item,
        id: b.id.clone(),
        row: b.row,
        ..a.clone()
    } == *b
}

/// Settles every claim: deepest headings first, so that a heading above
/// another knows which controls the lower one already speaks for.
pub(super) fn settle(rows: &mut Rows<'_>) {
    let mut by_heading: BTreeMap<(StandardIndex, ItemIndex), Vec<Imported>> = BTreeMap::new();
    for claim in std::mem::take(&mut rows.claims) {
        by_heading
            .entry((claim.entry.standard, claim.heading))
            .or_default()
            .push(claim.entry);
    }
    let depth = |standard: StandardIndex, item: ItemIndex| {
        let catalogue = &rows.catalog.standards[standard];
        std::iter::successors(Some(item), |&i| catalogue.items[i].parent).count()
    };
    let mut order: Vec<(StandardIndex, ItemIndex)> = by_heading.keys().copied().collect();
    order.sort_by_key(|&(s, h)| (std::cmp::Reverse(depth(s, h)), s, h));
    // Items that have an entry, or a heading's entry that speaks for them.
    let mut spoken: BTreeSet<(StandardIndex, ItemIndex)> = rows
        .out
        .entries
        .iter()
        .map(|e| (e.standard, e.item))
        .collect();
    for key in order {
        let claims = by_heading.remove(&key).unwrap_or_default();
        settle_heading(rows, key, claims, &mut spoken);
    }
}

/// Settles the rows that inherit from one heading.
fn settle_heading(
    rows: &mut Rows<'_>,
    (standard, heading): (StandardIndex, ItemIndex),
    claims: Vec<Imported>,
    spoken: &mut BTreeSet<(StandardIndex, ItemIndex)>,
) {
    let catalogue = &rows.catalog.standards[standard];
    let heading_id = catalogue.items[heading].id.clone();
    // The heading's own row, if the sheet has one; else what most rows
    // that inherit from it say, the first of them on a tie.
    let own = rows
        .out
        .entries
        .iter()
        .find(|e| e.standard == standard && e.item == heading)
        .cloned();
    let common = own.clone().or_else(|| {
        claims
            .iter()
            .max_by_key(|row| {
                let agreeing = claims.iter().filter(|o| same_content(row, o)).count();
                (agreeing, std::cmp::Reverse(row.row))
            })
            .map(|row| Imported {
                item: heading,
                id: heading_id.clone(),
                ..row.clone()
            })
    });
    let Some(common) = common else {
        return;
    };
    // Without a row of its own, the heading's entry would speak for every
    // control beneath it: each must have a row in the sheet.
    let claimed: BTreeSet<ItemIndex> = claims.iter().map(|c| c.item).collect();
    let unnamed: Vec<&str> = if own.is_some() {
        Vec::new()
    } else {
        catalogue
            .leaves_under(heading)
            .into_iter()
            .filter(|&leaf| {
                !claimed.contains(&leaf)
                    && !spoken.contains(&(standard, leaf))
                    && !rows.silent.contains(&(standard, leaf))
            })
            .map(|leaf| catalogue.items[leaf].id.as_str())
            .collect()
    };
    let refused = invalid(rows.catalog, &common);
    let accepted = unnamed.is_empty() && refused.is_empty();
    let why_not = if !unnamed.is_empty() {
        let shown: Vec<&str> = unnamed.iter().copied().take(3).collect();
        format!(
            "the sheet has no row for {}{} beneath it, which its entry would speak for too",
            shown.join(", "),
            match unnamed.len() - shown.len() {
                0 => String::new(),
                more => format!(" and {more} more"),
            }
        )
    } else {
        refused.join("; ")
    };
    let leaves = catalogue.leaves_under(heading);
    if accepted && own.is_none() {
        rows.seen.insert((standard, heading), common.row);
        rows.out.entries.push(common.clone());
        spoken.insert((standard, heading));
        // A control beneath that its row leaves not assessed stays so.
        for leaf in leaves {
            if rows.silent.contains(&(standard, leaf))
                && !claimed.contains(&leaf)
                && !spoken.contains(&(standard, leaf))
            {
                let entry = Imported {
                    item: leaf,
                    id: catalogue.items[leaf].id.clone(),
                    row: 0,
                    ..Imported {
                        standard,
                        ..Imported::default()
                    }
                };
                rows.out.entries.push(entry);
            }
            spoken.insert((standard, leaf));
        }
    } else if accepted {
        spoken.extend(leaves.into_iter().map(|leaf| (standard, leaf)));
    }
    for claim in claims {
        if accepted && same_content(&claim, &common) {
            // Said by the heading's entry; a second row for the item is
            // still a second row.
            if let Some(&first) = rows.seen.get(&(standard, claim.item)) {
                let why = format!("a second row for {} (the first is row {first})", claim.id);
                rows.keep(claim, vec![why]);
            } else {
                rows.seen.insert((standard, claim.item), claim.row);
            }
            continue;
        }
        let reason = if accepted {
            format!(
                "its row shows something else than {} for {heading_id}",
                own.as_ref()
                    .map_or("most rows beneath it".to_owned(), |o| format!(
                        "row {}",
                        o.row
                    ))
            )
        } else {
            why_not.clone()
        };
        let place = Place {
            sheet: rows.sheet.name.clone(),
            row: claim.row,
            column: None,
        };
        let problem = problem(
            &rows.out.file,
            &place,
            ProblemCode::OwnEntry,
            format!(
                "{} shows its status inherited from {heading_id}, but {reason}: written as {}'s own entry",
                claim.id, claim.id
            ),
        );
        rows.out.problems.push(problem);
        match rows.seen.get(&(standard, claim.item)) {
            Some(&first) => {
                let why = format!("a second row for {} (the first is row {first})", claim.id);
                rows.keep(claim, vec![why]);
            }
            None => {
                rows.seen.insert((standard, claim.item), claim.row);
                spoken.insert((standard, claim.item));
                rows.out.entries.push(claim);
            }
        }
    }
}
