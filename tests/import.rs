//! `ims import`: a client's messy spreadsheet becomes a status file that
//! validates, with every row it cannot take located; and ims's own SoA (XLSX
//! and CSV) and gap CSV read back to the same statuses, justifications,
//! owners and evidence.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use crate::common::{EXAMPLES, ims};

pub(crate) fn run(args: &[&str]) -> (i32, String, String) {
    let output = ims().args(args).output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

pub(crate) fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn the_messy_client_sheet_imports_and_validates() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("client.yaml");
    let (code, stdout, stderr) = run(&[
        "import",
        "examples/client-soa.xlsx",
        "--organisation",
        "Harbour Freight Logistics Ltd",
        "-o",
        path(&out),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.is_empty());
    assert_snapshot!(
        "import-client-soa-stderr",
        stderr.replace(path(&out), "client.yaml")
    );
    let text = std::fs::read_to_string(&out).unwrap();
    // The file as written passes validation.
    let (code, _, stderr) = run(&["validate", path(&out)]);
    assert_eq!(code, 0, "{stderr}");
    // Ids in three spellings, Annex A numbering on an SoA, Y and x.
    for id in ["A.5.1:", "A.5.2:", "A.5.3:", "A.5.4:", "A.8.1:"] {
        assert!(text.contains(&format!("\n  {id}")), "{id}\n{text}");
    }
    assert!(!text.contains("\n  \"5.2\":"), "5.2 is Annex A's on an SoA");
    // The formula cell is read as its stored value.
    assert!(
        text.contains("  A.5.9:\n    status: implemented\n"),
        "{text}"
    );
    // An exclusion without a justification is written commented out; no
    // justification is invented.
    assert!(
        text.contains("  # A.7.4:\n  #   status: not-applicable\n"),
        "{text}"
    );
    // An unknown status word is located and its row commented out; no
    // status is proposed for a word that says none.
    assert!(stderr_of_unknown_word().contains(
        "row 11, column E: warning[unknown-word]: unknown status word `Live`, so the row is written commented out; say what it means with --status \"Live=STATUS\""
    ));
    assert!(text.contains("  # A.5.7:"), "{text}");
    // An id that is no control is located, and left out.
    assert!(!text.contains("A.5.99"));
}

fn stderr_of_unknown_word() -> String {
    run(&["import", "examples/client-soa.xlsx"]).2
}

#[test]
fn a_status_word_can_be_added_and_a_column_named() {
    let (code, stdout, stderr) = run(&[
        "import",
        "examples/client-soa.xlsx",
        "--status",
        "Live=implemented",
        "--column",
        "notes=Evidence",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("  A.5.7:\n    status: implemented\n"),
        "{stdout}"
    );
    // The Evidence column is read as notes now, and no longer as evidence.
    assert!(
        stdout.contains("note: Asset register (SharePoint)"),
        "{stdout}"
    );
    assert!(!stdout.contains("evidence:"), "{stdout}");
}

/// The SoA of a status file as CSV. It leaves out the column that depends
/// on the other standards' statuses (an SoA-only round trip cannot keep
/// those), as the statement for the auditor does.
fn soa_rows(status: &Path) -> Vec<Vec<String>> {
    let (code, stdout, stderr) = run(&["soa", path(status), "--format", "csv"]);
    assert_eq!(code, 0, "{stderr}");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(stdout.as_bytes());
    assert!(
        reader
            .headers()
            .unwrap()
            .iter()
            .all(|h| h != "Reused from other standards")
    );
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn the_soa_reads_back_the_same_from_xlsx_and_csv() {
    let dir = tempfile::tempdir().unwrap();
    for name in EXAMPLES {
        let original = Path::new("examples").join(format!("{name}.yaml"));
        for format in ["xlsx", "csv"] {
            let soa = dir.path().join(format!("{name}.{format}"));
            let back = dir.path().join(format!("{name}-{format}.yaml"));
            let (code, _, stderr) = run(&["soa", path(&original), "-o", path(&soa), "-q"]);
            assert_eq!(code, 0, "{stderr}");
            let (code, _, stderr) = run(&["import", path(&soa), "-o", path(&back)]);
            assert_eq!(code, 0, "{name} {format}: {stderr}");
            assert!(
                !stderr.contains("commented out:"),
                "{name} {format}: {stderr}"
            );
            assert_eq!(
                soa_rows(&original),
                soa_rows(&back),
                "{name} {format}: the SoA differs after the round trip"
            );
            if *name == "saas-iso27001-adding-iso20000" && format == "xlsx" {
                let text = std::fs::read_to_string(&back).unwrap();
                assert!(
                    text.contains("soa: {version: \"3.1\", approved_by: \"J. Kramer, CEO\", approved_on: 2026-03-16, risk_assessment: 2026-02-27, risk_treatment_plan: \"2.3\"}"),
                    "{text}"
                );
                assert!(text.contains("organisation: Cloudberry Analytics GmbH\n"));
            }
        }
    }
}

/// The gap CSV's columns that a status file holds.
fn gap_rows(status: &Path) -> Vec<Vec<String>> {
    let (code, stdout, stderr) = run(&["gap", path(status), "--format", "csv"]);
    assert!(code < 2, "{stderr}");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(stdout.as_bytes());
    let header = reader.headers().unwrap().clone();
    let keep: Vec<usize> = [
        "standard",
        "id",
        "status",
        "inherited_from",
        "owner",
        "due",
        "evidence",
        "evidence_dates",
        "justification",
        "note",
    ]
    .iter()
    .map(|name| header.iter().position(|h| h == *name).unwrap())
    .collect();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            keep.iter().map(|&i| r[i].to_owned()).collect()
        })
        .collect()
}

#[test]
fn the_gap_csv_reads_back_the_same() {
    let dir = tempfile::tempdir().unwrap();
    for name in EXAMPLES {
        let original = Path::new("examples").join(format!("{name}.yaml"));
        let gap = dir.path().join(format!("{name}.csv"));
        let back = dir.path().join(format!("{name}.yaml"));
        let (code, _, stderr) = run(&["gap", path(&original), "-o", path(&gap), "-q"]);
        assert!(code < 2, "{stderr}");
        let (code, _, stderr) = run(&["import", path(&gap), "-o", path(&back)]);
        assert_eq!(code, 0, "{name}: {stderr}");
        assert!(
            stderr.contains("standard: from the standard column"),
            "{stderr}"
        );
        assert_eq!(
            gap_rows(&original),
            gap_rows(&back),
            "{name}: the gap CSV differs after the round trip"
        );
    }
}

#[test]
fn text_a_spreadsheet_would_run_survives_the_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let status = dir.path().join("s.yaml");
    std::fs::write(
        &status,
        "organisation: O\niso27001:\n  A.5.1: {status: implemented, owner: \"=HYPERLINK(x)\", evidence: [\"-5 days\", \"Doc; with a semicolon\", {ref: \"@mention\", date: 2026-01-02}], note: \"+1 line\"}\n  A.5.2: {status: partial, evidence: \"Only one; with a semicolon\"}\n",
    )
    .unwrap();
    soa_round_trip(dir.path(), &status);
}

/// Writes the SoA of `status` as CSV and as XLSX into `dir`, imports each
/// back, and checks that the statement reads the same; gives the text of
/// each imported file.
fn soa_round_trip(dir: &Path, status: &Path) -> Vec<(&'static str, String)> {
    ["csv", "xlsx"]
        .into_iter()
        .map(|format| {
            let soa = dir.join(format!("s.{format}"));
            let back = dir.join(format!("back-{format}.yaml"));
            assert_eq!(run(&["soa", path(status), "-o", path(&soa), "-q"]).0, 0);
            let (code, _, stderr) = run(&["import", path(&soa), "-o", path(&back)]);
            assert_eq!(code, 0, "{stderr}");
            assert_eq!(soa_rows(status), soa_rows(&back), "{format}");
            (format, std::fs::read_to_string(&back).unwrap())
        })
        .collect()
}

#[test]
fn nothing_usable_or_nothing_writable_is_exit_2_and_nothing_is_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let no_header = dir.path().join("notes.csv");
    std::fs::write(&no_header, "Meeting notes\nWe talked about security\n").unwrap();
    let (code, _, stderr) = run(&["import", path(&no_header)]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("no sheet has a header row with an id column"),
        "{stderr}"
    );
    assert!(stderr.contains("--column id="), "{stderr}");

    let ambiguous = dir.path().join("gap.csv");
    std::fs::write(&ambiguous, "ID,Status\n4.1,Implemented\n7.5.2,Partial\n").unwrap();
    let (code, _, stderr) = run(&["import", path(&ambiguous)]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--standard"), "{stderr}");
    let (code, stdout, _) = run(&["import", path(&ambiguous), "--standard", "iso20000"]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("iso20000:\n  \"4.1\": implemented\n  \"7.5.2\": partial\n"),
        "{stdout}"
    );

    let unplaced = dir.path().join("bad.csv");
    std::fs::write(&unplaced, "Control,Applicable\nZ.1,Yes\n").unwrap();
    let (code, _, stderr) = run(&["import", path(&unplaced)]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("row 2, column A: warning[unknown-item]: cannot place `Z.1`"),
        "{stderr}"
    );

    let existing = dir.path().join("status.yaml");
    std::fs::write(&existing, "mine\n").unwrap();
    let (code, _, stderr) = run(&["import", "examples/client-soa.xlsx", "-o", path(&existing)]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--force"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "mine\n");
    let (code, _, _) = run(&[
        "import",
        "examples/client-soa.xlsx",
        "-o",
        path(&existing),
        "--force",
    ]);
    assert_eq!(code, 0);
    assert_ne!(std::fs::read_to_string(&existing).unwrap(), "mine\n");

    let (code, _, stderr) = run(&["import", "examples/client-soa.xlsx", "--sheet", "Nope"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("\"Cover\", \"SoA\""), "{stderr}");
    let (code, _, stderr) = run(&[
        "import",
        "examples/client-soa.xlsx",
        "--status",
        "Live=done",
    ]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("unknown status `done` in --status"),
        "{stderr}"
    );
}

#[test]
fn an_edited_row_that_showed_an_inherited_status_keeps_its_edit_alone() {
    let dir = tempfile::tempdir().unwrap();
    let status = dir.path().join("s.yaml");
    std::fs::write(
        &status,
        "organisation: O\niso27001:\n  A.5: {status: implemented, reasons: [best-practice]}\n",
    )
    .unwrap();
    let soa = dir.path().join("soa.csv");
    let (code, _, _) = run(&["soa", path(&status), "-o", path(&soa), "-q"]);
    assert_eq!(code, 0);
    // A.5.2 and A.5.5 inherit from A.5 in the SoA; edit them in the sheet.
    let mut reader = csv::Reader::from_path(&soa).unwrap();
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let mut writer = csv::Writer::from_path(dir.path().join("edited.csv")).unwrap();
    writer.write_record(&header).unwrap();
    for record in reader.records() {
        let mut row: Vec<String> = record.unwrap().iter().map(str::to_owned).collect();
        if row[0] == "A.5.2" {
            assert_eq!(row[column("Status inherited from")], "A.5");
            row[column("Implementation status")] = "partial".to_owned();
        } else if row[0] == "A.5.5" {
            row[column("Owner")] = "New Owner".to_owned();
        }
        writer.write_record(&row).unwrap();
    }
    writer.flush().unwrap();
    let soa = dir.path().join("edited.csv");
    let back = dir.path().join("back.yaml");
    let (code, _, stderr) = run(&["import", path(&soa), "-o", path(&back)]);
    assert_eq!(code, 0, "{stderr}");
    let rows = soa_rows(&back);
    let status = |id: &str| {
        let row = rows.iter().find(|r| r[0] == id).unwrap();
        (row[7].clone(), row[8].clone())
    };
    // The edit stays on A.5.2; the other A.5 controls keep the heading's status.
    assert_eq!(status("A.5.2"), ("partial".to_owned(), String::new()));
    assert_eq!(
        status("A.5.3"),
        ("implemented".to_owned(), "A.5".to_owned())
    );
    let a55 = rows.iter().find(|r| r[0] == "A.5.5").unwrap();
    assert!(a55.contains(&"New Owner".to_owned()), "{a55:?}");
    let a56 = rows.iter().find(|r| r[0] == "A.5.6").unwrap();
    assert!(!a56.contains(&"New Owner".to_owned()), "{a56:?}");
}

#[test]
fn what_a_sheet_cannot_say_plainly_is_reported_not_guessed() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("sheet.csv");
    std::fs::write(
        &sheet,
        "Control,Applicable,Status,Justification for inclusion,Justification for exclusion,Status,Mystery\n\
         A.5.1,✗,,,No policies here,Implemented,x\n\
         A.5.2,?,Implemented,,,,\n\
         A.5.3,Yes,,Needed,,,\n\
         A.5.4,Yes,Implemented,bad\u{7f}char,,,\n\
         5,TBD,,,,,\n",
    )
    .unwrap();
    let out = dir.path().join("out.yaml");
    let (code, _, stderr) = run(&["import", path(&sheet), "-o", path(&out)]);
    assert_eq!(code, 0, "{stderr}");
    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(run(&["validate", path(&out)]).0, 0);
    // ✗ excludes; the exclusion column gives the justification.
    assert!(
        text.contains(
            "  A.5.1:\n    status: not-applicable\n    justification: No policies here\n"
        ),
        "{text}"
    );
    // `?` is not read as applicable.
    assert!(
        stderr.contains("row 3, column B: warning[unknown-word]: cannot read `?` as applicable"),
        "{stderr}"
    );
    // Applicable with no status is an inclusion, its status not assessed.
    assert!(
        text.contains("  A.5.3:\n    applicable: yes\n    justification: Needed\n"),
        "{text}"
    );
    assert!(
        stderr.contains("1 included with status not assessed"),
        "{stderr}"
    );
    // A control character is replaced, and said.
    assert!(
        stderr.contains("row 5, column D: note[text-changed]: a control character"),
        "{stderr}"
    );
    assert!(text.contains("bad\u{fffd}char"), "{text}");
    // A second status column and an unknown header are listed as not read.
    assert!(stderr.contains("not read: \"Status\" (F)"), "{stderr}");
    assert!(
        stderr.contains("header not known: \"Mystery\" (G)"),
        "{stderr}"
    );
    // `5` with nothing decided is a section row, not clause 5.
    assert!(!text.contains("\"5\":"), "{text}");
}

#[test]
fn a_workbook_is_read_cell_by_cell_and_numbers_as_ids_are_not_trusted() {
    let dir = tempfile::tempdir().unwrap();
    let book_path = dir.path().join("sparse.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (column, header) in ["Control", "Applicable", "Status"].iter().enumerate() {
        sheet.write_string(0, column as u16, *header).unwrap();
    }
    sheet.write_string(1, 0, "A.5.1").unwrap();
    sheet.write_string(1, 1, "Yes").unwrap();
    sheet.write_string(1, 2, "Implemented").unwrap();
    // 7.10 typed as a number is 7.1 to the workbook.
    sheet.write_number(2, 0, 7.10).unwrap();
    sheet.write_string(2, 1, "Yes").unwrap();
    sheet.write_string(2, 2, "Planned").unwrap();
    // A stray cell in the last row and column of the sheet.
    sheet.write_string(1_048_575, 16_383, "stray").unwrap();
    book.save(&book_path).unwrap();

    let (code, stdout, stderr) = run(&["import", path(&book_path)]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("  A.5.1: implemented\n"), "{stdout}");
    assert!(!stdout.contains("A.7.1"), "{stdout}");
    assert!(
        stderr.contains("is a number in the workbook, which cannot tell 7.1 from 7.10"),
        "{stderr}"
    );
    assert!(stderr.contains("1 cell(s) beyond row 100000"), "{stderr}");
}

#[test]
fn the_guide_shows_what_import_says() {
    let guide =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/guide.md"))
            .unwrap();
    let start = guide
        .find("```text\nexamples/client-soa.xlsx: sheet")
        .expect("the guide shows the import's stderr");
    let excerpt = &guide[start + "```text\n".len()..];
    let excerpt = &excerpt[..excerpt.find("```").unwrap()];
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("status.yaml");
    let (code, _, stderr) = run(&[
        "import",
        "examples/client-soa.xlsx",
        "--organisation",
        "Harbour Freight Logistics Ltd",
        "--status",
        "Live=implemented",
        "-o",
        path(&out),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let stderr = stderr.replace(path(&out), "status.yaml");
    // Abridged: every line shown is a line ims prints.
    for line in excerpt.lines() {
        assert!(
            stderr.lines().any(|l| l == line),
            "{line}\nnot in:\n{stderr}"
        );
    }
}

#[test]
fn an_soa_only_sheet_keeps_its_inclusions_and_exclusions() {
    // 13 controls marked applicable and 2 excluded, each with a
    // justification, and no status column at all.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("soa-only.yaml");
    let (code, _, stderr) = run(&[
        "import",
        "tests/fixtures/import/soa-only.csv",
        "-o",
        path(&out),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains(
            "  mapped: 15 entries (13 included with status not assessed, 2 not-applicable)\n"
        ),
        "{stderr}"
    );
    // An inclusion is a decision, not a loss.
    assert!(!stderr.contains("no status"), "{stderr}");
    assert!(stderr.contains(", 0 cell(s) left out;"), "{stderr}");
    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(text.matches("    applicable: yes\n").count(), 13, "{text}");
    assert_eq!(
        text.matches("    status: not-applicable\n").count(),
        2,
        "{text}"
    );
    assert!(!text.contains("not-assessed"), "{text}");
    assert!(
        text.contains("  A.5.1:\n    applicable: yes\n    justification: The board sets direction for security through a policy set.\n"),
        "{text}"
    );
    // An exclusion's justification, from the column headed Justification, is kept.
    assert!(
        text.contains("  A.8.30:\n    status: not-applicable\n    justification: \"All software is written by our own employees; no development is contracted out.\"\n"),
        "{text}"
    );
    let (code, _, stderr) = run(&["validate", path(&out)]);
    assert_eq!(code, 0, "{stderr}");

    // Every control of the sheet is decided; only the controls the sheet
    // leaves out are not.
    let (_, _, check) = run(&["soa", path(&out), "--check"]);
    let sheet = std::fs::read_to_string("tests/fixtures/import/soa-only.csv").unwrap();
    let ids: Vec<&str> = sheet
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(ids.len(), 15);
    for id in &ids {
        let named = format!("iso27001 {id} ");
        assert!(
            !check
                .lines()
                .any(|l| l.contains("error[") && l.contains(&named)),
            "{id}: {check}"
        );
    }
    assert_eq!(
        check.matches("warning[status-not-assessed]").count(),
        13,
        "{check}"
    );
    assert!(
        check.contains("warning[status-not-assessed]: iso27001 A.5.1 Policies for information security: included, but its implementation status is not assessed"),
        "{check}"
    );
    assert_eq!(
        check.matches("error[undecided]").count(),
        93 - 15,
        "{check}"
    );

    // The gap counts the included controls as not assessed: no coverage.
    let (_, json, stderr) = run(&["gap", path(&out), "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&json).expect(&stderr);
    let iso = report["standards"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "iso27001")
        .unwrap();
    // The clauses and the 91 controls not excluded, none in place.
    assert_eq!(
        (
            &iso["not_assessed"],
            &iso["not_applicable"],
            &iso["coverage"]
        ),
        (
            &serde_json::json!(121),
            &serde_json::json!(2),
            &serde_json::json!(0.0)
        ),
        "{iso}"
    );
}

#[test]
fn an_inclusion_without_a_status_reads_back_from_the_soa() {
    let dir = tempfile::tempdir().unwrap();
    let status = dir.path().join("s.yaml");
    std::fs::write(
        &status,
        "organisation: O\niso27001:\n  A.5.1: {applicable: yes, justification: Policies set the direction.}\n  A.5.2: {applicable: yes, status: partial, reasons: legal}\n  A.5.3: {applicable: no, justification: One person runs the company.}\n  A.7: {applicable: yes, reasons: [best-practice]}\n",
    )
    .unwrap();
    for (format, text) in soa_round_trip(dir.path(), &status) {
        assert!(
            text.contains("  A.5.1:\n    applicable: yes\n"),
            "{format}: {text}"
        );
        assert!(
            text.contains("  A.7:\n    applicable: yes\n"),
            "{format}: {text}"
        );
    }
}

/// The status file without its first line, the comment naming the file.
fn without_the_file_name(text: &str) -> &str {
    text.split_once('\n').map_or("", |(_, rest)| rest)
}

#[test]
fn the_client_sheet_imports_the_same_from_xlsx_ods_and_xls() {
    let dir = tempfile::tempdir().unwrap();
    let mut written = Vec::new();
    for (source, name) in [
        ("examples/client-soa.xlsx", "from-xlsx.yaml"),
        ("tests/fixtures/import/client-soa.ods", "from-ods.yaml"),
        ("tests/fixtures/import/client-soa.xls", "from-xls.yaml"),
    ] {
        let out = dir.path().join(name);
        let (code, _, stderr) = run(&["import", source, "--organisation", "H", "-o", path(&out)]);
        assert_eq!(code, 0, "{source}: {stderr}");
        assert!(stderr.contains("mapped: 7 entries"), "{source}: {stderr}");
        written.push(std::fs::read_to_string(&out).unwrap());
    }
    assert!(written[0].contains("from examples/client-soa.xlsx"));
    for other in &written[1..] {
        assert_eq!(
            without_the_file_name(other),
            without_the_file_name(&written[0])
        );
    }
    // The format is read from the bytes, whatever the name says.
    for (source, misnamed) in [
        ("tests/fixtures/import/client-soa.ods", "soa.xlsx"),
        ("tests/fixtures/import/client-soa.xls", "soa.csv"),
    ] {
        let copy = dir.path().join(misnamed);
        std::fs::copy(source, &copy).unwrap();
        let out = dir.path().join(format!("{misnamed}.yaml"));
        let (code, _, stderr) = run(&[
            "import",
            path(&copy),
            "--organisation",
            "H",
            "-o",
            path(&out),
        ]);
        assert_eq!(code, 0, "{misnamed}: {stderr}");
        let text = std::fs::read_to_string(&out).unwrap();
        assert_eq!(
            without_the_file_name(&text),
            without_the_file_name(&written[0])
        );
    }
}

#[test]
fn the_guide_shows_what_an_soa_only_import_says_and_writes() {
    let guide =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/guide.md"))
            .unwrap();
    let block = |opening: &str| {
        let start = guide
            .find(opening)
            .unwrap_or_else(|| panic!("the guide has no block opening {opening:?}"));
        let text = &guide[start + opening.find('\n').unwrap() + 1..];
        text[..text.find("```").unwrap()].to_owned()
    };
    let said = block("```text\nimported tests/fixtures/import/soa-only.csv");
    let written = block("```yaml\niso27001:\n  A.5.1:\n    applicable: yes");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("soa.yaml");
    let (code, _, stderr) = run(&[
        "import",
        "tests/fixtures/import/soa-only.csv",
        "--organisation",
        "Cloudberry Analytics GmbH",
        "-o",
        path(&out),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let stderr = stderr.replace(path(&out), "soa.yaml");
    // Abridged: every line shown is a line ims prints or writes, and the
    // entries shown are written as shown.
    for line in said.lines() {
        assert!(
            stderr.lines().any(|l| l == line),
            "{line}\nnot in:\n{stderr}"
        );
    }
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("\niso27001:\n"), "{text}");
    let mut entries: Vec<String> = Vec::new();
    for line in written.lines().skip(1) {
        match entries.last_mut() {
            Some(entry) if line.starts_with("    ") => entry.push_str(&format!("{line}\n")),
            _ => entries.push(format!("\n{line}\n")),
        }
    }
    assert_eq!(entries.len(), 2, "{written}");
    for entry in entries {
        assert!(text.contains(&entry), "{entry}\nnot in:\n{text}");
    }
}

#[test]
fn an_empty_template_formatted_out_to_xfd_says_it_has_no_rows() {
    let template = "tests/fixtures/import/empty-template.xlsx";
    for extra in [&[][..], &["--standard", "iso27001"][..]] {
        let mut args = vec!["import", template];
        args.extend(extra);
        let (code, stdout, stderr) = run(&args);
        assert_eq!(code, 2, "{stderr}");
        assert!(stdout.is_empty());
        assert!(
            stderr.contains(
                "empty-template.xlsx: sheet \"SoA\" has a header row (row 3) but no rows below it: nothing to import"
            ),
            "{stderr}"
        );
        // Neither the question of the standard nor the blank cells.
        for unsaid in ["which standard", "beyond row", "cell(s)"] {
            assert!(!stderr.contains(unsaid), "{unsaid}: {stderr}");
        }
    }
}
