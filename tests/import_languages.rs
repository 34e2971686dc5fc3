//! `ims import` of an SoA in each language ims holds words for: the
//! headers, the applicability and the status words of the language are
//! read with no flags, and every row comes through exact.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ims::import::{self, Options};
use ims::status::Status;

/// The eight rows every fixture holds, with what each must come to.
const EXPECTED: [(&str, Option<Status>); 8] = [
    ("4.1", Some(Status::Implemented)),
    ("A.5.1", Some(Status::Implemented)),
    ("A.5.2", Some(Status::Partial)),
    ("A.5.3", Some(Status::Planned)),
    ("A.5.7", Some(Status::NotImplemented)),
    ("A.7.4", Some(Status::NotApplicable)),
    ("A.7.5", Some(Status::NotApplicable)),
    ("A.8.1", None),
];

#[test]
fn a_sheet_in_each_language_imports_exact_with_no_flags() {
    let catalog = ims::catalog::load(&ims::catalog::builtin_sources()).unwrap();
    for language in ["en", "de", "fr", "es", "it", "nl", "pt", "pl", "cs"] {
        let file = format!("tests/fixtures/import/lang/{language}.csv");
        let bytes = std::fs::read(&file).unwrap();
        let sheets = import::sheets(&file, &bytes).unwrap();
        let imported = import::import(&catalog, &file, &sheets, &Options::default())
            .unwrap_or_else(|err| panic!("{language}: {err}"));
        let problems: Vec<&str> = imported
            .problems
            .iter()
            .map(|p| p.message.as_str())
            .collect();
        assert!(problems.is_empty(), "{language}: {problems:#?}");
        assert!(imported.commented.is_empty(), "{language}");
        assert!(
            imported.unread_columns.is_empty(),
            "{language}: {:?}",
            imported.unread_columns
        );
        let got: Vec<(&str, Option<Status>)> = imported
            .entries
            .iter()
            .map(|e| (e.id.as_str(), e.status))
            .collect();
        assert_eq!(got, EXPECTED, "{language}");
        // Each exclusion keeps its justification, and each owner is read.
        for entry in &imported.entries {
            if entry.status == Some(Status::NotApplicable) {
                assert!(entry.justification.is_some(), "{language}: {}", entry.id);
            }
        }
        assert!(
            imported
                .entries
                .iter()
                .filter(|e| e.owner.is_some())
                .count()
                >= 5,
            "{language}"
        );
    }
}

#[test]
fn a_czech_soa_keeps_its_applicability() {
    let catalog = ims::catalog::load(&ims::catalog::builtin_sources()).unwrap();
    let file = "tests/fixtures/import/lang/cs.csv";
    let sheets = import::sheets(file, &std::fs::read(file).unwrap()).unwrap();
    let imported = import::import(&catalog, file, &sheets, &Options::default()).unwrap();
    let roles: Vec<String> = imported
        .columns
        .iter()
        .map(|(role, _, header)| format!("{role}={header}"))
        .collect();
    assert_eq!(
        roles,
        [
            "id=Opatření",
            "title=Název",
            "applicable=Použitelnost (ano/ne)",
            "justification=Zdůvodnění",
            "status=Stav",
            "owner=Vlastník"
        ]
    );
    let excluded: Vec<&str> = imported
        .entries
        .iter()
        .filter(|e| e.status == Some(Status::NotApplicable))
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(excluded, ["A.7.4", "A.7.5"]);
}

#[test]
fn the_known_words_are_listed_once_however_many_rows_miss() {
    let output = crate::common::ims()
        .args(["import", "tests/fixtures/import/unknown-words.csv"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(
        stderr.matches("the status words ims knows").count(),
        1,
        "{stderr}"
    );
    // The rows name the word and the hint, not the list.
    assert_eq!(stderr.matches("fully implemented").count(), 1, "{stderr}");
    assert_eq!(
        stderr.matches("unknown status word `Not yet`").count(),
        1,
        "{stderr}"
    );
}
