//! Validation of one catalogue file into a [`Standard`].

use std::collections::HashMap;

use super::raw::{RawFile, RawItem};
use super::required_text;
use crate::diag::{Pos, ProblemCode, Problems};
use crate::model::{IdHasher, Item, ItemIndex, Kind, Phase, Standard};
use crate::suggest;
use crate::yaml::Located;

/// Keys of the status file that a standard key must not shadow.
pub const RESERVED_KEYS: &[&str] = crate::status::TOP_KEYS;

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
        let effort_reference = header.effort_reference.and_then(|text| {
            required_text(
                Some(text),
                || "the standard's `effort-reference`".to_owned(),
                header_pos,
                problems,
            )
        });
        let (items, places) = match raw.items {
            Some(items) if !items.is_empty() => build_items(items, problems),
            _ => {
                problems.add(
                    ProblemCode::MissingKey,
                    header_pos,
                    format!("catalogue `{key}` has no items"),
                );
                (Vec::new(), Vec::new())
            }
        };
        let index = Standard::index_items(&items);
        Some(Draft {
            standard: Standard {
                key,
                name: name.unwrap_or_default(),
                title: title.unwrap_or_default(),
                edition: edition.unwrap_or_default(),
                aspect,
                effort_reference,
                file: problems.file().to_owned(),
                items,
                index,
                waits_for: Vec::new(),
            },
            key_pos,
        })
        .map(|mut draft| {
            draft.standard.waits_for = waits_for(&draft.standard, problems, header_pos);
            check_effort(&draft.standard, problems, header_pos);
            check_phase_order(&draft.standard, &places, problems);
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

/// The items of a catalogue file, and where each is written.
fn build_items(raw_items: Vec<Located<RawItem>>, problems: &mut Problems) -> (Vec<Item>, Vec<Pos>) {
    let mut items: Vec<Item> = Vec::with_capacity(raw_items.len());
    let mut places: Vec<Pos> = Vec::with_capacity(raw_items.len());
    let mut pending: Vec<PendingAfter> = Vec::new();
    let mut seen: HashMap<String, Pos, IdHasher> =
        HashMap::with_capacity_and_hasher(raw_items.len(), IdHasher);
    let mut group_flags = Vec::with_capacity(raw_items.len());
    // Each item's own phase as written; resolved through the headings below.
    let mut own_phases: Vec<Option<Phase>> = Vec::with_capacity(raw_items.len());
    let mut effort_at: Vec<Option<Pos>> = Vec::with_capacity(raw_items.len());
    // Each item defined so far, by id: a parent must be one of them.
    let mut defined: HashMap<String, ItemIndex, IdHasher> =
        HashMap::with_capacity_and_hasher(raw_items.len(), IdHasher);
    for raw in raw_items {
        let at = raw.pos;
        let raw = raw.value;
        let Some(id) = new_id(&raw.id, &mut seen, problems) else {
            continue;
        };
        let kind = item_kind(&raw.kind, &id, problems);
        let parent = raw
            .parent
            .and_then(|parent| find_parent(&parent, &id, &defined, &items, problems));

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
        let work = raw.work.and_then(|text| {
            required_text(
                Some(text),
                || format!("the work that puts `{id}` in place"),
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
            (None, Some(reason)) => reason_without_after(&reason, &id, problems),
            (None, None) => {}
        }
        let effort = raw.effort.and_then(|effort| {
            effort_at.push(Some(effort.pos));
            check_effort_value(&id, &effort, problems)
        });
        if effort_at.len() == items.len() {
            effort_at.push(None);
        }
        own_phases.push(
            raw.phase
                .and_then(|phase| parse_phase(&id, &phase, problems)),
        );
        places.push(at);
        defined.insert(id.clone(), ItemIndex::new(items.len()));
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
            effort,
            phase: Phase::Implement,
            work,
        });
    }
    settle_groups_and_phases(&mut items, &group_flags, &own_phases);
    refuse_heading_effort(&mut items, &effort_at, problems);
    resolve_after(&mut items, &defined, pending, problems);
    (items, places)
}

/// A new item's id, trimmed; `None`, with a problem, when it is empty,
/// holds spaces or is already defined.
fn new_id(
    raw: &Located<String>,
    seen: &mut HashMap<String, Pos, IdHasher>,
    problems: &mut Problems,
) -> Option<String> {
    let id = raw.value.trim().to_owned();
    if id.is_empty() || id.chars().any(|c| c.is_whitespace() || c.is_control()) {
        problems
            .add(
                ProblemCode::InvalidValue,
                raw.pos,
                format!(
                    "item id `{}` is empty or contains spaces",
                    raw.value.escape_debug()
                ),
            )
            .help("ids are written without spaces, such as `A.5.1` or `8.5.1.2`");
        return None;
    }
    if let Some(first) = seen.get(&id) {
        problems
            .add(
                ProblemCode::DuplicateItem,
                raw.pos,
                format!("item `{id}` is already defined at line {}", first.line),
            )
            .help("give each item its own id");
        return None;
    }
    seen.insert(id.clone(), raw.pos);
    Some(id)
}

/// An item's kind; a clause, with a problem, when the word is unknown.
fn item_kind(raw: &Located<String>, id: &str, problems: &mut Problems) -> Kind {
    Kind::parse(raw.value.trim()).unwrap_or_else(|| {
        let problem = problems.add(
            ProblemCode::UnknownKind,
            raw.pos,
            format!("unknown kind `{}` for item `{id}`", raw.value),
        );
        let known = Kind::ALL.map(Kind::as_str);
        problem.help(
            suggest::did_you_mean(&raw.value, known)
                .unwrap_or_else(|| format!("use one of: {}", known.join(", "))),
        );
        Kind::Clause
    })
}

/// An item's parent, which must be defined above it.
fn find_parent(
    parent: &Located<String>,
    id: &str,
    defined: &HashMap<String, ItemIndex, IdHasher>,
    items: &[Item],
    problems: &mut Problems,
) -> Option<ItemIndex> {
    let wanted = parent.value.trim();
    let found = defined.get(wanted).copied();
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
}

/// The problem for an `after-reason` with no `after` to explain.
fn reason_without_after(reason: &Located<String>, id: &str, problems: &mut Problems) {
    problems
        .add(
            ProblemCode::UnknownKey,
            reason.pos,
            format!("`after-reason` of `{id}` explains an `after` that is not there"),
        )
        .help("add `after: [...]` with the items this one waits for, or remove the reason");
}

/// Each item's reporting group, and its phase: its own, else its parent's.
fn settle_groups_and_phases(
    items: &mut [Item],
    group_flags: &[bool],
    own_phases: &[Option<Phase>],
) {
    for index in 0..items.len() {
        items[index].group = reporting_group(items, group_flags, ItemIndex::new(index));
        // Parents come first, so a parent's phase is settled before its children's.
        items[index].phase = match (own_phases[index], items[index].parent) {
            (Some(phase), _) => phase,
            (None, Some(parent)) => items[parent.get()].phase,
            (None, None) => Phase::Implement,
        };
    }
}

/// Effort is estimated on assessable items only: a heading's is refused.
fn refuse_heading_effort(items: &mut [Item], effort_at: &[Option<Pos>], problems: &mut Problems) {
    for (index, at) in effort_at.iter().enumerate() {
        if let Some(at) = at
            && !items[index].is_leaf()
        {
            problems
                .add(
                    ProblemCode::InvalidValue,
                    *at,
                    format!(
                        "`{}` is a heading; effort is estimated for the items beneath it",
                        items[index].id
                    ),
                )
                .help("move `effort` onto each assessable item beneath the heading");
            items[index].effort = None;
        }
    }
}

/// Largest effort one item may carry, in person-days: beyond it an item is
/// a project of its own and should be split in the catalogue.
const MAX_EFFORT: f64 = 250.0;

/// An item's effort if it is a positive number of person-days in quarter
/// days, at most [`MAX_EFFORT`]; reports anything else.
fn check_effort_value(id: &str, effort: &Located<f64>, problems: &mut Problems) -> Option<f64> {
    let value = effort.value;
    let quarters = value * 4.0;
    if value.is_finite() && value > 0.0 && value <= MAX_EFFORT && quarters == quarters.round() {
        return Some(value);
    }
    problems
        .add(
            ProblemCode::InvalidValue,
            effort.pos,
            format!("the effort of `{id}` is {value}, not a number of person-days from 0.25 to {MAX_EFFORT}"),
        )
        .help("write person-days in steps of a quarter day, such as `0.5`, `2` or `7.75`");
    None
}

/// An item's `phase`, reporting an unknown word.
fn parse_phase(id: &str, phase: &Located<String>, problems: &mut Problems) -> Option<Phase> {
    let word = phase.value.trim();
    let found = Phase::parse(word);
    if found.is_none() {
        let known = Phase::ALL.map(Phase::as_str);
        let problem = problems.add(
            ProblemCode::InvalidValue,
            phase.pos,
            format!("unknown phase `{word}` for item `{id}`"),
        );
        problem.help(
            suggest::did_you_mean(word, known)
                .unwrap_or_else(|| format!("use one of: {}", known.join(", "))),
        );
    }
    found
}

/// A catalogue estimates effort for every assessable item or for none, and
/// says who the estimates are for.
fn check_effort(standard: &Standard, problems: &mut Problems, at: Pos) {
    let estimated = standard
        .leaves()
        .any(|leaf| standard.items[leaf].effort.is_some());
    if !estimated {
        return;
    }
    if standard.effort_reference.is_none() {
        problems
            .add(
                ProblemCode::MissingKey,
                at,
                format!(
                    "catalogue `{}` estimates effort but does not say for what organisation",
                    standard.key
                ),
            )
            .help("add `effort-reference:` to the `standard` header, describing the organisation the person-days are for");
    }
    for leaf in standard.leaves() {
        let item = &standard.items[leaf];
        if item.effort.is_none() {
            problems
                .add(
                    ProblemCode::MissingEffort,
                    at,
                    format!(
                        "`{}` of {} has no `effort`, though other items of the catalogue have one",
                        item.id, standard.key
                    ),
                )
                .help("estimate every assessable item, so that plan totals and calendars count all the work");
        }
    }
}

/// No item waits for an item whose work belongs to a later phase: the plan
/// lays each phase's foundations before the next, which a backward wait
/// would contradict.
fn check_phase_order(standard: &Standard, places: &[Pos], problems: &mut Problems) {
    for leaf in standard.leaves() {
        let item = &standard.items[leaf];
        let later = standard
            .waits_for(leaf)
            .iter()
            .map(|&other| &standard.items[other])
            .find(|other| other.phase > item.phase);
        if let Some(other) = later {
            problems
                .add(
                    ProblemCode::PhaseOrder,
                    places.get(leaf.get()).copied().unwrap_or_default(),
                    format!(
                        "`{}` of {} ({} phase) waits for `{}` ({} phase), which comes later",
                        item.id, standard.key, item.phase, other.id, other.phase
                    ),
                )
                .help("move one of the two into another phase, or drop the wait");
        }
    }
}

/// Resolves every `after` to item indexes, reporting unknown ids, an item
/// that names itself or an item above or beneath it, and a missing reason.
fn resolve_after(
    items: &mut [Item],
    defined: &HashMap<String, ItemIndex, IdHasher>,
    pending: Vec<PendingAfter>,
    problems: &mut Problems,
) {
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
            let Some(&found) = defined.get(name) else {
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
