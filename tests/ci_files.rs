//! What the manual and the repository offer to CI users: the pre-commit
//! hooks run real ims commands, and the CI examples are valid YAML.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::ims;

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

#[derive(Debug, serde::Deserialize)]
struct Hook {
    id: String,
    entry: String,
    language: String,
    files: String,
}

#[test]
fn the_pre_commit_hooks_run_ims_and_gate() {
    let hooks: Vec<Hook> = serde_saphyr::from_str(&read(".pre-commit-hooks.yaml")).unwrap();
    let ids: Vec<&str> = hooks.iter().map(|hook| hook.id.as_str()).collect();
    assert_eq!(ids, ["ims-validate", "ims-gap"]);
    for hook in &hooks {
        assert_eq!(hook.language, "rust", "{hook:?}");
        assert!(hook.files.contains("status"), "{hook:?}");
        let mut words = hook.entry.split_whitespace();
        assert_eq!(words.next(), Some("ims"), "{hook:?}");
        let args: Vec<&str> = words.collect();
        // pre-commit appends the changed files.
        let on = |file: &str| ims().args(&args).arg(file).output().unwrap().status.code();
        assert_eq!(
            on("tests/fixtures/all-implemented.yaml"),
            Some(0),
            "{hook:?}"
        );
        assert_eq!(on("tests/fixtures/bad-status.yaml"), Some(2), "{hook:?}");
        if hook.id == "ims-gap" {
            assert_eq!(on("examples/msp-iso20000-to-iso27001.yaml"), Some(1));
        }
    }
}

#[test]
fn the_ci_examples_in_the_manual_are_valid_yaml() {
    let manual = read("docs/ci.md");
    let ci = manual
        .split("\n## CI integrations\n")
        .nth(1)
        .expect("a CI section")
        .split("\n## ")
        .next()
        .unwrap();
    let blocks: Vec<&str> = ci
        .split("```yaml\n")
        .skip(1)
        .map(|block| block.split("```").next().unwrap())
        .collect();
    assert_eq!(blocks.len(), 3, "GitHub Actions, GitLab CI and pre-commit");
    for block in blocks {
        let value: BTreeMap<String, serde_json::Value> =
            serde_saphyr::from_str(block).unwrap_or_else(|err| panic!("{err}\n{block}"));
        assert!(!value.is_empty());
        assert!(block.contains("ims"), "{block}");
    }
}

#[test]
fn the_readme_states_the_rust_version_the_crate_declares_and_ci_builds_with() {
    // The declared minimum is the toolchain the tests run on, so that the
    // version a user is told is one that was tested: a newer toolchain in
    // CI fails here until `rust-version` and the README follow it.
    let declared = env!("CARGO_PKG_RUST_VERSION");
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_owned());
    let version = std::process::Command::new(rustc)
        .arg("--version")
        .output()
        .unwrap();
    let version = String::from_utf8(version.stdout).unwrap();
    assert!(
        version.starts_with(&format!("rustc {declared}.")),
        "rust-version {declared} in Cargo.toml, tested with {version}"
    );
    assert!(
        read("README.md").contains(&format!(
            "With Rust {declared} or newer (the toolchain the tests"
        )),
        "the README's quick start names Rust {declared}"
    );
}
