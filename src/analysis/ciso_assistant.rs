//! A standard and its crosswalk as a CISO Assistant library: the standard
//! as a framework of requirement nodes, and one requirement mapping set
//! each way between it and the framework CISO Assistant itself ships for
//! the other standard of the crosswalk (its "counterpart").
//!
//! How our edges become its mappings is told in `pairs.rs`.

use std::collections::BTreeMap;

pub use crate::catalog::Counterpart;
use crate::date::Date;
use crate::model::{Catalog, Crosswalk, Standard, StandardIndex};

/// What to export.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    /// Key of the standard written as a framework.
    pub standard: &'a str,
    /// The framework CISO Assistant ships for the other end of the crosswalk.
    pub counterpart: Counterpart<'a>,
    /// Names of the files a user loaded (with `--catalog`): data from them is
    /// theirs, not ims's, and the copyright says so.
    pub user_files: &'a [String],
}

/// Why the library cannot be written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExportError {
    /// A standard the export needs is not loaded.
    #[error("no loaded catalogue defines standard `{0}`, which the export needs")]
    MissingStandard(String),
    /// The counterpart catalogue is of another edition than CISO Assistant's framework.
    #[error("the loaded catalogue `{key}` is {name}, but CISO Assistant's framework is {expected}")]
    WrongEdition {
        /// The catalogue's key.
        key: String,
        /// Its name, with edition.
        name: String,
        /// The edition CISO Assistant ships.
        expected: String,
    },
    /// No crosswalk joins the two standards.
    #[error("no crosswalk joins `{0}` and `{1}`")]
    NoCrosswalk(String, String),
    /// The crosswalk's review date, which gives the version, is not a date.
    #[error("the crosswalk's date `{0}` is not a date")]
    BadDate(String),
    /// An id cannot be the last part of a URN.
    #[error("item `{id}` of {standard} cannot end a CISO Assistant URN: {why}")]
    BadId {
        /// The standard's key.
        standard: String,
        /// The id.
        id: String,
        /// What is wrong with it.
        why: String,
    },
}

impl ExportError {
    /// How to put it right.
    pub fn help(&self) -> String {
        match self {
            ExportError::MissingStandard(_) | ExportError::NoCrosswalk(..) => {
                "a --catalog that replaces either standard of the export must bring a crosswalk joining the two".to_owned()
            }
            ExportError::BadDate(_) => {
                "write the crosswalk's `date` as YYYY-MM-DD".to_owned()
            }
            ExportError::WrongEdition { .. } => {
                "CISO Assistant's mappings name the requirements of its own edition; export with a catalogue of that edition".to_owned()
            }
            ExportError::BadId { .. } => {
                "ids in a URN may hold letters, digits and `.-_()[]:`, and must stay distinct once lower-cased".to_owned()
            }
        }
    }
}

/// The library, ready to be written.
#[derive(Debug, Clone, PartialEq)]
pub struct Library {
    /// The library's URN, in our namespace.
    pub urn: String,
    /// Language of the texts.
    pub locale: &'static str,
    /// Short reference.
    pub ref_id: String,
    /// Display name.
    pub name: String,
    /// What the library holds.
    pub description: String,
    /// Whose the content is.
    pub copyright: String,
    /// Version: the crosswalk's review date as YYYYMMDD, so that a re-reviewed
    /// crosswalk loads as an update.
    pub version: u32,
    /// The crosswalk's review date, YYYY-MM-DD.
    pub publication_date: String,
    /// Publisher of the standard.
    pub provider: String,
    /// Who packaged the library.
    pub packager: &'static str,
    /// URNs of the libraries this one refers to.
    pub dependencies: Vec<String>,
    /// The standard as a framework.
    pub framework: Framework,
    /// One mapping set each way: from the counterpart, then to it.
    pub mapping_sets: Vec<MappingSet>,
}

/// The standard as a CISO Assistant framework.
#[derive(Debug, Clone, PartialEq)]
pub struct Framework {
    /// The framework's URN.
    pub urn: String,
    /// Short reference: the standard's name.
    pub ref_id: String,
    /// Display name.
    pub name: String,
    /// The standard's official title.
    pub description: String,
    /// Every item, in catalogue order (parents first).
    pub nodes: Vec<RequirementNode>,
}

/// One item as a requirement node.
#[derive(Debug, Clone, PartialEq)]
pub struct RequirementNode {
    /// The node's URN.
    pub urn: String,
    /// The id as the standard writes it.
    pub ref_id: String,
    /// The official title.
    pub name: String,
    /// Our one-line summary.
    pub description: String,
    /// 1 at the top.
    pub depth: usize,
    /// The parent's URN; none at the top.
    pub parent_urn: Option<String>,
    /// Whether audits assess it: a leaf is assessable, a heading is not.
    pub assessable: bool,
}

/// The mappings of one direction.
#[derive(Debug, Clone, PartialEq)]
pub struct MappingSet {
    /// The set's URN.
    pub urn: String,
    /// Short reference.
    pub ref_id: String,
    /// Display name.
    pub name: String,
    /// What it holds.
    pub description: String,
    /// The framework mapped from.
    pub source_framework_urn: String,
    /// The framework mapped to.
    pub target_framework_urn: String,
    /// The mappings, by source node then target node in catalogue order.
    pub mappings: Vec<Mapping>,
}

/// One requirement mapping.
#[derive(Debug, Clone, PartialEq)]
pub struct Mapping {
    /// The source node's URN.
    pub source_urn: String,
    /// The target node's URN.
    pub target_urn: String,
    /// "source REL target", in CISO Assistant's words.
    pub relationship: &'static str,
    /// The weight of this direction on 0 to 10.
    pub strength: u8,
    /// The kind of judgement: ours compare what implementing one
    /// requirement achieves for the other, NIST IR 8477's functional kind.
    pub rationale: &'static str,
    /// Our rationale, what is still needed, and the exact weight.
    pub annotation: String,
}

/// The NIST IR 8477 rationale kind of every ims judgement.
pub const RATIONALE: &str = "functional";

/// Builds the library of `request.standard` and its crosswalk to the counterpart.
pub fn library(catalog: &Catalog, request: &Request<'_>) -> Result<Library, ExportError> {
    let counterpart = request.counterpart;
    let find = |key: &str| {
        catalog
            .standard_index(key)
            .ok_or_else(|| ExportError::MissingStandard(key.to_owned()))
    };
    let ours = find(request.standard)?;
    let theirs = find(counterpart.key)?;
    let their_standard = &catalog.standards[theirs];
    if !their_standard.name.contains(counterpart.edition) {
        return Err(ExportError::WrongEdition {
            key: counterpart.key.to_owned(),
            name: their_standard.name.clone(),
            expected: counterpart.name.to_owned(),
        });
    }
    let crosswalk = catalog
        .crosswalks
        .iter()
        .find(|c| (c.source, c.target) == (ours, theirs) || (c.source, c.target) == (theirs, ours))
        .ok_or_else(|| {
            ExportError::NoCrosswalk(counterpart.key.to_owned(), request.standard.to_owned())
        })?;
    let standard = &catalog.standards[ours];
    let slug = standard_slug(standard);
    let our_urns = node_urns(catalog, ours, &node_prefix(standard))?;
    let their_urns = node_urns(catalog, theirs, counterpart.node_prefix)?;
    let framework_urn = format!("urn:ims:risk:framework:{slug}");
    let framework = framework(catalog, ours, &framework_urn, &our_urns);

    let provenance = &crosswalk.provenance;
    let [from_them, to_them] = pairs::pairs(crosswalk, theirs);
    let names = SetNames {
        counterpart,
        slug: &slug,
        name: &standard.name,
        method: &provenance.method,
        date: &provenance.date,
    };
    let mapping_sets = vec![
        names.set(
            Direction::FromCounterpart,
            &framework_urn,
            pairs::mappings(catalog, &from_them, &their_urns, &our_urns),
        ),
        names.set(
            Direction::ToCounterpart,
            &framework_urn,
            pairs::mappings(catalog, &to_them, &our_urns, &their_urns),
        ),
    ];
    let version = Date::parse(&provenance.date)
        .map(|date| {
            u32::from(date.year()) * 10_000 + u32::from(date.month()) * 100 + u32::from(date.day())
        })
        .ok_or_else(|| ExportError::BadDate(provenance.date.clone()))?;
    let provider = standard
        .name
        .split_whitespace()
        .next()
        .unwrap_or(&standard.name)
        .to_owned();
    Ok(Library {
        urn: format!("urn:ims:risk:library:{slug}"),
        locale: "en",
        ref_id: slug.clone(),
        name: format!(
            "{} with its crosswalk to {}",
            standard.name, counterpart.name
        ),
        description: format!(
            "{}. The requirements of {} as a framework, each with a one-line summary, and the ims crosswalk to {}: one mapping set each way, weighted per direction. {}; last reviewed {}.",
            standard.title.trim_end_matches('.'),
            standard.name,
            counterpart.name,
            capitalised(&provenance.method),
            provenance.date
        ),
        copyright: copyright(
            request,
            &standard.name,
            &standard.file,
            crosswalk,
            &provider,
        ),
        version,
        publication_date: provenance.date.clone(),
        provider,
        packager: "ims",
        dependencies: vec![counterpart.library_urn.to_owned()],
        framework,
        mapping_sets,
    })
}

/// The short name of `standard` in the URNs of the library ims writes.
fn standard_slug(standard: &Standard) -> String {
    // A name of no letters or digits leaves the key, which always has some.
    Some(slug(&standard.name))
        .filter(|slug| !slug.is_empty())
        .unwrap_or_else(|| slug(&standard.key))
}

/// The URN of `standard`'s requirement nodes in the library ims writes, up
/// to the node's id: what an audit CISO Assistant made on that framework
/// names its rows by.
pub fn node_prefix(standard: &Standard) -> String {
    format!("urn:ims:risk:req_node:{}", standard_slug(standard))
}

/// A name as the id part of a URN: lower case, every run of other
/// characters than letters and digits a single `-`.
fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// Every item's URN, by item index: `prefix:id`, the id lower-cased as
/// CISO Assistant stores URNs. Refuses ids a URN cannot end with, and two
/// ids that become one URN.
fn node_urns(
    catalog: &Catalog,
    standard: StandardIndex,
    prefix: &str,
) -> Result<Vec<String>, ExportError> {
    let key = &catalog.standards[standard].key;
    let bad = |id: &str, why: String| ExportError::BadId {
        standard: key.clone(),
        id: id.to_owned(),
        why,
    };
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    let mut urns = Vec::new();
    for item in &catalog.standards[standard].items {
        let id = item.id.to_lowercase();
        if let Some(c) = id
            .chars()
            .find(|&c| !(c.is_ascii_alphanumeric() || "[]()-._:".contains(c)))
        {
            return Err(bad(&item.id, format!("it holds `{c}`")));
        }
        if let Some(other) = seen.insert(id.clone(), &item.id) {
            return Err(bad(&item.id, format!("it is `{other}` once lower-cased")));
        }
        urns.push(format!("{prefix}:{id}"));
    }
    Ok(urns)
}

fn framework(catalog: &Catalog, index: StandardIndex, urn: &str, urns: &[String]) -> Framework {
    let standard = &catalog.standards[index];
    let mut depths: Vec<usize> = Vec::with_capacity(standard.items.len());
    let nodes = standard
        .items
        .iter()
        .enumerate()
        .map(|(at, item)| {
            // Parents come before their children in a catalogue.
            let depth = item.parent.map_or(1, |parent| depths[parent.get()] + 1);
            depths.push(depth);
            RequirementNode {
                urn: urns[at].clone(),
                ref_id: item.id.clone(),
                name: item.title.clone(),
                description: item.summary.clone(),
                depth,
                parent_urn: item.parent.map(|parent| urns[parent.get()].clone()),
                assessable: item.is_leaf(),
            }
        })
        .collect();
    Framework {
        urn: urn.to_owned(),
        ref_id: standard.name.clone(),
        name: standard.name.clone(),
        description: standard.title.clone(),
        nodes,
    }
}

fn copyright(
    request: &Request<'_>,
    name: &str,
    standard_file: &str,
    crosswalk: &Crosswalk,
    provider: &str,
) -> String {
    let facts = format!(
        "{name} is the work of {provider}: its clause numbers and official titles are reproduced as facts that identify its requirements, and none of its text is; obtain the standard from {provider} or a national body to read the requirements."
    );
    let users = |file: &str| request.user_files.iter().any(|user| user == file);
    let authors = crosswalk.provenance.authors.as_deref();
    if users(standard_file) || users(&crosswalk.file) {
        let by = authors.map(|who| format!(" by {who}")).unwrap_or_default();
        format!(
            "{facts} The summaries (from {standard_file}) and the crosswalk with its weights and rationales (from {}{by}) belong to their authors.",
            crosswalk.file
        )
    } else {
        format!(
            "{facts} The summaries and the crosswalk, with its weights and rationales, are written in their own words by {}, licensed {}.",
            authors.unwrap_or("the ims maintainers"),
            env!("CARGO_PKG_LICENSE")
        )
    }
}

/// Which way a mapping set reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    /// From the counterpart's framework to ours.
    FromCounterpart,
    /// From ours to the counterpart's.
    ToCounterpart,
}

/// What names the mapping sets.
struct SetNames<'a> {
    counterpart: Counterpart<'a>,
    slug: &'a str,
    name: &'a str,
    method: &'a str,
    date: &'a str,
}

impl SetNames<'_> {
    fn set(&self, direction: Direction, framework_urn: &str, mappings: Vec<Mapping>) -> MappingSet {
        let cp = self.counterpart;
        let (from_slug, to_slug, from_name, to_name, from_urn, to_urn) = match direction {
            Direction::FromCounterpart => (
                cp.slug,
                self.slug,
                cp.name,
                self.name,
                cp.framework_urn,
                framework_urn,
            ),
            Direction::ToCounterpart => (
                self.slug,
                cp.slug,
                self.name,
                cp.name,
                framework_urn,
                cp.framework_urn,
            ),
        };
        let ref_id = format!("{from_slug}-to-{to_slug}");
        MappingSet {
            urn: format!("urn:ims:risk:req_mapping_set:{ref_id}"),
            name: format!("{from_name} to {to_name}"),
            description: format!(
                "What a requirement of {from_name} in place gives {to_name}, by the ims crosswalk ({}, last reviewed {}). The relationship reads source to target; the strength is how much of the target the source satisfies, on 0 to 10.",
                self.method, self.date
            ),
            ref_id,
            source_framework_urn: from_urn.to_owned(),
            target_framework_urn: to_urn.to_owned(),
            mappings,
        }
    }
}

mod pairs;

#[cfg(test)]
use pairs::member_relationship;
pub use pairs::{ciso_relationship, strength};

#[cfg(test)]
mod tests;
