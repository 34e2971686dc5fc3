//! `ims docs`: the document register of the integrated system, the
//! organisation's register from a status file, and skeleton documents that
//! are written all or nothing.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use ims::analysis::Options;
use ims::analysis::docs::{DocState, DocsReport, docs, register};
use ims::model::{Catalog, Node};

use crate::common::{EXAMPLES, assessment, builtin as catalog, ims, json_excerpt};

fn assessed(catalog: &Catalog, file: &str, text: &str, options: &Options) -> DocsReport {
    let assessment = ims::status::load(file, text, catalog).unwrap();
    docs(catalog, &assessment, options)
}

fn example(catalog: &Catalog, name: &str) -> DocsReport {
    docs(catalog, &assessment(catalog, name), &Options::default())
}

fn ids(report: &DocsReport) -> BTreeSet<&str> {
    report.documents.iter().map(|d| d.id.as_str()).collect()
}

#[test]
fn every_item_that_needs_documented_information_is_served() {
    let catalog = catalog();
    let mut checked = 0;
    for (s, standard) in catalog.standards.iter().enumerate() {
        for leaf in standard.leaves() {
            if standard.items[leaf].documented.is_none() {
                continue;
            }
            checked += 1;
            let node = Node {
                standard: ims::model::StandardIndex::new(s),
                item: leaf,
            };
            assert!(
                catalog.documents.iter().any(|d| d
                    .serves
                    .iter()
                    .any(|(st, items)| *st == node.standard && items.contains(&leaf))),
                "{} {} needs documented information and no document serves it",
                standard.key,
                standard.items[leaf].id
            );
        }
    }
    assert!(checked >= 60, "only {checked} documented items");
    // The ISO 27001 clauses the issue names are among them.
    let iso27001 = &catalog.standards[catalog.standard_index("iso27001").unwrap().get()];
    for id in [
        "4.3", "5.2", "6.1.2", "6.1.3", "6.2", "7.2", "7.5.1", "7.5.2", "7.5.3", "8.1", "8.2",
        "8.3", "9.1", "9.2.2", "9.3.3", "10.2",
    ] {
        let item = iso27001.find(id).unwrap();
        assert!(iso27001.items[item].documented.is_some(), "iso27001 {id}");
    }
}

#[test]
fn the_whole_register_lists_every_document_with_its_sections_tagged() {
    let catalog = catalog();
    let report = register(&catalog, &[]);
    assert_eq!(report.documents.len(), catalog.documents.len());
    assert!(report.documents.len() >= 40);
    assert!(report.not_needed.is_empty());
    for d in &report.documents {
        assert!(d.state.is_none(), "{}: no state without a file", d.id);
        assert!(!d.serves.is_empty(), "{}", d.id);
        for section in &d.sections {
            let expected = match section.serves.as_slice() {
                [one] if one == "iso27001" => "security",
                [one] if one == "iso20000" => "service",
                [_, _, ..] => "shared",
                other => panic!("{}: section serves {other:?}", d.id),
            };
            assert_eq!(section.aspect, expected, "{} {}", d.id, section.title);
        }
    }
    // The integrated system keeps security and service apart inside shared
    // documents: some documents have sections of all three kinds.
    let mixed = report
        .documents
        .iter()
        .filter(|d| {
            let aspects: BTreeSet<&str> = d.sections.iter().map(|s| s.aspect.as_str()).collect();
            aspects.len() == 3
        })
        .count();
    assert!(mixed >= 10, "only {mixed} documents mix all three aspects");
    for id in [
        "IMS-SCOPE",
        "IMS-POLICY",
        "IMS-SOA",
        "IMS-RTP",
        "SVC-CATALOGUE",
    ] {
        assert!(ids(&report).contains(id), "{id}");
    }
}

#[test]
fn one_standard_keeps_its_documents_and_drops_the_other_aspect() {
    let catalog = catalog();
    let iso27001 = catalog.standard_index("iso27001").unwrap();
    let report = register(&catalog, &[iso27001]);
    assert!(!ids(&report).contains("SVC-CATALOGUE"));
    assert!(
        report
            .not_needed
            .iter()
            .any(|n| n.id == "SVC-CATALOGUE" && n.why.contains("none of the standards"))
    );
    for d in &report.documents {
        assert_eq!(d.standards, ["iso27001"], "{}", d.id);
        assert!(d.serves.iter().all(|i| i.standard == "iso27001"));
        assert!(
            d.sections.iter().all(|s| s.aspect == "security"),
            "{}: a section for one standard is that standard's",
            d.id
        );
    }
}

#[test]
fn state_follows_the_items_served_and_exclusions_drop_documents() {
    let catalog = catalog();
    let mut text = String::from("organisation: Test Ltd\niso27001:\n");
    // Physical security excluded as a whole: its procedure is not needed.
    for n in 1..=14 {
        text.push_str(&format!(
            "  A.7.{n}: {{status: not-applicable, justification: \"Fully remote, no premises\"}}\n"
        ));
    }
    // The scope statement serves 4.3 alone for ISO 27001: in place.
    text.push_str("  4.3: {status: implemented, owner: CEO, evidence: [IMS scope statement v1]}\n");
    // The risk treatment plan: one item implemented, one not.
    text.push_str("  6.1.3: implemented\n  8.3: not-implemented\n");
    // The context register: nothing in place.
    text.push_str("  4.1: planned\n  4.2: not-implemented\n");
    let iso27001 = catalog.standard_index("iso27001").unwrap();
    let report = assessed(
        &catalog,
        "test.yaml",
        &text,
        &Options {
            focus: vec![iso27001],
            ..Options::default()
        },
    );
    let state = |id: &str| {
        report
            .documents
            .iter()
            .find(|d| d.id == id)
            .unwrap_or_else(|| panic!("{id} missing"))
            .state
    };
    assert_eq!(state("IMS-SCOPE"), Some(DocState::InPlace));
    assert_eq!(state("IMS-RTP"), Some(DocState::Partly));
    assert_eq!(state("IMS-CONTEXT"), Some(DocState::Missing));
    assert!(!ids(&report).contains("PHYS-PROCEDURE"));
    let dropped = report
        .not_needed
        .iter()
        .find(|n| n.id == "PHYS-PROCEDURE")
        .unwrap();
    assert!(dropped.why.contains("excluded"));
    let scope = report
        .documents
        .iter()
        .find(|d| d.id == "IMS-SCOPE")
        .unwrap();
    assert_eq!(scope.owners, ["CEO"]);
    assert_eq!(scope.evidence_guess.len(), 1);
    assert_eq!(scope.evidence_guess[0].reference, "IMS scope statement v1");
    // Items excluded do not count towards a document's state or listing.
    assert!(
        report
            .documents
            .iter()
            .flat_map(|d| &d.serves)
            .all(|i| i.status != Some("not-applicable"))
    );
}

#[test]
fn evidence_that_names_a_document_is_offered_as_a_guess() {
    let catalog = catalog();
    let report = example(&catalog, "msp-iso20000-to-iso27001");
    let policy = report
        .documents
        .iter()
        .find(|d| d.id == "IMS-POLICY")
        .unwrap();
    assert!(
        policy
            .evidence_guess
            .iter()
            .any(|g| g.reference.contains("Information security policy")),
        "{:?}",
        policy.evidence_guess
    );
    // Never a reference from an item the document does not serve.
    for d in &report.documents {
        for guess in &d.evidence_guess {
            assert!(
                d.serves
                    .iter()
                    .any(|i| i.standard == guess.standard && i.id == guess.id),
                "{}: {guess:?}",
                d.id
            );
        }
    }
}

#[test]
fn the_json_register_carries_the_documented_fields() {
    for args in [
        vec!["docs", "--format", "json"],
        vec![
            "docs",
            "examples/saas-iso27001-adding-iso20000.yaml",
            "-f",
            "json",
        ],
    ] {
        let output = ims().args(&args).output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(json["schema_version"], 2);
        let documents = json["documents"].as_array().unwrap();
        assert!(documents.len() >= 40);
        for d in documents {
            for key in ["id", "title", "kind", "purpose", "sections"] {
                assert!(!d[key].is_null(), "{key}");
            }
            for item in d["serves"].as_array().unwrap() {
                assert!(item["standard"].is_string() && item["id"].is_string());
            }
        }
    }
}

/// The example whose registers are snapshotted whole; the others, and the
/// register without a status file, are checked by [`formats_agree`].
const SNAPSHOTTED: &str = "startup-little-in-place";

fn docs_output(args: &[&str]) -> String {
    let output = ims().args(args).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{args:?}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn every_format_of_the_register_matches_its_snapshot_on_one_example() {
    let file = format!("examples/{SNAPSHOTTED}.yaml");
    for format in ["table", "markdown", "csv", "json"] {
        let mut text = docs_output(&["docs", &file, "--format", format]);
        if format == "json" {
            // The whole register is over 150 KB: the first entries of each
            // list and every figure, enough to review the shape.
            text = json_excerpt(&text, 3);
        }
        assert_snapshot!(format!("docs-{SNAPSHOTTED}-{format}"), text);
    }
}

#[test]
fn every_register_lists_the_same_documents_in_every_format() {
    formats_agree(&["docs"]);
    for name in EXAMPLES {
        formats_agree(&["docs", &format!("examples/{name}.yaml")]);
    }
}

/// The JSON register of `args` is the reference: the CSV has the same rows
/// in the same order, the Markdown a row per document with its id, title and
/// kind, and the table's first column the same ids in the same order.
fn formats_agree(args: &[&str]) {
    let text = |format: &str| docs_output(&[args, &["--format", format]].concat());
    let json: serde_json::Value = serde_json::from_str(&text("json")).unwrap();
    let documents = json["documents"].as_array().unwrap();
    assert!(documents.len() >= 40, "{args:?}");
    let field = |d: &serde_json::Value, key: &str| d[key].as_str().unwrap().to_owned();
    let csv_text = text("csv");
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let rows: Vec<[String; 3]> = reader
        .deserialize::<BTreeMap<String, String>>()
        .map(|row| {
            let row = row.unwrap();
            [row["id"].clone(), row["title"].clone(), row["kind"].clone()]
        })
        .collect();
    let expected: Vec<[String; 3]> = documents
        .iter()
        .map(|d| [field(d, "id"), field(d, "title"), field(d, "kind")])
        .collect();
    assert_eq!(rows, expected, "{args:?} csv");
    let markdown = text("markdown");
    for [id, title, kind] in &expected {
        assert!(
            markdown.contains(&format!("\n| {id} | {title} | {kind} |")),
            "{args:?} markdown: {id}"
        );
    }
    // A long id wraps inside its cell, so the table's first column is read
    // whole: its pieces, joined, are the ids in order.
    let table = text("table");
    let body = table.split('╞').nth(1).unwrap().split('└').next().unwrap();
    let first_column: String = body
        .lines()
        .skip(1)
        .filter_map(|line| line.strip_prefix("│ ")?.split(" ┆").next())
        .map(str::trim)
        .collect();
    let ids: String = expected.iter().map(|[id, ..]| id.as_str()).collect();
    assert_eq!(first_column, ids, "{args:?} table");
}

fn listing(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn the_skeleton_is_one_file_per_needed_document_and_an_index() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("documentation");
    let output = ims()
        .args([
            "docs",
            "examples/saas-iso27001-adding-iso20000.yaml",
            "--skeleton",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("documents and an index README.md"),
        "{stderr}"
    );
    let catalog = catalog();
    let report = example(&catalog, "saas-iso27001-adding-iso20000");
    let names = listing(&out);
    assert_eq!(names.len(), report.documents.len() + 1);
    assert!(names.contains("README.md"));
    let index = std::fs::read_to_string(out.join("README.md")).unwrap();
    assert!(index.contains("Cloudberry Analytics GmbH"));
    for name in &names {
        if name != "README.md" {
            assert!(index.contains(&format!("]({name})")), "{name} not linked");
        }
    }
    let policy = names
        .iter()
        .find(|n| n.ends_with("-ims-policy.md"))
        .unwrap();
    let text = std::fs::read_to_string(out.join(policy)).unwrap();
    assert_snapshot!("docs-skeleton-saas-ims-policy", text);
    assert!(text.contains("Cloudberry Analytics GmbH"));
    assert!(text.contains("*Shared: ISO/IEC 27001:2022 and ISO/IEC 20000-1:2018*"));
    assert!(text.contains("*Security: ISO/IEC 27001:2022 only*"));
    assert!(text.contains("*Service: ISO/IEC 20000-1:2018 only*"));
    assert!(text.contains("| 5.2 | Policy | implemented |"));
}

#[test]
fn the_skeleton_refuses_as_a_whole_and_writes_nothing_over_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    let run = |extra: &[&str]| {
        ims()
            .args([
                "docs",
                "examples/msp-iso20000-to-iso27001.yaml",
                "--skeleton",
            ])
            .arg(out)
            .args(extra)
            .output()
            .unwrap()
    };
    // One file of the client's own is in the way: the 5th document's name.
    let first = run(&[]);
    assert_eq!(first.status.code(), Some(0));
    let names = listing(out);
    let fifth = names.iter().find(|n| n.starts_with("05-")).unwrap().clone();
    for name in &names {
        std::fs::remove_file(out.join(name)).unwrap();
    }
    std::fs::write(out.join(&fifth), "the client's own text\n").unwrap();

    let refused = run(&[]);
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8(refused.stderr).unwrap();
    assert!(stderr.contains("output-exists"), "{stderr}");
    assert!(stderr.contains(&fifth), "{stderr}");
    assert!(stderr.contains("--force"), "{stderr}");
    // Nothing else was written, and the client's file is intact.
    assert_eq!(listing(out), BTreeSet::from([fifth.clone()]));
    assert_eq!(
        std::fs::read_to_string(out.join(&fifth)).unwrap(),
        "the client's own text\n"
    );

    // --force replaces it and writes the rest.
    let forced = run(&["--force"]);
    assert_eq!(forced.status.code(), Some(0));
    assert_eq!(listing(out), names);
    assert_ne!(
        std::fs::read_to_string(out.join(&fifth)).unwrap(),
        "the client's own text\n"
    );
}

#[test]
fn the_skeleton_never_writes_over_its_input_or_into_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let status = dir.path().join("README.md");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/startup-little-in-place.yaml"),
        &status,
    )
    .unwrap();
    let before = std::fs::read(&status).unwrap();
    let output = ims()
        .arg("docs")
        .arg(&status)
        .arg("--skeleton")
        .arg(dir.path())
        .arg("--force")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("input file"), "{stderr}");
    assert_eq!(std::fs::read(&status).unwrap(), before);
    assert_eq!(listing(dir.path()).len(), 1);

    let output = ims()
        .args(["docs", "--skeleton"])
        .arg(&status)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("not a directory"), "{stderr}");
    assert_eq!(std::fs::read(&status).unwrap(), before);
}

#[cfg(unix)]
#[test]
fn the_skeleton_never_writes_through_links_or_over_a_catalogue() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let outside = dir.path().join("outside.txt");
    std::fs::write(&outside, "keep me\n").unwrap();
    let run = |extra: &[&str]| {
        ims()
            .args([
                "docs",
                "examples/msp-iso20000-to-iso27001.yaml",
                "--skeleton",
            ])
            .arg(&out)
            .args(extra)
            .output()
            .unwrap()
    };
    // A link where a document would go, pointing outside: refused even
    // with --force, and nothing written.
    std::os::unix::fs::symlink(&outside, out.join("03-ims-policy.md")).unwrap();
    let refused = run(&["--force"]);
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8(refused.stderr).unwrap();
    assert!(stderr.contains("symbolic link"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "keep me\n");
    assert_eq!(listing(&out).len(), 1);
    std::fs::remove_file(out.join("03-ims-policy.md")).unwrap();

    // A pipe where a document would go: see tests/fifo.rs.

    // A catalogue the run reads, hard-linked where a document would go.
    let catalog = dir.path().join("catalog");
    std::fs::create_dir(&catalog).unwrap();
    let documents = catalog.join("documents.yaml");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("catalog/documents.yaml"),
        &documents,
    )
    .unwrap();
    std::fs::hard_link(&documents, out.join("01-ims-context.md")).unwrap();
    let refused = ims()
        .args([
            "docs",
            "examples/msp-iso20000-to-iso27001.yaml",
            "--catalog",
        ])
        .arg(&catalog)
        .arg("--skeleton")
        .arg(&out)
        .arg("--force")
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8(refused.stderr).unwrap();
    assert!(
        stderr.contains("refusing to write over the input file"),
        "{stderr}"
    );
    assert!(
        std::fs::read_to_string(&documents)
            .unwrap()
            .contains("documents:")
    );
}

#[test]
fn skeleton_files_keep_their_names_when_the_documents_needed_change() {
    let dir = tempfile::tempdir().unwrap();
    let both = dir.path().join("both");
    let one = dir.path().join("one");
    for (out, extra) in [(&both, None), (&one, Some("iso27001"))] {
        let mut command = ims();
        command
            .args([
                "docs",
                "examples/msp-iso20000-to-iso27001.yaml",
                "--skeleton",
            ])
            .arg(out);
        if let Some(key) = extra {
            command.args(["--standard", key]);
        }
        assert_eq!(command.output().unwrap().status.code(), Some(0));
    }
    let (both, one) = (listing(&both), listing(&one));
    assert!(one.len() < both.len(), "fewer documents for one standard");
    assert!(one.is_subset(&both), "{:?}", one.difference(&both));
    assert!(both.contains("03-ims-policy.md"));
}

#[test]
fn each_document_says_which_standard_s_part_is_still_to_write() {
    let catalog = catalog();
    let report = example(&catalog, "saas-iso27001-adding-iso20000");
    let policy = report
        .documents
        .iter()
        .find(|d| d.id == "IMS-POLICY")
        .unwrap();
    let states: Vec<(&str, DocState)> = policy
        .states
        .iter()
        .map(|s| (s.standard.as_str(), s.state))
        .collect();
    // Certified to ISO 27001, adding ISO 20000: the security part of the
    // integrated policy is in place, the service part is not written yet.
    assert_eq!(
        states,
        [
            ("iso27001", DocState::InPlace),
            ("iso20000", DocState::Missing)
        ]
    );
    assert_eq!(policy.state, Some(DocState::Partly));
    let (code, stdout, _) = {
        let output = ims()
            .args([
                "docs",
                "examples/saas-iso27001-adding-iso20000.yaml",
                "-f",
                "markdown",
            ])
            .output()
            .unwrap();
        (
            output.status.code(),
            String::from_utf8(output.stdout).unwrap(),
            (),
        )
    };
    assert_eq!(code, Some(0));
    assert!(stdout.contains("| partly (iso27001 in place, iso20000 missing) | CISO |"));
}

/// Runs ims under `sh` with the largest file it may write cut to 2 KiB,
/// as a full disk would stop it: writes fail with "file too large".
#[cfg(unix)]
fn with_small_files(args: &[&str]) -> std::process::Output {
    let ims = assert_cmd::cargo::cargo_bin("ims");
    std::process::Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 2; exec \"$0\" \"$@\"")
        .arg(ims)
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

#[cfg(unix)]
#[test]
fn a_write_that_fails_leaves_no_folder_and_names_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("new").join("skeleton");
    let output = with_small_files(&[
        "docs",
        "examples/msp-iso20000-to-iso27001.yaml",
        "--skeleton",
        out.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("File too large"), "{stderr}");
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert!(!stderr.contains(".ims-"), "{stderr}");
    assert!(
        !out.exists(),
        "the folder this run made is taken away again"
    );
    // An existing folder stays, as it was.
    std::fs::create_dir_all(&out).unwrap();
    let output = with_small_files(&[
        "docs",
        "examples/msp-iso20000-to-iso27001.yaml",
        "--skeleton",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(listing(&out).len(), 0);
    // One report with -o: the old file stays, and no temporary one.
    let report = dir.path().join("report.json");
    std::fs::write(&report, "old").unwrap();
    let output = with_small_files(&[
        "gap",
        "examples/msp-iso20000-to-iso27001.yaml",
        "-o",
        report.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(!stderr.contains(".ims-"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&report).unwrap(), "old");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
}

#[test]
fn a_long_organisation_name_is_cut_in_each_skeleton_file_not_copied_whole() {
    let dir = tempfile::tempdir().unwrap();
    let status = dir.path().join("long.yaml");
    let name = "N".repeat(1_000_000);
    std::fs::write(
        &status,
        format!("organisation: {name}\niso27001:\n  A.5.1: implemented\n"),
    )
    .unwrap();
    let out = dir.path().join("skeleton");
    let output = ims()
        .arg("docs")
        .arg(&status)
        .arg("--skeleton")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let mut total = 0;
    for entry in std::fs::read_dir(&out).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        assert!(text.contains(&format!(
            "{}… (1000000 characters)",
            "N".repeat(ims::render::docs::skeleton::NAME_MAX)
        )));
        assert!(text.len() < 20_000, "{} bytes", text.len());
        total += text.len();
    }
    assert!(total < 200_000, "{total} bytes in all");
}

#[test]
fn stage_two_samples_find_their_records_in_one_home() {
    let catalog = catalog();
    let iso = catalog.standard_index("iso27001").unwrap();
    let doc = |id: &str| catalog.documents.iter().find(|d| d.id == id).unwrap();
    // The SoA is a declaration management approves, not a register.
    assert_eq!(
        serde_json::to_value(doc("IMS-SOA").kind).unwrap(),
        "statement"
    );
    // Leavers, restore tests, drift checks and cloud provider reviews are
    // what Stage 2 samples first: the control records support them.
    let records = doc("CONTROL-RECORDS");
    let supported: BTreeSet<&str> = records
        .supports
        .iter()
        .filter(|(standard, _)| *standard == iso)
        .flat_map(|(_, items)| {
            items
                .iter()
                .map(|&i| catalog.standards[iso].items[i].id.as_str())
        })
        .collect();
    for id in ["A.5.11", "A.5.23", "A.6.5", "A.8.9", "A.8.13"] {
        assert!(supported.contains(id), "{id}");
    }
    // Signed confidentiality agreements are kept in one document only.
    let keeping: Vec<&str> = catalog
        .documents
        .iter()
        .filter(|d| {
            d.sections.iter().any(|s| {
                let prompt = s.prompt.to_lowercase();
                prompt.contains("keep")
                    && prompt.contains("signed")
                    && prompt.contains("agreements")
            })
        })
        .map(|d| d.id.as_str())
        .collect();
    assert_eq!(keeping, ["CONTROL-RECORDS"]);
}
