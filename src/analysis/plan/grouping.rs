//! Grouping the open items into work packages: one deliverable, one
//! package.
//!
//! Items are bonded, strongest bond first, and two packages merge only when
//! the result is still one piece of work: the same phase, the same lane
//! (the open items of a live certificate are kept apart from the new
//! project), within [`MAX_PACKAGE_DAYS`], and no item of the one waiting
//! for an item of the other through a third package (a direct wait is done
//! in order inside the package).
//! 1. **Shared elements.** Items tagged in the crosswalk with one
//!    management-system element (policy, internal audit, ...).
//! 2. **One document.** The items written up in the same document of the
//!    set (each item's document chosen greedily: policies, procedures and
//!    plans first, then registers, then records; the one serving most of
//!    what is left first). The document set is where a process and the
//!    controls of the other standard it runs meet (incident management with
//!    the security incident controls, change management with A.8.32), so
//!    joint work needs no rule of its own.
//! 3. **Runs.** Items no document serves, in runs of their reporting group.
//!
//! A deliverable is split only where the rules above forbid one package:
//! its parts belong to different phases, or one part waits for work that
//! waits for the other.
//!
//! A package is named after the work it does (see [`Naming::title`]): the
//! catalogue's names for the work of its two largest items that have one,
//! else the
//! document it writes when it holds at least half of the open work written
//! up there, else its items' titles.

use std::collections::HashMap;

use super::PackageKind;
use crate::model::{Catalog, DocumentKind, Node, Phase};

/// Largest package, in person-days of the catalogue's reference
/// organisation (before reuse): the most one package of related work holds
/// before it is two.
pub const MAX_PACKAGE_DAYS: f64 = 40.0;

/// Largest package in items, where a catalogue gives no effort.
pub const MAX_PACKAGE_ITEMS: usize = 12;

/// Longest run of items that no document serves.
const RUN: usize = 6;

/// The weight from which an edge makes an open item of a live certificate
/// part of the new project's work rather than the certificate's own: two
/// fifths of one item or more is the same work as the other. In the
/// built-in crosswalk this is the weight of the security incident controls
/// taken together against incident management, the weakest link that is
/// still treated as one piece of work.
pub const SUBSTANTIAL: f64 = 0.4;

/// Most packages one check for a cycle visits before it gives up and keeps
/// the two packages apart: a bound that keeps grouping linear in the number
/// of items whatever the catalogue, at worst leaving two parts of one
/// deliverable separate.
const SEARCH_BUDGET: usize = 4096;

/// What grouping needs to know of each open item, by its position in the
/// plan's list of open items.
pub(super) struct Items<'a> {
    /// The open items, in catalogue order.
    pub open: &'a [Node],
    /// The open items each waits for.
    pub waits: &'a [Vec<usize>],
    /// Each one's phase.
    pub phase: Vec<Phase>,
    /// Whether each is an open item of a live certificate.
    pub live: Vec<bool>,
    /// Each one's size: its full effort, or 1 where there is no estimate.
    pub size: Vec<f64>,
    /// Whether sizes are person-days.
    pub sized: bool,
    /// The element tag of each, if it is on an edge that has one.
    pub element: Vec<Option<&'a str>>,
    /// The document each is written up in, if any.
    pub document: Vec<Option<usize>>,
    /// The length of the longest chain of open items each waits for: an
    /// item only ever waits, directly or not, for items of lower depth.
    pub depth: Vec<u32>,
}

impl<'a> Items<'a> {
    /// The facts for `open`, with `waits`; `live`, `phase` and `size` come
    /// from the caller, which knows the status file.
    pub fn new(
        catalog: &'a Catalog,
        open: &'a [Node],
        waits: &'a [Vec<usize>],
        live: Vec<bool>,
        size: Vec<f64>,
        sized: bool,
        reported: impl Fn(Node) -> bool,
    ) -> Self {
        let position: HashMap<Node, usize> =
            open.iter().enumerate().map(|(i, &n)| (n, i)).collect();
        let mut element = vec![None; open.len()];
        for crosswalk in &catalog.crosswalks {
            for edge in &crosswalk.edges {
                let Some(name) = edge.element.as_deref() else {
                    continue;
                };
                for node in edge.source.nodes().chain(edge.target.nodes()) {
                    if let Some(&item) = position.get(&node)
                        && reported(node)
                    {
                        element[item].get_or_insert(name);
                    }
                }
            }
        }
        Self {
            open,
            waits,
            phase: open.iter().map(|&node| catalog.item(node).phase).collect(),
            live,
            size,
            sized,
            element,
            document: cover(catalog, open),
            depth: depths(waits),
        }
    }
}

/// Each item's depth: 0 for an item that waits for nothing open, else one
/// more than the deepest item it waits for.
fn depths(waits: &[Vec<usize>]) -> Vec<u32> {
    let mut depth: Vec<Option<u32>> = vec![None; waits.len()];
    for start in 0..waits.len() {
        // Iterative depth-first walk; the catalogue has no cycle.
        let mut stack = vec![start];
        while let Some(&item) = stack.last() {
            if depth[item].is_some() {
                stack.pop();
                continue;
            }
            let pending: Vec<usize> = waits[item]
                .iter()
                .copied()
                .filter(|&w| depth[w].is_none())
                .collect();
            if pending.is_empty() {
                let deepest = waits[item].iter().filter_map(|&w| depth[w]).max();
                depth[item] = Some(deepest.map_or(0, |d| d + 1));
                stack.pop();
            } else {
                stack.extend(pending);
            }
        }
    }
    depth.into_iter().map(|d| d.unwrap_or(0)).collect()
}

/// Open items grouped into packages.
pub(super) struct Partition {
    /// The package id of each open item.
    pub of: Vec<usize>,
    /// The members of each package id, in catalogue order; empty once merged away.
    pub members: Vec<Vec<usize>>,
    /// The size of each package id.
    size: Vec<f64>,
    /// The least and the greatest depth of each package id's items.
    depths: Vec<(u32, u32)>,
    /// Visit marks for the cycle search, by package id.
    seen: Vec<u32>,
    /// The mark of the current search.
    stamp: u32,
}

impl Partition {
    /// Every item a package of its own.
    fn new(items: &Items<'_>) -> Self {
        let count = items.open.len();
        Self {
            of: (0..count).collect(),
            members: (0..count).map(|i| vec![i]).collect(),
            size: items.size.clone(),
            depths: items.depth.iter().map(|&d| (d, d)).collect(),
            seen: vec![0; count],
            stamp: 0,
        }
    }

    /// Whether packages `a` and `b` may become one (see the module's rules).
    fn can_merge(&mut self, a: usize, b: usize, items: &Items<'_>) -> bool {
        if a == b {
            return true;
        }
        let (first_a, first_b) = (self.members[a][0], self.members[b][0]);
        if items.phase[first_a] != items.phase[first_b]
            || items.live[first_a] != items.live[first_b]
        {
            return false;
        }
        let within = if items.sized {
            self.size[a] + self.size[b] <= MAX_PACKAGE_DAYS
        } else {
            self.members[a].len() + self.members[b].len() <= MAX_PACKAGE_ITEMS
        };
        within && self.apart(a, b, items) && self.apart(b, a, items)
    }

    /// Whether no item of package `from` waits for one of `to` through
    /// other packages; `false` too when the search runs past its budget. A
    /// direct wait is no bar: one package does its items in their order,
    /// as one writes a document's sections in theirs. A wait through a
    /// third package is: the merged package would wait for work that waits
    /// for it.
    fn apart(&mut self, from: usize, to: usize, items: &Items<'_>) -> bool {
        // Waits lead to lower depths only: no package whose items are all
        // no deeper than the shallowest of `to` can reach it.
        let floor = self.depths[to].0;
        if self.depths[from].1 <= floor {
            return true;
        }
        self.stamp += 1;
        let stamp = self.stamp;
        let mut stack = vec![from];
        self.seen[from] = stamp;
        let mut visited = 0;
        while let Some(package) = stack.pop() {
            for &member in &self.members[package] {
                for &waited in &items.waits[member] {
                    let next = self.of[waited];
                    if next == to {
                        if package == from {
                            continue;
                        }
                        return false;
                    }
                    if self.seen[next] != stamp && self.depths[next].1 > floor {
                        self.seen[next] = stamp;
                        visited += 1;
                        if visited > SEARCH_BUDGET {
                            return false;
                        }
                        stack.push(next);
                    }
                }
            }
        }
        true
    }

    /// Merges package `b` into `a` if it may; says whether they are one.
    fn merge(&mut self, a: usize, b: usize, items: &Items<'_>) -> bool {
        if a == b {
            return true;
        }
        if !self.can_merge(a, b, items) {
            return false;
        }
        let moved = std::mem::take(&mut self.members[b]);
        for &item in &moved {
            self.of[item] = a;
        }
        self.members[a].extend(moved);
        self.members[a].sort_unstable();
        self.size[a] += self.size[b];
        self.size[b] = 0.0;
        self.depths[a] = (
            self.depths[a].0.min(self.depths[b].0),
            self.depths[a].1.max(self.depths[b].1),
        );
        true
    }

    /// Puts `item` into the first of `packages` it may join, or adds its own
    /// package to them.
    fn join_any(&mut self, packages: &mut Vec<usize>, item: usize, items: &Items<'_>) {
        let own = self.of[item];
        if packages.contains(&own) {
            return;
        }
        let joined = packages
            .iter()
            .position(|&package| self.merge(package, own, items));
        match joined {
            // The package may have merged into another: keep ids current.
            Some(_) => {}
            None => packages.push(own),
        }
    }

    /// The packages, ordered by their first item in the catalogue; in each,
    /// the items in the order they are done: an item after those it waits
    /// for (by depth), else in catalogue order.
    pub fn packages(&self, items: &Items<'_>) -> Vec<Vec<usize>> {
        let mut list: Vec<Vec<usize>> = self
            .members
            .iter()
            .filter(|members| !members.is_empty())
            .cloned()
            .collect();
        list.sort_by_key(|members| members[0]);
        for members in &mut list {
            members.sort_by_key(|&item| (items.depth[item], item));
        }
        list
    }
}

/// The packages for the open items, in the order of their first item.
pub(super) fn group(catalog: &Catalog, items: &Items<'_>) -> Vec<Vec<usize>> {
    let mut partition = Partition::new(items);
    shared_elements(items, &mut partition);
    documents(items, &mut partition);
    runs(catalog, items, &mut partition);
    partition.packages(items)
}

/// Step 1: one package (or several, where the rules forbid one) per shared
/// management-system element.
fn shared_elements(items: &Items<'_>, partition: &mut Partition) {
    let mut elements: Vec<(&str, Vec<usize>)> = Vec::new();
    for (item, name) in items.element.iter().enumerate() {
        let Some(name) = name else { continue };
        match elements.iter_mut().find(|(element, _)| element == name) {
            Some((_, list)) => list.push(item),
            None => elements.push((name, vec![item])),
        }
    }
    for (_, members) in elements {
        let mut packages = Vec::new();
        for item in members {
            partition.join_any(&mut packages, item, items);
            packages.retain(|&package| !partition.members[package].is_empty());
        }
    }
}

/// Step 2: the items written up in one document, together.
fn documents(items: &Items<'_>, partition: &mut Partition) {
    let mut by_document: Vec<(usize, Vec<usize>)> = Vec::new();
    for (item, document) in items.document.iter().enumerate() {
        let Some(document) = *document else { continue };
        match by_document.iter_mut().find(|(d, _)| *d == document) {
            Some((_, list)) => list.push(item),
            None => by_document.push((document, vec![item])),
        }
    }
    for (_, members) in by_document {
        let mut packages: Vec<usize> = Vec::new();
        for item in members {
            partition.join_any(&mut packages, item, items);
            packages.retain(|&package| !partition.members[package].is_empty());
        }
    }
}

/// Step 3: what no document or element took, in runs of its reporting
/// group, in catalogue order.
fn runs(catalog: &Catalog, items: &Items<'_>, partition: &mut Partition) {
    let mut last: HashMap<(usize, usize), usize> = HashMap::new();
    for item in 0..items.open.len() {
        let alone = partition.members[partition.of[item]].len() == 1;
        if !alone || items.document[item].is_some() || items.element[item].is_some() {
            continue;
        }
        let node = items.open[item];
        let key = (node.standard.get(), catalog.item(node).group.get());
        let own = partition.of[item];
        let joined = last.get(&key).is_some_and(|&package| {
            partition.members[package].len() < RUN && partition.merge(package, own, items)
        });
        if !joined {
            last.insert(key, own);
        }
    }
}

/// The document each open item is written up in: the documents of the set
/// taken greedily, tier by tier (see [`work_tier`]), the one serving most of
/// the items not yet placed first (the first in the set on a tie), so that
/// the work falls into as few documents as it can; `None` for an item no
/// document serves.
fn cover(catalog: &Catalog, open: &[Node]) -> Vec<Option<usize>> {
    let serving: Vec<Vec<usize>> = open
        .iter()
        .map(|node| {
            catalog
                .documents
                .iter()
                .enumerate()
                .filter(|(_, document)| {
                    document.serves.iter().any(|(standard, served)| {
                        *standard == node.standard && served.contains(&node.item)
                    })
                })
                .map(|(index, _)| index)
                .collect()
        })
        .collect();
    let mut placed: Vec<Option<usize>> = vec![None; open.len()];
    for tier in 0..3 {
        loop {
            let mut counts = vec![0usize; catalog.documents.len()];
            for (position, documents) in serving.iter().enumerate() {
                if placed[position].is_none() {
                    for &document in documents {
                        if work_tier(catalog.documents[document].kind) == tier {
                            counts[document] += 1;
                        }
                    }
                }
            }
            let Some((best, &count)) = counts
                .iter()
                .enumerate()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(&a.0)))
            else {
                break;
            };
            if count == 0 {
                break;
            }
            for (position, documents) in serving.iter().enumerate() {
                if placed[position].is_none() && documents.contains(&best) {
                    placed[position] = Some(best);
                }
            }
        }
    }
    placed
}

/// How many of `members` each document holds, in order of first mention.
fn document_counts(items: &Items<'_>, members: &[usize]) -> Vec<(usize, usize)> {
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for &member in members {
        if let Some(document) = items.document[member] {
            match counts.iter_mut().find(|(d, _)| *d == document) {
                Some((_, n)) => *n += 1,
                None => counts.push((document, 1)),
            }
        }
    }
    counts
}

/// Which documents an item's work is written up in first: those that set
/// out how the work is done (policies, procedures, plans), then the lists
/// that are the work's result (registers), then the records that only
/// evidence it. A statement (the scope) and a matrix (who holds which role)
/// are decisions management takes before the work, as a policy is, so they
/// come first too.
fn work_tier(kind: DocumentKind) -> u8 {
    match kind {
        DocumentKind::Policy
        | DocumentKind::Statement
        | DocumentKind::Matrix
        | DocumentKind::Procedure
        | DocumentKind::Plan => 0,
        DocumentKind::Register => 1,
        DocumentKind::Record => 2,
    }
}

/// What a package's work is called, and what sort of work it is.
pub(super) struct Naming<'a> {
    pub catalog: &'a Catalog,
    pub items: &'a Items<'a>,
    /// For each document, the package that writes it: the one that holds
    /// most of its open items (see [`Naming::new`] for ties).
    owner: Vec<Option<usize>>,
}

impl<'a> Naming<'a> {
    /// The naming for `items` grouped into `packages`.
    pub fn new(catalog: &'a Catalog, items: &'a Items<'a>, packages: &[Vec<usize>]) -> Self {
        // Per document: the package with most of its items, then with most
        // items that expect documented information (the document is their
        // work), then the first.
        let mut owner: Vec<Option<(usize, (usize, usize))>> = vec![None; catalog.documents.len()];
        for (package, members) in packages.iter().enumerate() {
            for (document, count) in document_counts(items, members) {
                let documented = members
                    .iter()
                    .filter(|&&m| {
                        items.document[m] == Some(document)
                            && catalog.item(items.open[m]).documented.is_some()
                    })
                    .count();
                let score = (count, documented);
                if owner[document].is_none_or(|(_, best)| score > best) {
                    owner[document] = Some((package, score));
                }
            }
        }
        Self {
            catalog,
            items,
            owner: owner.into_iter().map(|o| o.map(|(p, _)| p)).collect(),
        }
    }

    /// A title in plain words, without ids: the catalogue's names for the
    /// work of the items that have one, the two largest (a risk
    /// treatment clause is done by writing the treatment plan and the
    /// Statement of Applicability); else the
    /// document the package writes, if it holds at least half of the open
    /// work written up there (a package that adds two items to a procedure
    /// another package writes is not that procedure); else its element; else its items' titles,
    /// the largest first, three at most and the rest counted.
    pub fn title(&self, package: usize, members: &[usize]) -> String {
        let catalog = self.catalog;
        let items = self.items;
        let largest_first = |list: &mut Vec<usize>| {
            list.sort_by(|&a, &b| items.size[b].total_cmp(&items.size[a]).then(a.cmp(&b)));
        };
        let mut ordered = members.to_vec();
        largest_first(&mut ordered);
        let mut works: Vec<&str> = Vec::new();
        for &m in &ordered {
            if let Some(work) = catalog.item(items.open[m]).work.as_deref()
                && !works.contains(&work)
            {
                works.push(work);
            }
        }
        if !works.is_empty() {
            works.truncate(2);
            return works.join("; ");
        }
        let main = document_counts(items, members)
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)));
        if let Some((document, count)) = main
            && self.owner[document] == Some(package)
            && 2 * count >= self.open_in(document)
        {
            return catalog.documents[document].title.clone();
        }
        let first = items.element[members[0]];
        if let Some(element) = first
            && members.len() > 1
            && members.iter().all(|&m| items.element[m] == first)
        {
            return element.to_owned();
        }
        // One title for items of several standards that share it.
        let mut titles: Vec<String> = Vec::new();
        for m in ordered {
            let title = self.item_title(m);
            if !titles.contains(&title) {
                titles.push(title);
            }
        }
        if titles.len() <= 3 {
            return titles.join("; ");
        }
        format!("{}; {} and {} more", titles[0], titles[1], titles.len() - 2)
    }

    /// An item's title for a package name: a bare "General" is named after
    /// the clause it opens.
    fn item_title(&self, member: usize) -> String {
        let node = self.items.open[member];
        let item = self.catalog.item(node);
        match item.parent {
            Some(parent) if item.title == "General" => self.catalog.standards[node.standard].items
                [parent]
                .title
                .clone(),
            _ => item.title.clone(),
        }
    }

    /// How many open items the document is where the work is written up.
    fn open_in(&self, document: usize) -> usize {
        self.items
            .document
            .iter()
            .filter(|&&d| d == Some(document))
            .count()
    }

    /// What sort of work a package is: a live certificate's, a shared
    /// element, joint work, an extension of work in place (reuse cuts its
    /// effort by half or more), or one standard's.
    pub fn kind(&self, members: &[usize], effort: (f64, f64)) -> PackageKind {
        let items = self.items;
        if items.live[members[0]] {
            return PackageKind::Maintain;
        }
        let standard = items.open[members[0]].standard;
        let several = members.iter().any(|&m| items.open[m].standard != standard);
        let (after_reuse, without) = effort;
        match several {
            true if members.iter().all(|&m| items.element[m].is_some()) => PackageKind::Shared,
            true => PackageKind::Joint,
            false if without > 0.0 && after_reuse <= 0.5 * without => PackageKind::Extend,
            false => PackageKind::Single,
        }
    }
}
