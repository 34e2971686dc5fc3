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
