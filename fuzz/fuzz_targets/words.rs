//! Fuzzes the reader of import words files (`ims import --words FILE`): no
//! input may panic, and every error must be located.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(err) = ims::import::load_words(&[("words.yaml".to_owned(), text.to_owned())]) {
        assert!(!err.0.is_empty());
        for problem in &err.0 {
            assert!(
                problem.line >= 1 || problem.code == ims::diag::ProblemCode::EmptyFile,
                "unlocated problem: {problem:?}"
            );
        }
    }
});
