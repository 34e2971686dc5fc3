//! CLI tests kept as data: each `tests/cmd/*.yaml` names the arguments, the
//! expected exit code, and text that stdout and stderr must (or must not) hold.
//! Each case is a test of its own, named by its file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use libtest_mimic::{Failed, Trial};
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

/// One test per case file, named by its path from the repository root.
pub fn trials() -> Vec<Trial> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cmd");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .collect();
    paths.sort();
    let count = paths.len();
    let mut trials = vec![Trial::test("the_cli_cases_are_found", move || {
        if count >= 30 {
            Ok(())
        } else {
            Err(Failed::from(format!(
                "expected the CLI cases in {}, found {count}",
                dir.display()
            )))
        }
    })];
    trials.extend(paths.into_iter().map(|path| {
        let name = format!("tests/cmd/{}", path.file_name().unwrap().to_string_lossy());
        Trial::test(name, move || run_case(&path).map_err(Failed::from)).with_kind("cli case")
    }));
    trials
}
