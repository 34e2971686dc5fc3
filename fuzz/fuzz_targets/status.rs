//! Fuzzes the status-file loader, and the analysis and every renderer on
//! whatever loads: no input may panic, and every error must be located.
#![no_main]

use ims::analysis::{self, Options};
use ims::render::{Look, gap, soa as soa_view};
use libfuzzer_sys::fuzz_target;

#[path = "../builtin.rs"]
mod builtin;
use builtin::builtin;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match ims::status::load("fuzz.yaml", text, builtin()) {
        Ok(assessment) => {
            let report = analysis::analyse(builtin(), &assessment, &Options::default());
            assert!(gap::table::render(&report, Look::default()).is_ok());
            assert!(gap::json::render(&report).is_ok());
            assert!(gap::csv::render(&report).is_ok());
            assert!(gap::markdown::render(&report).is_ok());
            assert!(gap::html::render(&report).is_ok());
            for standard in ims::analysis::soa::standards_with_controls(builtin()) {
                let soa = ims::analysis::soa::soa(builtin(), &assessment, standard);
                for with_reuse in [false, true] {
                    let columns = soa_view::Columns { with_reuse };
                    assert!(soa_view::csv::render(&soa, columns).is_ok());
                    assert!(soa_view::markdown::render(&soa, columns).is_ok());
                }
                let check = ims::analysis::soa::check(&soa, None);
                assert!(check.rejected_controls() <= soa.rows.len() + soa.additional.len());
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
