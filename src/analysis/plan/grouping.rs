//! Grouping the open items into packages: shared elements, joint work,
//! extensions of work in place, then single-standard work.

use std::collections::{BTreeMap, HashMap};

use super::{MAX_PACKAGE, PackageKind, SINGLE_PACKAGE, SUBSTANTIAL};
use crate::analysis::Scope;
use crate::model::{Catalog, DocumentKind, ItemIndex, Node, StandardIndex};
use crate::status::Status;
use crate::status::resolve::Statuses;

/// Open items grouped into packages, with what each package is.
pub(super) struct Partition {
    /// The package id of each open item.
    pub(super) of: Vec<usize>,
    /// The members of each package id; empty once merged away.
    members: Vec<Vec<usize>>,
    /// What each package id is: its kind and, for a shared element, its name.
    label: Vec<Option<(PackageKind, String)>>,
    /// Package ids in the order they were settled, for stable output.
    live: Vec<usize>,
}

impl Partition {
    pub(super) fn new(items: usize) -> Self {
        Self {
            of: (0..items).collect(),
            members: (0..items).map(|i| vec![i]).collect(),
            label: vec![None; items],
            live: Vec::new(),
        }
    }

    /// Merges package `b` into `a` when the result stays within the size
    /// cap and no package waits, directly or through others, for itself.
    pub(super) fn merge(&mut self, a: usize, b: usize, waits: &[Vec<usize>]) -> bool {
        if a == b {
            return true;
        }
        if self.members[a].len() + self.members[b].len() > MAX_PACKAGE {
            return false;
        }
        let tentative: Vec<usize> = self
            .of
            .iter()
            .map(|&package| if package == b { a } else { package })
            .collect();
        if !acyclic(&tentative, waits) {
            return false;
        }
        let moved = std::mem::take(&mut self.members[b]);
        for &item in &moved {
            self.of[item] = a;
        }
        self.members[a].extend(moved);
        self.members[a].sort_unstable();
        true
    }

    /// The packages, each a list of open items in catalogue order, in a
    /// stable order: the order in which they were first formed, then the
    /// rest by their first item.
    pub(super) fn packages(&mut self) -> Vec<Vec<usize>> {
        let mut ids: Vec<usize> = (0..self.members.len())
            .filter(|&p| !self.members[p].is_empty())
            .collect();
        ids.sort_by_key(|&p| self.members[p][0]);
        self.live = ids;
        self.live.iter().map(|&p| self.members[p].clone()).collect()
    }

    /// The position in `packages()` of package id `id`.
    pub(super) fn package_of(&self, id: usize) -> usize {
        self.live.iter().position(|&p| p == id).unwrap_or(0)
    }

    /// The one standard all items of package id `id` belong to, if they do.
    fn one_standard(&self, id: usize, open: &[Node]) -> Option<StandardIndex> {
        let first = open[*self.members[id].first()?].standard;
        self.members[id]
            .iter()
            .all(|&i| open[i].standard == first)
            .then_some(first)
    }

    /// Work for one standard, or joint work for several.
    fn single_or_joint(&self, id: usize, open: &[Node]) -> PackageKind {
        match self.one_standard(id, open) {
            Some(_) => PackageKind::Single,
            None => PackageKind::Joint,
        }
    }

    pub(super) fn kind(&self, package: usize, open: &[Node]) -> PackageKind {
        let id = self.live[package];
        match &self.label[id] {
            Some((kind, _)) => *kind,
            None => self.single_or_joint(id, open),
        }
    }

    pub(super) fn title(&self, catalog: &Catalog, open: &[Node], package: usize) -> String {
        let id = self.live[package];
        let members = &self.members[id];
        let title_of = |i: usize| catalog.item(open[i]).title.clone();
        match (&self.label[id], self.kind(package, open)) {
            (Some((_, name)), _) => name.clone(),
            (None, PackageKind::Joint) => {
                // The process that the others are done through, when there
                // is one; else the first item.
                let hub = members
                    .iter()
                    .copied()
                    .find(|&i| catalog.item(open[i]).kind == crate::model::Kind::Process)
                    .unwrap_or(members[0]);
                title_of(hub)
            }
            _ => {
                let node = open[members[0]];
                let standard = &catalog.standards[node.standard];
                let group = &standard.items[standard.items[node.item].group];
                if members.len() == 1 {
                    title_of(members[0])
                } else if members.len() <= 3 {
                    let ids: Vec<&str> = members
                        .iter()
                        .map(|&i| catalog.item(open[i]).id.as_str())
                        .collect();
                    format!("{}: {}", group.title, ids.join(", "))
                } else {
                    let last = catalog.item(open[members[members.len() - 1]]);
                    format!("{}: {} to {}", group.title, catalog.item(node).id, last.id)
                }
            }
        }
    }
}

/// Whether grouping items by `of` leaves the packages free of waiting for
/// themselves, directly or through others.
pub(super) fn acyclic(of: &[usize], waits: &[Vec<usize>]) -> bool {
    let mut edges: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (item, list) in waits.iter().enumerate() {
        for &other in list {
            let (from, to) = (of[item], of[other]);
            if from == to {
                return false;
            }
            edges.entry(from).or_default().push(to);
        }
    }
    // Iterative depth-first search: 1 on the path, 2 done.
    let mut state: HashMap<usize, u8> = HashMap::new();
    for &start in edges.keys() {
        if state.contains_key(&start) {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        state.insert(start, 1);
        while let Some((node, next)) = stack.pop() {
            let targets = edges.get(&node).map_or(&[][..], Vec::as_slice);
            if let Some(&target) = targets.get(next) {
                stack.push((node, next + 1));
                match state.get(&target) {
                    Some(1) => return false,
                    Some(_) => {}
                    None => {
                        state.insert(target, 1);
                        stack.push((target, 0));
                    }
                }
            } else {
                state.insert(node, 2);
            }
        }
    }
    true
}

/// Step 1: one package (or several, where its items wait for each other)
/// per shared management-system element.
///
/// A package whose open items all belong to one standard, while another
/// standard has the element in place, extends that work rather than
/// sharing it; with nothing in place elsewhere it is one standard's work.
pub(super) fn shared_elements(
    catalog: &Catalog,
    scope: &Scope,
    statuses: &Statuses<'_>,
    open: &[Node],
    waits: &[Vec<usize>],
    partition: &mut Partition,
) {
    let position: HashMap<Node, usize> = open.iter().enumerate().map(|(i, &n)| (n, i)).collect();
    let mut elements: Vec<(&str, Vec<usize>)> = Vec::new();
    // Every standard with part of each element in place.
    let mut in_place: HashMap<&str, Vec<StandardIndex>> = HashMap::new();
    for crosswalk in &catalog.crosswalks {
        if !scope.reports(crosswalk.source) && !scope.reports(crosswalk.target) {
            continue;
        }
        for edge in &crosswalk.edges {
            let Some(name) = edge.element.as_deref() else {
                continue;
            };
            let items: Vec<usize> = edge
                .source
                .nodes()
                .chain(edge.target.nodes())
                .filter_map(|node| position.get(&node).copied())
                .collect();
            for node in edge.source.nodes().chain(edge.target.nodes()) {
                if statuses.status(node).is_some_and(Status::in_place) {
                    in_place.entry(name).or_default().push(node.standard);
                }
            }
            match elements.iter_mut().find(|(element, _)| *element == name) {
                Some((_, list)) => list.extend(items),
                None => elements.push((name, items)),
            }
        }
    }
    let mut claimed = vec![false; open.len()];
    for (name, mut items) in elements {
        items.sort_unstable();
        items.dedup();
        items.retain(|&i| !claimed[i]);
        let mut packages: Vec<usize> = Vec::new();
        for item in items {
            claimed[item] = true;
            let own = partition.of[item];
            let joined = packages
                .iter()
                .any(|&package| partition.merge(package, own, waits));
            if !joined {
                packages.push(own);
            }
        }
        let split = packages.len() > 1;
        for package in packages {
            let title = if split {
                let members = &partition.members[package];
                let first = catalog.item(open[members[0]]);
                if members.len() == 1 {
                    format!("{name}: {} {}", first.id, first.title)
                } else {
                    let ids: Vec<&str> = members
                        .iter()
                        .map(|&i| catalog.item(open[i]).id.as_str())
                        .collect();
                    format!("{name}: {}", ids.join(", "))
                }
            } else {
                name.to_owned()
            };
            let kind = match partition.one_standard(package, open) {
                None => PackageKind::Shared,
                Some(only)
                    if in_place
                        .get(name)
                        .is_some_and(|standards| standards.iter().any(|&s| s != only)) =>
                {
                    PackageKind::Extend
                }
                Some(_) => PackageKind::Single,
            };
            partition.label[package] = Some((kind, title));
        }
    }
}

/// Step 2: items of different standards joined by substantial edges, the
/// strongest first.
pub(super) fn joint_work(
    catalog: &Catalog,
    scope: &Scope,
    open: &[Node],
    waits: &[Vec<usize>],
    partition: &mut Partition,
) {
    let position: HashMap<Node, usize> = open.iter().enumerate().map(|(i, &n)| (n, i)).collect();
    let mut edges: Vec<(f64, usize, usize)> = Vec::new();
    for (c, crosswalk) in catalog.crosswalks.iter().enumerate() {
        if !scope.reports(crosswalk.source) || !scope.reports(crosswalk.target) {
            continue;
        }
        for (e, edge) in crosswalk.edges.iter().enumerate() {
            let strength = edge.weight.max(edge.reverse_weight);
            if strength >= SUBSTANTIAL {
                edges.push((strength, c, e));
            }
        }
    }
    edges.sort_by(|a, b| b.0.total_cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
    for (_, c, e) in edges {
        let edge = &catalog.crosswalks[c].edges[e];
        let ends = |end: &crate::model::End| -> Vec<usize> {
            end.nodes()
                .filter_map(|node| position.get(&node).copied())
                .filter(|&i| partition.label[partition.of[i]].is_none())
                .collect()
        };
        let (sources, targets) = (ends(&edge.source), ends(&edge.target));
        if sources.is_empty() || targets.is_empty() {
            continue;
        }
        let mut packages: Vec<usize> = sources
            .iter()
            .chain(&targets)
            .map(|&i| partition.of[i])
            .collect();
        packages.sort_unstable();
        packages.dedup();
        let size: usize = packages.iter().map(|&p| partition.members[p].len()).sum();
        if size > MAX_PACKAGE {
            continue;
        }
        // All or nothing: try the merge on a copy first.
        let mut trial = Partition {
            of: partition.of.clone(),
            members: partition.members.clone(),
            label: partition.label.clone(),
            live: Vec::new(),
        };
        let first = packages[0];
        if packages[1..]
            .iter()
            .all(|&other| trial.merge(first, other, waits))
        {
            *partition = trial;
        }
    }
}

/// Step 3: what is left, one standard at a time. Items go with the other
/// open items written up in the same document of the set (documents taken
/// greedily, the one serving most of what is left first), so that a
/// package is the work of writing and running one document, named after
/// it; an item no document serves goes with its reporting group, in runs
/// in catalogue order.
pub(super) fn single_work(
    catalog: &Catalog,
    open: &[Node],
    waits: &[Vec<usize>],
    partition: &mut Partition,
) {
    #[derive(PartialEq)]
    enum Key {
        Document(usize),
        Group(StandardIndex, ItemIndex),
    }
    let singles: Vec<usize> = (0..open.len())
        .filter(|&item| {
            let package = partition.of[item];
            partition.label[package].is_none() && partition.members[package].len() == 1
        })
        .collect();
    let documents = cover(catalog, open, &singles);
    let mut groups: Vec<(Key, Vec<usize>)> = Vec::new();
    for (&item, document) in singles.iter().zip(documents) {
        let node = &open[item];
        let package = partition.of[item];
        let key = match document {
            Some(document) => Key::Document(document),
            None => Key::Group(node.standard, catalog.item(*node).group),
        };
        let own = package;
        let at = match groups.iter().position(|(k, _)| *k == key) {
            Some(at) => at,
            None => {
                groups.push((key, Vec::new()));
                groups.len() - 1
            }
        };
        let (key, list) = &mut groups[at];
        let joined = match key {
            // One document's work: any of its packages with room that the
            // item does not wait for.
            Key::Document(_) => list
                .iter()
                .any(|&package| partition.merge(package, own, waits)),
            // Runs in catalogue order: an item joins the group's last
            // package or starts the next one, so that each is one stretch.
            Key::Group(..) => list.last().is_some_and(|&package| {
                partition.members[package].len() < SINGLE_PACKAGE
                    && partition.merge(package, own, waits)
            }),
        };
        if !joined {
            list.push(own);
        }
    }
    for (key, packages) in groups {
        let Key::Document(document) = key else {
            continue;
        };
        let title = &catalog.documents[document].title;
        let count = packages.len();
        for (n, package) in packages.into_iter().enumerate() {
            let name = if count > 1 {
                format!("{title} (part {} of {count})", n + 1)
            } else {
                title.clone()
            };
            // One document may serve items of several standards: one
            // piece of work for all of them.
            let kind = partition.single_or_joint(package, open);
            partition.label[package] = Some((kind, name));
        }
    }
}

/// The document each of `items` is written up in: the documents of the set
/// taken greedily, tier by tier (see [`work_tier`]), the one serving most
/// of the items not yet placed first (the first in the set on a tie), so
/// that the work falls into as few documents as it can; `None` for an item
/// no document serves.
fn cover(catalog: &Catalog, open: &[Node], items: &[usize]) -> Vec<Option<usize>> {
    let serving: Vec<Vec<usize>> = items
        .iter()
        .map(|&item| {
            let node = open[item];
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
    let mut placed: Vec<Option<usize>> = vec![None; items.len()];
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

/// Step 2b: items of one standard whose strongest substantial source is
/// the same work already in place for another standard: a package that
/// extends that work.
pub(super) fn extensions(
    catalog: &Catalog,
    scope: &Scope,
    statuses: &Statuses<'_>,
    open: &[Node],
    waits: &[Vec<usize>],
    partition: &mut Partition,
) {
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    for (item, &node) in open.iter().enumerate() {
        let package = partition.of[item];
        if partition.label[package].is_some() || partition.members[package].len() > 1 {
            continue;
        }
        let best = catalog
            .links(node)
            .iter()
            .filter(|link| link.weight >= SUBSTANTIAL)
            .filter_map(|link| {
                let other = catalog.other(link);
                let in_place = scope.all.contains(&other.standard)
                    && other
                        .nodes()
                        .all(|n| statuses.status(n).is_some_and(Status::in_place));
                in_place.then_some((link.weight, other))
            })
            .max_by(|a, b| a.0.total_cmp(&b.0));
        let Some((_, source)) = best else {
            continue;
        };
        let key = format!(
            "{}\u{0}{}",
            catalog.standards[source.standard].key,
            catalog.end_label(source)
        );
        let at = match groups.iter().position(|(k, _)| *k == key) {
            Some(at) => at,
            None => {
                groups.push((key.clone(), Vec::new()));
                groups.len() - 1
            }
        };
        let list = &mut groups[at].1;
        let joined = list
            .iter()
            .any(|&package| partition.merge(package, partition.of[item], waits));
        if !joined {
            list.push(package);
        }
        let settled = partition.of[item];
        let (standard, label) = key.split_once('\u{0}').unwrap_or(("", ""));
        let first = &catalog.standards[source.standard].items[source.named[0]];
        let title = match source.named.len() {
            1 => format!("Extend {} ({standard} {label})", first.title),
            // Several sources together: the package is named after its own
            // work, and says what it builds on.
            _ => {
                let own = partition.members[settled][0];
                format!(
                    "{}, building on {standard} {label}",
                    catalog.item(open[own]).title
                )
            }
        };
        partition.label[settled] = Some((PackageKind::Extend, title));
    }
}
