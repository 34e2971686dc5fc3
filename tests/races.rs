//! Several runs writing one new file or folder at once: without --force,
//! exactly one wins and every other stops with `output-exists`, whatever
//! the timing, because the file or folder is created exclusively rather
//! than checked for and then written.

use std::path::Path;
use std::process::{Child, Stdio};

use assert_cmd::cargo::cargo_bin;

const RUNS: usize = 8;

/// Starts `RUNS` runs of ims at once, the n-th with `args(n)`, and waits
/// for all: each one's exit code and stderr.
fn at_once(args: impl Fn(usize) -> Vec<String>) -> Vec<(i32, String)> {
    let children: Vec<Child> = (0..RUNS)
        .map(|n| {
            std::process::Command::new(cargo_bin("ims"))
                .current_dir(env!("CARGO_MANIFEST_DIR"))
                .env("NO_COLOR", "1")
                .env_remove("CI")
                .args(args(n))
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    children
        .into_iter()
        .map(|child| {
            let output = child.wait_with_output().unwrap();
            (
                output.status.code().unwrap_or(-1),
                String::from_utf8_lossy(&output.stderr).into_owned(),
            )
        })
        .collect()
}

/// Exactly one run passed, and every other stopped with `output-exists`.
fn one_winner(results: &[(i32, String)]) -> usize {
    let winners: Vec<usize> = (0..results.len()).filter(|&n| results[n].0 == 0).collect();
    assert_eq!(winners.len(), 1, "exactly one run may write: {results:#?}");
    for (code, stderr) in results.iter().filter(|(code, _)| *code != 0) {
        assert_eq!(*code, 2, "{stderr}");
        assert!(stderr.contains("error[output-exists]"), "{stderr}");
    }
    winners[0]
}

fn text(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn of_eight_imports_to_one_new_file_exactly_one_writes_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.yaml");
    let results = at_once(|n| {
        vec![
            "import".into(),
            "examples/client-soa.xlsx".into(),
            "--organisation".into(),
            format!("Client {n}"),
            "-o".into(),
            out.display().to_string(),
        ]
    });
    let winner = one_winner(&results);
    assert!(
        text(&out).contains(&format!("organisation: Client {winner}\n")),
        "the file is the winner's own"
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file left"
    );
}

#[test]
fn of_eight_inits_to_one_new_file_exactly_one_writes_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("status.yaml");
    let results = at_once(|_| vec!["init".into(), "-o".into(), out.display().to_string()]);
    one_winner(&results);
    assert!(text(&out).starts_with("# "), "{}", text(&out));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn of_eight_skeletons_into_one_new_folder_exactly_one_writes_it() {
    let dir = tempfile::tempdir().unwrap();
    let statuses: Vec<_> = (0..2)
        .map(|n| {
            let path = dir.path().join(format!("org{n}.yaml"));
            std::fs::write(
                &path,
                format!("organisation: Organisation {n}\niso27001:\n  A.5.1: implemented\n"),
            )
            .unwrap();
            path
        })
        .collect();
    let out = dir.path().join("skeleton");
    let results = at_once(|n| {
        vec![
            "docs".into(),
            statuses[n % 2].display().to_string(),
            "--skeleton".into(),
            out.display().to_string(),
        ]
    });
    let winner = one_winner(&results);
    // Every file of the folder is the winner's: no mix of organisations.
    let mine = format!("Organisation {}", winner % 2);
    let other = format!("Organisation {}", (winner + 1) % 2);
    let mut files = 0;
    for entry in std::fs::read_dir(&out).unwrap() {
        let path = entry.unwrap().path();
        let text = text(&path);
        assert!(text.contains(&mine), "{}", path.display());
        assert!(!text.contains(&other), "{}", path.display());
        files += 1;
    }
    assert!(files > 10, "{files} files");
}
