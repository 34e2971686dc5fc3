//! Hostile input to `ims import`, third round: nothing invented (a status
//! is never spread to controls no row names), nothing lost (what is
//! written passes `ims validate`, and what cannot be kept is said), and
//! crafted workbooks refused or read exactly as a spreadsheet shows them.

#[path = "../fuzz/import_check.rs"]
mod import_check;

use std::path::{Path, PathBuf};

use crate::common::{crafted_workbook, ims, inline_row};

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Run {
    let output = ims().args(args).output().unwrap();
    let run = Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    };
    assert!(!run.stderr.contains("panicked"), "{args:?}: {}", run.stderr);
    run
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Writes `bytes` to `name` in `dir`.
fn file(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Imports `sheet` to a file, which must validate; its text and stderr.
fn import_valid(sheet: &Path, extra: &[&str]) -> (String, String) {
    let out = sheet.with_extension("out.yaml");
    let mut args = vec!["import", path(sheet), "-o", path(&out), "--force"];
    args.extend(extra);
    let result = run(&args);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let check = run(&["validate", path(&out)]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    (std::fs::read_to_string(&out).unwrap(), result.stderr)
}

#[test]
fn an_inherited_status_goes_only_to_a_heading_above_whose_rows_agree() {
    let dir = tempfile::tempdir().unwrap();
    // A heading that is not above the row's control.
    let sheet = file(
        dir.path(),
        "a8.csv",
        "Control,Applicable,Implementation status,Status inherited from\r\nA.5.1,yes,implemented,A.8\r\n",
    );
    let (text, stderr) = import_valid(&sheet, &[]);
    assert!(text.contains("\n  A.5.1: implemented\n"), "{text}");
    assert!(!text.contains("A.8:"), "{text}");
    assert!(
        stderr.contains("`A.8` is not a heading above A.5.1: written as A.5.1's own entry"),
        "{stderr}"
    );
    // One row cannot speak for the 36 other controls under its heading.
    let sheet = file(
        dir.path(),
        "a5.csv",
        "Control,Applicable,Justification,Implementation status,Status inherited from\r\nA.5.1,no,No such activity in scope,not-applicable,A.5\r\n",
    );
    let (text, stderr) = import_valid(&sheet, &[]);
    assert!(
        text.contains("\n  A.5.1:\n    status: not-applicable\n"),
        "{text}"
    );
    assert!(!text.contains("A.5:"), "{text}");
    assert!(
        stderr.contains("the sheet has no row for A.5.2, A.5.3, A.5.4 and 33 more beneath it"),
        "{stderr}"
    );
    // A gap CSV whose clause claims a heading of another clause.
    let sheet = file(
        dir.path(),
        "gap.csv",
        "standard,id,status,inherited_from\r\niso20000,4.1,implemented,10\r\n",
    );
    let (text, _) = import_valid(&sheet, &[]);
    assert!(text.contains("\n  \"4.1\": implemented\n"), "{text}");
    assert!(!text.contains("\"10\""), "{text}");
    // A heading with a row of its own, and rows that inherit from it: one
    // entry for the heading, and the row that differs keeps its own.
    let sheet = file(
        dir.path(),
        "heading.csv",
        "standard,id,status,inherited_from\r\niso20000,8,implemented,\r\niso20000,8.1,implemented,8\r\niso20000,8.2.1,partial,8\r\n",
    );
    let (text, stderr) = import_valid(&sheet, &[]);
    assert_eq!(text.matches("\"8\":").count(), 1, "{text}");
    assert!(!text.contains("\"8.1\""), "{text}");
    assert!(text.contains("\n  \"8.2.1\": partial\n"), "{text}");
    assert!(
        stderr.contains("8.2.1 shows its status inherited from 8"),
        "{stderr}"
    );
    // Every control under A.5 inherits from it, and A.5.34 has a second row
    // that says nothing (found by the fuzz target): one entry for A.5.
    let mut text =
        String::from("Control,Applicable,Implementation status,Status inherited from\r\n");
    for n in 1..=37 {
        text.push_str(&format!("A.5.{n},yes,implemented,A.5\r\n"));
    }
    text.push_str("A.5.34,,,\r\n");
    let sheet = file(dir.path(), "all.csv", text);
    let (text, _) = import_valid(&sheet, &[]);
    assert!(text.contains("\n  A.5: implemented\n"), "{text}");
    assert!(!text.contains("A.5.34"), "{text}");
}

#[test]
fn what_import_writes_passes_its_own_check() {
    let dir = tempfile::tempdir().unwrap();
    // A header cell with a control character.
    let sheet = file(
        dir.path(),
        "header.csv",
        "Control\x07,Applicable,Status\r\nA.5.1,yes,implemented\r\n",
    );
    let (text, _) = import_valid(&sheet, &[]);
    assert!(text.contains("Control\u{fffd}"), "{text}");
    // A file name with an escape in it.
    let sheet = file(
        dir.path(),
        "soa\x1b[31m.csv",
        "Control,Applicable,Status\r\nA.5.1,yes,implemented\r\n",
    );
    let (text, stderr) = import_valid(&sheet, &[]);
    assert!(text.contains("soa\u{fffd}[31m.csv"), "{text}");
    assert!(
        stderr.contains("the file name holds a control character"),
        "{stderr}"
    );
    // A sheet name with an escape in it.
    let book = crafted_workbook(
        &[(
            "SoA\u{1b}x",
            "visible",
            &[
                inline_row(1, &[("A1", "Control"), ("B1", "Applicable")]),
                inline_row(2, &[("A2", "A.5.1"), ("B2", "yes")]),
            ]
            .concat(),
        )],
        &[],
    );
    let sheet = file(dir.path(), "named.xlsx", book);
    let (text, stderr) = import_valid(&sheet, &[]);
    assert!(text.contains("sheet \"SoA\u{fffd}x\""), "{text}");
    assert!(
        stderr.contains("the sheet name holds a control character"),
        "{stderr}"
    );
    // A sheet of additional controls only, one of them without a title.
    let sheet = file(
        dir.path(),
        "additional.csv",
        "Control,Title,Theme,Applicable,Implementation status\r\nX.1,Extra,Additional control: Sector code,yes,implemented\r\nX.2,,Additional control: Sector code,yes,implemented\r\n",
    );
    let (text, stderr) = import_valid(&sheet, &[]);
    assert!(text.contains("iso27001: {}"), "{text}");
    assert!(
        text.contains("  - {id: X.1, title: Extra, source: Sector code, status: implemented}"),
        "{text}"
    );
    assert!(text.contains("  # - {id: X.2, title: \"\""), "{text}");
    assert!(
        stderr.contains("additional control X.2: written commented out: it has no title"),
        "{stderr}"
    );
}

/// Imports a workbook whose one sheet, SoA, holds a header, A.5.1
/// implemented, and then `rows` (sheetData XML); `strings` are its shared
/// strings.
fn import_crafted(dir: &Path, name: &str, rows: &str, strings: &[&str]) -> Run {
    let header = inline_row(
        1,
        &[("A1", "Control"), ("B1", "Applicable"), ("C1", "Status")],
    );
    let a51 = inline_row(2, &[("A2", "A.5.1"), ("B2", "yes"), ("C2", "implemented")]);
    let book = crafted_workbook(
        &[("SoA", "visible", &[header, a51, rows.to_owned()].concat())],
        strings,
    );
    let sheet = file(dir, name, book);
    run(&["import", path(&sheet)])
}

#[test]
fn cell_references_no_spreadsheet_writes_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    for (name, crafted) in [
        // Wraps round onto row 2 in a 32-bit row number.
        (
            "wrap2",
            r#"<row r="4294967298"><c r="C4294967298" t="inlineStr"><is><t>not-implemented</t></is></c></row>"#.to_owned(),
        ),
        // Wraps round onto the header.
        (
            "wrap1",
            r#"<row r="4294967297"><c r="A4294967297" t="inlineStr"><is><t>Evil</t></is></c></row>"#.to_owned(),
        ),
        ("column", inline_row(3, &[("XFE3", "far")])),
        ("range", r#"<row r="3"><c r="AAAAAAAAAAAAAAAAAAAAA3"><v>1</v></c></row>"#.to_owned()),
    ] {
        let result = import_crafted(dir.path(), &format!("{name}.xlsx"), &crafted, &[]);
        assert_eq!(result.code, 2, "{name}: {}", result.stdout);
        assert!(
            result.stderr.contains("xl/worksheets/sheet1.xml: the cell reference")
                || result.stderr.contains("xl/worksheets/sheet1.xml: the row number"),
            "{name}: {}",
            result.stderr
        );
        assert!(result.stdout.is_empty());
    }
    // A shared-string index that is no number.
    for index in ["-1", "abc"] {
        let cell = format!(r#"<row r="3"><c r="A3" t="s"><v>{index}</v></c></row>"#);
        let result = import_crafted(dir.path(), "strings.xlsx", &cell, &["A.5.2"]);
        assert_eq!(result.code, 2, "{index}: {}", result.stdout);
        assert!(
            result.stderr.contains(&format!(
                "cell A3 refers to the shared string `{index}`, which is no index"
            )),
            "{}",
            result.stderr
        );
    }
    // A cell given twice: the first is kept, the second said.
    let twice = r#"<row r="3"><c r="C2" t="inlineStr"><is><t>not-implemented</t></is></c></row>"#;
    let result = import_crafted(dir.path(), "twice.xlsx", twice, &[]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert!(
        result.stdout.contains("\n  A.5.1: implemented\n"),
        "{}",
        result.stdout
    );
    assert!(
        result.stderr.contains(
            "row 2, column C: warning[cells-left-out]: the file gives cell C2 a second time; the first value is kept and `not-implemented` is left out"
        ),
        "{}",
        result.stderr
    );
}

#[test]
fn hidden_and_twice_named_sheets_are_said() {
    let dir = tempfile::tempdir().unwrap();
    let header = inline_row(
        1,
        &[("A1", "Control"), ("B1", "Applicable"), ("C1", "Status")],
    );
    let row = |status: &str| inline_row(2, &[("A2", "A.5.1"), ("B2", "yes"), ("C2", status)]);
    let book = crafted_workbook(
        &[
            ("Old", "hidden", &[header.clone(), row("planned")].concat()),
            (
                "SoA",
                "visible",
                &[header.clone(), row("implemented")].concat(),
            ),
            ("SoA", "visible", &[header.clone(), row("partial")].concat()),
        ],
        &[],
    );
    let sheet = file(dir.path(), "book.xlsx", book);
    let result = run(&["import", path(&sheet)]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert!(
        result.stdout.contains("\n  A.5.1: implemented\n"),
        "{}",
        result.stdout
    );
    assert!(
        result.stderr.contains(
            "sheet \"Old\": note[hidden-sheet]: the workbook hides this sheet, so it is not looked in; name it with --sheet to read it"
        ),
        "{}",
        result.stderr
    );
    // The hidden sheet is read when named.
    let result = run(&["import", path(&sheet), "--sheet", "Old"]);
    assert!(
        result.stdout.contains("\n  A.5.1: planned\n"),
        "{}",
        result.stdout
    );
    // The second of two sheets with one name cannot be read, and says so.
    let result = run(&["import", path(&sheet), "--sheet", "Nope"]);
    assert_eq!(result.code, 2);
    assert!(
        result
            .stderr
            .contains("the sheets are \"Old\" (hidden), \"SoA\", \"SoA\" (again, cannot be read)"),
        "{}",
        result.stderr
    );
}

#[test]
fn dates_and_the_about_sheet_read_as_the_spreadsheet_shows_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    let sheet = book.add_worksheet().set_name("SoA").unwrap();
    for (column, header) in ["Control", "Applicable", "Status", "Due"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, column as u16, *header).unwrap();
    }
    for (row, (id, serial)) in [("A.5.1", 1.0), ("A.5.2", 59.0), ("A.5.3", 61.0)]
        .iter()
        .enumerate()
    {
        let row = row as u32 + 1;
        sheet.write_string(row, 0, *id).unwrap();
        sheet.write_string(row, 1, "yes").unwrap();
        sheet.write_string(row, 2, "planned").unwrap();
        sheet
            .write_number_with_format(row, 3, *serial, &date)
            .unwrap();
    }
    let about = book.add_worksheet().set_name("About").unwrap();
    for (row, (label, value)) in [
        ("Organisation", "Acme"),
        ("Assessed", "2026-99-99"),
        ("SoA version", "1\u{1b}[2J"),
        ("Approved by", "J. Doe"),
        ("Approved on", "yesterday"),
    ]
    .iter()
    .enumerate()
    {
        about.write_string(row as u32, 0, *label).unwrap();
        about.write_string(row as u32, 1, *value).unwrap();
    }
    let path_ = dir.path().join("dates.xlsx");
    book.save(&path_).unwrap();
    let (text, stderr) = import_valid(&path_, &[]);
    for (id, due) in [
        ("A.5.1", "1900-01-01"),
        ("A.5.2", "1900-02-28"),
        ("A.5.3", "1900-03-01"),
    ] {
        assert!(
            text.contains(&format!("  {id}:\n    status: planned\n    due: {due}\n")),
            "{id} {due}\n{text}"
        );
    }
    assert!(
        text.contains("soa: {version: \"1\u{fffd}[2J\", approved_by: J. Doe}"),
        "{text}"
    );
    assert!(!text.contains("assessed:"), "{text}");
    for said in [
        "sheet \"About\" row 2, column B: warning[invalid-value]: cannot read `2026-99-99` as a date (YYYY-MM-DD); the date of the assessment is left out",
        "sheet \"About\" row 5, column B: warning[invalid-value]: cannot read `yesterday` as a date (YYYY-MM-DD); the date the SoA was approved is left out",
        "sheet \"About\" row 3, column B: note[text-changed]: a control character, which no status file can hold, is replaced by",
    ] {
        assert!(stderr.contains(said), "{said}\n{stderr}");
    }
}

#[test]
fn a_quote_left_open_is_refused_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = file(
        dir.path(),
        "open.csv",
        "Control,Applicable,Justification\r\nA.5.1,yes,\"Policy\r\nA.5.2,yes,Needed\r\nA.5.3,yes,Needed\r\n",
    );
    let result = run(&["import", path(&sheet)]);
    assert_eq!(result.code, 2, "{}", result.stdout);
    assert!(
        result.stderr.contains(
            "line 2: a quote opens a cell that is never closed, so every line after it would be read into that one cell"
        ),
        "{}",
        result.stderr
    );
    assert!(result.stdout.is_empty());
}

#[test]
fn what_the_formats_can_hold_comes_back_exactly_and_the_rest_is_said() {
    let dir = tempfile::tempdir().unwrap();
    let status = file(
        dir.path(),
        "s.yaml",
        "organisation: O\niso27001:\n  A.5.1: {status: implemented, risks: [\"R;1\", \"R,2\", R3], evidence: [\"'=x\", \"''=y\", \"line one\\nline two\"], note: \"'=z\"}\n",
    );
    for format in ["csv", "xlsx"] {
        let soa = dir.path().join(format!("s.{format}"));
        let result = run(&["soa", path(&status), "-o", path(&soa)]);
        assert_eq!(result.code, 0, "{}", result.stderr);
        assert!(
            result.stderr.contains(
                "control A.5.1, Evidence: a reference holds a line break, written as a space"
            ),
            "{}",
            result.stderr
        );
        let back = dir.path().join(format!("back-{format}.yaml"));
        let result = run(&["import", path(&soa), "-o", path(&back)]);
        assert_eq!(result.code, 0, "{}", result.stderr);
        let text = std::fs::read_to_string(&back).unwrap();
        assert!(
            text.contains("    risks: [\"R;1\", \"R,2\", R3]\n"),
            "{format}\n{text}"
        );
        assert!(
            text.contains("    evidence: [\"'=x\", \"''=y\", line one line two]\n"),
            "{format}\n{text}"
        );
        assert!(text.contains("    note: \"'=z\"\n"), "{format}\n{text}");
    }
    // Leading and trailing spaces: a status file holds text trimmed, and
    // the import says how many cells it trimmed.
    let sheet = file(
        dir.path(),
        "spaces.csv",
        "Control,Applicable,Status,Notes\r\nA.5.1,yes,implemented,  spaced out  \r\n",
    );
    let (text, stderr) = import_valid(&sheet, &[]);
    assert!(text.contains("    note: spaced out\n"), "{text}");
    assert!(
        stderr.contains("1 cell(s) of text begin or end with spaces, first at row 2, column D"),
        "{stderr}"
    );
}

#[test]
fn thousands_of_problems_print_fifty_lines_and_a_count() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("Control,Applicable,Status\r\n");
    for n in 0..5_000 {
        text.push_str(&format!("Z.{n},yes,implemented\r\n"));
    }
    text.push_str("A.5.1,yes,implemented\r\n");
    let sheet = file(dir.path(), "many.csv", text);
    let result = run(&["import", path(&sheet)]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let lines = result.stderr.lines().count();
    assert!(lines < 70, "{lines} lines:\n{}", result.stderr);
    assert!(
        result.stderr.contains(
            "... and 4950 more problems not shown\nthe summary below counts every problem\n"
        ),
        "{}",
        result.stderr
    );
    assert!(
        result.stderr.contains(
            "5000 row(s) not placed, 0 cell(s) left out; the first 50 of 5000 problems are listed above"
        ),
        "{}",
        result.stderr
    );
}

#[test]
fn a_file_of_nothing_but_problems_still_counts_them_all() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("Control,Applicable,Status\r\n");
    for n in 0..2_000 {
        text.push_str(&format!("Z.{n},yes,implemented\r\n"));
    }
    let sheet = file(dir.path(), "none.csv", text);
    let result = run(&["import", path(&sheet)]);
    assert_eq!(result.code, 2, "{}", result.stdout);
    assert!(result.stderr.lines().count() < 70, "{}", result.stderr);
    assert!(
        result
            .stderr
            .contains("2000 row(s) not placed, 0 cell(s) left out; the first 50 of 2000 problems are listed above"),
        "{}",
        result.stderr
    );
    assert!(
        !result.stderr.lines().any(|l| l.starts_with("imported ")),
        "{}",
        result.stderr
    );
    assert!(
        result.stderr.contains("nothing could be imported"),
        "{}",
        result.stderr
    );
}

#[test]
fn a_far_cell_on_every_row_costs_one_cell_not_a_row_of_blanks() {
    let rows: String = (1..=100_000u32)
        .map(|row| {
            format!(r#"<row r="{row}"><c r="IV{row}" t="inlineStr"><is><t>x</t></is></c></row>"#)
        })
        .collect();
    let book = crafted_workbook(&[("Sheet1", "visible", &rows)], &[]);
    let sheets = ims::import::sheets("far.xlsx", &book).unwrap();
    assert_eq!(sheets[0].rows.len(), 100_000);
    assert!(sheets[0].rows.iter().all(|row| row.cells().count() == 1));
    assert_eq!(sheets[0].rows[99_999].get(255), Some("x"));
}

#[test]
fn messages_say_what_is_the_case() {
    let dir = tempfile::tempdir().unwrap();
    // An encrypted workbook is an OLE file, whatever its name says.
    let mut ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    ole.extend([0u8; 512]);
    ole.extend("EncryptionInfo".encode_utf16().flat_map(u16::to_le_bytes));
    let sheet = file(dir.path(), "locked.xlsx", ole);
    let result = run(&["import", path(&sheet)]);
    assert_eq!(result.code, 2);
    assert!(
        result
            .stderr
            .contains("this is a password-protected (encrypted) workbook, which ims cannot read"),
        "{}",
        result.stderr
    );
    assert!(
        !result.stderr.contains("not UTF-8 text"),
        "{}",
        result.stderr
    );
    // A workbook without sheets.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, text) in [
        ("[Content_Types].xml", "<Types/>"),
        (
            "_rels/.rels",
            r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>"#,
        ),
    ] {
        zip.start_file(name, options).unwrap();
        std::io::Write::write_all(&mut zip, text.as_bytes()).unwrap();
    }
    let sheet = file(dir.path(), "empty.xlsx", zip.finish().unwrap().into_inner());
    let result = run(&["import", path(&sheet)]);
    assert_eq!(result.code, 2);
    assert!(
        result.stderr.contains("the workbook has no sheet"),
        "{}",
        result.stderr
    );
    assert!(!result.stderr.contains("rows of  for"), "{}", result.stderr);
    // Cells beyond the limits are counted as cells in the summary too.
    let far = inline_row(3, &[("IW3", "x"), ("IX3", "y")]);
    let header = inline_row(1, &[("A1", "Control"), ("B1", "Status")]);
    let a51 = inline_row(2, &[("A2", "A.5.1"), ("B2", "implemented")]);
    let book = crafted_workbook(&[("SoA", "visible", &[header, a51, far].concat())], &[]);
    let sheet = file(dir.path(), "far.xlsx", book);
    let result = run(&["import", path(&sheet), "--standard", "iso27001"]);
    assert!(
        result.stderr.contains("2 cell(s) beyond row 100000"),
        "{}",
        result.stderr
    );
    assert!(
        result.stderr.contains("2 cell(s) left out"),
        "{}",
        result.stderr
    );
    // Cells in a column without a header are counted, not passed over.
    let sheet = file(
        dir.path(),
        "stray.csv",
        "Control,Applicable,Status\r\nA.5.1,yes,implemented,stray\r\n",
    );
    let result = run(&["import", path(&sheet)]);
    assert!(
        result.stderr.contains(
            "1 cell(s) below the header are in columns without a header (the first is D2)"
        ),
        "{}",
        result.stderr
    );
    // A missing spreadsheet is not a status file to create.
    let result = run(&["import", path(&dir.path().join("gone.xlsx"))]);
    assert_eq!(result.code, 2);
    assert!(result.stderr.contains("no such file"), "{}", result.stderr);
    assert!(!result.stderr.contains("ims init"), "{}", result.stderr);
    assert!(result.stderr.contains("spreadsheet"), "{}", result.stderr);
    // `-` is standard input.
    let output = ims()
        .args(["import", "-"])
        .write_stdin("Control,Applicable,Status\r\nA.5.1,yes,implemented\r\n")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(String::from_utf8_lossy(&output.stdout).contains("\n  A.5.1: implemented\n"));
    assert!(stderr.contains("imported <stdin>"), "{stderr}");
}

/// What a BIFF8 BOF record of a workbook's globals or a sheet holds.
const BOF: [u8; 16] = [0, 6, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

/// One record of an XLS workbook stream.
fn record(kind: u16, data: &[u8]) -> Vec<u8> {
    let mut out = kind.to_le_bytes().to_vec();
    out.extend((data.len() as u16).to_le_bytes());
    out.extend(data);
    out
}

/// The Workbook stream of one sheet, "SoA", of the records `cells`.
fn one_sheet(cells: &[Vec<u8>]) -> Vec<u8> {
    let globals = (4 + BOF.len()) + (4 + 11) + 4;
    let mut bound = [0u8; 11];
    bound[..4].copy_from_slice(&(globals as u32).to_le_bytes());
    bound[6] = 3;
    bound[8..].copy_from_slice(b"SoA");
    let mut stream = record(0x0809, &BOF);
    stream.extend(record(0x0085, &bound));
    stream.extend(record(0x000A, &[]));
    stream.extend(record(0x0809, &BOF));
    for cell in cells {
        stream.extend(cell);
    }
    stream.extend(record(0x000A, &[]));
    stream
}

/// The fuzz target's own forms of an ODS and an XLS workbook (its
/// `content.xml`, its `Workbook` stream) make workbooks ims reads, so that
/// mutations of them reach what is inside.
#[test]
fn the_fuzz_forms_of_ods_and_xls_make_workbooks_ims_reads() {
    use std::io::Read as _;
    let mut ods =
        zip::ZipArchive::new(std::fs::File::open("tests/fixtures/import/client-soa.ods").unwrap())
            .unwrap();
    let mut content = Vec::new();
    ods.by_name("content.xml")
        .unwrap()
        .read_to_end(&mut content)
        .unwrap();
    let sheets = ims::import::sheets("x", &import_check::ods(&content).unwrap()).unwrap();
    let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Cover", "SoA"]);
    // A Workbook stream of one sheet, "SoA", whose cell B3 says `A.5.1`.
    let label = [2, 0, 1, 0, 0, 0, 5, 0, 0, b'A', b'.', b'5', b'.', b'1'];
    let stream = one_sheet(&[record(0x0204, &label)]);
    let sheets = ims::import::sheets("x", &import_check::compound(&stream)).unwrap();
    assert_eq!(sheets.len(), 1);
    assert_eq!(sheets[0].name, "SoA");
    assert_eq!(sheets[0].rows[2].get(1), Some("A.5.1"));
}

/// What calamine would not survive in an XLS workbook is refused as a
/// file ims cannot read: a record shorter than calamine reads from (a
/// panic inside it, caught and never shown), a sheet that declares four
/// billion rows (an allocation that would end the process), a chain of
/// sectors that loops (a loop for ever).
#[test]
fn an_xls_file_calamine_would_not_survive_is_refused_plainly() {
    let dir = tempfile::tempdir().unwrap();
    // A BoundSheet8 record of two bytes, where calamine reads six.
    let mut short = record(0x0809, &BOF);
    short.extend(record(0x0085, &[0, 0]));
    short.extend(record(0x000A, &[]));
    // A sheet whose Dimensions record runs from row 5 to row 1.
    let dimensions = [5, 0, 0, 0, 2, 0, 0, 0, 0, 0, 1, 0, 0, 0];
    let declared = one_sheet(&[record(0x0200, &dimensions)]);
    // Sector 0 of the table names itself as the next of the directory's.
    let mut looping = import_check::compound(&short);
    looping[512..516].copy_from_slice(&1u32.to_le_bytes());
    looping[516..520].copy_from_slice(&1u32.to_le_bytes());
    for (name, bytes, said) in [
        (
            "short.xls",
            import_check::compound(&short),
            "not a readable Excel 97-2003 workbook (.xls): a record is shorter than its kind must be",
        ),
        (
            "declared.xls",
            import_check::compound(&declared),
            "sheet \"SoA\" spreads its cells over 4294967293 rows and 1 columns",
        ),
        ("looping.xls", looping, "a chain of sectors loops"),
    ] {
        let sheet = file(dir.path(), name, bytes);
        let result = run(&["import", path(&sheet)]);
        assert_eq!(result.code, 2, "{name}: {}", result.stderr);
        assert!(result.stderr.contains(said), "{name}: {}", result.stderr);
    }
}

/// The import fuzz target's findings, minimised and kept in
/// `tests/fixtures/fuzz/import/` as the target saved them (CSV bytes, XLSX
/// bytes or its `IMSX` form), replayed through the target's own check:
/// each import fails, or names a sheet for each problem and writes a file
/// that `ims validate` accepts.
#[test]
fn the_fuzz_findings_import_to_a_file_that_validates() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz/import");
    let catalog = ims::catalog::load(&ims::catalog::builtin_sources()).unwrap();
    let mut cases = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        cases += 1;
        if let Err(broken) = import_check::check(&catalog, &bytes) {
            panic!("{}: {broken}", path.display());
        }
    }
    assert!(cases > 0, "no findings in {}", dir.display());
}
