//! Portfolio mode over many files: order, JSON with every report, and the
//! progress bar (seen on a terminal, never on stdout, absent in pipes and CI).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::Command as Process;

use assert_cmd::cargo::cargo_bin;

use crate::common::ims;

/// Writes `count` status files, copies of the examples with their own names.
fn portfolio(dir: &Path, count: usize) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let examples: Vec<String> = [
        "msp-iso20000-to-iso27001",
        "saas-iso27001-adding-iso20000",
        "startup-little-in-place",
    ]
    .iter()
    .map(|name| std::fs::read_to_string(root.join(format!("{name}.yaml"))).unwrap())
    .collect();
    for n in 0..count {
        let text = examples[n % 3].replacen(
            "organisation: ",
            &format!("organisation: Unit {n:04} of "),
            1,
        );
        let sub = dir.join(format!("region-{}", n % 4));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(sub.join(format!("unit-{n:04}.yaml")), text).unwrap();
    }
}

#[test]
fn rows_come_in_path_order_whatever_the_threads_do() {
    let dir = tempfile::tempdir().unwrap();
    portfolio(dir.path(), 120);
    let run = || {
        ims()
            .arg("gap")
            .arg(dir.path())
            .args(["--format", "csv"])
            .output()
            .unwrap()
    };
    let first = run();
    assert_eq!(first.status.code(), Some(0));
    let text = String::from_utf8(first.stdout.clone()).unwrap();
    let files: Vec<&str> = text
        .lines()
        .skip(1)
        .map(|line| line.split(',').next().unwrap())
        .collect();
    let mut sorted = files.clone();
    sorted.sort_unstable();
    assert_eq!(files, sorted);
    assert_eq!(files.len(), 120);
    assert_eq!(
        run().stdout,
        first.stdout,
        "the same portfolio gives the same bytes"
    );
}

#[test]
fn json_with_every_report_is_one_valid_document() {
    let dir = tempfile::tempdir().unwrap();
    portfolio(dir.path(), 7);
    let output = ims()
        .arg("gap")
        .arg(dir.path())
        .args(["--each", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let reports = document["reports"].as_array().unwrap();
    assert_eq!(reports.len(), 7);
    assert_eq!(reports[0]["schema_version"], 2);
    assert_eq!(document["summary"]["files"], 7);
    assert_eq!(document["summary"]["rows"].as_array().unwrap().len(), 7);
}

/// Runs `command` under `script`, which gives it a terminal, and returns what the terminal showed.
fn on_a_terminal(command: &str, ci: bool) -> String {
    let mut process = Process::new("script");
    process
        .args(["-qec", command, "/dev/null"])
        .env("TERM", "xterm")
        .env("NO_COLOR", "1");
    if ci {
        process.env("CI", "true");
    } else {
        process.env_remove("CI");
    }
    let output = process
        .output()
        .expect("script (util-linux) runs the command on a terminal");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn the_progress_bar_shows_on_a_terminal_and_never_on_stdout() {
    let dir = tempfile::tempdir().unwrap();
    portfolio(dir.path(), 600);
    let report = dir.path().join("summary.csv");
    let command = format!(
        "'{}' gap '{}' --format csv > '{}'",
        cargo_bin("ims").display(),
        dir.path().display(),
        report.display()
    );
    let terminal = on_a_terminal(&command, false);
    assert!(
        terminal.contains("/600 files"),
        "no progress bar on the terminal: {terminal:?}"
    );
    let stdout = std::fs::read_to_string(&report).unwrap();
    assert!(
        !stdout.contains("files,") && !stdout.contains('\u{1b}'),
        "progress leaked into stdout"
    );

    let under_ci = on_a_terminal(&command, true);
    assert!(
        !under_ci.contains("/600 files"),
        "CI hides the bar: {under_ci:?}"
    );
    let quiet = on_a_terminal(&format!("{command} --quiet"), false);
    assert!(
        !quiet.contains("/600 files"),
        "--quiet hides the bar: {quiet:?}"
    );

    let piped = ims()
        .arg("gap")
        .arg(dir.path())
        .args(["--format", "csv"])
        .output()
        .unwrap();
    assert!(
        piped.stderr.is_empty(),
        "no bar when stderr is not a terminal"
    );
}
