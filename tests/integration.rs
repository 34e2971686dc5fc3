//! The integration tests, gathered in one test binary so that the crate is
//! linked once rather than once per file (as ripgrep gathers its own). Each
//! module is one area; the tests with a harness of their own are in
//! `tests/trials.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

/// `insta::assert_snapshot!` under the file name the snapshot had when each
/// module was a test binary of its own (`tests/snapshots/<module>__<name>.snap`),
/// so that gathering the tests renamed no snapshot.
macro_rules! assert_snapshot {
    ($name:expr, $value:expr $(,)?) => {{
        let module = module_path!().rsplit("::").next().unwrap();
        let mut settings = insta::Settings::clone_current();
        settings.set_prepend_module_to_snapshot(false);
        settings.bind(|| insta::assert_snapshot!(format!("{module}__{}", $name), $value));
    }};
}

mod annotations;
mod ci_files;
mod ciso_assistant;
mod common;
mod completions;
mod deliverables;
mod docs;
mod hostile;
mod hostile_text;
mod import;
mod import_ciso;
mod import_hostile;
mod import_languages;
mod import_loss;
mod layout;
mod plan;
mod portfolio;
mod properties;
mod races;
mod readme;
mod reports;
