//! Hostile inputs that are generated rather than committed (huge files,
//! unreadable files, thousands of errors), the bad-input corpus loaded as
//! user catalogues, and the ends of stdout: broken pipes, closed and full.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};

use assert_cmd::cargo::cargo_bin;

use crate::common::{self, ims};

struct Run {
    code: Option<i32>,
    stderr: String,
}

fn run(args: &[&str]) -> Run {
    let output = ims().args(args).output().unwrap();
    let run = Run {
        code: output.status.code(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    };
    assert!(
        !run.stderr.contains("panicked"),
        "{args:?} panicked:\n{}",
        run.stderr
    );
    run
}

fn path_str(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn a_100_mb_file_is_refused_by_size_without_being_parsed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.yaml");
    let file = fs::File::create(&path).unwrap();
    file.set_len(100 * 1024 * 1024).unwrap();
    let result = run(&["gap", path_str(&path)]);
    assert_eq!(result.code, Some(2));
    assert!(
        result
            .stderr
            .contains("error[too-large]: the file is 104857600 bytes, larger than 8 MiB (8388608 bytes), the most ims reads"),
        "{}",
        result.stderr
    );
}

#[test]
fn ten_thousand_unknown_ids_give_bounded_useful_output() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.yaml");
    let mut text = String::from("organisation: Acme\niso27001:\n");
    for n in 0..10_000 {
        text.push_str(&format!("  Z.{n}: implemented\n"));
    }
    fs::write(&path, text).unwrap();
    let result = run(&["gap", path_str(&path)]);
    assert_eq!(result.code, Some(2));
    let lines: Vec<&str> = result.stderr.lines().collect();
    assert!(lines.len() <= 101, "{} lines of errors", lines.len());
    assert!(
        lines[0].contains(":3:3: error[unknown-item]: unknown item `Z.0` in iso27001"),
        "{}",
        lines[0]
    );
    assert_eq!(
        *lines.last().unwrap(),
        "... and 9950 more problems not shown"
    );
}

#[cfg(unix)]
#[test]
fn unreadable_files_are_refused() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();

    // A socket cannot be opened as a file, even by root.
    let socket = dir.path().join("status.yaml");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let result = run(&["gap", path_str(&socket)]);
    assert_eq!(result.code, Some(2));
    assert!(
        result.stderr.contains("error[unreadable]"),
        "{}",
        result.stderr
    );

    // A file without read permission, where permissions apply (not as root).
    let locked = dir.path().join("locked.yaml");
    fs::write(&locked, "organisation: Acme\niso27001: {}\n").unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&locked).is_err() {
        let result = run(&["gap", path_str(&locked)]);
        assert_eq!(result.code, Some(2));
        assert!(
            result
                .stderr
                .contains("error[unreadable]: permission denied"),
            "{}",
            result.stderr
        );
    }
}

fn corpus() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad");
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    files
}

#[test]
fn the_bad_corpus_as_user_catalogues_gives_located_errors() {
    let files = corpus();
    assert!(files.len() >= 20);
    for file in files {
        let dir = tempfile::tempdir().unwrap();
        let name = file.file_name().unwrap();
        fs::copy(&file, dir.path().join(name)).unwrap();
        let result = run(&["catalog", "lint", "--catalog", path_str(dir.path())]);
        assert_eq!(
            result.code,
            Some(2),
            "{}: {}",
            file.display(),
            result.stderr
        );
        let first = result.stderr.lines().next().unwrap_or_default();
        assert!(
            first.contains(": error["),
            "{}: {}",
            file.display(),
            result.stderr
        );
        let located = first.split(": error[").next().unwrap();
        let whole_file = ["empty-file", "unreadable", "too-large"]
            .iter()
            .any(|code| first.contains(code));
        assert!(
            whole_file || located.split(':').count() >= 3,
            "{}: problem without line and column: {first}",
            file.display()
        );
    }
}

#[test]
fn a_directory_or_missing_catalogue_directory_is_refused() {
    let result = run(&["catalog", "lint", "--catalog", "tests/fixtures/no-such-dir"]);
    assert_eq!(result.code, Some(2));
    assert!(
        result.stderr.contains("cannot read catalogue directory"),
        "{}",
        result.stderr
    );
}

#[test]
fn a_broken_pipe_ends_quietly() {
    for args in [
        &[
            "gap",
            "examples/msp-iso20000-to-iso27001.yaml",
            "--format",
            "json",
        ][..],
        &["gap", "examples/msp-iso20000-to-iso27001.yaml"][..],
        &["catalog", "list", "--format", "json"][..],
    ] {
        let mut child = Process::new(cargo_bin("ims"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        // The reader is gone: like `ims gap ... | head -1`.
        let output = child.wait_with_output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        assert!(
            output.stderr.is_empty(),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(!first.is_empty());
    }
}

#[test]
fn a_full_disk_gives_a_clear_error() {
    let full = fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let output = Process::new(cargo_bin("ims"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "gap",
            "examples/startup-little-in-place.yaml",
            "--format",
            "json",
        ])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("error: cannot write to stdout: No space left on device"),
        "{stderr}"
    );
}

#[test]
fn a_closed_stdout_is_taken_for_dev_null() {
    // The Rust runtime reopens a closed stdout on /dev/null, read-write, just
    // as a parent that discards the output does; the two look the same.
    let output = Process::new("sh")
        .arg("-c")
        .arg(format!(
            "exec '{}' gap examples/startup-little-in-place.yaml >&-",
            cargo_bin("ims").display()
        ))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stderr.is_empty());
}

#[test]
fn dev_null_opened_read_write_is_a_valid_sink() {
    // As Python's `subprocess.run(..., stdout=subprocess.DEVNULL)` opens it.
    for args in [
        &["gap", "examples/startup-little-in-place.yaml"][..],
        &["validate", "examples/startup-little-in-place.yaml"][..],
        &["catalog", "list"][..],
    ] {
        let devnull = fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open("/dev/null")
            .unwrap();
        let output = Process::new(cargo_bin("ims"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::from(devnull))
            .output()
            .unwrap();
        assert_eq!(
            output.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(output.stderr.is_empty(), "{args:?}");
    }
}

/// A copy of the toy catalogues and status file in a fresh directory.
fn toy_workspace() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let catalog = dir.path().join("cat");
    fs::create_dir(&catalog).unwrap();
    for entry in fs::read_dir(fixtures.join("toy-catalog")).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, catalog.join(path.file_name().unwrap())).unwrap();
    }
    let status = dir.path().join("status.yaml");
    fs::copy(fixtures.join("toy-status.yaml"), &status).unwrap();
    (dir, catalog, status)
}

#[test]
fn output_never_writes_over_a_catalogue_file() {
    let (dir, catalog, status) = toy_workspace();
    let victim = catalog.join("toy-a.yaml");
    let crosswalk = catalog.join("crosswalk-toy.yaml");
    let original = fs::read_to_string(&victim).unwrap();
    let original_crosswalk = fs::read_to_string(&crosswalk).unwrap();
    // A link with a name of the right extension that points at a catalogue.
    let link = dir.path().join("schema.json");
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    let (status, victim_str, crosswalk_str, cat, link) = (
        path_str(&status),
        path_str(&victim),
        path_str(&crosswalk),
        path_str(&catalog),
        path_str(&link),
    );
    let cases: [&[&str]; 7] = [
        &["gap", status, "--format", "json", "-o", victim_str],
        &["gap", status, "--format", "csv", "-o", crosswalk_str],
        &[
            "soa",
            status,
            "--standard",
            "toy-a",
            "--format",
            "csv",
            "-o",
            victim_str,
        ],
        &["diff", status, status, "--format", "json", "-o", victim_str],
        &["schema", "-o", link],
        &["init", "--force", "-o", victim_str],
        &[
            "gap",
            status,
            status,
            "--format",
            "csv",
            "-o",
            crosswalk_str,
        ],
    ];
    for args in cases {
        let result = run(&[args, &["--catalog", cat]].concat());
        assert_eq!(result.code, Some(2), "{args:?}: {}", result.stderr);
        assert!(
            result
                .stderr
                .contains("error[same-file]: refusing to write over the input file"),
            "{args:?}: {}",
            result.stderr
        );
        assert_eq!(fs::read_to_string(&victim).unwrap(), original, "{args:?}");
        assert_eq!(
            fs::read_to_string(&crosswalk).unwrap(),
            original_crosswalk,
            "{args:?}"
        );
    }
}

#[test]
fn an_extension_that_names_no_format_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = "examples/startup-little-in-place.yaml";
    let cases: [(&[&str], &str, &str); 7] = [
        (
            &["gap", file],
            "out.xlsx",
            "`ims gap` writes table, json (.json), csv (.csv), markdown (.md), html (.html)",
        ),
        (
            &["gap", file],
            "out.yaml",
            "`.yaml` names no format of `ims gap`",
        ),
        (
            &["gap", file],
            "out.txt",
            "`.txt` names no format of `ims gap`",
        ),
        (
            &["gap", file, file],
            "summary.xlsx",
            "`.xlsx` names no format of `ims gap`",
        ),
        (
            &["soa", file],
            "soa.html",
            "`ims soa` writes csv (.csv), markdown (.md), xlsx (.xlsx)",
        ),
        (
            &["diff", file, file],
            "changes.csv",
            "`ims diff` writes table, json (.json), markdown (.md)",
        ),
        (
            &["init"],
            "status.json",
            "`ims init` writes YAML; name the file .yaml or .yml",
        ),
    ];
    for (args, name, wanted) in cases {
        let target = dir.path().join(name);
        let result = run(&[args, &["-o", path_str(&target)]].concat());
        assert_eq!(result.code, Some(2), "{args:?} {name}: {}", result.stderr);
        assert!(
            result.stderr.contains(wanted),
            "{args:?} {name}: {}",
            result.stderr
        );
        assert!(!target.exists(), "{name} was written");
    }
    // --format decides whatever the extension says.
    let target = dir.path().join("report.txt");
    let result = run(&["gap", file, "--format", "table", "-o", path_str(&target)]);
    assert_eq!(result.code, Some(0), "{}", result.stderr);
    assert!(
        fs::read_to_string(&target)
            .unwrap()
            .starts_with("Gap analysis: ")
    );
}

/// Runs ims under the hang guard; gives the exit code, stdout and stderr.
fn guarded(args: &[&str]) -> (Option<i32>, String, String) {
    let output = common::output_or_hang(ims().args(args));
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{args:?} panicked:\n{stderr}");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr,
    )
}

#[test]
fn a_portfolio_walk_ends_and_takes_each_file_once() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("d");
    fs::create_dir(&d).unwrap();
    let status = d.join("s.yaml");
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/startup-little-in-place.yaml"),
        &status,
    )
    .unwrap();
    // `ln -s . d/a; ln -s . d/b`: walked naively, d/a/b/a/... never ends.
    std::os::unix::fs::symlink(".", d.join("a")).unwrap();
    std::os::unix::fs::symlink(".", d.join("b")).unwrap();
    let (code, stdout, stderr) = guarded(&["gap", path_str(&d), "--format", "csv"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stdout.lines().count(), 2, "one row for one file:\n{stdout}");
    assert!(
        stderr.contains(&format!(
            "skipped {}: the same directory as",
            d.join("a").display()
        )),
        "{stderr}"
    );

    // One file named twice on the command line.
    let dot = format!("{}/./s.yaml", d.display());
    let (code, stdout, stderr) = guarded(&["gap", path_str(&status), &dot, "--format", "csv"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stdout.lines().count(), 2, "{stdout}");
    assert!(stderr.contains("the same file as"), "{stderr}");
}

#[test]
fn broken_links_are_reported_not_read_or_skipped() {
    // A catalogue directory.
    let (dir, catalog, status) = toy_workspace();
    std::os::unix::fs::symlink("gone.yaml", catalog.join("broken.yaml")).unwrap();
    let (code, _, stderr) = guarded(&["gap", path_str(&status), "--catalog", path_str(&catalog)]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains(
            "broken.yaml: error[unreadable]: a symbolic link to gone.yaml, which does not exist"
        ),
        "{stderr}"
    );

    // A portfolio directory.
    let units = dir.path().join("units");
    fs::create_dir(&units).unwrap();
    fs::copy(&status, units.join("a.yaml")).unwrap();
    std::os::unix::fs::symlink("gone.yaml", units.join("broken.yaml")).unwrap();
    fs::remove_file(catalog.join("broken.yaml")).unwrap();
    let catalog_arg = ["--catalog", path_str(&catalog)];
    let (code, _, stderr) = guarded(&[&["gap", path_str(&units)][..], &catalog_arg].concat());
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("broken.yaml: error[unreadable]: a symbolic link"),
        "{stderr}"
    );
}

#[test]
fn a_baseline_is_checked_and_a_foreign_one_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let file = "examples/msp-iso20000-to-iso27001.yaml";
    let output = ims()
        .args(["gap", file, "--format", "json"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let write = |name: &str, edit: &dyn Fn(&mut serde_json::Value)| {
        let mut copy = report.clone();
        edit(&mut copy);
        let path = dir.path().join(name);
        fs::write(&path, serde_json::to_string(&copy).unwrap()).unwrap();
        path
    };

    // Another organisation's baseline: a note naming both; the gate is unchanged.
    let foreign = write("foreign.json", &|r| {
        r["organisation"] = "Other Org Ltd".into()
    });
    let result = run(&["gap", file, "--baseline", path_str(&foreign)]);
    assert_eq!(result.code, Some(0), "{}", result.stderr);
    assert!(
        result.stderr.contains("assesses `Other Org Ltd`")
            && result
                .stderr
                .contains("assesses `Northwind Managed Services Ltd`"),
        "{}",
        result.stderr
    );

    let first = report["items"][0].clone();
    let item = |standard: &str, id: &str| serde_json::json!({"standard": standard, "id": id, "status": "implemented"});
    for (name, added, wanted) in [
        (
            "unknown-id.json",
            item("iso27001", "A.5.99"),
            "item `A.5.99` in iso27001, which the catalogue does not define",
        ),
        (
            "unknown-standard.json",
            item("iso9001", "4.1"),
            "standard `iso9001`, which no loaded catalogue defines",
        ),
        ("duplicate.json", first, "appears twice in the JSON report"),
    ] {
        let baseline = write(name, &|r| {
            r["items"].as_array_mut().unwrap().push(added.clone())
        });
        for args in [
            vec!["gap", file, "--baseline", path_str(&baseline)],
            vec!["diff", path_str(&baseline), file],
        ] {
            let result = run(&args);
            assert_eq!(result.code, Some(2), "{args:?}: {}", result.stderr);
            assert!(
                result
                    .stderr
                    .contains(&format!("error: {}: ", baseline.display()))
                    && result.stderr.contains(wanted),
                "{args:?}: {}",
                result.stderr
            );
        }
    }
}

#[test]
fn a_flat_file_over_the_value_budget_and_a_file_one_byte_too_big_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let refs = dir.path().join("refs.yaml");
    let mut text = String::from(
        "organisation: Acme\niso27001:\n  A.5.1:\n    status: implemented\n    evidence:\n",
    );
    for n in 0..100_000 {
        text.push_str(&format!("      - {{ref: R{n}, date: 2026-01-01}}\n"));
    }
    fs::write(&refs, text).unwrap();
    let result = run(&["validate", path_str(&refs)]);
    assert_eq!(result.code, Some(2));
    assert!(
        result
            .stderr
            .contains("error[too-many-values]: the file holds more than 250000 YAML values"),
        "{}",
        result.stderr
    );
    assert!(
        !result.stderr.contains("nested too deeply"),
        "{}",
        result.stderr
    );

    let big = dir.path().join("big.yaml");
    let file = fs::File::create(&big).unwrap();
    file.set_len(8 * 1024 * 1024 + 1).unwrap();
    let result = run(&["validate", path_str(&big)]);
    assert_eq!(result.code, Some(2));
    assert!(
        result.stderr.contains(
            "error[too-large]: the file is 8388609 bytes, larger than 8 MiB (8388608 bytes), the most ims reads"
        ),
        "{}",
        result.stderr
    );
}

#[test]
fn the_standard_streams_are_read_and_written_though_they_are_pipes() {
    let status = std::fs::read_to_string("examples/startup-little-in-place.yaml").unwrap();
    for input in ["-", "/dev/stdin"] {
        let output = ims()
            .args(["gap", input, "--format", "csv", "-o", "/dev/stdout"])
            .write_stdin(status.clone())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{input}: {stderr}");
        assert!(
            String::from_utf8_lossy(&output.stdout).starts_with("standard,id,title"),
            "{input}: {stderr}"
        );
    }
}
