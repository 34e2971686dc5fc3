//! The HTML report in a real headless Chromium: it loads with no console
//! errors, shows the headline numbers, escapes what users wrote, and a
//! screenshot is written. When Chromium is missing the tests are reported as
//! ignored (see `common::needing`), except under CI, where `.ci/run`
//! installs it and its absence is a failure.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common;

const BROWSERS: [&str; 3] = ["chromium", "chromium-browser", "google-chrome"];

/// The tests of this module, for the harness in `tests/trials.rs`.
pub fn trials() -> Vec<libtest_mimic::Trial> {
    let missing = chromium()
        .is_none()
        .then(|| "no Chromium is installed (Debian package chromium)".to_owned());
    common::needing(
        "Chromium",
        missing,
        &[
            (
                "the_console_check_catches_errors",
                the_console_check_catches_errors,
            ),
            (
                "the_html_report_loads_cleanly_with_the_headline_numbers",
                the_html_report_loads_cleanly_with_the_headline_numbers,
            ),
            (
                "user_text_is_escaped_and_never_runs",
                user_text_is_escaped_and_never_runs,
            ),
        ],
    )
}

fn chromium() -> Option<PathBuf> {
    BROWSERS
        .iter()
        .find(|name| common::missing_program(name).is_none())
        .map(PathBuf::from)
}

fn browser() -> PathBuf {
    chromium().expect("Chromium is not installed: CI must install it (Debian package chromium)")
}

struct Page {
    dom: String,
    console: Vec<String>,
}

/// Loads `page` in headless Chromium, returning the DOM and console messages;
/// writes a screenshot when asked.
fn load(browser: &Path, page: &Path, screenshot: Option<&Path>) -> Page {
    let profile = tempfile::tempdir().unwrap();
    let mut command = Command::new(browser);
    command.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--enable-logging=stderr",
        "--v=0",
        "--window-size=1280,2400",
    ]);
    command.arg(format!("--user-data-dir={}", profile.path().display()));
    match screenshot {
        Some(path) => command.arg(format!("--screenshot={}", path.display())),
        None => command.arg("--dump-dom"),
    };
    command.arg(format!("file://{}", page.display()));
    let output = command.output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    Page {
        dom: String::from_utf8_lossy(&output.stdout).into_owned(),
        console: stderr
            .lines()
            .filter(|line| line.contains("CONSOLE") || line.contains("Content Security Policy"))
            .map(str::to_owned)
            .collect(),
    }
}

fn report(args: &[&str], dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    assert_cmd::Command::cargo_bin("ims")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .args(["--format", "html", "-o"])
        .arg(&path)
        .assert()
        .code(0);
    path
}

fn the_console_check_catches_errors() {
    let browser = browser();
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("broken.html");
    std::fs::write(
        &page,
        "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\"></head>\
         <body><script>console.error('boom')</script><p>x</p></body></html>",
    )
    .unwrap();
    let loaded = load(&browser, &page, None);
    assert!(
        !loaded.console.is_empty(),
        "a blocked script must show up as a console error"
    );
}

fn the_html_report_loads_cleanly_with_the_headline_numbers() {
    let browser = browser();
    let dir = tempfile::tempdir().unwrap();
    let page = report(
        &["gap", "examples/msp-iso20000-to-iso27001.yaml"],
        dir.path(),
        "report.html",
    );
    let loaded = load(&browser, &page, None);
    assert!(
        loaded.console.is_empty(),
        "console messages: {:#?}",
        loaded.console
    );
    for wanted in [
        "Gap analysis: Northwind Managed Services Ltd",
        "Coverage by group",
        "Integrated management system",
        "Overlap",
        "Reuse suggestions",
    ] {
        assert!(loaded.dom.contains(wanted), "the page lacks {wanted:?}");
    }
    // The headline figures are those of the JSON report.
    let json = common::ims()
        .args([
            "gap",
            "examples/msp-iso20000-to-iso27001.yaml",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    for standard in json["standards"].as_array().unwrap() {
        let figure = |field: &str| format!("{:.1}%", standard[field].as_f64().unwrap());
        for wanted in [
            figure("coverage"),
            format!("{} with full reuse", figure("projected_coverage")),
            format!("{} head start", figure("head_start")),
        ] {
            assert!(loaded.dom.contains(&wanted), "the page lacks {wanted:?}");
        }
    }
    assert!(
        loaded.dom.matches("<svg").count() >= 5,
        "headline bars, coverage and overlap charts"
    );

    let shot = dir.path().join("report.png");
    load(&browser, &page, Some(&shot));
    let png = std::fs::read(&shot).unwrap();
    assert!(
        png.starts_with(b"\x89PNG\r\n\x1a\n") && png.len() > 20_000,
        "screenshot of {} bytes",
        png.len()
    );
}

fn user_text_is_escaped_and_never_runs() {
    let browser = browser();
    let dir = tempfile::tempdir().unwrap();
    let status = dir.path().join("status.yaml");
    std::fs::write(
        &status,
        "organisation: \"<script>document.title='pwned'</script>Evil & Co\"\n\
         iso27001:\n  A.5.1: {status: partial, note: \"<img src=x onerror=alert(1)>\", owner: \"<b>boss</b>\"}\n",
    )
    .unwrap();
    let page = report(&["gap", status.to_str().unwrap()], dir.path(), "evil.html");
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(!html.contains("<script>"), "a script tag reached the page");
    assert!(!html.contains("<b>boss</b>"));
    assert!(html.contains("&lt;script&gt;"));
    let loaded = load(&browser, &page, None);
    assert!(
        loaded.console.is_empty(),
        "console messages: {:#?}",
        loaded.console
    );
    assert!(
        loaded
            .dom
            .contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;Evil &amp; Co")
    );
    assert!(!loaded.dom.contains("<title>pwned</title>"));
}
