//! `ims import` of CISO Assistant's audit export, CSV and XLSX, with no
//! flags: the standard from the URNs, headings as titles, each result as its
//! status, an exclusion justified by its observation, the progress and the
//! finding kept in the note, and a status file that validates.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use crate::common;
use crate::import::{path, run};

/// The export's CSV, shaped as CISO Assistant writes it (made by
/// `make-ciso-assistant-audit.py` beside it).
const AUDIT_CSV: &str = "tests/fixtures/import/ciso-assistant-audit.csv";

/// Imports `file` with no flags into a status file; its text, once
/// validated, and the import's stderr.
fn import(file: &str, dir: &Path) -> (String, String) {
    let stem = Path::new(file).file_stem().unwrap().to_str().unwrap();
    let out = dir.join(format!("{stem}.yaml"));
    let (code, stdout, stderr) = run(&["import", file, "-o", path(&out)]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    let (code, _, problems) = run(&["validate", path(&out)]);
    assert_eq!(code, 0, "{problems}");
    (std::fs::read_to_string(&out).unwrap(), stderr)
}

/// The entries of a status file: everything from the standard's key on.
fn entries(text: &str) -> &str {
    &text[text.find("\niso27001:\n").expect(text)..]
}

/// The fixture as CISO Assistant's XLSX writes the same audit: `assessable`
/// beside the urn, headings with their default result and progress, the
/// score after the observations, and booleans and numbers typed.
fn as_xlsx(dir: &Path) -> String {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_path(AUDIT_CSV)
        .unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("Sheet1").unwrap();
    let header = [
        "urn",
        "assessable",
        "ref_id",
        "name",
        "description",
        "compliance_result",
        "extended_result",
        "requirement_progress",
        "observations",
        "score",
    ];
    for (column, text) in header.iter().enumerate() {
        sheet.write_string(0, column as u16, *text).unwrap();
    }
    for (at, record) in reader.records().enumerate() {
        let record = record.unwrap();
        let row = at as u32 + 1;
        let cell = |i: usize| record.get(i).unwrap().to_owned();
        let assessable = !cell(4).is_empty();
        sheet.write_string(row, 0, cell(0)).unwrap();
        sheet.write_boolean(row, 1, assessable).unwrap();
        for (column, text) in [(2, cell(1)), (3, cell(2)), (4, cell(3)), (6, cell(5))] {
            sheet.write_string(row, column, text).unwrap();
        }
        let (result, progress) = if assessable {
            (cell(4), cell(6))
        } else {
            ("not_assessed".to_owned(), "to_do".to_owned())
        };
        sheet.write_string(row, 5, result).unwrap();
        sheet.write_string(row, 7, progress).unwrap();
        sheet.write_string(row, 8, cell(8)).unwrap();
        if let Ok(score) = cell(7).parse::<f64>() {
            sheet.write_number(row, 9, score).unwrap();
        }
    }
    let file = dir.join("audit.xlsx");
    book.save(&file).unwrap();
    path(&file).to_owned()
}

#[test]
fn an_audit_export_imports_with_no_flags_into_the_right_items() {
    let dir = tempfile::tempdir().unwrap();
    let (text, stderr) = import(AUDIT_CSV, dir.path());
    assert!(
        stderr.contains(
            "standard: from the URNs of CISO Assistant's audit export: 21 of them, all of its framework of ISO/IEC 27001:2022"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("CISO Assistant: 8 heading(s), not assessable, read as titles"),
        "{stderr}"
    );
    // Each result as its status, clauses and Annex A controls in their own items.
    for expected in [
        "  \"4.1\":\n    status: implemented\n    note: Context analysis approved by the board in March\n",
        "  \"4.2\":\n    status: partial\n",
        "  \"5.1\":\n    status: not-implemented\n",
        "  A.5.1: implemented\n",
        "  A.5.7:\n    status: partial\n",
        "  A.5.23:\n    status: not-implemented\n",
        "  A.8.24:\n    status: implemented\n",
    ] {
        assert!(text.contains(expected), "{expected}\nnot in:\n{text}");
    }
    // An exclusion is justified by its observation; one without any is
    // written commented out, and said.
    assert!(
        text.contains(
            "  A.7.4:\n    status: not-applicable\n    justification: \"No premises of our own"
        ),
        "{text}"
    );
    assert!(text.contains("  # A.7.6: not-applicable\n"), "{text}");
    assert!(
        stderr.contains("1 not_applicable result(s) take their observation as the exclusion's justification; 1 without one are written commented out"),
        "{stderr}"
    );
    // The progress never sets a status: an assessment under way with no
    // result yet stays not assessed, and says so; a result not yet final
    // keeps its status and says so; the auditor's finding is kept.
    assert!(
        text.contains("  \"6.1.3\":\n    status: not-assessed\n    note: assessment in progress in CISO Assistant\n"),
        "{text}"
    );
    assert!(
        text.contains("  \"6.1.2\":\n    status: implemented\n    note: \"Method approved; the first run is under way; assessment in progress in CISO Assistant\"\n"),
        "{text}"
    );
    assert!(
        text.contains("note: \"The register of interested parties leaves out suppliers; assessment in review in CISO Assistant\""),
        "{text}"
    );
    assert!(
        text.contains("note: \"No management review was held this year; CISO Assistant finding: minor nonconformity\""),
        "{text}"
    );
    // Headings and rows that say nothing are titles; the URN is not imported.
    let body = entries(&text);
    for absent in [
        "core", "annex-a", "\"4\":", "A.5:", "A.7:", "\"4.3\"", "A.8.32", "urn:",
    ] {
        assert!(!body.contains(absent), "{absent} in:\n{body}");
    }
    assert!(
        !stderr.contains("not placed:") && stderr.contains("0 row(s) not placed"),
        "{stderr}"
    );
}

#[test]
fn the_xlsx_export_reads_as_the_csv_does() {
    let dir = tempfile::tempdir().unwrap();
    let (from_csv, _) = import(AUDIT_CSV, dir.path());
    let book = as_xlsx(dir.path());
    let (from_xlsx, stderr) = import(&book, dir.path());
    assert_eq!(entries(&from_xlsx), entries(&from_csv));
    assert!(
        stderr.contains(
            "also read: \"urn\" (its framework can name the standard), \"assessable\" (which rows are headings), \"extended_result\" (a note), \"requirement_progress\" (a note); not imported: \"description\", \"score\""
        ),
        "{stderr}"
    );
    assert!(stderr.contains("8 heading(s)"), "{stderr}");
}

#[test]
fn the_urns_name_the_standard_where_the_ids_cannot() {
    let dir = tempfile::tempdir().unwrap();
    // Clause ids both standards hold: only the URNs tell them apart, for
    // CISO Assistant's own framework and for one ims exported.
    for (prefix, key) in [
        ("urn:intuitem:risk:req_node:iso27001-2022", "iso27001"),
        ("urn:ims:risk:req_node:iso-iec-20000-1-2018", "iso20000"),
    ] {
        let file = dir.path().join(format!("{key}.csv"));
        std::fs::write(
            &file,
            format!(
                "urn;ref_id;name;description;compliance_result;extended_result;requirement_progress;score;observations\r\n\
                 {prefix}:4;4;Context;;;;;;\r\n\
                 {prefix}:4.1;4.1;Context;;compliant;;done;;\r\n\
                 {prefix}:5.1;5.1;Leadership;;partially_compliant;;done;;\r\n"
            ),
        )
        .unwrap();
        let (code, stdout, stderr) = run(&["import", path(&file)]);
        assert_eq!(code, 0, "{stderr}");
        assert!(
            stdout.contains(&format!(
                "\n{key}:\n  \"4.1\": implemented\n  \"5.1\": partial\n"
            )),
            "{stdout}"
        );
    }
    // URNs of a framework ims does not hold (another edition, say) stop the
    // import: its ids would be read as other controls.
    let file = dir.path().join("other.csv");
    std::fs::write(
        &file,
        "urn;ref_id;name;compliance_result;requirement_progress;observations\n\
         urn:intuitem:risk:req_node:other-2020:4.1;4.1;Context;compliant;done;\n",
    )
    .unwrap();
    let (code, _, stderr) = run(&["import", path(&file)]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("the export's URNs name the framework `other-2020`"),
        "{stderr}"
    );
}

#[test]
fn the_guide_shows_what_the_audit_import_says() {
    let excerpt = common::guide_excerpt("  standard: from the URNs");
    let dir = tempfile::tempdir().unwrap();
    let (_, stderr) = import(AUDIT_CSV, dir.path());
    for line in excerpt.lines() {
        assert!(
            stderr.lines().any(|l| l == line),
            "{line}\nnot in:\n{stderr}"
        );
    }
}

#[test]
fn the_older_csv_layout_reads_the_same_way() {
    // The audit CSV of 2024: no urn, no name, `progress` for the progress.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("audit_export.csv");
    std::fs::write(
        &file,
        "ref_id;description;compliance_result;progress;score;observations\r\n\
         4;Context;;;;\r\n\
         4.1;Know the context;compliant;done;;\r\n\
         A.5;Organisational controls;;;;\r\n\
         A.5.1;Policies;partially_compliant;in_progress;;Draft policy\r\n\
         A.7.4;Monitoring;not_applicable;done;;No premises of our own\r\n",
    )
    .unwrap();
    let (text, stderr) = import(path(&file), dir.path());
    assert!(
        entries(&text).ends_with(
            "iso27001:\n  \"4.1\": implemented\n  A.5.1:\n    status: partial\n    note: \"Draft policy; assessment in progress in CISO Assistant\"\n  A.7.4:\n    status: not-applicable\n    justification: No premises of our own\n"
        ),
        "{text}"
    );
    assert!(
        stderr
            .contains("also read: \"progress\" (a note); not imported: \"description\", \"score\""),
        "{stderr}"
    );
    assert!(stderr.contains("2 heading(s)"), "{stderr}");
}
