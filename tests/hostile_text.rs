//! Hostile text inside valid files: terminal escapes, bidi overrides and
//! invisible characters, Markdown that would load a remote image, and values
//! megabytes long. Each view must show them as inert text, in about the time
//! it takes to read the file.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::{ims, output_or_hang};

/// Environment variables set for one run.
type Env<'a> = Vec<(&'a str, &'a str)>;

/// Exit code, stdout and stderr of a run under the hang guard.
fn run(args: &[&str], env: &[(&str, &str)]) -> (Option<i32>, String, String) {
    let output = output_or_hang(ims().args(args).envs(env.iter().copied()));
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{args:?} panicked:\n{stderr}");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr,
    )
}

fn path_str(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Text that would act on a terminal: an OSC title change ended by BEL, a
/// screen clear, a carriage return that overwrites the line, a bidi override
/// and a zero-width space.
const EVIL: &str = r#"\e]0;pwned\a\e[2J\rOK\u202Eevil\u200Bx\u2066"#;

/// Fails when `text` holds a character that acts on a terminal, other than
/// the colour sequences (`ESC [ digits ; m`) that ims itself writes.
fn assert_inert(what: &str, text: &str) {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            assert_eq!(chars.next(), Some('['), "{what}: an escape sequence");
            let mut last = '[';
            while let Some(&next) = chars.peek() {
                chars.next();
                last = next;
                if !(next.is_ascii_digit() || next == ';') {
                    break;
                }
            }
            assert_eq!(last, 'm', "{what}: an escape sequence other than colour");
        } else {
            assert!(
                c == '\n' || !ims::terminal::is_unsafe(c),
                "{what}: raw {c:?} in {:?}",
                text.chars().take(400).collect::<String>()
            );
        }
    }
}

/// A status file full of hostile text, under a hostile name, a copy of it,
/// and a user catalogue directory with hostile titles.
fn hostile_files(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let status = dir.join("evil\x1b[31m\u{202e}.yaml");
    let text = format!(
        "organisation: \"Evil {EVIL} Co\"\n\
         scope: \"{EVIL}\"\n\
         assessed: 2026-01-01\n\
         assessor: \"{EVIL}\"\n\
         iso27001:\n\
         \x20 A.5.1: {{status: planned, owner: \"{EVIL}\", note: \"![px](https://t.example/p.png) [x](www.t.example) {EVIL}\", due: 2025-01-01}}\n\
         \x20 A.5.2: {{status: partial, owner: \"line\\r| 1 | 2 | 3 |\", evidence: [\"{EVIL}\"]}}\n\
         \x20 A.7.4: {{status: not-applicable, justification: \"{EVIL}\"}}\n\
         iso20000:\n\
         \x20 8.5.1: {{status: implemented, note: \"{EVIL}\"}}\n"
    );
    fs::write(&status, text).unwrap();
    let catalog = dir.join("cat");
    fs::create_dir(&catalog).unwrap();
    let toy = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/toy-catalog/toy-a.yaml");
    let text = fs::read_to_string(toy)
        .unwrap()
        .replace("title: Backups", &format!("title: \"Backups {EVIL}\""));
    fs::write(catalog.join("toy-a.yaml"), text).unwrap();
    let copy = dir.join("copy.yaml");
    fs::copy(&status, &copy).unwrap();
    (status, copy, catalog)
}

#[test]
fn terminal_escapes_are_shown_escaped_in_every_human_readable_view() {
    let dir = tempfile::tempdir().unwrap();
    let (status, copy, catalog) = hostile_files(dir.path());
    let file = path_str(&status);
    let views: Vec<(Vec<&str>, Env)> = vec![
        (vec!["gap", file], vec![]),
        (vec!["gap", file, "--color", "never"], vec![]),
        (vec!["gap", file, "--color", "always"], vec![]),
        (vec!["gap", file], vec![("NO_COLOR", "1")]),
        (vec!["gap", file, "--format", "markdown"], vec![]),
        (vec!["gap", file, "--format", "html"], vec![]),
        (vec!["gap", file, path_str(&copy)], vec![]),
        (
            vec!["gap", file, path_str(&copy), "--format", "markdown"],
            vec![],
        ),
        (vec!["gap", file, path_str(&copy), "--each"], vec![]),
        (vec!["validate", file], vec![]),
        (vec!["diff", file, path_str(&copy)], vec![]),
        (
            vec!["diff", file, path_str(&copy), "--format", "markdown"],
            vec![],
        ),
        (vec!["soa", file], vec![]),
        (
            vec!["catalog", "list", "--catalog", path_str(&catalog)],
            vec![],
        ),
        (
            vec!["catalog", "show", "C.1", "--catalog", path_str(&catalog)],
            vec![],
        ),
    ];
    for (args, env) in views {
        let (code, stdout, stderr) = run(&args, &env);
        assert_eq!(code, Some(0), "{args:?}: {stderr}");
        assert!(stdout.contains("\\u{1b}"), "{args:?}: the escape is shown");
        assert_inert(&format!("{args:?} stdout"), &stdout);
        assert_inert(&format!("{args:?} stderr"), &stderr);
    }
    // JSON keeps the data exact.
    let (_, json, _) = run(&["gap", file, "--format", "json"], &[]);
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(
        report["organisation"]
            .as_str()
            .unwrap()
            .contains("\x1b]0;pwned\x07")
    );
}

#[test]
fn diagnostics_show_ids_statuses_keys_and_file_names_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let status = dir.path().join("bad\x1b]0;x\x07.yaml");
    fs::write(
        &status,
        "organisation: A\n\
         iso27001:\n\
         \x20 \"A.5.\\e[2J1\": implemented\n\
         \x20 \"A.5.\\u200B2\": implemented\n\
         \x20 A.5.3: \"do\\rne\\a\"\n\
         \x20 A.5.4: {status: planned, \"own\\u202Eer\": x}\n\
         \"scope\\e\": x\n",
    )
    .unwrap();
    for command in ["validate", "gap"] {
        let (code, _, stderr) = run(&[command, path_str(&status)], &[]);
        assert_eq!(code, Some(2), "{stderr}");
        assert_inert(command, &stderr);
        for shown in [
            "bad\\u{1b}]0;x\\u{7}.yaml:3:3: error[unknown-item]: unknown item `A.5.\\u{1b}[2J1`",
            "unknown item `A.5.\\u{200b}2`",
            "unknown status `do\\u{d}ne\\u{7}`",
            "unknown key `own\\u{202e}er`",
            "unknown key `scope\\u{1b}`",
        ] {
            assert!(stderr.contains(shown), "{command} lacks {shown}:\n{stderr}");
        }
    }
    // What clap echoes is escaped too.
    let (code, _, stderr) = run(&["gap", "x.yaml", "--format", "ta\x1b[2Jble"], &[]);
    assert_eq!(code, Some(2));
    assert_inert("clap", &stderr);
}

#[test]
fn markdown_shows_user_text_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let (status, copy, _) = hostile_files(dir.path());
    let file = path_str(&status);
    for args in [
        vec!["gap", file, "--format", "markdown"],
        vec!["soa", file],
        vec!["gap", file, path_str(&copy), "--format", "markdown"],
    ] {
        let (code, markdown, stderr) = run(&args, &[]);
        assert_eq!(code, Some(0), "{args:?}: {stderr}");
        assert!(
            !markdown.contains('\r'),
            "{args:?}: a bare CR ends a table row"
        );
        for link in ["![", "](https://", "](www.", "https://t.example", "<http"] {
            assert!(!markdown.contains(link), "{args:?}: {link} renders");
        }
        // Every row of every table has as many cells as its header.
        let mut columns = None;
        for line in markdown.lines() {
            if !line.starts_with('|') {
                columns = None;
                continue;
            }
            let cells = line
                .replace("\\\\", "")
                .replace("\\|", "")
                .matches('|')
                .count();
            assert_eq!(*columns.get_or_insert(cells), cells, "{args:?}: {line}");
        }
    }
}

#[test]
fn megabyte_values_render_in_every_format_without_hanging() {
    // Laid out naively, 2 MiB without a space takes minutes in a table cell.
    let long = "A".repeat(2 * 1024 * 1024);
    let dir = tempfile::tempdir().unwrap();
    let status = dir.path().join("long.yaml");
    fs::write(
        &status,
        format!(
            "organisation: O{long}\nscope: S{long}\niso27001:\n  A.5.1: {{status: planned, owner: {long}}}\n"
        ),
    )
    .unwrap();
    let other = dir.path().join("other.yaml");
    fs::copy(&status, &other).unwrap();
    let file = path_str(&status);
    // Shortened, with the length; a table may wrap it across lines.
    let shortened = "characters)";
    for (args, shows) in [
        (vec!["gap", file], Some(shortened)),
        (vec!["gap", file, path_str(&other)], Some(shortened)),
        (vec!["validate", file], Some(shortened)),
        (vec!["diff", file, path_str(&other)], None),
        (vec!["gap", file, "--format", "json"], None),
        (vec!["gap", file, "--format", "csv"], None),
        (vec!["gap", file, "--format", "markdown"], None),
        (vec!["gap", file, "--format", "html"], None),
        (vec!["soa", file], None),
    ] {
        let (code, stdout, stderr) = run(&args, &[]);
        assert_eq!(code, Some(0), "{args:?}: {stderr}");
        if let Some(shows) = shows {
            assert!(stdout.contains(shows), "{args:?} shows the length");
            assert!(stdout.len() < 200_000, "{args:?}: {} bytes", stdout.len());
        }
    }
}

#[test]
fn a_huge_unknown_id_gets_a_quick_short_answer() {
    let dir = tempfile::tempdir().unwrap();
    let (status, other) = (dir.path().join("id.yaml"), dir.path().join("status.yaml"));
    let id = "A".repeat(4 * 1024 * 1024);
    fs::write(
        &status,
        format!("organisation: O\niso27001:\n  ? {id}\n  : implemented\n"),
    )
    .unwrap();
    fs::write(
        &other,
        format!("organisation: O\niso27001:\n  A.5.1: {id}\n"),
    )
    .unwrap();
    let (code, _, stderr) = run(&["validate", path_str(&status), path_str(&other)], &[]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("error[unknown-item]: unknown item `AAAA")
            && stderr.contains("…` (4194304 characters) in iso27001"),
        "{stderr}"
    );
    assert!(
        stderr.contains("error[unknown-status]: unknown status `AAAA"),
        "{stderr}"
    );
    assert!(stderr.len() < 2_000, "{} bytes of errors", stderr.len());
}

/// What a command showed on a terminal (`script` gives it one), with the
/// terminal's and the CSV's line ends as plain `\n`.
fn on_a_terminal(args: &[&str]) -> String {
    let quoted: Vec<String> = std::iter::once(assert_cmd::cargo::cargo_bin("ims"))
        .map(|p| p.display().to_string())
        .chain(args.iter().map(|a| (*a).to_owned()))
        .chain(std::iter::once("--quiet".to_owned()))
        .map(|a| format!("'{}'", a.replace('\'', "'\\''")))
        .collect();
    let output = std::process::Command::new("script")
        .args(["-qec", &quoted.join(" "), "/dev/null"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("TERM", "xterm")
        .env("NO_COLOR", "1")
        .env_remove("CI")
        .output()
        .expect("script (util-linux) runs the command on a terminal");
    let mut shown = String::from_utf8_lossy(&output.stdout).into_owned();
    while shown.contains("\r\n") {
        shown = shown.replace("\r\n", "\n");
    }
    shown
}

#[test]
fn csv_is_shown_escaped_on_a_terminal_and_kept_exact_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let (status, copy, catalog) = hostile_files(dir.path());
    let file = path_str(&status);
    for args in [
        vec!["gap", file, "--format", "csv"],
        vec!["gap", file, path_str(&copy), "--format", "csv"],
        vec!["soa", file, "--format", "csv"],
        vec!["plan", file, "--format", "csv"],
        vec!["docs", file, "--format", "csv"],
        vec![
            "catalog",
            "list",
            "--format",
            "csv",
            "--catalog",
            path_str(&catalog),
        ],
    ] {
        let shown = on_a_terminal(&args);
        assert!(
            shown.contains("\\u{1b}"),
            "{args:?}: the escape is shown:\n{shown}"
        );
        assert_inert(&format!("{args:?} on a terminal"), &shown);
        // Into a pipe or a file, the data is exact.
        let (code, piped, stderr) = run(&args, &[]);
        assert_eq!(code, Some(0), "{args:?}: {stderr}");
        assert!(
            piped.contains('\x1b'),
            "{args:?}: the data is exact in a pipe"
        );
    }
}
