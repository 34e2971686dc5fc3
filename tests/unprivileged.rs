//! What only shows where permissions apply: `-o` refuses to replace a
//! write-protected file, as a shell's `>` does. CI runs as root, for whom
//! permissions do not apply, so as root the run goes through `setpriv` as
//! the user nobody (65534); without `setpriv` the test is reported as ignored.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;
use std::process::Command;

use assert_cmd::cargo::cargo_bin;

use crate::common;

/// The user that runs ims when the tests run as root.
const NOBODY: u32 = 65534;

/// The tests of this module, for the harness in `tests/trials.rs`.
pub fn trials() -> Vec<libtest_mimic::Trial> {
    let missing = if is_root() {
        common::missing_program("setpriv")
            .map(|why| format!("the tests run as root and {why} to drop to an unprivileged user"))
    } else {
        None
    };
    common::needing(
        "an unprivileged user",
        missing,
        &[(
            "a_write_protected_file_is_not_replaced",
            a_write_protected_file_is_not_replaced,
        )],
    )
}

fn is_root() -> bool {
    fs::metadata("/proc/self").is_ok_and(|meta| meta.uid() == 0)
}

/// ims as an unprivileged user: nobody when run as root, else the caller.
fn unprivileged_ims(dir: &Path) -> Command {
    // A copy beside the files, since the build directory may be closed to nobody.
    let binary = dir.join("ims");
    fs::copy(cargo_bin("ims"), &binary).unwrap();
    if !is_root() {
        return Command::new(binary);
    }
    let mut command = Command::new("setpriv");
    command
        .arg(format!("--reuid={NOBODY}"))
        .arg(format!("--regid={NOBODY}"))
        .arg("--clear-groups")
        .arg(binary);
    command
}

fn a_write_protected_file_is_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let status = dir.path().join("status.yaml");
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/startup-little-in-place.yaml"),
        &status,
    )
    .unwrap();
    fs::set_permissions(&status, fs::Permissions::from_mode(0o644)).unwrap();
    // The user may write the directory (so a rename would succeed), not the file.
    let out = dir.path().join("out");
    fs::create_dir(&out).unwrap();
    let report = out.join("report.json");
    fs::write(&report, "the old report\n").unwrap();
    fs::set_permissions(&report, fs::Permissions::from_mode(0o444)).unwrap();
    if is_root() {
        std::os::unix::fs::chown(&out, Some(NOBODY), Some(NOBODY)).unwrap();
        std::os::unix::fs::chown(&report, Some(NOBODY), Some(NOBODY)).unwrap();
    }
    for command in ["gap", "soa"] {
        let target = if command == "soa" {
            let csv = out.join("soa.csv");
            fs::write(&csv, "the old report\n").unwrap();
            fs::set_permissions(&csv, fs::Permissions::from_mode(0o444)).unwrap();
            if is_root() {
                std::os::unix::fs::chown(&csv, Some(NOBODY), Some(NOBODY)).unwrap();
            }
            csv
        } else {
            report.clone()
        };
        let output = unprivileged_ims(dir.path())
            .arg(command)
            .arg(&status)
            .arg("-o")
            .arg(&target)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{command}: {stderr}");
        assert!(
            stderr.contains(&format!(
                "{}: error[output-exists]: cannot replace this file",
                target.display()
            )) && stderr.contains("write-protected"),
            "{command}: {stderr}"
        );
        assert_eq!(fs::read_to_string(&target).unwrap(), "the old report\n");
        assert_eq!(
            fs::metadata(&target).unwrap().permissions().mode() & 0o777,
            0o444
        );
    }
}
