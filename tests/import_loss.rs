//! `ims import` loses nothing in silence: a header named with `--column`
//! that the sheet does not have, a row under another control's title, a
//! date with more in it than a date, and many rows that share one problem.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::import::{path, run};

const SHEET: &str = "Control,Title,Status,Owner\n\
    A.5.1,Policies for information security,Implemented,CISO\n\
    A.5.2,Information security roles and responsibilities,Partial,CISO\n";

#[test]
fn a_column_named_that_the_sheet_does_not_have_is_an_error_naming_the_headers() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("sheet.csv");
    std::fs::write(&sheet, SHEET).unwrap();
    let out = dir.path().join("out.yaml");
    let (code, _, stderr) = run(&[
        "import",
        path(&sheet),
        "--column",
        "status=Stat",
        "-o",
        path(&out),
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(!out.exists());
    assert!(
        stderr.contains("sheet \"sheet.csv\" has no column headed `Stat` (--column status=Stat)"),
        "{stderr}"
    );
    // The headers present, the closest first.
    assert!(
        stderr.contains(
            "help: the headers of row 1, the closest first: \"Status\", \"Title\", \"Control\", \"Owner\""
        ),
        "{stderr}"
    );
    // Named and present, it reads.
    let (code, stdout, stderr) = run(&["import", path(&sheet), "--column", "status=status"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("  A.5.2:\n    status: partial\n"),
        "{stdout}"
    );
    // An id column named that no row has, where no header row is found.
    let (code, _, stderr) = run(&["import", path(&sheet), "--column", "id=Ref"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("has no column headed `Ref` (--column id=Ref)"),
        "{stderr}"
    );
}

#[test]
fn rows_titled_as_other_controls_are_written_commented_out_with_both_ids() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.yaml");
    let (code, _, stderr) = run(&[
        "import",
        "tests/fixtures/import/misaligned.csv",
        "-o",
        path(&out),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let text = std::fs::read_to_string(&out).unwrap();
    // A.8.10 to A.8.13 carry their own titles; from A.8.14 the title
    // column slipped by seven rows.
    for id in ["A.8.10", "A.8.11", "A.8.12", "A.8.13"] {
        assert!(text.contains(&format!("\n  {id}:\n")), "{id}\n{text}");
    }
    for n in 14..=34 {
        assert!(
            text.contains(&format!("\n  # A.8.{n}:\n")),
            "A.8.{n}\n{text}"
        );
    }
    assert!(
        stderr.contains(
            "row 24: warning[commented-out]: A.8.32: written commented out: its title `Secure development life cycle` is that of A.8.25 (Secure development life cycle), not of A.8.32 (Change management)"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("21 row(s) written commented out"),
        "{stderr}"
    );
    assert_eq!(run(&["validate", path(&out)]).0, 0);
}

#[test]
fn a_near_spelling_of_another_title_is_told_and_a_shared_title_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("sheet.csv");
    std::fs::write(
        &sheet,
        "Control,Title,Status\n\
         A.8.34,Threat inteligence,Partial\n\
         A.8.7,Protection against malware.,Implemented\n\
         9.2.1,General,Implemented\n\
         5.1,Leadership,Partial\n",
    )
    .unwrap();
    let (code, stdout, stderr) = run(&["import", path(&sheet), "--standard", "iso27001"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains(
            "its title `Threat inteligence` is that of A.5.7 (Threat intelligence), not of A.8.34"
        ),
        "{stderr}"
    );
    assert!(stdout.contains("  A.8.7: implemented\n"), "{stdout}");
    // `General` is the title of several clauses, 9.2.1 among them; a
    // heading's title on one of its items (5 Leadership on 5.1) is no
    // other item's.
    assert!(stdout.contains("  \"9.2.1\": implemented\n"), "{stdout}");
    assert!(stdout.contains("  \"5.1\": partial\n"), "{stdout}");
}

#[test]
fn a_date_with_more_than_a_date_is_left_out_not_cut() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("sheet.csv");
    std::fs::write(
        &sheet,
        "Control,Status,Due date,Last review\n\
         A.5.1,Planned,2026-06-301,30.06.2026\n\
         A.5.2,Planned,2026-07-01 00:00:00,\n",
    )
    .unwrap();
    let (code, stdout, stderr) = run(&["import", path(&sheet), "--standard", "iso27001"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains(
            "row 2, column C: warning[invalid-value]: cannot read `2026-06-301` as a date"
        ),
        "{stderr}"
    );
    assert!(!stdout.contains("due: 2026-06-30"), "{stdout}");
    assert!(stdout.contains("reviewed: 2026-06-30"), "{stdout}");
    assert!(stdout.contains("due: 2026-07-01"), "{stdout}");
}

#[test]
fn rows_that_share_a_problem_are_said_once() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("sheet.csv");
    let mut text = String::from("Control,Status\n");
    for n in 1..=20 {
        text.push_str(&format!("A.5.{n},Not yet\n"));
    }
    text.push_str("A.5.21,Implemented\nA.5.22,Not yet\n");
    std::fs::write(&sheet, text).unwrap();
    let (code, _, stderr) = run(&["import", path(&sheet), "--standard", "iso27001"]);
    assert_eq!(code, 0, "{stderr}");
    let unknown: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("warning[unknown-word]"))
        .collect();
    assert_eq!(unknown.len(), 1, "{stderr}");
    assert!(
        unknown[0].contains("sheet \"sheet.csv\" rows 2-21, 23, column B:"),
        "{stderr}"
    );
}

#[test]
fn the_headers_published_soas_use_are_read_without_flags() {
    // The SoA-only sheet of the issue: a joint justification column.
    let (code, stdout, stderr) = run(&["import", "tests/fixtures/import/soa-joint-column.csv"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("justification <- \"Justification / Implementation\" (D)"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "mapped: 15 entries (13 included with status not assessed, 2 not-applicable)"
        ),
        "{stderr}"
    );
    assert_eq!(
        stdout.matches("    applicable: yes\n").count(),
        13,
        "{stdout}"
    );
    // Reason for inclusion / exclusion, Is the control implemented?, Risk
    // Addressed, and a `Control` column of names beside the `Ref` ids.
    let (code, stdout, stderr) =
        run(&["import", "tests/fixtures/import/soa-published-headers.csv"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains(
            "columns: id <- \"Ref\" (A), title <- \"Control\" (B), justification <- \"Reason for inclusion / exclusion\" (C), status <- \"Is the control implemented?\" (D), risks <- \"Risk Addressed\" (E)"
        ),
        "{stderr}"
    );
    for entry in [
        "  A.5.2:\n    status: partial\n    justification: Each security task needs a named owner.\n    risks: [R-01, R-04]\n",
        "  A.5.9:\n    status: not-implemented\n",
        "  A.7.4:\n    status: not-applicable\n",
    ] {
        assert!(stdout.contains(entry), "{entry}\n{stdout}");
    }
}

#[test]
fn a_czech_soa_of_all_93_controls_imports_whole_with_no_flags() {
    // Semicolons, as Czech Excel saves CSV; Czech headers, applicability
    // and status words; ids as `A.x.y`.
    let (code, stdout, stderr) = run(&["import", "tests/fixtures/import/lang/cs-93.csv"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains(
            "mapped: 93 entries (23 implemented, 23 partial, 22 planned, 22 not-implemented, 3 not-applicable)"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("left out: 0 row(s) written commented out (they would not validate), 0 row(s) not placed, 0 cell(s) left out"),
        "{stderr}"
    );
    // The applicability is kept: the three exclusions with their reasons.
    assert!(
        stdout.contains(
            "  A.8.30:\n    status: not-applicable\n    justification: Vývoj nezadáváme externím dodavatelům.\n"
        ),
        "{stdout}"
    );
    assert_eq!(
        stdout.matches("status: not-applicable").count(),
        3,
        "{stdout}"
    );
}

#[test]
fn the_ids_decide_the_standard_before_the_applicability_column_does() {
    let dir = tempfile::tempdir().unwrap();
    // An ISO 20000 sheet with an applicability column: 8.5.1 is no item of
    // ISO 27001 (nor, read as Annex A, any control), so the sheet is ISO
    // 20000's and 8.2 is its service portfolio, not A.8.2.
    let sheet = dir.path().join("service.csv");
    std::fs::write(
        &sheet,
        "Clause,Title,Applicable,Status\n\
         8.2,Service portfolio,Yes,Planned\n\
         8.5.1,Change management,Yes,Implemented\n",
    )
    .unwrap();
    let (code, stdout, stderr) = run(&["import", path(&sheet)]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("\niso20000:\n  \"8.2\": planned\n  \"8.5.1\": implemented\n"),
        "{stdout}"
    );
    assert!(!stdout.contains("A.8.2"), "{stdout}");
    // An SoA numbered as Annex A without the `A.` (5.1 ... 8.34): 8.4 is
    // ISO 20000's clause too, but 8.34 only Annex A's, so the sheet stays
    // ISO 27001's.
    let numbered = dir.path().join("numbered.csv");
    std::fs::write(
        &numbered,
        "Control,Applicable,Status\n5.1,Yes,Implemented\n8.4,Yes,Partial\n8.34,No,\n",
    )
    .unwrap();
    let (code, stdout, stderr) = run(&["import", path(&numbered)]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("  A.5.1: implemented\n  A.8.4: partial\n"),
        "{stdout}"
    );
}

#[test]
fn an_export_of_an_edition_ims_does_not_hold_is_refused_not_misread() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("audit.csv");
    std::fs::write(
        &file,
        "urn;ref_id;name;compliance_result;requirement_progress;observations\n\
         urn:intuitem:risk:req_node:iso27001-2013:a.8.1;A.8.1;Responsibility for assets;compliant;done;\n",
    )
    .unwrap();
    let (code, stdout, stderr) = run(&["import", path(&file)]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    assert!(
        stderr.contains("the export's URNs name the framework `iso27001-2013`"),
        "{stderr}"
    );
}

#[test]
fn an_id_cell_names_one_item_and_its_title_is_checked_there_too() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("sheet.csv");
    std::fs::write(
        &sheet,
        "Control,Status\n\
         A.5.4 / A.5.5,Implemented\n\
         A.5.10 and A.5.11,Implemented\n\
         A.5.12 Threat intelligence,Partial\n\
         A.5.1 Policies for information security,Implemented\n\
         A.8,Implemented\n\
         A.8.1,Planned\n",
    )
    .unwrap();
    let (code, stdout, stderr) = run(&["import", path(&sheet), "--standard", "iso27001"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains(
            "row 2, column A: warning[several-ids]: the id cell `A.5.4 / A.5.5` names more than one item (A.5.4, A.5.5)"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("`A.5.10 and A.5.11` names more than one item"),
        "{stderr}"
    );
    for absent in ["A.5.4:", "A.5.5:", "A.5.10:", "A.5.11:"] {
        assert!(
            !stdout.contains(&format!("\n  {absent}")),
            "{absent}\n{stdout}"
        );
    }
    // The title written after the id is another control's.
    assert!(
        stderr.contains(
            "its title `Threat intelligence` is that of A.5.7 (Threat intelligence), not of A.5.12"
        ),
        "{stderr}"
    );
    assert!(stdout.contains("  A.5.1: implemented\n"), "{stdout}");
    // A heading's status stands for its items without rows: said.
    assert!(
        stderr.contains("row 6, column B: note[heading-status]: A.8 is a heading: its status stands for the items beneath it (34)"),
        "{stderr}"
    );
}

#[test]
fn words_and_columns_given_two_meanings_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("sheet.csv");
    std::fs::write(
        &sheet,
        "Control,Status,Owner,Status\nA.5.1,Live,CISO,Planned\n",
    )
    .unwrap();
    for (args, said) in [
        (
            &["--status", "Live=implemented", "--status", "live=planned"][..],
            "--status gives `live` both implemented and planned",
        ),
        (
            &["--applicable", "J=yes", "--applicable", "j=no"][..],
            "--applicable gives `j` both yes and no",
        ),
        (
            &["--column", "status=Owner", "--column", "owner=Owner"][..],
            "--column names the header `Owner` for both status and owner",
        ),
        (
            &["--column", "status=Status", "--column", "status=Owner"][..],
            "--column names the role status twice",
        ),
    ] {
        let mut all = vec!["import", path(&sheet), "--standard", "iso27001"];
        all.extend(args);
        let (code, _, stderr) = run(&all);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stderr.contains(said), "{args:?}: {stderr}");
    }
    // Two columns with the header named: the first is read, the second
    // listed as not read, as without the flag.
    let (code, stdout, stderr) = run(&[
        "import",
        path(&sheet),
        "--standard",
        "iso27001",
        "--status",
        "Live=implemented",
        "--column",
        "status=Status",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("status: implemented"), "{stdout}");
    assert!(stderr.contains("not read: \"Status\" (D)"), "{stderr}");
    // Two --words files that give one word two meanings; one file that
    // names a language twice.
    let first = dir.path().join("first.yaml");
    let second = dir.path().join("second.yaml");
    std::fs::write(
        &first,
        "languages:\n  h:\n    name: House\n    statuses:\n      implemented: [Live]\n",
    )
    .unwrap();
    std::fs::write(
        &second,
        "languages:\n  g:\n    name: Group\n    statuses:\n      planned: [Live]\n",
    )
    .unwrap();
    let (code, _, stderr) = run(&[
        "import",
        path(&sheet),
        "--standard",
        "iso27001",
        "--words",
        path(&first),
        "--words",
        path(&second),
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("`Live` is the status planned here, but the status implemented in an earlier --words file"),
        "{stderr}"
    );
    std::fs::write(
        &first,
        "languages:\n  h:\n    name: House\n    statuses:\n      implemented: [Live]\n  h:\n    name: Again\n",
    )
    .unwrap();
    let (code, _, stderr) = run(&["import", path(&sheet), "--words", path(&first)]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains(":6:3: error[duplicate-key]"), "{stderr}");
}

#[test]
fn a_word_with_a_question_mark_asks_and_is_no_status() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("sheet.csv");
    std::fs::write(
        &sheet,
        "Control,Applicable,Status\nA.5.1,Yes,Implemented?\nA.5.2,Yes?,Implemented\nA.5.3,Yes,Implemented\n",
    )
    .unwrap();
    let (code, stdout, stderr) = run(&["import", path(&sheet)]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("unknown status word `Implemented?`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("cannot read `Yes?` as applicable"),
        "{stderr}"
    );
    assert!(stdout.contains("  A.5.3: implemented\n"), "{stdout}");
    assert!(!stdout.contains("\n  A.5.1: implemented"), "{stdout}");
    // Said with its question mark, the word is the user's to define, and
    // only for cells that ask.
    let (code, stdout, stderr) = run(&[
        "import",
        path(&sheet),
        "--status",
        "Implemented?=partial",
        "--applicable",
        "Yes?=yes",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("  A.5.1: partial\n  A.5.2: implemented\n  A.5.3: implemented\n"),
        "{stdout}"
    );
}

#[test]
fn sheets_a_consultant_writes_in_french_and_german_read_with_no_flags() {
    let dir = tempfile::tempdir().unwrap();
    let french = dir.path().join("fr.csv");
    std::fs::write(
        &french,
        "N° de mesure,Justification (inclusion/exclusion),Applicable (O/N),État de mise en œuvre,Échéance\n\
         A.5.1,Politique validée,O,Fait,\n\
         A.5.2,Rôles définis,O,Opérationnel,\n\
         A.5.3,Séparation des tâches,O,Non commencé,30/06/2026\n\
         A.5.4,Engagement de la direction,O,Non commencé,03/04/2026\n\
         A.7.4,Pas de locaux propres,N,,\n",
    )
    .unwrap();
    let (code, stdout, stderr) = run(&["import", path(&french)]);
    assert_eq!(code, 0, "{stderr}");
    for entry in [
        "  A.5.1:\n    status: implemented\n",
        "  A.5.2:\n    status: implemented\n",
        "  A.5.3:\n    status: not-implemented\n    justification: Séparation des tâches\n    due: 2026-06-30\n",
        "  A.7.4:\n    status: not-applicable\n    justification: Pas de locaux propres\n",
    ] {
        assert!(stdout.contains(entry), "{entry}\n{stdout}");
    }
    // A date whose order does not show is left out, and said so.
    assert!(
        stderr.contains("`03/04/2026` reads as day 03 of month 04 or as day 04 of month 03"),
        "{stderr}"
    );
    let german = dir.path().join("de.csv");
    std::fs::write(
        &german,
        "Kontrolle,Titel,Anwendbar,Begründung der Anwendbarkeit,Umsetzungsstand\n\
         A.5.1,Informationssicherheitsleitlinien,Ja,Vorgabe der Geschäftsführung,umgesetzt\n\
         A.7.4,Physische Überwachung,Nein,Keine eigenen Räume,\n",
    )
    .unwrap();
    let (code, stdout, stderr) = run(&["import", path(&german)]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains(
            "  A.7.4:\n    status: not-applicable\n    justification: Keine eigenen Räume\n"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("  A.5.1:\n    status: implemented\n"),
        "{stdout}"
    );
}
