//! The deliverables read back: the Statement of Applicability workbook, the
//! ratchet against a JSON report, and output formats chosen by extension.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Read;
use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};

use crate::common::ims;

fn xml_part(path: &Path, part: &str) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut archive = zip::ZipArchive::new(file).unwrap();
    let mut text = String::new();
    archive
        .by_name(part)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn the_soa_workbook_reads_back_with_every_control_and_its_styling() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("soa.xlsx");
    ims()
        .args(["soa", "examples/saas-iso27001-adding-iso20000.yaml", "-o"])
        .arg(&path)
        .assert()
        .code(0);

    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(
        book.sheet_names(),
        ["Statement of Applicability", "About", "Change history"]
    );
    let range = book.worksheet_range("Statement of Applicability").unwrap();
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|row| {
            row.iter()
                .map(|cell| match cell {
                    Data::String(s) => s.clone(),
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect();
    assert_eq!(
        rows.len(),
        1 + 93 + 1,
        "a header, one row per control, and the additional control"
    );
    assert_eq!(rows[0][0], "Control");
    assert_eq!(rows[0][3], "Applicable");
    assert_eq!(rows[0][4], "Reasons for inclusion");
    assert_eq!(rows[0][5], "Justification");
    assert_eq!(rows[0][7], "Implementation status");
    assert_eq!(rows[0][8], "Status inherited from");
    assert_eq!(rows[0][9], "Implementation");
    assert_eq!(
        rows[0][10], "Evidence",
        "the reuse column is only in the working copy"
    );
    assert_eq!(rows[0][13], "Last review");
    let a51 = rows.iter().find(|r| r[0] == "A.5.1").unwrap();
    assert_eq!(a51[3], "yes");
    assert_eq!(a51[4], "contractual; best-practice");
    assert_eq!(
        a51[5],
        "Required by clause 5.2 and by enterprise customer contracts."
    );
    assert_eq!(a51[7], "implemented");
    assert_eq!(a51[13], "2026-03-02");
    let a515 = rows.iter().find(|r| r[0] == "A.5.15").unwrap();
    assert_eq!(
        (a515[4].as_str(), a515[6].as_str(), a515[8].as_str()),
        ("risk-treatment", "R-01", "")
    );
    let a711 = rows.iter().find(|r| r[0] == "A.7.11").unwrap();
    assert_eq!(a711[3], "no");
    assert_eq!(a711[4], "", "no reasons for inclusion on an exclusion");
    assert!(a711[5].starts_with("No information processing facilities"));
    let a88 = rows.iter().find(|r| r[0] == "A.8.8").unwrap();
    assert_eq!(
        a88[10],
        "Vulnerability scan reports\nExternal penetration test report"
    );
    assert_eq!(a88[11], "2026-10-28\n2025-05-12");
    let ids: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(ids.first(), Some(&"A.5.1"));
    assert_eq!(ids[92], "A.8.34");
    assert_eq!(ids.last(), Some(&"CLD.12.1.5"));

    let sheet = xml_part(&path, "xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains(r#"state="frozen""#),
        "the header row is frozen"
    );
    assert!(
        sheet.contains(r#"<autoFilter ref="A1:P95""#),
        "filters on every column"
    );
    assert!(
        sheet.contains("<cols>") && sheet.contains(r#"customWidth="1""#),
        "column widths are set"
    );
    let styles = xml_part(&path, "xl/styles.xml");
    for colour in ["FFC6EFCE", "FFFFEB9C", "FFD9D9D9", "FF1F3864"] {
        assert!(styles.contains(colour), "status colour {colour} is used");
    }
    let about = book.worksheet_range("About").unwrap();
    assert_eq!(
        about.get_value((0, 1)),
        Some(&Data::String("Cloudberry Analytics GmbH".into()))
    );
    let facts: Vec<(String, String)> = about
        .rows()
        .map(|row| (row[0].to_string(), row[1].to_string()))
        .collect();
    for (label, value) in [
        ("SoA version", "3.1"),
        ("Approved by", "J. Kramer, CEO"),
        ("Approved on", "2026-03-16"),
        ("Risk assessment", "2026-02-27"),
        ("Risk treatment plan", "2.3"),
        ("Additional controls", "1"),
    ] {
        assert!(
            facts.contains(&(label.to_owned(), value.to_owned())),
            "{label}: {facts:?}"
        );
    }
    let history = book.worksheet_range("Change history").unwrap();
    let changes: Vec<Vec<String>> = history
        .rows()
        .map(|row| row.iter().map(ToString::to_string).collect())
        .collect();
    assert_eq!(changes[0], ["Version", "Date", "By", "Change"]);
    assert_eq!(changes.len(), 3, "{changes:?}");
    assert_eq!(changes[2][0], "3.1");
    assert_eq!(changes[2][1], "2026-03-16");
    assert!(changes[2][3].starts_with("Annual review"));
}

#[test]
fn the_working_copy_shows_what_other_standards_give() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("soa.xlsx");
    ims()
        .args([
            "soa",
            "examples/msp-iso20000-to-iso27001.yaml",
            "--with-reuse",
            "-o",
        ])
        .arg(&path)
        .assert()
        .code(0);
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    // No change history in the status file, so no sheet for it.
    assert_eq!(book.sheet_names(), ["Statement of Applicability", "About"]);
    let range = book.worksheet_range("Statement of Applicability").unwrap();
    let header: Vec<String> = range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(header[10], "Reused from other standards");
    assert_eq!(header.len(), 17);
    let a832 = range
        .rows()
        .find(|row| row[0] == Data::String("A.8.32".into()))
        .unwrap();
    assert!(
        a832[10]
            .to_string()
            .starts_with("iso20000 8.5.1 Change management (implemented), covers most")
    );
    let sheet = xml_part(&path, "xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains(r#"<autoFilter ref="A1:Q94""#),
        "filters on every column"
    );
}

#[test]
fn the_soa_workbook_is_identical_from_run_to_run() {
    let dir = tempfile::tempdir().unwrap();
    let (first, second) = (dir.path().join("a.xlsx"), dir.path().join("b.xlsx"));
    for path in [&first, &second] {
        ims()
            .args(["soa", "examples/msp-iso20000-to-iso27001.yaml", "-q", "-o"])
            .arg(path)
            .assert()
            .code(0);
    }
    assert_eq!(
        std::fs::read(first).unwrap(),
        std::fs::read(second).unwrap()
    );
}

#[test]
fn a_json_report_serves_as_the_next_baseline() {
    let dir = tempfile::tempdir().unwrap();
    let baseline = dir.path().join("baseline.json");
    ims()
        .args(["gap", "tests/fixtures/msp-2026-04.yaml", "-q", "-o"])
        .arg(&baseline)
        .assert()
        .code(0);
    let regressed = ims()
        .args([
            "gap",
            "examples/msp-iso20000-to-iso27001.yaml",
            "--format",
            "json",
            "--baseline",
        ])
        .arg(&baseline)
        .output()
        .unwrap();
    assert_eq!(regressed.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&regressed.stdout).unwrap();
    let ids: Vec<&str> = report["baseline"]["regressions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["A.5.24", "A.8.8"]);
    let same = ims()
        .args([
            "diff",
            "tests/fixtures/msp-2026-04.yaml",
            "examples/msp-iso20000-to-iso27001.yaml",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let via_json = ims()
        .args(["diff", "--format", "json"])
        .arg(&baseline)
        .arg("examples/msp-iso20000-to-iso27001.yaml")
        .output()
        .unwrap();
    let changes = |bytes: &[u8]| {
        serde_json::from_slice::<serde_json::Value>(bytes).unwrap()["changes"].clone()
    };
    assert_eq!(
        changes(&same.stdout),
        changes(&via_json.stdout),
        "a JSON report and its status file diff alike"
    );
}

#[test]
fn the_output_extension_chooses_the_format() {
    let dir = tempfile::tempdir().unwrap();
    for (name, starts) in [
        ("r.json", "{"),
        ("r.csv", "standard,id,title"),
        ("r.md", "# Gap analysis"),
        ("r.html", "<!DOCTYPE html>"),
    ] {
        let path = dir.path().join(name);
        ims()
            .args(["gap", "examples/startup-little-in-place.yaml", "-q", "-o"])
            .arg(&path)
            .assert()
            .code(0);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with(starts),
            "{name}: {}",
            &text[..40.min(text.len())]
        );
    }
    let soa = dir.path().join("soa.csv");
    ims()
        .args(["soa", "examples/startup-little-in-place.yaml", "-q", "-o"])
        .arg(&soa)
        .assert()
        .code(0);
    assert!(
        std::fs::read_to_string(&soa)
            .unwrap()
            .starts_with("Control,Title,Theme,Applicable")
    );
}

#[test]
fn deliverables_match_their_snapshots() {
    let text =
        |args: &[&str]| String::from_utf8(ims().args(args).output().unwrap().stdout).unwrap();
    assert_snapshot!(
        "soa-msp-markdown",
        text(&["soa", "examples/msp-iso20000-to-iso27001.yaml"])
    );
    assert_snapshot!(
        "diff-msp-markdown",
        text(&[
            "diff",
            "tests/fixtures/msp-2026-04.yaml",
            "examples/msp-iso20000-to-iso27001.yaml",
            "--format",
            "markdown"
        ])
    );
}

#[test]
fn text_longer_than_excel_allows_is_cut_marked_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let status = dir.path().join("long.yaml");
    std::fs::write(
        &status,
        format!(
            "organisation: O\nscope: {}\niso27001:\n  A.5.1: {{status: partial, owner: {}, note: \"{}\"}}\n",
            "S".repeat(40_000),
            "A".repeat(40_000),
            "é".repeat(33_000)
        ),
    )
    .unwrap();
    let path = dir.path().join("soa.xlsx");
    let output = ims()
        .arg("soa")
        .arg(&status)
        .arg("-o")
        .arg(&path)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    for cut in [
        "control A.5.1, Owner: 40000 characters, cut to Excel's limit of 32767",
        "control A.5.1, Notes: 33000 characters, cut",
        "the About sheet, Scope: 40000 characters, cut",
    ] {
        assert!(stderr.contains(cut), "{stderr}");
    }
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    let range = book.worksheet_range("Statement of Applicability").unwrap();
    let row = range
        .rows()
        .find(|row| row[0] == Data::String("A.5.1".into()))
        .unwrap();
    let Data::String(owner) = &row[12] else {
        panic!("owner: {:?}", row[12]);
    };
    assert!(owner.starts_with("AAAA") && owner.ends_with("… [cut: 40000 characters]"));
    assert!(owner.encode_utf16().count() <= 32_767);
    let Data::String(note) = &row[15] else {
        panic!("note: {:?}", row[15]);
    };
    assert!(
        note.ends_with("… [cut: 33000 characters]"),
        "{}",
        note.len()
    );
}

#[test]
fn soa_check_lists_what_an_auditor_would_reject_and_writes_nothing() {
    let passed = ims()
        .args([
            "soa",
            "examples/saas-iso27001-adding-iso20000.yaml",
            "--check",
        ])
        .output()
        .unwrap();
    assert_eq!(passed.status.code(), Some(0));
    assert!(passed.stdout.is_empty(), "--check writes no SoA");
    let stderr = String::from_utf8(passed.stderr).unwrap();
    assert!(
        stderr.contains("would pass: all 94 controls are decided"),
        "{stderr}"
    );

    let dir = tempfile::tempdir().unwrap();
    let status = dir.path().join("s.yaml");
    std::fs::write(
        &status,
        "organisation: O\niso27001:\n  A.5: {status: implemented, reasons: risk-treatment, risks: [R-1]}\n  A.6: implemented\n  A.6.1: {status: implemented, justification: Staff screening is required by law}\n  A.7.1: {status: not-applicable, justification: Remote only}\n  A.8.1: {status: implemented, reasons: [best-practice]}\nadditional-controls:\n  - {id: X.1, title: Extra, source: Contract, status: implemented}\n",
    )
    .unwrap();
    let failed = ims()
        .args(["soa", "--check"])
        .arg(&status)
        .output()
        .unwrap();
    assert_eq!(failed.status.code(), Some(1));
    assert!(failed.stdout.is_empty());
    let all = String::from_utf8(failed.stderr).unwrap();
    // What an auditor would question is told too, apart from the rejections.
    assert!(all.contains("warning[nothing-to-show]: iso27001 A.8.1 User end point devices: implemented, with neither"), "{all}");
    let lines: Vec<&str> = all.lines().filter(|l| !l.contains(": warning[")).collect();
    let stderr = lines.join("\n");
    // A.6.2 to A.6.8 inherit a status but no reason from A.6; A.6.1 has a
    // justification; A.5 controls inherit the heading's reason and risk.
    assert!(stderr.contains("error[unjustified]: iso27001 A.6.2 Terms and conditions of employment: applicable, with no reason or justification"));
    assert!(!stderr.contains("A.6.1 "), "{stderr}");
    assert!(!stderr.contains("A.5.1 "), "{stderr}");
    assert!(!stderr.contains("A.7.1 "), "{stderr}");
    assert!(!stderr.contains("A.8.1 "), "{stderr}");
    assert!(stderr.contains("iso27001 A.7.2 Physical entry: not decided"));
    assert!(
        stderr
            .contains("additional control X.1 Extra (Contract): applicable, with no justification")
    );
    // 7 people controls, 13 physical and 33 technological controls not decided, and X.1.
    let rejected = lines
        .iter()
        .filter(|l| {
            l.contains(": applicable") || l.contains(": not decided") || l.contains(": excluded")
        })
        .count();
    assert_eq!(rejected, 7 + 13 + 33 + 1, "{stderr}");
    assert!(
        stderr.contains("54 of 94 controls would be rejected"),
        "{stderr}"
    );
}
