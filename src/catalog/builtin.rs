//! The catalogue files embedded in the binary, so ims works from any
//! directory. They are read at start by the fast YAML reader, like any
//! plainly written file.

/// What ims is for, named by its built-in standards: the first line of
/// `ims --help`.
pub const PURPOSE: &str =
    "Gap analysis for an integrated ISO/IEC 27001 and ISO/IEC 20000-1 management system";

/// The same, with what the analysis gives: `ims --help`.
pub const PURPOSE_LONG: &str = concat!(
    "Gap analysis for an integrated ISO/IEC 27001 and ISO/IEC 20000-1 management system.\n\n",
    "How far an organisation is on each standard, where the two overlap, what is missing, ",
    "and what the work done for one standard gives the other. Other standards are added as ",
    "catalogue data, with no change to the program."
);

/// The standard `ims catalog export` writes as a framework, by key.
pub const EXPORTED: &str = "iso20000";

/// What `ims catalog export` writes: its line in `ims catalog --help`.
pub const EXPORT_ABOUT: &str =
    "Write ISO/IEC 20000-1 and its crosswalk to ISO/IEC 27001:2022 as another tool's library";

/// CISO Assistant's own framework of a standard that we hold a catalogue of.
#[derive(Debug, Clone, Copy)]
pub struct Counterpart<'a> {
    /// Key of our catalogue of the same standard.
    pub key: &'a str,
    /// Text our catalogue's name must hold to be the edition CISO Assistant ships.
    pub edition: &'a str,
    /// Display name with edition.
    pub name: &'a str,
    /// Short name used in the ids of our mapping sets.
    pub slug: &'a str,
    /// URN of the CISO Assistant library that defines it.
    pub library_urn: &'a str,
    /// URN of its framework.
    pub framework_urn: &'a str,
    /// URN of its requirement nodes up to the node's id (lower-cased), without the colon.
    pub node_prefix: &'a str,
}

/// CISO Assistant's own ISO/IEC 27001:2022, which `ims catalog export
/// --format ciso-assistant` maps to: as its library
/// `backend/library/libraries/iso27001-2022.yaml` in
/// intuitem/ciso-assistant-community defines it (requirement nodes
/// `<node_prefix>:<id lower-cased>`, such as `...:a.5.24`).
pub const CISO_ASSISTANT_COUNTERPART: Counterpart<'static> = Counterpart {
    key: "iso27001",
    edition: "27001:2022",
    name: "ISO/IEC 27001:2022",
    slug: "iso27001-2022",
    library_urn: "urn:intuitem:risk:library:iso27001-2022",
    framework_urn: "urn:intuitem:risk:framework:iso27001-2022",
    node_prefix: "urn:intuitem:risk:req_node:iso27001-2022",
};

/// Built-in catalogue and crosswalk files: (name shown in problems, contents).
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "catalog/iso27001.yaml",
        include_str!("../../catalog/iso27001.yaml"),
    ),
    (
        "catalog/iso20000.yaml",
        include_str!("../../catalog/iso20000.yaml"),
    ),
    (
        "catalog/crosswalk-iso27001-iso20000.yaml",
        include_str!("../../catalog/crosswalk-iso27001-iso20000.yaml"),
    ),
    (
        "catalog/documents.yaml",
        include_str!("../../catalog/documents.yaml"),
    ),
];
