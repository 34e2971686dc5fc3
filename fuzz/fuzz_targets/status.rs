//! Fuzzes the status-file loader, and the analysis and every renderer on
//! whatever loads: no input may panic, and every error must be located.
#![no_main]

use std::sync::OnceLock;

use ims::analysis::{self, Options};
use ims::model::Catalog;
use ims::render::{Look, gap_csv, gap_html, gap_json, gap_markdown, gap_table, soa as soa_view};
use libfuzzer_sys::fuzz_target;

fn builtin() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(
        || match ims::catalog::load(&ims::catalog::builtin_sources()) {
            Ok(catalog) => catalog,
            Err(_) => panic!("the built-in catalogues must load"),
        },
    )
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match ims::status::load("fuzz.yaml", text, builtin()) {
        Ok(assessment) => {
            let report = analysis::analyse(builtin(), &assessment, &Options::default());
            let _ = gap_table::render(&report, Look::default());
            let _ = gap_json::render(&report);
            let _ = gap_csv::render(&report);
            let _ = gap_markdown::render(&report);
            assert!(gap_html::render(&report).is_ok());
            for standard in ims::analysis::soa::standards_with_controls(builtin()) {
                let soa = ims::analysis::soa::soa(builtin(), &assessment, standard);
                let _ = soa_view::csv(&soa);
                let _ = soa_view::markdown(&soa);
            }
        }
        Err(err) => {
            assert!(!err.0.is_empty());
            for problem in &err.0 {
                assert!(
                    problem.line >= 1 || problem.code == ims::diag::ProblemCode::EmptyFile,
                    "unlocated problem: {problem:?}"
                );
            }
        }
    }
});
