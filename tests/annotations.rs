//! `--format github`: GitHub Actions workflow commands for `validate` and
//! `gap`. Each problem lands on its line and column; each gate failure on
//! the line of the item's entry in the status file; messages and
//! properties are escaped as GitHub specifies.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common::ims;

/// One parsed `::level file=F,line=L,col=C,title=T::message` command.
#[derive(Debug)]
struct Annotation {
    level: String,
    file: Option<String>,
    line: Option<usize>,
    col: Option<usize>,
    title: String,
    message: String,
}

fn unescape(text: &str) -> String {
    text.replace("%0A", "\n")
        .replace("%0D", "\r")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
}

fn parse(line: &str) -> Annotation {
    let rest = line.strip_prefix("::").expect("a workflow command");
    let (level, rest) = rest.split_once(' ').expect("a level and properties");
    let (properties, message) = rest.split_once("::").expect("properties, then ::");
    assert!(
        !message.contains(['\r', '\n']),
        "an unescaped line end in {line:?}"
    );
    let mut annotation = Annotation {
        level: level.to_owned(),
        file: None,
        line: None,
        col: None,
        title: String::new(),
        message: unescape(message),
    };
    for property in properties.split(',') {
        let (key, value) = property.split_once('=').expect("key=value");
        assert!(!value.contains(':'), "an unescaped `:` in {line:?}");
        match key {
            "file" => annotation.file = Some(unescape(value)),
            "line" => annotation.line = Some(value.parse().unwrap()),
            "col" => annotation.col = Some(value.parse().unwrap()),
            "title" => annotation.title = unescape(value),
            other => panic!("unknown property {other} in {line:?}"),
        }
    }
    annotation
}

fn annotations(stdout: &[u8]) -> Vec<Annotation> {
    String::from_utf8_lossy(stdout).lines().map(parse).collect()
}

#[test]
fn validate_puts_every_problem_on_its_line_and_column() {
    let file = "tests/fixtures/bad-status.yaml";
    let output = ims()
        .args(["validate", "--format", "github", file])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let found = annotations(&output.stdout);
    // The same problems, with the same places, as the text on stderr.
    let stderr = String::from_utf8_lossy(&output.stderr);
    let located: Vec<&str> = stderr
        .lines()
        .filter(|line| line.starts_with(file))
        .collect();
    assert!(!found.is_empty());
    assert_eq!(found.len(), located.len(), "{stderr}");
    for (annotation, text) in found.iter().zip(located) {
        assert_eq!(annotation.level, "error");
        assert_eq!(annotation.file.as_deref(), Some(file));
        let place = format!(
            "{file}:{}:{}: error[{}]",
            annotation.line.unwrap(),
            annotation.col.unwrap(),
            annotation.title.strip_prefix("ims ").unwrap()
        );
        assert!(text.starts_with(&place), "{text} vs {place}");
    }
    // The misspelt status is on line 6, column 10.
    let misspelt = found
        .iter()
        .find(|a| a.message.contains("implmented"))
        .unwrap();
    assert_eq!((misspelt.line, misspelt.col), (Some(6), Some(10)));
    assert!(misspelt.message.contains("\nhelp: "), "{misspelt:?}");
}

#[test]
fn a_valid_file_gives_no_annotation() {
    let output = ims()
        .args([
            "validate",
            "--format",
            "github",
            "examples/msp-iso20000-to-iso27001.yaml",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stdout.is_empty());
}

#[test]
fn each_gate_failure_is_on_the_line_of_its_entry() {
    let file = "examples/msp-iso20000-to-iso27001.yaml";
    let text = std::fs::read_to_string(file).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let output = ims()
        .args(["gap", file, "--format", "github", "--fail-on", "missing"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let found = annotations(&output.stdout);
    let json = ims()
        .args(["gap", file, "--format", "json"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let missing = report["missing"].as_array().unwrap();
    let errors: Vec<&Annotation> = found.iter().filter(|a| a.level == "error").collect();
    assert_eq!(errors.len(), missing.len());
    let mut on_a_line = 0;
    for (annotation, item) in errors.iter().zip(missing) {
        let id = item["id"].as_str().unwrap();
        assert_eq!(annotation.file.as_deref(), Some(file));
        assert_eq!(annotation.title, "ims gate");
        assert!(annotation.message.contains(id), "{annotation:?}");
        if let Some(line) = annotation.line {
            on_a_line += 1;
            // The line declares the item (or the heading it inherits from).
            let written = lines[line - 1].trim_start();
            let key = written.split(':').next().unwrap();
            assert!(
                id == key || id.starts_with(&format!("{key}.")),
                "{id} reported at line {line}: {written:?}"
            );
            assert!(annotation.col.unwrap() >= 1);
        }
    }
    assert!(on_a_line > 0, "no failure was placed on a line");
    let notice = found.last().unwrap();
    assert_eq!(notice.level, "notice");
    assert!(notice.message.contains("gate failed"), "{notice:?}");
}

#[test]
fn file_names_and_messages_are_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("unit a,b:c.yaml");
    std::fs::write(&path, "organisation: X\niso27001:\n  A.5.1: 50%\n").unwrap();
    let output = ims()
        .args(["validate", "--format", "github"])
        .arg(&path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("unit a%2Cb%3Ac.yaml,line=3,col=10,"),
        "{stdout}"
    );
    assert!(stdout.contains("50%25"), "{stdout}");
    assert!(stdout.contains("%0Ahelp: "), "{stdout}");
    let found = annotations(&output.stdout);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].file.as_deref(), path.to_str());
}

#[test]
fn a_portfolio_annotates_every_file() {
    let output = ims()
        .args([
            "gap",
            "--format",
            "github",
            "--fail-on",
            "missing",
            "examples/msp-iso20000-to-iso27001.yaml",
            "tests/fixtures/bad-status.yaml",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let found = annotations(&output.stdout);
    let files: std::collections::BTreeSet<_> =
        found.iter().filter_map(|a| a.file.as_deref()).collect();
    assert!(files.contains("examples/msp-iso20000-to-iso27001.yaml"));
    assert!(files.contains("tests/fixtures/bad-status.yaml"));
    let last = found.last().unwrap();
    assert_eq!(last.title, "ims portfolio");
    assert!(last.message.contains("2 file(s)"), "{last:?}");
}
