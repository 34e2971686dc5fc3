//! Raw serde types that mirror catalogue and crosswalk files exactly.
//! Only shapes are checked here; meaning is checked in `validate`.

use serde::Deserialize;

use crate::yaml::Located;

/// One file of a catalogue directory: either a standard or a crosswalk.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawFile {
    /// Present in a catalogue file.
    pub standard: Option<Located<RawStandard>>,
    /// The items of a catalogue file.
    pub items: Option<Vec<Located<RawItem>>>,
    /// Present in a crosswalk file.
    pub crosswalk: Option<Located<RawCrosswalk>>,
    /// Kinds of item that must each be decided (crosswalk files).
    pub decide: Option<Vec<Located<String>>>,
    /// The edges of a crosswalk file.
    pub edges: Option<Vec<Located<RawEdge>>>,
    /// Items with no counterpart (crosswalk files).
    pub no_counterpart: Option<Vec<Located<RawNoCounterpart>>>,
    /// The documents of a document-set file.
    pub documents: Option<Vec<Located<RawDocument>>>,
}

/// One document of a document-set file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawDocument {
    /// Short id, such as `IMS-POLICY`.
    pub id: Located<String>,
    /// Title, in our own words.
    pub title: Located<String>,
    /// `policy`, `statement`, `matrix`, `procedure`, `plan`, `register` or `record`.
    pub kind: Located<String>,
    /// What the document is for, in our own words.
    pub purpose: Located<String>,
    /// The items of each standard the document serves, by standard key.
    pub serves: Option<std::collections::BTreeMap<String, Vec<Located<String>>>>,
    /// Its sections, each tagged with the standards it serves.
    pub sections: Option<Vec<Located<RawSection>>>,
    /// The document a small organisation commonly writes it as part of.
    pub small_organisation: Option<Located<RawMerge>>,
}

/// Where a small organisation commonly merges a document, and why.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawMerge {
    /// The id of the document it goes into.
    pub merge_into: Located<String>,
    /// Why, in our own words.
    pub reason: Located<String>,
}

/// One section of a document.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawSection {
    /// Heading, in our own words.
    pub title: Located<String>,
    /// Keys of the standards the section serves; more than one makes it shared.
    pub serves: Vec<Located<String>>,
    /// What to write there, in our own words.
    pub prompt: Located<String>,
}

/// The header of a catalogue file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawStandard {
    /// Short key, such as `iso9001`.
    pub key: Located<String>,
    /// Display name with edition.
    pub name: Located<String>,
    /// Full official title.
    pub title: Located<String>,
    /// Edition and amendments covered.
    pub edition: Located<String>,
    /// One word for what the standard manages, naming its single-standard
    /// document sections: `security`, `service`.
    #[serde(default)]
    pub aspect: Option<Located<String>>,
}

/// One item of a catalogue file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawItem {
    /// Id as written.
    pub id: Located<String>,
    /// Official title.
    pub title: Located<String>,
    /// `clause`, `control`, `process` or `theme`.
    pub kind: Located<String>,
    /// Id of the parent item.
    pub parent: Option<Located<String>>,
    /// Whether the item may be declared not applicable.
    #[serde(default)]
    pub excludable: bool,
    /// Whether the item heads a reporting group.
    #[serde(default)]
    pub group: bool,
    /// One line in our own words.
    pub summary: Located<String>,
    /// Items of the same standard that must be in place before work on this
    /// one can sensibly start; a heading stands for every item beneath it.
    pub after: Option<Vec<Located<String>>>,
    /// Why, in our own words; required with `after`.
    pub after_reason: Option<Located<String>>,
    /// What documented information the item expects, in our own words.
    pub documented: Option<Located<String>>,
}

/// The header of a crosswalk file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawCrosswalk {
    /// Key of the standard whose items are edge sources.
    pub source: Located<String>,
    /// Key of the standard whose items are edge targets.
    pub target: Located<String>,
    /// Source edition judged against.
    pub source_edition: Located<String>,
    /// Target edition judged against.
    pub target_edition: Located<String>,
    /// How the edges were decided.
    pub method: Located<String>,
    /// Date of the last review, YYYY-MM-DD.
    pub date: Located<String>,
    /// Who is responsible for the judgements.
    pub authors: Option<String>,
}

/// One edge of a crosswalk file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawEdge {
    /// Source: an item id, a heading's id, or ids joined by `+`.
    pub source: Located<String>,
    /// Target: an item id, a heading's id, or ids joined by `+`.
    pub target: Located<String>,
    /// One of the four relationships.
    pub relationship: Located<String>,
    /// How much of the target the source satisfies, 0 to 1.
    pub weight: Option<Located<f64>>,
    /// How much of the source the target satisfies, 0 to 1.
    pub reverse_weight: Option<Located<f64>>,
    /// Why the items are related.
    pub rationale: Option<Located<String>>,
    /// What the target needs beyond the source.
    pub residual: Option<Located<String>>,
    /// What the source needs beyond the target.
    pub reverse_residual: Option<Located<String>>,
    /// Shared management-system element name.
    pub element: Option<Located<String>>,
}

/// One no-counterpart entry of a crosswalk file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawNoCounterpart {
    /// Standard key of the item.
    pub standard: Located<String>,
    /// Item id.
    pub id: Located<String>,
    /// Why the other standard has nothing that corresponds.
    pub reason: Option<Located<String>>,
}
