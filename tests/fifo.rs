//! FIFOs (named pipes), which would keep ims waiting for ever for a writer
//! or a reader: refused as an input and as an output of every command, in a
//! catalogue or portfolio folder, and where a skeleton's document would go.
//! The tests need `mkfifo`; without it they are reported as ignored (see
//! `common::needing`), never passed in silence.

use std::fs;
use std::os::unix::fs::FileTypeExt as _;
use std::path::{Path, PathBuf};

use crate::common::{self, ims, output_or_hang};

/// The FIFO tests, each a trial of its own; ignored, with the reason,
/// where `mkfifo` is missing.
pub fn trials() -> Vec<libtest_mimic::Trial> {
    common::needing(
        "mkfifo",
        common::missing_program("mkfifo"),
        &[
            (
                "a_fifo_is_refused_as_input_and_as_output_at_once",
                a_fifo_is_refused_as_input_and_as_output_at_once,
            ),
            (
                "fifos_in_catalogue_and_portfolio_folders_are_reported",
                fifos_in_catalogue_and_portfolio_folders_are_reported,
            ),
            (
                "a_fifo_where_a_skeleton_document_goes_is_refused",
                a_fifo_where_a_skeleton_document_goes_is_refused,
            ),
        ],
    )
}

fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(made.success(), "mkfifo {}", path.display());
}

/// Runs ims, failing the test if it hangs: exit code and stderr.
fn guarded(args: &[&str]) -> (Option<i32>, String) {
    let output = output_or_hang(ims().args(args));
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    (output.status.code(), stderr)
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn a_fifo_is_refused_as_input_and_as_output_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = |name: &str| -> PathBuf {
        let path = dir.path().join(name);
        mkfifo(&path);
        path
    };
    let status = "examples/startup-little-in-place.yaml";
    let cases: Vec<(Vec<String>, PathBuf)> = vec![
        (
            vec!["soa".into(), status.into(), "-o".into()],
            fifo("soa.csv"),
        ),
        (
            vec!["plan".into(), status.into(), "-o".into()],
            fifo("plan.md"),
        ),
        (
            vec!["gap".into(), status.into(), "-o".into()],
            fifo("gap.json"),
        ),
        (
            vec!["docs".into(), status.into(), "-o".into()],
            fifo("docs.md"),
        ),
        (
            vec![
                "import".into(),
                "examples/client-soa.xlsx".into(),
                "--force".into(),
                "-o".into(),
            ],
            fifo("import.yaml"),
        ),
        (
            vec!["init".into(), "--force".into(), "-o".into()],
            fifo("init.yaml"),
        ),
        (vec!["import".into()], fifo("sheet.csv")),
        (vec!["gap".into()], fifo("status.yaml")),
        (vec!["validate".into()], fifo("valid.yaml")),
        (vec!["soa".into()], fifo("soa-in.yaml")),
    ];
    for (args, fifo) in cases {
        let mut args: Vec<&str> = args.iter().map(String::as_str).collect();
        args.push(path(&fifo));
        let (code, stderr) = guarded(&args);
        assert_eq!(code, Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains("this is a FIFO (named pipe), not a regular file"),
            "{args:?}: {stderr}"
        );
        assert!(
            fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo(),
            "{args:?} replaced the FIFO"
        );
    }
}

fn fifos_in_catalogue_and_portfolio_folders_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let catalog = dir.path().join("cat");
    fs::create_dir(&catalog).unwrap();
    for entry in fs::read_dir(fixtures.join("toy-catalog")).unwrap() {
        let entry = entry.unwrap().path();
        fs::copy(&entry, catalog.join(entry.file_name().unwrap())).unwrap();
    }
    let status = dir.path().join("status.yaml");
    fs::copy(fixtures.join("toy-status.yaml"), &status).unwrap();
    let fifo = catalog.join("fifo.yaml");
    mkfifo(&fifo);
    let (code, stderr) = guarded(&["gap", path(&status), "--catalog", path(&catalog)]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains(
            "fifo.yaml: error[unreadable]: this is a FIFO (named pipe), not a regular file"
        ),
        "{stderr}"
    );
    fs::remove_file(&fifo).unwrap();

    let units = dir.path().join("units");
    fs::create_dir(&units).unwrap();
    fs::copy(&status, units.join("a.yaml")).unwrap();
    mkfifo(&units.join("fifo.yaml"));
    let (code, stderr) = guarded(&["gap", path(&units), "--catalog", path(&catalog)]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("fifo.yaml: error[unreadable]: this is a FIFO"),
        "{stderr}"
    );
}

fn a_fifo_where_a_skeleton_document_goes_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    fs::create_dir(&out).unwrap();
    mkfifo(&out.join("02-ims-scope.md"));
    let (code, stderr) = guarded(&[
        "docs",
        "examples/msp-iso20000-to-iso27001.yaml",
        "--skeleton",
        path(&out),
        "--force",
    ]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("not a regular file"), "{stderr}");
    assert_eq!(
        fs::read_dir(&out).unwrap().count(),
        1,
        "nothing was written"
    );
}
