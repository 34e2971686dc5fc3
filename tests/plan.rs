//! `ims plan`: every open item in exactly one package, dependencies
//! respected, the most valuable ready work first, and snapshots of every
//! format on the three examples.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{EXAMPLES, assessment, builtin as catalog, ims};
use ims::analysis::plan::{PackageKind, PlanReport, plan};
use ims::analysis::{self, Options};
use ims::model::{Catalog, Node};

fn planned(catalog: &Catalog, name: &str) -> (ims::status::Assessment, PlanReport) {
    let assessment = assessment(catalog, name);
    let report = plan(catalog, &assessment, &Options::default());
    (assessment, report)
}

/// Rank of each (standard, id) in the plan.
fn ranks(report: &PlanReport) -> BTreeMap<(String, String), usize> {
    let mut ranks = BTreeMap::new();
    for step in &report.steps {
        for item in &step.items {
            let key = (item.standard.clone(), item.id.clone());
            assert!(
                ranks.insert(key.clone(), step.rank).is_none(),
                "{key:?} is in two packages"
            );
        }
    }
    ranks
}

#[test]
fn every_open_item_is_in_exactly_one_package() {
    let catalog = catalog();
    for name in EXAMPLES {
        let (assessment, report) = planned(&catalog, name);
        let ranks = ranks(&report);
        let gap = analysis::analyse(&catalog, &assessment, &Options::default());
        let open: BTreeSet<(String, String)> = gap
            .missing
            .iter()
            .chain(&gap.partial)
            .chain(&gap.unassessed)
            .map(|item| (item.standard.clone(), item.id.clone()))
            .collect();
        let planned: BTreeSet<(String, String)> = ranks.keys().cloned().collect();
        assert_eq!(planned, open, "{name}");
        for step in &report.steps {
            assert!(
                !step.items.is_empty() && step.items.len() <= 12,
                "{name} #{}",
                step.rank
            );
        }
    }
}

#[test]
fn no_package_starts_before_what_its_items_wait_for() {
    let catalog = catalog();
    for name in EXAMPLES {
        let (_, report) = planned(&catalog, name);
        let ranks = ranks(&report);
        let mut checked = 0;
        for step in &report.steps {
            for &after in &step.after {
                assert!(after < step.rank, "{name} #{} after #{after}", step.rank);
            }
            for item in &step.items {
                let index = catalog.standard_index(&item.standard).unwrap();
                let standard = &catalog.standards[index];
                let node = Node {
                    standard: index,
                    item: standard.find(&item.id).unwrap(),
                };
                for &waited in standard.waits_for(node.item) {
                    let key = (item.standard.clone(), standard.items[waited].id.clone());
                    if let Some(&rank) = ranks.get(&key) {
                        checked += 1;
                        assert!(
                            rank < step.rank,
                            "{name}: {} {} (#{}) waits for {} (#{rank})",
                            item.standard,
                            item.id,
                            step.rank,
                            key.1
                        );
                        assert!(
                            step.after.contains(&rank),
                            "{name} #{} lists #{rank}",
                            step.rank
                        );
                    }
                }
            }
        }
        assert!(checked > 10, "{name}: only {checked} dependencies checked");
    }
}

#[test]
fn the_scope_comes_before_risk_assessment_and_audit_before_review() {
    let catalog = catalog();
    let (_, report) = planned(&catalog, "startup-little-in-place");
    let ranks = ranks(&report);
    let rank = |standard: &str, id: &str| ranks[&(standard.to_owned(), id.to_owned())];
    assert!(rank("iso27001", "4.3") < rank("iso27001", "6.1.2"));
    assert!(rank("iso27001", "6.1.2") < rank("iso27001", "6.1.3"));
    assert!(rank("iso27001", "6.1.3") < rank("iso27001", "A.8.8"));
    assert!(rank("iso27001", "8.1") < rank("iso27001", "9.2.1"));
    assert!(rank("iso27001", "9.2.1") < rank("iso27001", "9.3.2"));
    assert!(rank("iso20000", "9.2") < rank("iso20000", "9.3"));
}

/// For each rank, how many later steps wait for it, directly or not.
fn unlocks(report: &PlanReport) -> BTreeMap<usize, usize> {
    let mut waiting: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    // Steps come in order, so every step a step waits for is already known.
    for step in &report.steps {
        let mut all: BTreeSet<usize> = BTreeSet::new();
        for &rank in &step.after {
            all.insert(rank);
            for (&earlier, dependants) in &waiting {
                if dependants.contains(&rank) || earlier == rank {
                    all.insert(earlier);
                }
            }
        }
        for rank in all {
            waiting.entry(rank).or_default().insert(step.rank);
        }
        waiting.entry(step.rank).or_default();
    }
    waiting
        .into_iter()
        .map(|(rank, d)| (rank, d.len()))
        .collect()
}

#[test]
fn foundations_then_the_most_valuable_ready_package_come_first() {
    let catalog = catalog();
    for name in EXAMPLES {
        let (_, report) = planned(&catalog, name);
        let unlocks = unlocks(&report);
        let mut done: BTreeSet<usize> = BTreeSet::new();
        for (position, step) in report.steps.iter().enumerate() {
            // Every package ready at this point unlocks no more later work
            // than this one, and gains no more when it unlocks as much.
            let mine = (unlocks[&step.rank], step.total_gain);
            for later in &report.steps[position + 1..] {
                if later.after.iter().all(|rank| done.contains(rank)) {
                    let theirs = (unlocks[&later.rank], later.total_gain);
                    assert!(
                        theirs.0 < mine.0 || (theirs.0 == mine.0 && theirs.1 <= mine.1),
                        "{name}: #{} {theirs:?} was ready before #{} {mine:?}",
                        later.rank,
                        step.rank,
                    );
                }
            }
            done.insert(step.rank);
            assert!(!step.why.is_empty());
        }
    }
}

#[test]
fn joint_work_is_one_package_serving_both_standards() {
    let catalog = catalog();
    let (_, report) = planned(&catalog, "startup-little-in-place");
    let ranks = ranks(&report);
    // Incident management and the security incident controls are one piece
    // of work, never done twice.
    let incident = ranks[&("iso20000".to_owned(), "8.6.1".to_owned())];
    for id in ["A.5.24", "A.5.25", "A.5.26"] {
        assert_eq!(
            ranks[&("iso27001".to_owned(), id.to_owned())],
            incident,
            "{id}"
        );
    }
    let step = &report.steps[incident - 1];
    assert_eq!(step.kind, PackageKind::Joint);
    assert_eq!(step.standards, ["iso27001", "iso20000"]);
    // Its gain counts both standards, so it beats the same work done for one.
    assert!(
        step.gain
            .iter()
            .filter(|g| g.value.unwrap_or(0.0) > 0.0)
            .count()
            == 2
    );
    // A shared element serves both standards in one package.
    let policy = report.steps.iter().find(|s| s.title == "Policy").unwrap();
    assert_eq!(policy.kind, PackageKind::Shared);
    assert_eq!(policy.standards.len(), 2);
    // The coverage climbs to full once the last package is done.
    let last = report.steps.last().unwrap();
    assert!(last.coverage_after.iter().all(|c| c.value == Some(100.0)));
}

#[test]
fn the_plan_honours_target_and_standard() {
    let catalog = catalog();
    let file = "examples/saas-iso27001-adding-iso20000.yaml";
    let text = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file))
        .unwrap();
    let assessment = ims::status::load(file, &text, &catalog).unwrap();
    let target = catalog.standard_index("iso20000").unwrap();
    let report = plan(
        &catalog,
        &assessment,
        &Options {
            target: Some(target),
            ..Options::default()
        },
    );
    assert_eq!(report.target.as_deref(), Some("iso20000"));
    assert!(
        report
            .steps
            .iter()
            .all(|step| step.items.iter().all(|item| item.standard == "iso20000"))
    );
    // What ISO 27001 has in place is still offered for reuse.
    assert!(
        report
            .steps
            .iter()
            .flat_map(|step| &step.reuse)
            .any(|reuse| reuse.sources.iter().any(|s| s.standard == "iso27001"))
    );
}

#[test]
fn every_example_plan_in_every_format_matches_its_snapshot() {
    for name in EXAMPLES {
        for format in ["table", "json", "csv", "markdown", "html"] {
            let output = ims()
                .args([
                    "plan",
                    &format!("examples/{name}.yaml"),
                    "--format",
                    format,
                    "--as-of",
                    "2026-12-01",
                ])
                .output()
                .unwrap();
            assert_eq!(output.status.code(), Some(0), "{name} {format}");
            let text = String::from_utf8(output.stdout).unwrap();
            insta::assert_snapshot!(format!("plan-{name}-{format}"), text);
        }
    }
}

#[test]
fn the_json_plan_carries_the_documented_fields() {
    let output = ims()
        .args([
            "plan",
            "examples/msp-iso20000-to-iso27001.yaml",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let plan: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(plan["schema_version"], 2);
    let step = &plan["steps"][0];
    for field in [
        "rank",
        "title",
        "items",
        "after",
        "gain",
        "coverage_after",
        "owners",
        "due",
    ] {
        assert!(step.get(field).is_some(), "{field}");
    }
    for field in ["standard", "id", "title", "status"] {
        assert!(step["items"][0].get(field).is_some(), "{field}");
    }
}

#[test]
fn leadership_comes_first_and_the_audit_follows_everything_it_audits() {
    let catalog = catalog();
    let (_, report) = planned(&catalog, "startup-little-in-place");
    let ranks = ranks(&report);
    let rank = |standard: &str, id: &str| ranks[&(standard.to_owned(), id.to_owned())];
    assert!(rank("iso27001", "5.1") < rank("iso27001", "5.2"));
    assert!(rank("iso27001", "5.1") < rank("iso27001", "5.3"));
    let audit = rank("iso27001", "9.2.1");
    for ((standard, id), &at) in &ranks {
        let implemented_before_audit = standard == "iso27001"
            && (id.starts_with('A') || ["4", "5", "6", "7", "8"].iter().any(|c| id.starts_with(c)))
            && id != "10.2";
        if implemented_before_audit {
            assert!(
                at < audit,
                "{standard} {id} (#{at}) after the audit (#{audit})"
            );
        }
    }
    // The way nonconformities are handled is in place before the audit finds any.
    assert!(rank("iso27001", "10.2") < audit);
    assert!(rank("iso20000", "10.1") < rank("iso20000", "9.2"));
    assert!(audit < rank("iso27001", "9.3.1"));
}

#[test]
fn single_standard_work_is_grouped_by_the_document_it_is_written_up_in() {
    let catalog = catalog();
    let titles: BTreeMap<&str, &ims::model::Document> = catalog
        .documents
        .iter()
        .map(|d| (d.title.as_str(), d))
        .collect();
    for name in EXAMPLES {
        let (_, report) = planned(&catalog, name);
        let mut by_document = 0;
        for step in &report.steps {
            let title = step.title.split(" (part ").next().unwrap_or_default();
            let Some(document) = titles.get(title) else {
                continue;
            };
            by_document += 1;
            assert!(step.items.len() <= ims::analysis::plan::MAX_PACKAGE);
            for item in &step.items {
                let standard = catalog.standard_index(&item.standard).unwrap();
                let index = catalog.standards[standard.get()].find(&item.id).unwrap();
                assert!(
                    document
                        .serves
                        .iter()
                        .any(|(s, items)| *s == standard && items.contains(&index)),
                    "{name} #{} {}: {} {} is not served by it",
                    step.rank,
                    step.title,
                    item.standard,
                    item.id
                );
            }
        }
        assert!(
            by_document >= 5,
            "{name}: only {by_document} document packages"
        );
    }
}

#[test]
fn a_shared_element_in_place_for_one_standard_is_extended_for_the_other() {
    let catalog = catalog();
    let (_, report) = planned(&catalog, "msp-iso20000-to-iso27001");
    // ISO 20000 is certified: its context is in place, so ISO 27001's
    // context is an extension, not a shared package.
    let context = report
        .steps
        .iter()
        .find(|s| {
            s.items
                .iter()
                .any(|i| i.standard == "iso27001" && i.id == "4.1")
        })
        .unwrap();
    assert_eq!(context.kind, PackageKind::Extend);
    assert_eq!(context.standards, ["iso27001"]);
    // The first five packages lay the foundations: context, interested
    // parties, scope, leadership and roles.
    let first: BTreeSet<&str> = report.steps[..5]
        .iter()
        .flat_map(|s| s.items.iter().map(|i| i.id.as_str()))
        .collect();
    assert_eq!(first, BTreeSet::from(["4.1", "4.2", "4.3", "5.1", "5.3"]));
}

#[test]
fn the_readme_shows_the_plan_as_it_is() {
    let readme =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .unwrap();
    let excerpt = readme
        .split("plan starts as follows")
        .nth(1)
        .expect("the README shows the start of the MSP plan");
    let rows: Vec<Vec<&str>> = excerpt
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .map(|l| l.trim_matches('|').split('|').map(str::trim).collect())
        .collect();
    assert_eq!(rows.len(), 5);
    let catalog = catalog();
    let (_, report) = planned(&catalog, "msp-iso20000-to-iso27001");
    for (row, step) in rows.iter().zip(&report.steps) {
        assert_eq!(row[0], step.rank.to_string());
        assert_eq!(row[1], step.title);
        assert_eq!(row[2], step.kind.label());
        let coverage = step
            .coverage_after
            .iter()
            .find(|f| f.standard == "iso27001")
            .and_then(|f| f.value)
            .unwrap();
        assert_eq!(row[4], format!("iso27001 {coverage:.1}%"));
    }
    let audit = report
        .steps
        .iter()
        .find(|s| s.items.iter().any(|i| i.id == "9.2.1"))
        .unwrap();
    assert!(readme.contains(&format!("internal audit comes at #{},", audit.rank)));
}
