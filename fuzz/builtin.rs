//! The built-in catalogues, loaded once for every run of a fuzz target.

use std::sync::OnceLock;

use ims::model::Catalog;

/// The catalogues and crosswalks shipped in the binary.
pub fn builtin() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(
        || match ims::catalog::load(&ims::catalog::builtin_sources()) {
            Ok(catalog) => catalog,
            Err(_) => panic!("the built-in catalogues must load"),
        },
    )
}
