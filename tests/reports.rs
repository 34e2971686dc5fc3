//! Snapshots of every report format on one example, the other examples
//! checked by what each format must say, `--help`, and the promises around
//! output: determinism, atomic writes, never overwriting input.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use predicates::prelude::PredicateBooleanExt;

use crate::common::{EXAMPLES, ims, json_excerpt};

const FORMATS: &[&str] = &["table", "json", "csv", "markdown", "html", "github"];

fn stdout_of(args: &[&str]) -> String {
    let output = ims().args(args).output().unwrap();
    assert!(
        output.status.code().is_some_and(|c| c < 2),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn example(name: &str) -> String {
    format!("examples/{name}.yaml")
}

/// The example whose reports are snapshotted whole; the others are checked
/// by [`every_example_says_the_same_in_every_format`].
const SNAPSHOTTED: &str = "startup-little-in-place";

#[test]
fn every_format_matches_its_snapshot_on_one_example() {
    for format in FORMATS {
        let mut text = stdout_of(&["gap", &example(SNAPSHOTTED), "--format", format]);
        if *format == "json" {
            // The whole report is over 200 KB: the first entries of each list
            // and every figure, enough to review the shape.
            text = json_excerpt(&text, 3);
        }
        assert_snapshot!(format!("gap-{SNAPSHOTTED}-{format}"), text);
    }
}

/// The ids of `list` (`missing`, `partial`) in a JSON report, by standard.
fn ids_by_standard(report: &serde_json::Value, list: &str) -> BTreeMap<String, Vec<String>> {
    let mut ids = BTreeMap::<String, Vec<String>>::new();
    for entry in report[list].as_array().unwrap() {
        ids.entry(entry["standard"].as_str().unwrap().to_owned())
            .or_default()
            .push(entry["id"].as_str().unwrap().to_owned());
    }
    ids
}

/// The text of `text` from `heading` to the next heading of the same level.
fn section<'a>(text: &'a str, heading: &str, next: &str) -> &'a str {
    let start = text
        .find(heading)
        .unwrap_or_else(|| panic!("no {heading:?}"));
    let rest = &text[start + heading.len()..];
    &rest[..rest.find(next).unwrap_or(rest.len())]
}

#[test]
fn every_example_says_the_same_in_every_format() {
    for name in EXAMPLES {
        formats_agree(name, &["gap", &example(name)]);
    }
    formats_agree(
        "three standards",
        &[
            "--catalog",
            "tests/fixtures/three-standards/catalog",
            "gap",
            "tests/fixtures/three-standards/status.yaml",
            "--fail-on",
            "missing",
        ],
    );
}

/// The JSON report of `args` is the reference: the other formats give the
/// same organisation, figures, counts and item ids.
fn formats_agree(name: &str, args: &[&str]) {
    let text = |format: &str| stdout_of(&[args, &["--format", format]].concat());
    let json: serde_json::Value = serde_json::from_str(&text("json")).unwrap();
    let (table, markdown, html, github) = (
        text("table"),
        text("markdown"),
        text("html"),
        text("github"),
    );
    let organisation = json["organisation"].as_str().unwrap();
    for (format, report) in [("table", &table), ("markdown", &markdown), ("html", &html)] {
        assert!(report.contains(organisation), "{name} {format}");
    }
    let names: BTreeMap<&str, &str> = json["standards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["id"].as_str().unwrap(), s["name"].as_str().unwrap()))
        .collect();
    for standard in json["standards"].as_array().unwrap() {
        let id = standard["id"].as_str().unwrap();
        let percent = |field: &str| format!("{:.1}%", standard[field].as_f64().unwrap());
        for (format, report) in [("table", &table), ("markdown", &markdown), ("html", &html)] {
            for field in ["coverage", "head_start"] {
                assert!(
                    report.contains(&percent(field)),
                    "{name} {format}: {id} {field} {}",
                    percent(field)
                );
            }
        }
        // GitHub escapes `%` in an annotation as `%25`.
        assert!(
            github.contains(&format!("{id} {}25", percent("coverage"))),
            "{name} github: {id}\n{github}"
        );
    }
    for (list, table_title, title) in [
        ("missing", "Missing", "Missing items"),
        ("partial", "Partly implemented", "Partly implemented items"),
    ] {
        let markdown_part = section(&markdown, &format!("\n## {title}\n"), "\n## ");
        let html_part = section(&html, &format!("<h2>{title}</h2>"), "<h2>");
        for (standard, ids) in ids_by_standard(&json, list) {
            let count = ids.len();
            let full = names[standard.as_str()];
            assert!(
                table.contains(&format!("\n{table_title}: {standard} ({count})\n")),
                "{name} table: {list} {standard} {count}"
            );
            assert!(
                markdown_part.contains(&format!("### {full} ({count})")),
                "{name} markdown: {list} {standard} {count}"
            );
            assert!(
                html_part.contains(&format!(
                    "<h3>{} ({count})</h3>",
                    full.replace('/', "&#x2f;")
                )),
                "{name} html: {list} {standard} {count}"
            );
            for id in &ids {
                assert!(
                    markdown_part.contains(&format!("\n| {id} |")),
                    "{name} markdown: {list} {standard} {id}"
                );
                assert!(
                    html_part.contains(&format!("<tr><td>{id}</td>")),
                    "{name} html: {list} {standard} {id}"
                );
            }
        }
    }
    // The CSV: one row per item, each with the item's status.
    let csv_text = text("csv");
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let rows: BTreeMap<(String, String), String> = reader
        .records()
        .map(|record| {
            let record = record.unwrap();
            (
                (record[0].to_owned(), record[1].to_owned()),
                record[5].to_owned(),
            )
        })
        .collect();
    let items = json["items"].as_array().unwrap();
    assert_eq!(rows.len(), items.len(), "{name} csv");
    for item in items {
        let key = (
            item["standard"].as_str().unwrap().to_owned(),
            item["id"].as_str().unwrap().to_owned(),
        );
        let status = item["status"].as_str().unwrap_or("not-assessed");
        assert_eq!(
            rows.get(&key).map(String::as_str),
            Some(status),
            "{name} csv {key:?}"
        );
    }
}

#[test]
fn three_standards_read_right_in_every_format() {
    // A third standard, with crosswalks to both built-in ones, needs only
    // data: every format is snapshotted, and no sentence assumes two.
    let catalog = "tests/fixtures/three-standards/catalog";
    let file = "tests/fixtures/three-standards/status.yaml";
    for format in FORMATS {
        let text = stdout_of(&[
            "--catalog",
            catalog,
            "gap",
            file,
            "--format",
            format,
            "--fail-on",
            "missing",
        ]);
        for standard in ["iso27001", "iso20000", "bcm"] {
            assert!(text.contains(standard), "{format} lacks {standard}");
        }
        // ims's own sentences, not the crosswalk's rationales, which are
        // about a pair of standards.
        for two in ["that both standards share", "for one standard only"] {
            assert!(!text.contains(two), "{format}: {two}");
        }
    }
    let markdown = stdout_of(&["--catalog", catalog, "gap", file, "--format", "markdown"]);
    assert!(markdown.contains("clauses that all three standards share"));
    assert!(markdown.contains("| in place for all three |"));
    let json: serde_json::Value = serde_json::from_str(&stdout_of(&[
        "--catalog",
        catalog,
        "gap",
        file,
        "--format",
        "json",
    ]))
    .unwrap();
    let pairs: Vec<(&str, &str)> = json["overlap_pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|pair| {
            (
                pair["source"].as_str().unwrap(),
                pair["target"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(pairs.len(), 3, "{pairs:?}");
    let standards: Vec<&str> = json["standards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(standards, ["iso27001", "iso20000", "bcm"]);
    let documented = json["integrated"]
        .as_array()
        .unwrap()
        .iter()
        .find(|element| element["name"] == "Documented information")
        .unwrap();
    assert_eq!(documented["sides"].as_array().unwrap().len(), 3);
}

#[test]
fn json_reports_parse_and_carry_the_documented_fields() {
    for name in EXAMPLES {
        let text = stdout_of(&["gap", &example(name), "--format", "json"]);
        let report: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(report["schema_version"], 2);
        for standard in report["standards"].as_array().unwrap() {
            for field in [
                "id",
                "coverage",
                "projected_coverage",
                "head_start",
                "applicable",
                "implemented",
                "partial",
                "not_assessed",
            ] {
                assert!(standard.get(field).is_some(), "{name}: standards[].{field}");
            }
        }
        for (list, fields) in [
            ("missing", &["standard", "id", "title", "status"][..]),
            (
                "overlap",
                &["source", "target", "relationship", "state"][..],
            ),
            (
                "suggestions",
                &[
                    "target", "sources", "weight", "coverage", "gain", "residual",
                ][..],
            ),
            ("warnings", &["code", "message"][..]),
        ] {
            for entry in report[list].as_array().unwrap() {
                for field in fields {
                    assert!(entry.get(*field).is_some(), "{name}: {list}[].{field}");
                }
            }
        }
        assert!(report["gate"]["passed"].is_boolean());
        assert!(report["gate"]["reasons"].is_array());
    }
}

#[test]
fn csv_reports_have_one_row_per_item_and_sum_to_the_coverage_and_head_start() {
    for name in EXAMPLES {
        let text = stdout_of(&["gap", &example(name), "--format", "csv"]);
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let headers = reader.headers().unwrap().clone();
        let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
        let (standard, contribution, head_start) = (
            column("standard"),
            column("contribution"),
            column("head_start"),
        );
        // Per standard: coverage sum, head start sum, applicable rows, rows.
        let mut sums = std::collections::BTreeMap::<String, (f64, f64, usize, usize)>::new();
        for record in reader.records() {
            let record = record.unwrap();
            let entry = sums.entry(record[standard].to_owned()).or_default();
            entry.3 += 1;
            if !record[contribution].is_empty() {
                entry.0 += record[contribution].parse::<f64>().unwrap();
                entry.1 += record[head_start].parse::<f64>().unwrap();
                entry.2 += 1;
            }
        }
        let json: serde_json::Value =
            serde_json::from_str(&stdout_of(&["gap", &example(name), "--format", "json"])).unwrap();
        for summary in json["standards"].as_array().unwrap() {
            let key = summary["id"].as_str().unwrap();
            let (coverage, head_start, applicable, rows) = sums[key];
            assert_eq!(
                rows as u64,
                summary["total"].as_u64().unwrap(),
                "{name} {key}"
            );
            let percent = |sum: f64| (1000.0 * sum / applicable as f64).round() / 10.0;
            assert_eq!(percent(coverage), summary["coverage"].as_f64().unwrap());
            assert_eq!(percent(head_start), summary["head_start"].as_f64().unwrap());
        }
    }
}

#[test]
fn output_is_byte_identical_from_run_to_run() {
    for format in FORMATS {
        let first = stdout_of(&[
            "gap",
            &example("msp-iso20000-to-iso27001"),
            "--format",
            format,
        ]);
        let second = stdout_of(&[
            "gap",
            &example("msp-iso20000-to-iso27001"),
            "--format",
            format,
        ]);
        assert_eq!(first, second, "{format}");
    }
}

#[test]
fn help_texts_match_their_snapshots() {
    assert_snapshot!("help", stdout_of(&["--help"]));
    assert_snapshot!("help-gap", stdout_of(&["gap", "--help"]));
    assert_snapshot!("help-catalog", stdout_of(&["catalog", "--help"]));
}

#[test]
fn every_command_names_the_exit_codes_true_for_it() {
    let gate = "  1  ";
    for (args, has_gate) in [
        (vec!["--help"], true),
        (vec!["gap", "--help"], true),
        (vec!["validate", "--help"], false),
        (vec!["soa", "--help"], true),
        (vec!["plan", "--help"], false),
        (vec!["docs", "--help"], false),
        (vec!["diff", "--help"], false),
        (vec!["init", "--help"], false),
        (vec!["schema", "--help"], false),
        (vec!["completions", "--help"], false),
        (vec!["manpage", "--help"], false),
        (vec!["catalog", "--help"], false),
        (vec!["catalog", "list", "--help"], false),
        (vec!["catalog", "show", "--help"], false),
        (vec!["catalog", "mappings", "--help"], false),
        (vec!["catalog", "lint", "--help"], false),
    ] {
        let help = stdout_of(&args);
        let codes = help
            .split("Exit codes:")
            .nth(1)
            .unwrap_or_else(|| panic!("{args:?} has no exit codes"));
        assert_eq!(codes.contains(gate), has_gate, "{args:?}:{codes}");
        assert!(
            codes.contains("  0  ") && codes.contains("  2  "),
            "{args:?}"
        );
        assert!(!codes.contains("gate") || has_gate, "{args:?}: {codes}");
    }
}

#[test]
fn catalogue_views_match_their_snapshots() {
    assert_snapshot!(
        "catalog-show-A.8.32",
        stdout_of(&["catalog", "show", "A.8.32"])
    );
    assert_snapshot!(
        "catalog-mappings-csv",
        stdout_of(&["catalog", "mappings", "--format", "csv"])
    );
}

fn temp_copy(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(format!("{name}.yaml"));
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(example(name)),
        &path,
    )
    .unwrap();
    path
}

#[test]
fn output_file_is_written_and_never_over_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = temp_copy(dir.path(), "startup-little-in-place");
    let original = std::fs::read_to_string(&input).unwrap();
    let report = dir.path().join("report.md");
    ims()
        .args([
            "gap",
            input.to_str().unwrap(),
            "--format",
            "markdown",
            "-o",
            report.to_str().unwrap(),
        ])
        .assert()
        .code(0)
        .stdout("");
    assert!(
        std::fs::read_to_string(&report)
            .unwrap()
            .starts_with("# Gap analysis: Fjordline Digital AS")
    );
    ims()
        .args([
            "gap",
            input.to_str().unwrap(),
            "--format",
            "json",
            "-o",
            input.to_str().unwrap(),
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "refusing to write over the input file",
        ));
    assert_eq!(std::fs::read_to_string(&input).unwrap(), original);
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "no temporary files left: {names:?}");
}

#[test]
fn output_to_a_missing_directory_fails_cleanly() {
    ims()
        .args([
            "gap",
            &example("startup-little-in-place"),
            "-o",
            "/nonexistent-dir/report.json",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "error: cannot write /nonexistent-dir/report.json: the directory /nonexistent-dir does not exist",
        ))
        .stderr(predicates::str::contains(".ims-").not());
}

#[test]
fn init_writes_a_template_that_validates_and_only_overwrites_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("status.yaml");
    ims()
        .args(["init", "-o", path.to_str().unwrap()])
        .assert()
        .code(0);
    let template = std::fs::read_to_string(&path).unwrap();
    ims()
        .args(["validate", path.to_str().unwrap()])
        .assert()
        .code(0);
    let leaves = template
        .lines()
        .filter(|line| line.contains(": not-assessed"))
        .count();
    assert_eq!(leaves, 123 + 57);
    // Analysed as it is, nothing counts as assessed.
    let report = ims()
        .args(["gap", path.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&report.stdout).unwrap();
    for standard in report["standards"].as_array().unwrap() {
        assert_eq!(standard["not_assessed"], standard["total"], "{standard}");
    }

    std::fs::write(&path, "organisation: Mine\n").unwrap();
    ims()
        .args(["init", "-o", path.to_str().unwrap()])
        .assert()
        .code(2);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "organisation: Mine\n"
    );
    ims()
        .args(["init", "-o", path.to_str().unwrap(), "--force"])
        .assert()
        .code(0);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), template);
}

#[test]
fn the_schema_beside_the_examples_is_current() {
    let shipped = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/ims-status.schema.json"),
    )
    .unwrap();
    assert_eq!(
        shipped,
        stdout_of(&["schema"]),
        "regenerate it: ims schema -o examples/ims-status.schema.json"
    );
}

#[test]
fn the_schema_is_json_and_names_every_item() {
    let schema: serde_json::Value = serde_json::from_str(&stdout_of(&["schema"])).unwrap();
    let properties = &schema["properties"];
    assert_eq!(
        properties["iso27001"]["properties"]
            .as_object()
            .unwrap()
            .len(),
        41 + 4 + 93
    );
    assert!(
        properties["iso20000"]["properties"]["8.5.1.2"]["description"]
            .as_str()
            .unwrap()
            .contains("Change management initiation")
    );
    let fixed = &properties["iso27001"]["properties"]["5.1"]["anyOf"][0]["$ref"];
    assert_eq!(fixed, "#/definitions/MandatoryStatus");
    let excludable = &properties["iso27001"]["properties"]["A.5.1"]["anyOf"][0]["$ref"];
    assert_eq!(excludable, "#/definitions/Status");
    // Either spelling of the organisation, as `ims validate` accepts, never both.
    assert_eq!(schema.get("required"), None);
    assert_eq!(
        schema["oneOf"],
        serde_json::json!([{"required": ["organisation"]}, {"required": ["organization"]}])
    );
}

#[test]
fn the_engine_names_no_standard() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut offenders = Vec::new();
    let mut stack = vec![src];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if !path.ends_with("catalog/builtin.rs") && !path.ends_with("tests.rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                if text.contains("27001") || text.contains("20000") {
                    offenders.push(path.display().to_string());
                }
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "standards are data, not code: {offenders:?}"
    );
}

/// The head start of the one standard a `--target` report covers.
fn head_start(file: &str, target: &str) -> f64 {
    let text = stdout_of(&["gap", file, "--target", target, "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&text).unwrap();
    report["standards"][0]["head_start"].as_f64().unwrap()
}

#[test]
fn a_full_certification_carries_a_quarter_to_a_half_of_the_other_standard() {
    // The range an ISO lead implementer put on it, judged item by item; each
    // weight is set on its own edge, so this guards the total, not the weights.
    for (file, target) in [
        ("tests/fixtures/certified-iso20000.yaml", "iso27001"),
        ("tests/fixtures/certified-iso27001.yaml", "iso20000"),
    ] {
        let figure = head_start(file, target);
        assert!(
            (25.0..=50.0).contains(&figure),
            "{file} towards {target}: head start {figure}%"
        );
    }
}

#[test]
fn the_first_line_of_every_text_view_is_its_title() {
    // `ims gap status.yaml | head -1` shows the title, not an empty line.
    let file = example("startup-little-in-place");
    for (args, title) in [
        (vec!["gap", &file], "Gap analysis: Fjordline Digital AS"),
        (
            vec!["gap", &file, "--color", "always"],
            "\x1b[1mGap analysis: Fjordline Digital AS",
        ),
        (
            vec!["gap", &file, &file, "--each"],
            "Gap analysis: Fjordline Digital AS",
        ),
        (vec!["diff", &file, &file], "Changes: "),
    ] {
        let text = stdout_of(&args);
        assert!(
            text.lines().next().unwrap_or_default().starts_with(title),
            "{args:?}: {:?}",
            text.lines().next()
        );
    }
}
