//! Property tests: any text either loads or fails with located problems;
//! any valid assessment renders in every format without panicking, and the
//! same input always renders the same bytes.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::OnceLock;

use ims::analysis::{self, FailOn, MinCoverage, Options};
use ims::catalog::{self, Source};
use ims::diag::{Problem, ProblemCode};
use ims::model::{Catalog, StandardIndex};
use ims::render::Look;
use ims::render::gap;
use proptest::prelude::*;

fn builtin() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| catalog::load(&catalog::builtin_sources()).unwrap())
}

/// Every problem names the file and, unless it concerns the whole file, a line and column.
fn located(problems: &[Problem]) -> Result<(), TestCaseError> {
    prop_assert!(
        !problems.is_empty(),
        "an error must carry at least one problem"
    );
    for problem in problems {
        prop_assert!(!problem.file.is_empty());
        prop_assert!(!problem.message.is_empty());
        let whole_file = matches!(problem.code, ProblemCode::EmptyFile);
        prop_assert!(
            whole_file || problem.line >= 1,
            "unlocated problem: {problem:?}"
        );
    }
    Ok(())
}

/// Text that looks like a status file: known and unknown keys, ids, statuses,
/// broken indentation, flow mappings, anchors and stray punctuation.
fn yamlish() -> impl Strategy<Value = String> {
    let keys = prop::sample::select(vec![
        "organisation",
        "scope",
        "assessed",
        "iso27001",
        "iso20000",
        "A.5.1",
        "5.1",
        "5.10",
        "8.5.1",
        "10",
        "status",
        "owner",
        "evidence",
        "due",
        "justification",
        "note",
        "A.7",
        "x",
        "- a",
        "? k",
        "&a k",
        "*a",
        "'q'",
        "\"d\"",
        "",
    ]);
    let values = prop::sample::select(vec![
        "implemented",
        "partial",
        "planned",
        "not-implemented",
        "not-applicable",
        "",
        "~",
        "[a, b]",
        "{status: partial}",
        "{status: not-applicable, justification: x}",
        "2026-13-45",
        "2026-01-01",
        "yes",
        "1.10",
        "&x [1]",
        "*x",
        "|",
        ">",
        "\"unterminated",
        "'q'",
        "{",
        "]",
        "#c",
        "\t",
    ]);
    let line = (0usize..6, keys, values)
        .prop_map(|(indent, key, value)| format!("{}{key}: {value}", " ".repeat(indent)));
    prop::collection::vec(line, 0..25).prop_map(|lines| lines.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn any_text_loads_as_a_status_file_or_fails_located(text in prop_oneof![any::<String>(), yamlish()]) {
        if let Err(err) = ims::status::load("fuzz.yaml", &text, builtin()) {
            located(&err.0)?;
        }
    }

    #[test]
    fn any_text_loads_as_a_catalogue_or_fails_located(text in prop_oneof![any::<String>(), yamlish()]) {
        match catalog::load(&[Source::user("fuzz.yaml", text)]) {
            Ok(loaded) => prop_assert!(loaded.standards.len() <= 1),
            Err(err) => located(&err.0)?,
        }
    }
}

/// Text that looks like an import words file: languages, roles, statuses,
/// yes and no, words that clash, and broken YAML.
fn wordsish() -> impl Strategy<Value = String> {
    let keys = prop::sample::select(vec![
        "languages",
        "  xx",
        "  en",
        "    name",
        "    headers",
        "      id",
        "      status",
        "      nonsense",
        "    statuses",
        "      implemented",
        "      partial",
        "      done",
        "    applicable",
        "      yes",
        "      no",
        "    negations",
        "x",
        "- a",
        "",
    ]);
    let values = prop::sample::select(vec![
        "",
        "~",
        "[Control]",
        "[Status, Control]",
        "[implemented, partial]",
        "[\"\", \" \"]",
        "[ja, nein]",
        "[ja]",
        "{a: b}",
        "Xx",
        "\"unterminated",
        "[",
        "&a [x]",
        "*a",
        "#c",
        "\t",
    ]);
    let line = (keys, values).prop_map(|(key, value)| format!("{key}: {value}"));
    prop::collection::vec(line, 0..20).prop_map(|lines| lines.join("\n"))
}

proptest! {
    // Each case reads the built-in words too, so fewer cases than above.
    #![proptest_config(ProptestConfig { cases: 100, ..ProptestConfig::default() })]

    #[test]
    fn any_text_loads_as_import_words_or_fails_located(text in prop_oneof![any::<String>(), wordsish()]) {
        if let Err(err) = ims::import::load_words(&[("words.yaml".to_owned(), text)]) {
            located(&err.0)?;
        }
    }
}

/// A random but valid status file over the built-in standards.
fn assessment_text() -> impl Strategy<Value = String> {
    let catalog = builtin();
    let items: Vec<(String, String, bool)> = catalog
        .standards
        .iter()
        .flat_map(|standard| {
            standard.items.iter().map(move |item| {
                (
                    standard.key.clone(),
                    item.id.clone(),
                    item_excludable(standard, item),
                )
            })
        })
        .collect();
    let count = items.len();
    prop::collection::vec((0u8..9, any::<bool>()), count).prop_map(move |choices| {
        let mut sections: std::collections::BTreeMap<&str, Vec<String>> = Default::default();
        for ((standard, id, excludable), (choice, long)) in items.iter().zip(choices) {
            let status = match choice {
                0 => "implemented",
                1 => "partial",
                2 => "planned",
                3 => "not-implemented",
                4 if *excludable => "not-applicable",
                _ => continue,
            };
            let entry = if status == "not-applicable" {
                format!("  {id}: {{status: not-applicable, justification: \"Because, reasons\"}}")
            } else if long {
                format!("  {id}: {{status: {status}, owner: \"=Owner, the first\", due: 2026-06-30, evidence: [\"+E1\"]}}")
            } else {
                format!("  {id}: {status}")
            };
            sections.entry(standard.as_str()).or_default().push(entry);
        }
        let mut text = String::from("organisation: Property Test Ltd\nassessed: 2026-07-01\n");
        for (standard, entries) in sections {
            text.push_str(&format!("{standard}:\n{}\n", entries.join("\n")));
        }
        if !text.contains("iso") {
            text.push_str("iso27001: {}\n");
        }
        text
    })
}

fn item_excludable(standard: &ims::model::Standard, item: &ims::model::Item) -> bool {
    let index = standard.find(&item.id).unwrap();
    standard
        .leaves_under(index)
        .iter()
        .all(|leaf| standard.items[*leaf].excludable)
}

fn options() -> impl Strategy<Value = Options> {
    (0u8..4, 0u8..4, 0u8..3, prop::option::of(0.0f64..100.0)).prop_map(
        |(fail, focus, target, minimum)| Options {
            focus: match focus {
                1 => vec![StandardIndex::new(0)],
                2 => vec![StandardIndex::new(1)],
                _ => vec![],
            },
            target: match target {
                1 => Some(StandardIndex::new(0)),
                2 => Some(StandardIndex::new(1)),
                _ => None,
            },
            fail_on: [
                FailOn::Never,
                FailOn::Missing,
                FailOn::Partial,
                FailOn::Unassessed,
            ][usize::from(fail)],
            min_coverage: minimum
                .map(|percent| MinCoverage {
                    standard: None,
                    percent,
                })
                .into_iter()
                .collect(),
            max_evidence_age: Some(180),
            as_of: ims::date::Date::parse("2026-12-31"),
            fail_on_stale_evidence: fail % 2 == 0,
            baseline: None,
            effort_scale: None,
            summary_only: false,
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn valid_reports_render_in_every_format_and_deterministically(text in assessment_text(), options in options()) {
        let catalog = builtin();
        let assessment = match ims::status::load("prop.yaml", &text, catalog) {
            Ok(assessment) => assessment,
            Err(err) => return Err(TestCaseError::fail(format!("{:?}\n{text}", err.0))),
        };
        let render = || {
            let report = analysis::analyse(catalog, &assessment, &options);
            [
                gap::table::render(&report, Look::default()),
                gap::table::render(&report, Look { styled: true, width: 60 }),
                gap::json::render(&report),
                gap::csv::render(&report),
                gap::markdown::render(&report),
            ]
            .map(|text| text.expect("every format renders"))
        };
        let first = render();
        let second = render();
        prop_assert_eq!(&first, &second);
        let mut reader = csv::Reader::from_reader(first[3].as_bytes());
        for record in reader.records() {
            for cell in record.unwrap().iter() {
                prop_assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "formula cell {cell:?}");
            }
        }
        let report = analysis::analyse(catalog, &assessment, &options);
        for standard in &report.standards {
            if let (Some(now), Some(projected)) = (standard.coverage, standard.projected_coverage) {
                prop_assert!((0.0..=100.0).contains(&now));
                prop_assert!(projected >= now, "projected coverage cannot fall");
            }
        }
    }
}
