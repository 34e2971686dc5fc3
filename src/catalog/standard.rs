//! Validation of one catalogue file into a [`Standard`].

use std::collections::HashMap;

use super::raw::{RawFile, RawItem};
use super::required_text;
use crate::diag::{Pos, ProblemCode, Problems};
use crate::model::{IdHasher, Item, ItemIndex, Kind, Standard};
use crate::suggest;
use crate::yaml::Located;

/// Keys of the status file that a standard key must not shadow.
pub const RESERVED_KEYS: &[&str] = crate::status::META_KEYS;

/// A validated standard, with where its key was written.
pub struct Draft {
    /// The standard.
    pub standard: Standard,
    /// Position of the key, for duplicate reports.
    pub key_pos: Pos,
}

impl Draft {
    /// Validates a catalogue file; `None` when its header is unusable.
    pub fn build(raw: RawFile, problems: &mut Problems) -> Option<Draft> {
        let Some(header) = raw.standard else {
            problems
                .add(
                    ProblemCode::MissingKey,
                    Pos::new(1, 1),
                    "the catalogue has no `standard` header",
                )
                .help("add `standard:` with `key`, `name`, `title` and `edition`");
            return None;
        };
        let header_pos = header.pos;
        let header = header.value;
        let key_pos = header.key.pos;
        let key = header.key.value.trim().to_owned();
        check_key(&key, key_pos, problems);
        let name = required_text(
            Some(header.name),
            || "the standard's `name`".to_owned(),
            header_pos,
            problems,
        );
        let title = required_text(
            Some(header.title),
            || "the standard's `title`".to_owned(),
            header_pos,
            problems,
        );
        let edition = required_text(
            Some(header.edition),
            || "the standard's `edition`".to_owned(),
            header_pos,
            problems,
        );

        let aspect = match header.aspect {
            Some(aspect) => {
                let pos = aspect.pos;
                let word = aspect.value.trim().to_owned();
                if word.is_empty() || word.contains(char::is_whitespace) {
                    problems.add(
                        ProblemCode::InvalidValue,
                        pos,
                        format!("the standard's `aspect` must be one word, not `{word}`"),
                    );
                    key.clone()
                } else {
                    word
                }
            }
            None => key.clone(),
        };
        let items = match raw.items {
            Some(items) if !items.is_empty() => build_items(items, problems),
            _ => {
                problems.add(
                    ProblemCode::MissingKey,
                    header_pos,
                    format!("catalogue `{key}` has no items"),
                );
                Vec::new()
            }
        };
        let index = items
            .iter()
            .enumerate()
            .map(|(position, item)| (item.id.clone(), ItemIndex::new(position)))
            .collect();
        Some(Draft {
            standard: Standard {
                key,
                name: name.unwrap_or_default(),
                title: title.unwrap_or_default(),
                edition: edition.unwrap_or_default(),
                aspect,
                file: problems.file().to_owned(),
                items,
                index,
                waits_for: Vec::new(),
            },
            key_pos,
        })
        .map(|mut draft| {
            draft.standard.waits_for = waits_for(&draft.standard, problems, header_pos);
            draft
        })
    }
}

fn check_key(key: &str, pos: Pos, problems: &mut Problems) {
    let well_formed = key.starts_with(|c: char| c.is_ascii_lowercase())
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !well_formed {
        problems
            .add(
                ProblemCode::InvalidValue,
                pos,
                format!("standard key `{key}` is not a lowercase word"),
            )
            .help("use lowercase letters, digits and dashes, starting with a letter, such as `iso9001`");
    } else if RESERVED_KEYS.contains(&key) {
        problems
            .add(
                ProblemCode::ReservedKey,
                pos,
                format!("standard key `{key}` is also a key of the status file"),
            )
            .help("choose another key; status files use it for the organisation's details");
    }
}

/// An item's `after` as written, resolved once every item is known.
struct PendingAfter {
    item: ItemIndex,
    ids: Vec<Located<String>>,
    reason: Option<Located<String>>,
    at: Pos,
}

fn build_items(raw_items: Vec<Located<RawItem>>, problems: &mut Problems) -> Vec<Item> {
    let mut items: Vec<Item> = Vec::with_capacity(raw_items.len());
    let mut pending: Vec<PendingAfter> = Vec::new();
    let mut seen: HashMap<String, Pos, IdHasher> =
        HashMap::with_capacity_and_hasher(raw_items.len(), IdHasher);
    let mut group_flags = Vec::with_capacity(raw_items.len());
    for raw in raw_items {
        let at = raw.pos;
        let raw = raw.value;
        let id = raw.id.value.trim().to_owned();
        if id.is_empty() || id.chars().any(|c| c.is_whitespace() || c.is_control()) {
            problems
                .add(
                    ProblemCode::InvalidValue,
                    raw.id.pos,
                    format!(
                        "item id `{}` is empty or contains spaces",
                        raw.id.value.escape_debug()
                    ),
                )
                .help("ids are written without spaces, such as `A.5.1` or `8.5.1.2`");
            continue;
        }
        if let Some(first) = seen.get(&id) {
            problems
                .add(
                    ProblemCode::DuplicateItem,
                    raw.id.pos,
                    format!("item `{id}` is already defined at line {}", first.line),
                )
                .help("give each item its own id");
            continue;
        }
        seen.insert(id.clone(), raw.id.pos);

        let kind = Kind::parse(raw.kind.value.trim()).unwrap_or_else(|| {
            let problem = problems.add(
                ProblemCode::UnknownKind,
                raw.kind.pos,
                format!("unknown kind `{}` for item `{id}`", raw.kind.value),
            );
            let known = Kind::ALL.map(Kind::as_str);
            problem.help(
                suggest::did_you_mean(&raw.kind.value, known)
                    .unwrap_or_else(|| format!("use one of: {}", known.join(", "))),
            );
            Kind::Clause
        });

        let parent = raw.parent.and_then(|parent| {
            let wanted = parent.value.trim();
            let found = items
                .iter()
                .position(|item| item.id == wanted)
                .map(ItemIndex::new);
            if found.is_none() {
                let problem = problems.add(
                    ProblemCode::UnknownParent,
                    parent.pos,
                    format!("parent `{wanted}` of item `{id}` is not defined above it"),
                );
                match suggest::did_you_mean(wanted, items.iter().map(|item| item.id.as_str())) {
                    Some(help) => problem.help(help),
                    None => problem.help("define the parent item before its children"),
                };
            }
            found
        });

        let title = required_text(
            Some(raw.title),
            || format!("the title of `{id}`"),
            at,
            problems,
        );
        let summary = required_text(
            Some(raw.summary),
            || format!("the summary of `{id}`"),
            at,
            problems,
        );
        if let Some(parent) = parent {
            let position = ItemIndex::new(items.len());
            items[parent.get()].children.push(position);
        }
        group_flags.push(raw.group);
        let documented = raw.documented.and_then(|text| {
            required_text(
                Some(text),
                || format!("what `{id}` documents"),
                at,
                problems,
            )
        });
        match (raw.after, raw.after_reason) {
            (Some(ids), reason) => pending.push(PendingAfter {
                item: ItemIndex::new(items.len()),
                ids,
                reason,
                at,
            }),
            (None, Some(reason)) => {
                problems
                    .add(
                        ProblemCode::UnknownKey,
                        reason.pos,
                        format!("`after-reason` of `{id}` explains an `after` that is not there"),
                    )
                    .help("add `after: [...]` with the items this one waits for, or remove the reason");
            }
            (None, None) => {}
        }
        items.push(Item {
            id,
            title: title.unwrap_or_default(),
            kind,
            parent,
            children: Vec::new(),
            excludable: raw.excludable,
            summary: summary.unwrap_or_default(),
            group: ItemIndex::default(),
            after: Vec::new(),
            after_reason: None,
            documented,
        });
    }
    for index in 0..items.len() {
        items[index].group = reporting_group(&items, &group_flags, ItemIndex::new(index));
    }
    resolve_after(&mut items, pending, problems);
    items
}

/// Resolves every `after` to item indexes, reporting unknown ids, an item
/// that names itself or an item above or beneath it, and a missing reason.
fn resolve_after(items: &mut [Item], pending: Vec<PendingAfter>, problems: &mut Problems) {
    for entry in pending {
        let id = items[entry.item.get()].id.clone();
        let reason = required_text(
            entry.reason,
            || format!("the `after-reason` of `{id}` (why it waits)"),
            entry.at,
            problems,
        );
        let mut after = Vec::with_capacity(entry.ids.len());
        for wanted in entry.ids {
            let name = wanted.value.trim();
            let Some(found) = items.iter().position(|item| item.id == name) else {
                let problem = problems.add(
                    ProblemCode::UnknownItem,
                    wanted.pos,
                    format!("`{id}` waits for `{name}`, which the catalogue does not define"),
                );
                if let Some(help) =
                    suggest::did_you_mean(name, items.iter().map(|item| item.id.as_str()))
                {
                    problem.help(help);
                }
                continue;
            };
            let found = ItemIndex::new(found);
            if related(items, entry.item, found) {
                problems
                    .add(
                        ProblemCode::DependencyCycle,
                        wanted.pos,
                        format!("`{id}` waits for `{name}`, which is itself or above or beneath it"),
                    )
                    .help("an item waits for other work; what is above or beneath it is the same work");
                continue;
            }
            if !after.contains(&found) {
                after.push(found);
            }
        }
        let item = &mut items[entry.item.get()];
        item.after = after;
        item.after_reason = reason;
    }
}

/// Whether `a` and `b` are one item, or one is above the other.
fn related(items: &[Item], a: ItemIndex, b: ItemIndex) -> bool {
    let above = |mut from: ItemIndex, target: ItemIndex| loop {
        if from == target {
            return true;
        }
        match items[from.get()].parent {
            Some(parent) => from = parent,
            None => return false,
        }
    };
    above(a, b) || above(b, a)
}

/// For each assessable item, the assessable items it waits for (its own
/// `after` and its headings', headings taken as their leaves); reports each
/// cycle once, naming the items on it.
pub fn waits_for(standard: &Standard, problems: &mut Problems, at: Pos) -> Vec<Vec<ItemIndex>> {
    let mut waits: Vec<Vec<ItemIndex>> = vec![Vec::new(); standard.items.len()];
    for leaf in standard.leaves() {
        let mut list: Vec<ItemIndex> = Vec::new();
        let mut current = Some(leaf);
        while let Some(item) = current {
            for &named in &standard.items[item.get()].after {
                for target in standard.leaves_under(named) {
                    if !list.contains(&target) {
                        list.push(target);
                    }
                }
            }
            current = standard.items[item.get()].parent;
        }
        list.sort_unstable();
        waits[leaf.get()] = list;
    }
    // Depth-first search for a cycle: 0 unvisited, 1 on the path, 2 done.
    let mut state = vec![0u8; standard.items.len()];
    let mut path: Vec<ItemIndex> = Vec::new();
    fn visit(
        at: ItemIndex,
        waits: &[Vec<ItemIndex>],
        state: &mut [u8],
        path: &mut Vec<ItemIndex>,
    ) -> Option<Vec<ItemIndex>> {
        state[at.get()] = 1;
        path.push(at);
        for &next in &waits[at.get()] {
            match state[next.get()] {
                1 => {
                    let start = path.iter().position(|&item| item == next).unwrap_or(0);
                    return Some(path[start..].to_vec());
                }
                0 => {
                    if let Some(cycle) = visit(next, waits, state, path) {
                        return Some(cycle);
                    }
                }
                _ => {}
            }
        }
        path.pop();
        state[at.get()] = 2;
        None
    }
    for leaf in standard.leaves() {
        if state[leaf.get()] != 0 {
            continue;
        }
        if let Some(cycle) = visit(leaf, &waits, &mut state, &mut path) {
            let ids: Vec<&str> = cycle
                .iter()
                .map(|&item| standard.items[item.get()].id.as_str())
                .collect();
            problems
                .add(
                    ProblemCode::DependencyCycle,
                    at,
                    format!(
                        "items of {} wait for each other: {} -> {}",
                        standard.key,
                        ids.join(" -> "),
                        ids[0]
                    ),
                )
                .help("remove one `after` on the cycle; each item must be able to start once what it waits for is done");
            // Stop: everything else depends on this one being fixed.
            break;
        }
    }
    waits
}

/// The nearest item at or above `index` flagged as a group, else the root.
fn reporting_group(items: &[Item], flags: &[bool], index: ItemIndex) -> ItemIndex {
    let mut current = index;
    loop {
        if flags[current.get()] {
            return current;
        }
        match items[current].parent {
            Some(parent) => current = parent,
            None => return current,
        }
    }
}
