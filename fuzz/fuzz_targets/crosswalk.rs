//! Fuzzes a user's catalogue or crosswalk loaded next to the built-in ones,
//! where it can replace a built-in standard or crosswalk: no input may
//! panic, and every error must be located.
#![no_main]

use ims::catalog::{Source, builtin_sources, load};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut sources = builtin_sources();
    sources.push(Source::user("fuzz.yaml", text));
    if let Err(err) = load(&sources) {
        assert!(!err.0.is_empty());
        for problem in &err.0 {
            assert!(
                problem.line >= 1 || problem.code == ims::diag::ProblemCode::EmptyFile,
                "unlocated problem: {problem:?}"
            );
        }
    }
});
