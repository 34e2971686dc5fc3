//! The catalogue files embedded in the binary, so ims works from any
//! directory. They are read at start by the fast YAML reader, like any
//! plainly written file.

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
];
