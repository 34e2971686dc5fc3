//! The catalogue files embedded in the binary, so ims works from any directory.
//!
//! The build script has already parsed them (with the same parser and raw
//! types); `raw` rebuilds those values without reading YAML again.

use super::raw::{RawCrosswalk, RawEdge, RawFile, RawItem, RawNoCounterpart, RawStandard};
use crate::diag::Pos;
use crate::yaml::Located;

include!(concat!(env!("OUT_DIR"), "/builtin_raw.rs"));

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
