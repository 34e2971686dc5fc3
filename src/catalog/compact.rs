//! The built-in catalogues in a compact form, read at every start instead
//! of their YAML: the validated catalogue as [`postcard`] bytes, checked in
//! as `catalog/builtin.bin`.
//!
//! The YAML stays the source. The bytes are made from it by validating the
//! built-in files and serialising the result, and a test does that again
//! and fails on any difference, as crate-ci/typos keeps its dictionary:
//! after changing a built-in catalogue, regenerate them with
//!
//! ```text
//! IMS_UPDATE_CATALOG=overwrite cargo test --lib catalog::compact
//! ```

use crate::diag::InvalidInput;
use crate::model::{Catalog, Standard};

/// The compact form, as generated from the built-in YAML.
const COMPACT: &[u8] = include_bytes!("../../catalog/builtin.bin");

/// Where the compact form is kept, from the repository's root.
pub const PATH: &str = "catalog/builtin.bin";

/// The catalogue as bytes: the format version, then the catalogue.
pub fn encode(catalog: &Catalog) -> Result<Vec<u8>, postcard::Error> {
    postcard::to_allocvec(&(FORMAT, catalog))
}

/// Raised whenever the model's shape changes, so that bytes written for
/// another shape are never read as this one.
const FORMAT: u32 = 1;

/// The catalogue back from [`encode`]'s bytes, with its indexes rebuilt;
/// `None` for bytes of another format or shape.
pub fn decode(bytes: &[u8]) -> Option<Catalog> {
    let ((format, catalog), rest): ((u32, Catalog), &[u8]) =
        postcard::take_from_bytes(bytes).ok()?;
    if format != FORMAT || !rest.is_empty() {
        return None;
    }
    let Catalog {
        mut standards,
        crosswalks,
        documents,
        ..
    } = catalog;
    for standard in &mut standards {
        standard.index = Standard::index_items(&standard.items);
    }
    let mut catalog = Catalog::new(standards, crosswalks);
    catalog.documents = documents;
    Some(catalog)
}

/// The built-in catalogues: from the compact form, or validated from their
/// YAML should the compact form not read (it always does once its test
/// passes).
pub fn builtin() -> Result<Catalog, InvalidInput> {
    match decode(COMPACT) {
        Some(catalog) => Ok(catalog),
        None => super::load(&super::builtin_sources()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn from_yaml() -> Catalog {
        super::super::load(&super::super::builtin_sources()).expect("built-in catalogues validate")
    }

    #[test]
    fn the_checked_in_compact_form_is_the_yaml_regenerated() {
        let catalog = from_yaml();
        let fresh = encode(&catalog).expect("the catalogue serialises");
        if std::env::var_os("IMS_UPDATE_CATALOG").is_some_and(|value| value == "overwrite") {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(PATH);
            std::fs::write(&path, &fresh).expect("catalog/builtin.bin is writable");
            return;
        }
        assert!(
            fresh == COMPACT,
            "{PATH} differs from the built-in YAML: regenerate it with \
             `IMS_UPDATE_CATALOG=overwrite cargo test --lib catalog::compact` and commit it"
        );
    }

    #[test]
    fn the_compact_form_reads_back_as_the_catalogue_the_yaml_gives() {
        let catalog = from_yaml();
        let read = decode(COMPACT).expect("the compact form reads");
        // Every standard, item (effort and phase too), edge, exclusion
        // reason and document, and the indexes rebuilt from them.
        assert_eq!(read, catalog);
        assert!(
            read.standards
                .iter()
                .all(|s| s.index.len() == s.items.len())
        );
        assert!(!read.documents.is_empty());
        let effort = |c: &Catalog| {
            c.standards
                .iter()
                .flat_map(|s| &s.items)
                .filter(|i| i.effort.is_some())
                .count()
        };
        assert!(effort(&read) > 100, "the estimates are carried");
        assert_eq!(builtin().expect("built-in catalogues load"), catalog);
    }

    #[test]
    fn bytes_of_another_format_or_truncated_are_refused() {
        let catalog = from_yaml();
        assert!(decode(&postcard::to_allocvec(&(FORMAT + 1, &catalog)).unwrap()).is_none());
        let bytes = encode(&catalog).unwrap();
        assert!(decode(&bytes[..bytes.len() / 2]).is_none());
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decode(&longer).is_none());
        assert!(decode(&bytes).is_some());
    }
}
