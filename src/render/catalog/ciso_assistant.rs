//! `catalog export --format ciso-assistant`: the library as the YAML that
//! CISO Assistant loads, in the key order of its own libraries. Every text
//! goes through [`scalar`], so that CISO Assistant's YAML 1.1 reader takes
//! `4.1` for the string it is, not a number.

use std::fmt::Write as _;

use crate::analysis::ciso_assistant::{Library, Mapping, MappingSet, RequirementNode};
use crate::render::Rendered;
use crate::yaml::scalar;

/// The library's text.
pub fn library(library: &Library) -> Rendered {
    let mut out = String::new();
    out.push_str(
        "# A CISO Assistant library, written by `ims catalog export --format ciso-assistant`.\n",
    );
    out.push_str(
        "# Load it on CISO Assistant's libraries page; the ims manual says how (docs/catalogues.md).\n",
    );
    writeln!(out, "urn: {}", scalar(&library.urn))?;
    writeln!(out, "locale: {}", scalar(library.locale))?;
    writeln!(out, "ref_id: {}", scalar(&library.ref_id))?;
    writeln!(out, "name: {}", scalar(&library.name))?;
    writeln!(out, "description: {}", scalar(&library.description))?;
    writeln!(out, "copyright: {}", scalar(&library.copyright))?;
    writeln!(out, "version: {}", library.version)?;
    // A date, written as CISO Assistant's own libraries write it.
    writeln!(out, "publication_date: {}", library.publication_date)?;
    writeln!(out, "provider: {}", scalar(&library.provider))?;
    writeln!(out, "packager: {}", scalar(library.packager))?;
    out.push_str("dependencies:\n");
    for urn in &library.dependencies {
        writeln!(out, "- {}", scalar(urn))?;
    }
    out.push_str("objects:\n  framework:\n");
    let framework = &library.framework;
    writeln!(out, "    urn: {}", scalar(&framework.urn))?;
    writeln!(out, "    ref_id: {}", scalar(&framework.ref_id))?;
    writeln!(out, "    name: {}", scalar(&framework.name))?;
    writeln!(out, "    description: {}", scalar(&framework.description))?;
    out.push_str("    requirement_nodes:\n");
    for node in &framework.nodes {
        requirement_node(&mut out, node)?;
    }
    out.push_str("  requirement_mapping_sets:\n");
    for set in &library.mapping_sets {
        mapping_set(&mut out, set)?;
    }
    Ok(out)
}

fn requirement_node(out: &mut String, node: &RequirementNode) -> std::fmt::Result {
    writeln!(out, "    - urn: {}", scalar(&node.urn))?;
    writeln!(out, "      assessable: {}", node.assessable)?;
    writeln!(out, "      depth: {}", node.depth)?;
    if let Some(parent) = &node.parent_urn {
        writeln!(out, "      parent_urn: {}", scalar(parent))?;
    }
    writeln!(out, "      ref_id: {}", scalar(&node.ref_id))?;
    writeln!(out, "      name: {}", scalar(&node.name))?;
    writeln!(out, "      description: {}", scalar(&node.description))
}

fn mapping_set(out: &mut String, set: &MappingSet) -> std::fmt::Result {
    writeln!(out, "  - urn: {}", scalar(&set.urn))?;
    writeln!(out, "    ref_id: {}", scalar(&set.ref_id))?;
    writeln!(out, "    name: {}", scalar(&set.name))?;
    writeln!(out, "    description: {}", scalar(&set.description))?;
    writeln!(
        out,
        "    source_framework_urn: {}",
        scalar(&set.source_framework_urn)
    )?;
    writeln!(
        out,
        "    target_framework_urn: {}",
        scalar(&set.target_framework_urn)
    )?;
    out.push_str("    requirement_mappings:\n");
    for mapping in &set.mappings {
        requirement_mapping(out, mapping)?;
    }
    Ok(())
}

fn requirement_mapping(out: &mut String, mapping: &Mapping) -> std::fmt::Result {
    writeln!(
        out,
        "    - source_requirement_urn: {}",
        scalar(&mapping.source_urn)
    )?;
    writeln!(
        out,
        "      target_requirement_urn: {}",
        scalar(&mapping.target_urn)
    )?;
    writeln!(out, "      relationship: {}", scalar(mapping.relationship))?;
    writeln!(out, "      strength_of_relationship: {}", mapping.strength)?;
    writeln!(out, "      rationale: {}", scalar(mapping.rationale))?;
    writeln!(out, "      annotation: {}", scalar(&mapping.annotation))
}
