//! Tests of the mapping from cells to entries.

use super::ids::place_id;
use super::lists::{evidence, read_date};
use super::rows::unguard;
use super::*;
use crate::catalog::{builtin_sources, load};

fn catalog() -> Catalog {
    load(&builtin_sources()).unwrap()
}

fn id_of(catalog: &Catalog, raw: &str, soa_sheet: bool) -> Option<(String, bool)> {
    let standard = catalog.standard_index("iso27001").unwrap();
    place_id(catalog, standard, raw, soa_sheet).map(|(item, numbered)| {
        (
            catalog.standards[standard.get()].items[item].id.clone(),
            numbered,
        )
    })
}

#[test]
fn ids_are_read_as_soas_write_them_and_never_guessed_elsewhere() {
    let catalog = catalog();
    for raw in [
        "A.5.1",
        "A 5.1",
        "A5.1",
        "a.05.01",
        "A.5.1 Policies for information security",
    ] {
        assert_eq!(
            id_of(&catalog, raw, false),
            Some(("A.5.1".to_owned(), false)),
            "{raw}"
        );
    }
    // On a Statement of Applicability, a bare number is an Annex A control.
    assert_eq!(
        id_of(&catalog, "5.1", true),
        Some(("A.5.1".to_owned(), true))
    );
    assert_eq!(
        id_of(&catalog, "8.34", true),
        Some(("A.8.34".to_owned(), true))
    );
    // Elsewhere it is what it says: clause 5.1.
    assert_eq!(
        id_of(&catalog, "5.1", false),
        Some(("5.1".to_owned(), false))
    );
    // Clause 4.1 has no Annex A namesake, so it stays a clause even on an SoA.
    assert_eq!(
        id_of(&catalog, "4.1", true),
        Some(("4.1".to_owned(), false))
    );
    for raw in ["A.5.99", "5.99", "banana", "A.", ""] {
        assert_eq!(id_of(&catalog, raw, true), None, "{raw}");
    }
}

#[test]
fn evidence_reads_lines_dates_and_the_old_bracketed_form() {
    let mut bad = Vec::new();
    let found = evidence(
        "Policy v2\nScan report\nMinutes",
        "2026-03-02\n\nnot a date",
        false,
        |text| bad.push(text.to_owned()),
    );
    assert_eq!(found.len(), 3);
    assert_eq!(
        found[0].date.map(|d| d.to_string()).as_deref(),
        Some("2026-03-02")
    );
    assert_eq!(found[1].date, None);
    assert_eq!(bad, ["not a date"]);
    let old = evidence("Policy v2 (2026-03-02); Scan report", "", true, |_| {});
    assert_eq!(old[0].reference, "Policy v2");
    assert_eq!(
        old[0].date.map(|d| d.to_string()).as_deref(),
        Some("2026-03-02")
    );
    assert_eq!(old[1].reference, "Scan report");
    // ims's own sheets put one reference per line, so a semicolon is text.
    let own = evidence("Doc; with a semicolon", "", false, |_| {});
    assert_eq!(own.len(), 1);
}

#[test]
fn the_formula_guard_is_taken_off_and_nothing_else() {
    assert_eq!(unguard("'=SUM(A1)"), "=SUM(A1)");
    assert_eq!(unguard("'-5 days"), "-5 days");
    assert_eq!(unguard("'quoted'"), "'quoted'");
    assert_eq!(unguard("  plain  "), "  plain  ");
    // The guard's exact inverse: text that began with a guard itself.
    for text in ["'=x", "'+1", "''=x", "=x", "'x", "''", "'"] {
        let guarded = crate::render::csv::csv_cell(text);
        assert_eq!(unguard(&guarded), text, "{text:?} written as {guarded:?}");
    }
}

#[test]
fn columns_are_lettered_as_spreadsheets_do() {
    assert_eq!(letter(0), "A");
    assert_eq!(letter(25), "Z");
    assert_eq!(letter(26), "AA");
    assert_eq!(letter(27 * 26), "AAA");
}

fn sheet(rows: &[&[&str]]) -> Vec<Sheet> {
    vec![Sheet {
        name: "s".to_owned(),
        rows: rows.iter().map(|r| r.iter().copied().collect()).collect(),
        guarded: true,
        ..Sheet::default()
    }]
}

#[test]
fn a_sheet_without_an_applicability_or_standard_column_needs_the_standard() {
    let catalog = catalog();
    let rows = sheet(&[&["ID", "Status"], &["4.1", "Implemented"]]);
    assert!(matches!(
        import(&catalog, "f.csv", &rows, &Options::default()),
        Err(ImportError::NoStandard)
    ));
    let options = Options {
        standard: catalog.standard_index("iso20000"),
        ..Options::default()
    };
    let imported = import(&catalog, "f.csv", &rows, &options).unwrap();
    assert_eq!(imported.entries.len(), 1);
    assert_eq!(imported.entries[0].id, "4.1");
    assert_eq!(
        imported.entries[0].standard,
        catalog.standard_index("iso20000").unwrap()
    );
}

#[test]
fn contradictions_and_non_excludable_exclusions_are_commented_out() {
    let catalog = catalog();
    let rows = sheet(&[
        &["Control", "Applicable", "Status", "Justification"],
        &["A.5.1", "No", "Implemented", "Policy exists"],
        &["A.5.2", "Yes", "N/A", ""],
        &["A.5.3", "maybe", "Implemented", ""],
        &["A.5.4", "Yes", "Implemented", ""],
        &["A.5.4", "Yes", "Planned", ""],
    ]);
    let imported = import(&catalog, "f.csv", &rows, &Options::default()).unwrap();
    let commented: Vec<&str> = imported
        .commented
        .iter()
        .map(|c| c.entry.id.as_str())
        .collect();
    assert_eq!(commented, ["A.5.1", "A.5.2", "A.5.3", "A.5.4"]);
    assert_eq!(imported.entries.len(), 1);
    assert!(imported.commented[3].why.contains("second row"));
    let text = write::render(&catalog, &imported);
    crate::status::load("out.yaml", &text, &catalog).unwrap();
}

#[test]
fn ole_files_are_named_for_what_they_are() {
    let mut ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    ole.extend([0u8; 64]);
    let legacy = sheets("book.xlsx", &ole).unwrap_err().to_string();
    assert!(
        legacy.contains("an OLE compound file that is not a readable Excel 97-2003 workbook"),
        "{legacy}"
    );
    ole.extend("EncryptionInfo".encode_utf16().flat_map(u16::to_le_bytes));
    let encrypted = sheets("book.xlsx", &ole).unwrap_err().to_string();
    assert!(encrypted.contains("password-protected"), "{encrypted}");
}

#[test]
fn ids_only_one_standard_holds_settle_the_standard_without_a_flag() {
    let catalog = catalog();
    let annex = sheet(&[
        &["ID", "Status"],
        &["A.5.1", "Implemented"],
        &["4.1", "Partial"],
        &["", ""],
    ]);
    let imported = import(&catalog, "f.csv", &annex, &Options::default()).unwrap();
    assert_eq!(imported.standard, catalog.standard_index("iso27001"));
    assert_eq!(imported.entries.len(), 2);
    assert!(
        imported.standard_from.contains("the ids"),
        "{}",
        imported.standard_from
    );
    // Ids that two standards hold leave it open, as before.
    let shared = sheet(&[
        &["ID", "Status"],
        &["4.1", "Implemented"],
        &["5.1", "Partial"],
    ]);
    assert!(matches!(
        import(&catalog, "f.csv", &shared, &Options::default()),
        Err(ImportError::NoStandard)
    ));
}

#[test]
fn a_date_is_read_whole_or_not_at_all() {
    let d = |text: &str| read_date(text).map(|d| d.to_string());
    let day = Some("2026-06-30".to_owned());
    for text in [
        "2026-06-30",
        " 2026-06-30 ",
        "2026-06-30 00:00:00",
        "2026-06-30T09:15",
        "2026-06-30T09:15:00.250Z",
        "2026-06-30T09:15:00+02:00",
        "30.06.2026",
        "30.6.2026",
        "30. 6. 2026",
        "30.06.2026 23:59",
        "2026-06-30 23:59:60",
        "30/06/2026",
        "06/30/2026",
        "30/6/2026",
    ] {
        assert_eq!(d(text), day, "{text}");
    }
    // More than a date, or a date that reads two ways, is no date.
    for text in [
        "2026-06-301",
        "2026-06-30x",
        "2026-06-30 9am",
        "2026-06-30T25",
        "03/04/2026",
        "06.30.2026",
        "31.02.2026",
        "30.06.26",
        "30 .06.2026",
        "2026-06-30T99:99:99",
        "2026-06-30 24:00",
        "30.06.2026 25:00",
        "30.06.20267",
        "03/04/2026",
        "13/13/2026",
        "30/06/26",
    ] {
        assert_eq!(d(text), None, "{text}");
    }
}

#[test]
fn read_errors_keep_the_library_error_as_their_source() {
    use std::error::Error as _;
    // A ZIP archive whose directory cannot be read: zip's error is kept.
    let err = sheets(
        "book.xlsx",
        b"PK\x03\x04 and then nothing a ZIP archive holds",
    )
    .unwrap_err();
    let source = err.source().expect("a source");
    assert!(
        source.downcast_ref::<zip::result::ZipError>().is_some(),
        "{source:?}"
    );
    assert_eq!(
        err.to_string(),
        "not a readable XLSX workbook: its ZIP directory cannot be read"
    );
    assert!(
        err.chain().starts_with(&format!("{err}: ")),
        "{}",
        err.chain()
    );
    // An OLE file that is no XLS workbook says why.
    let mut ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    ole.extend([0u8; 64]);
    let err = sheets("book.xls", &ole).unwrap_err();
    assert!(err.source().is_some());
    assert!(
        err.chain().ends_with(": it is shorter than its header"),
        "{}",
        err.chain()
    );
}

#[test]
fn a_sheet_with_a_header_and_nothing_below_says_so_before_asking_the_standard() {
    let catalog = catalog();
    // Ids such as 4.1 would leave the standard open; there are none.
    let template = sheet(&[
        &["Title of the template"],
        &[],
        &["ID", "Status", "Owner"],
        &["", "", ""],
    ]);
    let err = import(&catalog, "t.csv", &template, &Options::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "sheet \"s\" has a header row (row 3) but no rows below it: nothing to import"
    );
    let nothing = sheet(&[&["", ""]]);
    let err = import(&catalog, "t.csv", &nothing, &Options::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "sheet \"s\" holds no filled cell: nothing to import"
    );
}

#[test]
fn a_hint_is_a_flag_the_shell_reads_back_as_written() {
    use super::rows::flag;
    assert_eq!(
        flag("--status", "Not yet=STATUS"),
        "--status \"Not yet=STATUS\""
    );
    // Nothing a shell would run or expand inside double quotes.
    assert_eq!(
        flag("--status", "$(touch /tmp/x)=STATUS"),
        "--status '$(touch /tmp/x)=STATUS'"
    );
    assert_eq!(flag("--status", "`id`=STATUS"), "--status '`id`=STATUS'");
    assert_eq!(
        flag("--status", "Done \"mostly\"=STATUS"),
        "--status 'Done \"mostly\"=STATUS'"
    );
    assert_eq!(
        flag("--status", "It's \"done\"=STATUS"),
        "--status 'It'\\''s \"done\"=STATUS'"
    );
    // A word that starts with `-` is joined to its flag.
    assert_eq!(flag("--status", "-=STATUS"), "--status=\"-=STATUS\"");
}

#[test]
fn an_opendocument_text_is_named_for_what_it_is() {
    use std::io::Write as _;
    let mut bytes = Vec::new();
    {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut bytes));
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        zip.start_file("mimetype", stored).unwrap();
        zip.write_all(b"application/vnd.oasis.opendocument.text")
            .unwrap();
        zip.start_file("content.xml", stored).unwrap();
        zip.write_all(b"<office:document-content/>").unwrap();
        zip.finish().unwrap();
    }
    let err = sheets("letter.ods", &bytes).unwrap_err();
    assert_eq!(
        err.to_string(),
        "an OpenDocument file of type `application/vnd.oasis.opendocument.text`, not a spreadsheet"
    );
}
