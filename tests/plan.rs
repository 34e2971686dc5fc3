//! `ims plan` on the built-in catalogues and the shipped examples: every
//! open item in exactly one package, dependencies respected, the
//! foundations first, effort after reuse, a calendar to Stage 2, and the
//! formats. The rules themselves are unit-tested in `analysis::plan`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};

use ims::analysis::plan::{
    CalendarOptions, MilestoneKind, PackageKind, PlanReport, PlanStep, plan,
};
use ims::analysis::{self, Options};
use ims::date::Date;
use ims::model::{Catalog, Node, Phase};

use crate::common::{EXAMPLES, assessment, builtin as catalog, ims};

fn dated(catalog: &Catalog, name: &str, people: f64) -> PlanReport {
    let assessment = assessment(catalog, name);
    let calendar = CalendarOptions {
        start: Date::parse("2027-01-04").unwrap(),
        people,
        operate_weeks: ims::analysis::plan::DEFAULT_OPERATE_WEEKS,
        stage_gap_weeks: ims::analysis::plan::DEFAULT_STAGE_GAP_WEEKS,
    };
    plan(catalog, &assessment, &Options::default(), Some(calendar)).unwrap()
}

fn planned(catalog: &Catalog, name: &str) -> (ims::status::Assessment, PlanReport) {
    let assessment = assessment(catalog, name);
    let report = plan(catalog, &assessment, &Options::default(), None).unwrap();
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

fn rank_of(report: &PlanReport) -> impl Fn(&str, &str) -> usize {
    let ranks = ranks(report);
    move |standard: &str, id: &str| {
        *ranks
            .get(&(standard.to_owned(), id.to_owned()))
            .unwrap_or_else(|| panic!("{standard} {id} is not in the plan"))
    }
}

fn step<'a>(report: &'a PlanReport, standard: &str, id: &str) -> &'a PlanStep {
    report
        .steps
        .iter()
        .find(|s| s.items.iter().any(|i| i.standard == standard && i.id == id))
        .unwrap_or_else(|| panic!("{standard} {id} is not in the plan"))
}

fn milestone(report: &PlanReport, kind: MilestoneKind) -> Date {
    report
        .milestones
        .iter()
        .find(|m| m.kind == kind)
        .unwrap_or_else(|| panic!("no {kind:?}"))
        .date
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
    }
}

#[test]
fn no_package_starts_before_what_its_items_wait_for() {
    let catalog = catalog();
    for name in EXAMPLES {
        let report = dated(&catalog, name, 2.0);
        let ranks = ranks(&report);
        let mut checked = 0;
        for step in &report.steps {
            for &after in &step.after {
                assert!(after < step.rank, "{name} #{} after #{after}", step.rank);
                let before = &report.steps[after - 1];
                assert!(
                    before.end <= step.start,
                    "{name} #{} starts before #{after} ends",
                    step.rank
                );
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
                        if rank == step.rank {
                            // Done in order inside one package.
                            let place = |id: &str| {
                                step.items
                                    .iter()
                                    .position(|i| i.standard == item.standard && i.id == id)
                            };
                            assert!(
                                place(&key.1) < place(&item.id),
                                "{name} #{}: {} {} is listed before {}, which it waits for",
                                step.rank,
                                item.standard,
                                item.id,
                                key.1
                            );
                            continue;
                        }
                        assert!(
                            rank < step.rank,
                            "{name}: {} {} waits for {}",
                            item.standard,
                            item.id,
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
fn the_project_runs_in_phases_with_the_foundations_first() {
    let catalog = catalog();
    let (_, report) = planned(&catalog, "startup-little-in-place");
    let rank = rank_of(&report);
    // Phases never go back.
    let mut last = None;
    for step in &report.steps {
        assert!(
            step.phase >= last,
            "#{} {:?} after {:?}",
            step.rank,
            step.phase,
            last
        );
        last = step.phase;
    }
    // The mandate first; document control with the first documents.
    assert_eq!(rank("iso27001", "5.1"), 1);
    for id in ["7.5.1", "7.5.2", "7.5.3"] {
        assert!(rank("iso27001", id) < rank("iso27001", "4.3"), "{id}");
        assert!(rank("iso27001", id) < rank("iso27001", "5.2"), "{id}");
    }
    // Competence, awareness, communication and resources before any
    // control or process is implemented; corrective action and service
    // reporting before the internal audit.
    let first_implement = report
        .steps
        .iter()
        .find(|s| s.phase == Some(Phase::Implement))
        .unwrap()
        .rank;
    for id in ["7.1", "7.2", "7.3", "7.4"] {
        assert!(rank("iso27001", id) < first_implement, "iso27001 {id}");
        assert!(rank("iso20000", id) < first_implement, "iso20000 {id}");
    }
    let audit = rank("iso27001", "9.2.1");
    assert!(rank("iso27001", "10.2") < audit);
    assert!(rank("iso20000", "10.1") < rank("iso20000", "9.2"));
    assert!(rank("iso20000", "9.4") < rank("iso20000", "9.2"));
    // What feeds the risk assessment comes no later than it.
    for id in ["A.5.9", "A.5.31"] {
        assert!(rank("iso27001", id) <= rank("iso27001", "6.1.2"), "{id}");
    }
    assert!(rank("iso27001", "4.3") < rank("iso27001", "6.1.2"));
    assert!(rank("iso27001", "6.1.2") <= rank("iso27001", "6.1.3"));
    assert!(rank("iso27001", "6.1.3") < rank("iso27001", "A.8.8"));
    assert!(audit < rank("iso27001", "9.3.1"));
}

#[test]
fn every_control_and_clause_is_in_place_before_the_audit() {
    let catalog = catalog();
    let (_, report) = planned(&catalog, "startup-little-in-place");
    let rank = rank_of(&report);
    let audit = rank("iso27001", "9.2.1");
    for step in &report.steps {
        for item in &step.items {
            let before_audit = item.standard == "iso27001"
                && (item.id.starts_with('A')
                    || ["4", "5", "6", "7", "8"]
                        .iter()
                        .any(|c| item.id.starts_with(c)))
                && item.id != "A.5.35";
            if before_audit {
                assert!(
                    step.rank < audit,
                    "{} (#{}) after the audit (#{audit})",
                    item.id,
                    step.rank
                );
            }
        }
    }
}

#[test]
fn one_deliverable_is_one_package() {
    let catalog = catalog();
    for name in EXAMPLES {
        let (_, report) = planned(&catalog, name);
        let titles: Vec<&str> = report.steps.iter().map(|s| s.title.as_str()).collect();
        let unique: BTreeSet<&str> = titles.iter().copied().collect();
        assert_eq!(titles.len(), unique.len(), "{name}: a title twice");
        assert!(
            titles.iter().all(|t| !t.contains(" (part ")),
            "{name}: a document in parts"
        );
    }
    // Incident management and the security incident controls are one piece
    // of work, never done twice, serving both standards.
    let (_, report) = planned(&catalog, "startup-little-in-place");
    let incident = step(&report, "iso20000", "8.6.1");
    for id in ["A.5.24", "A.5.25", "A.5.26"] {
        assert_eq!(step(&report, "iso27001", id).rank, incident.rank, "{id}");
    }
    assert_eq!(incident.kind, PackageKind::Joint);
    assert_eq!(incident.standards, ["iso27001", "iso20000"]);
    // A shared element serves both standards in one package.
    let policy = step(&report, "iso27001", "5.2");
    assert_eq!(policy.kind, PackageKind::Shared);
    assert_eq!(policy.rank, step(&report, "iso20000", "5.2.1").rank);
    // The coverage climbs to full once the last package is done.
    let last = report.steps.last().unwrap();
    assert!(last.coverage_after.iter().all(|c| c.value == Some(100.0)));
}

#[test]
fn reuse_cuts_the_msp_s_iso27001_effort_well_below_the_effort_without_it() {
    let catalog = catalog();
    let (_, report) = planned(&catalog, "msp-iso20000-to-iso27001");
    let iso27001 = report
        .standards
        .iter()
        .find(|s| s.id == "iso27001")
        .unwrap();
    let effort = iso27001.effort.unwrap();
    assert!(effort.days < 0.75 * effort.days_without_reuse, "{effort:?}");
    // The step figures add up to the standard's.
    let steps: f64 = report
        .steps
        .iter()
        .flat_map(|s| &s.items)
        .filter(|i| i.standard == "iso27001")
        .map(|i| i.effort.unwrap().days)
        .sum();
    assert!(
        (steps - effort.days).abs() < 0.005,
        "{steps} against {}",
        effort.days
    );
    // The gap report gives the same figure.
    let assessment = assessment(&catalog, "msp-iso20000-to-iso27001");
    let gap = analysis::analyse(&catalog, &assessment, &Options::default());
    let summary = gap.standards.iter().find(|s| s.id == "iso27001").unwrap();
    assert_eq!(summary.effort, Some(effort));
}

#[test]
fn the_live_certificate_s_open_items_come_first_and_before_its_next_audit() {
    let catalog = catalog();
    let report = dated(&catalog, "msp-iso20000-to-iso27001", 2.0);
    let knowledge = step(&report, "iso20000", "7.6");
    assert_eq!(knowledge.kind, PackageKind::Maintain);
    assert!(knowledge.rank <= 2);
    assert!(
        knowledge.end.unwrap() <= knowledge.due.unwrap(),
        "7.6 is due 2027-02-28"
    );
    let audit = report
        .milestones
        .iter()
        .find(|m| m.kind == MilestoneKind::SurveillanceAudit)
        .unwrap();
    assert_eq!(audit.standards, ["iso20000"]);
    assert!(audit.closes_by.unwrap() < audit.date);
    // The certification audits are for ISO 27001 alone.
    let stage2 = report
        .milestones
        .iter()
        .find(|m| m.kind == MilestoneKind::Stage2)
        .unwrap();
    assert_eq!(stage2.standards, ["iso27001"]);
}

#[test]
fn a_dated_plan_reaches_stage_2_and_two_people_reach_it_sooner() {
    let catalog = catalog();
    let one = dated(&catalog, "startup-little-in-place", 1.0);
    let two = dated(&catalog, "startup-little-in-place", 2.0);
    for report in [&one, &two] {
        let operating = milestone(report, MilestoneKind::SystemInOperation);
        let audited = milestone(report, MilestoneKind::InternalAuditDone);
        let reviewed = milestone(report, MilestoneKind::ManagementReviewDone);
        let stage1 = milestone(report, MilestoneKind::Stage1);
        let stage2 = milestone(report, MilestoneKind::Stage2);
        assert!(operating < audited && audited <= reviewed && reviewed < stage1 && stage1 < stage2);
        assert!(stage2 > milestone(report, MilestoneKind::OperatingPeriodComplete));
        assert!(
            report
                .steps
                .iter()
                .all(|s| s.start.is_some() && s.end.is_some())
        );
        assert!(report.steps.iter().all(|s| s.start.unwrap().weekday() < 5));
    }
    assert!(milestone(&two, MilestoneKind::Stage2) < milestone(&one, MilestoneKind::Stage2));
}

#[test]
fn the_plan_honours_target_and_standard() {
    let catalog = catalog();
    let assessment = assessment(&catalog, "saas-iso27001-adding-iso20000");
    let target = catalog.standard_index("iso20000").unwrap();
    let report = plan(
        &catalog,
        &assessment,
        &Options {
            target: Some(target),
            ..Options::default()
        },
        None,
    )
    .unwrap();
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
fn a_shared_element_in_place_for_one_standard_is_extended_for_the_other() {
    let catalog = catalog();
    let (_, report) = planned(&catalog, "msp-iso20000-to-iso27001");
    // ISO 20000 is certified: its context is in place, so ISO 27001's
    // context extends it.
    let context = step(&report, "iso27001", "4.1");
    assert_eq!(context.kind, PackageKind::Extend);
    assert_eq!(context.standards, ["iso27001"]);
}

#[test]
fn the_json_plan_carries_the_documented_fields() {
    let output = ims()
        .args([
            "plan",
            "examples/msp-iso20000-to-iso27001.yaml",
            "--format",
            "json",
            "--start",
            "2027-01-04",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let plan: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(plan["schema_version"], 3);
    for field in [
        "effort_scale",
        "standards",
        "calendar",
        "phases",
        "milestones",
        "steps",
    ] {
        assert!(plan.get(field).is_some(), "{field}");
    }
    assert!(plan["standards"][0]["effort"]["days_without_reuse"].is_number());
    for field in ["kind", "date", "name", "why", "standards"] {
        assert!(
            plan["milestones"][0].get(field).is_some(),
            "milestone {field}"
        );
    }
    let step = &plan["steps"][0];
    for field in [
        "rank",
        "title",
        "kind",
        "phase",
        "items",
        "effort",
        "start",
        "end",
        "people",
        "after",
        "waits",
        "why",
        "why_text",
        "gain",
        "coverage_after",
        "owners",
        "due",
        "late",
    ] {
        assert!(step.get(field).is_some(), "{field}");
    }
    assert!(step["why"]["rule"].is_string());
    for field in ["standard", "id", "title", "status", "effort", "priority"] {
        assert!(step["items"][0].get(field).is_some(), "{field}");
    }
    let waiting = plan["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| !s["waits"].as_array().unwrap().is_empty())
        .unwrap();
    assert!(waiting["waits"][0]["item"]["standard"].is_string());
}

#[test]
fn the_csv_plan_has_dates_and_effort_on_every_row() {
    let output = ims()
        .args([
            "plan",
            "examples/startup-little-in-place.yaml",
            "--format",
            "csv",
            "--start",
            "2027-01-04",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let header = reader.headers().unwrap().clone();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (start, end, effort) = (column("start"), column("end"), column("effort_days"));
    let mut rows = 0;
    for row in reader.records() {
        let row = row.unwrap();
        assert!(Date::parse(&row[start]).is_some() && Date::parse(&row[end]).is_some());
        assert!(row[effort].parse::<f64>().is_ok());
        rows += 1;
    }
    assert!(rows > 100);
}

#[test]
fn the_html_plan_draws_a_timeline_with_the_milestones() {
    let output = ims()
        .args([
            "plan",
            "examples/startup-little-in-place.yaml",
            "--format",
            "html",
            "--start",
            "2027-01-04",
        ])
        .output()
        .unwrap();
    let html = String::from_utf8(output.stdout).unwrap();
    assert!(html.contains("<h2>Timeline</h2>"));
    let catalog = catalog();
    let report = dated(&catalog, "startup-little-in-place", 1.0);
    // One bar per step, one line per milestone.
    assert_eq!(html.matches("</title></rect>").count(), report.steps.len());
    assert!(html.contains("stroke-dasharray=\"3 3\""));
    for milestone in &report.milestones {
        assert!(html.contains(&milestone.date.to_string()));
    }
    assert!(html.contains("Ready for Stage 2 (iso27001 + iso20000, one integrated audit)"));
    // Without a start date: no timeline, and a hint.
    let output = ims()
        .args([
            "plan",
            "examples/startup-little-in-place.yaml",
            "--format",
            "html",
        ])
        .output()
        .unwrap();
    let html = String::from_utf8(output.stdout).unwrap();
    assert!(!html.contains("<h2>Timeline</h2>"));
    assert!(html.contains("ims plan --start DATE"));
}

#[test]
fn the_terminal_plan_keeps_every_reason_whole_at_80_columns() {
    let output = ims()
        .args([
            "plan",
            "examples/msp-iso20000-to-iso27001.yaml",
            "--start",
            "2027-01-04",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.lines().all(|l| unicode_width(l) <= 80),
        "a line past 80 columns"
    );
    assert!(!text.contains("characters)"), "a reason was cut");
    let catalog = catalog();
    let report = dated(&catalog, "msp-iso20000-to-iso27001", 1.0);
    // No word of a package's title is broken across lines in the package table.
    let table = text
        .split("\nPackages (")
        .nth(1)
        .and_then(|rest| rest.split("\n#1 ").next())
        .unwrap();
    for step in &report.steps {
        for word in step.title.split([' ', ',', ':']).filter(|w| w.len() > 2) {
            assert!(table.contains(word), "#{}: `{word}` is broken", step.rank);
        }
    }
    let joined: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for step in &report.steps {
        let why = ims::render::plan::why(step);
        assert!(
            joined.contains(&why),
            "#{} why is not whole: {why}",
            step.rank
        );
    }
}

fn unicode_width(line: &str) -> usize {
    line.chars().count()
}

#[test]
fn columns_sets_the_terminal_width_only_on_a_terminal() {
    // Off a terminal the width stays 80 whatever COLUMNS says.
    let output = ims()
        .env("COLUMNS", "140")
        .args(["plan", "examples/startup-little-in-place.yaml"])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.lines().all(|l| unicode_width(l) <= 80));
}

#[test]
fn the_startup_plan_in_each_format_matches_its_snapshot() {
    // Each snapshot holds the plan's head and its first packages, small
    // enough to review; the rest is held by the tests above.
    for (format, first_packages_end) in [
        ("table", "\n#4 "),
        ("markdown", "\n### 4. "),
        ("csv", "\r\n4,"),
    ] {
        let output = ims()
            .args([
                "plan",
                "examples/startup-little-in-place.yaml",
                "--format",
                format,
                "--as-of",
                "2026-12-01",
                "--start",
                "2027-01-04",
                "--people",
                "2",
            ])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{format}");
        let text = String::from_utf8(output.stdout).unwrap();
        let head = text.split(first_packages_end).next().unwrap();
        assert!(
            head.len() < text.len(),
            "{format}: the excerpt ends before the plan does"
        );
        assert_snapshot!(format!("plan-startup-{format}"), head);
    }
}

#[test]
fn every_example_plans_in_every_format() {
    for name in EXAMPLES {
        for format in ["table", "json", "csv", "markdown", "html"] {
            for calendar in [&[][..], &["--start", "2027-01-04"][..]] {
                let output = ims()
                    .args(["plan", &format!("examples/{name}.yaml"), "--format", format])
                    .args(calendar)
                    .output()
                    .unwrap();
                assert_eq!(
                    output.status.code(),
                    Some(0),
                    "{name} {format} {calendar:?}"
                );
                assert!(!output.stdout.is_empty());
            }
        }
    }
}

#[test]
fn the_catalogue_readme_states_the_estimates_and_dependencies_as_they_are() {
    let readme = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("catalog/README.md"),
    )
    .unwrap();
    let catalog = catalog();
    for (key, total) in [("iso27001", "158.5"), ("iso20000", "128.25")] {
        let standard = &catalog.standards[catalog.standard_index(key).unwrap()];
        let sum: f64 = standard
            .leaves()
            .map(|l| standard.items[l].effort.unwrap())
            .sum();
        assert_eq!(format!("{sum}"), total, "{key}");
        assert!(
            readme.contains(&format!("{total} ")) || readme.contains(&format!("{total}\n")),
            "{key} total"
        );
        let waiting = standard
            .items
            .iter()
            .filter(|i| !i.after.is_empty())
            .count();
        let documented = standard
            .items
            .iter()
            .filter(|i| i.documented.is_some())
            .count();
        let line = readme
            .lines()
            .find(|l| l.starts_with(&format!("| `{key}.yaml`")))
            .unwrap();
        assert!(
            line.contains(&format!("{waiting} items carry")),
            "{key}: {waiting} wait"
        );
        assert!(
            line.contains(&format!("{documented} the documented")),
            "{key}: {documented} documented"
        );
    }
    let named: usize = catalog
        .standards
        .iter()
        .map(|s| s.items.iter().filter(|i| i.work.is_some()).count())
        .sum();
    assert!(
        readme.contains(&format!(
            "The built-in catalogues give it to {named} items."
        )),
        "{named} items name their work"
    );
}

/// The rows of the first Markdown table after `marker` in the guide.
fn guide_table(marker: &str) -> Vec<Vec<String>> {
    let guide = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/guide.md"),
    )
    .unwrap();
    let excerpt = guide
        .split(marker)
        .nth(1)
        .unwrap_or_else(|| panic!("the guide has `{marker}`"));
    excerpt
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .map(|l| {
            l.trim_matches('|')
                .split('|')
                .map(|c| c.trim().to_owned())
                .collect()
        })
        .collect()
}

#[test]
fn the_guide_shows_the_startup_calendar_as_it_is() {
    let catalog = catalog();
    let report = dated(&catalog, "startup-little-in-place", 2.0);
    let milestones = guide_table("`--start 2027-01-04 --people 2` gives these milestones");
    assert_eq!(milestones.len(), report.milestones.len());
    for (row, milestone) in milestones.iter().zip(&report.milestones) {
        assert_eq!(row[0], milestone.date.to_string());
        assert_eq!(row[1], ims::render::plan::milestone_name(milestone));
    }
    let steps = guide_table("and starts like this:");
    assert_eq!(steps.len(), 5);
    for (row, step) in steps.iter().zip(&report.steps) {
        assert_eq!(row[0], step.rank.to_string());
        assert_eq!(row[1], step.title);
        assert_eq!(row[2], ims::render::plan::phase_label(step.phase));
        assert_eq!(row[3], step.kind.label());
        assert_eq!(row[4], ims::render::plan::days(step.effort.unwrap().days));
        assert_eq!(row[5], step.start.unwrap().to_string());
        assert_eq!(row[6], step.end.unwrap().to_string());
    }
}
