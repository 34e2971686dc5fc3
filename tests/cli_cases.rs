//! CLI tests kept as data: each `tests/cmd/*.yaml` names the arguments, the
//! expected exit code, and text that stdout and stderr must (or must not) hold.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::path::Path;

use assert_cmd::Command;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Case {
    args: Vec<String>,
    status: i32,
    #[serde(default)]
    stdout: Vec<String>,
    #[serde(default)]
    stderr: Vec<String>,
    #[serde(default)]
    stdout_not: Vec<String>,
    #[serde(default)]
    stderr_not: Vec<String>,
    #[serde(default)]
    stdout_empty: bool,
    #[serde(default)]
    stderr_empty: bool,
    #[serde(default)]
    env: BTreeMap<String, String>,
}

fn run_case(path: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let case: Case = serde_saphyr::from_str(&text).map_err(|e| format!("bad case file: {e}"))?;
    let output = Command::cargo_bin("ims")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("CI")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("COLUMNS")
        .envs(&case.env)
        .args(&case.args)
        .output()
        .map_err(|e| e.to_string())?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let mut failures = Vec::new();
    if output.status.code() != Some(case.status) {
        failures.push(format!(
            "exit code {:?}, expected {}",
            output.status.code(),
            case.status
        ));
    }
    for wanted in &case.stdout {
        if !stdout.contains(wanted.as_str()) {
            failures.push(format!("stdout lacks {wanted:?}"));
        }
    }
    for wanted in &case.stderr {
        if !stderr.contains(wanted.as_str()) {
            failures.push(format!("stderr lacks {wanted:?}"));
        }
    }
    for unwanted in &case.stdout_not {
        if stdout.contains(unwanted.as_str()) {
            failures.push(format!("stdout has {unwanted:?}"));
        }
    }
    for unwanted in &case.stderr_not {
        if stderr.contains(unwanted.as_str()) {
            failures.push(format!("stderr has {unwanted:?}"));
        }
    }
    if case.stdout_empty && !stdout.is_empty() {
        failures.push("stdout is not empty".to_owned());
    }
    if case.stderr_empty && !stderr.is_empty() {
        failures.push("stderr is not empty".to_owned());
    }
    if stderr.contains("panicked") || stderr.contains("RUST_BACKTRACE") {
        failures.push("the program panicked".to_owned());
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{}\n  {}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            path.display(),
            failures.join("\n  "),
            stdout.chars().take(3000).collect::<String>(),
            stderr.chars().take(3000).collect::<String>()
        ))
    }
}

#[test]
fn every_cli_case_passes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cmd");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .collect();
    paths.sort();
    assert!(
        paths.len() >= 30,
        "expected the CLI cases in {}",
        dir.display()
    );
    let failures: Vec<String> = paths
        .iter()
        .filter_map(|path| run_case(path).err())
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        paths.len(),
        failures.join("\n\n")
    );
}
