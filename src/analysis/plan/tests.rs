//! Tests of the plan's grouping, ordering, effort and calendar rules on two
//! small made-up standards, each rule on a case that breaks when the rule
//! does.

use super::*;
use crate::analysis::Options;
use crate::catalog::{Source, load as load_catalog};
use crate::date::Date;
use crate::model::Catalog;

const ALPHA: &str = "
standard: {key: alpha, name: Alpha 1, title: Alpha, edition: '1', effort-reference: fifty people}
items:
  - {id: 1, kind: clause, title: Establish, summary: S., phase: establish}
  - {id: 1.1, parent: 1, kind: clause, title: Mandate, summary: S., effort: 1}
  - {id: 1.2, parent: 1, kind: clause, title: Document rules, summary: S., effort: 1, after: [1.1], after-reason: R.}
  - {id: 1.3, parent: 1, kind: clause, title: Scope, summary: S., effort: 2, after: [1.1, 1.2], after-reason: R.}
  - {id: 1.4, parent: 1, kind: clause, title: Nonconformity, summary: S., effort: 1, after: [1.1], after-reason: R.}
  - {id: 2, kind: clause, title: Plan, summary: S., phase: plan}
  - {id: 2.1, parent: 2, kind: clause, title: Risk, summary: S., effort: 4, after: [1.3], after-reason: R.}
  - {id: X, kind: theme, title: Controls, summary: S., phase: implement, after: [2.1], after-reason: R.}
  - {id: X.1, parent: X, kind: control, excludable: true, title: Control one, summary: S., effort: 2}
  - {id: X.2, parent: X, kind: control, excludable: true, title: Control two, summary: S., effort: 2}
  - {id: X.3, parent: X, kind: control, excludable: true, title: Control three, summary: S., effort: 1, after: [X.2], after-reason: R.}
  - {id: X.4, parent: X, kind: control, excludable: true, title: Control four, summary: S., effort: 1}
  - {id: X.5, parent: X, kind: control, excludable: true, title: Control five, summary: S., effort: 1}
  - {id: 3, kind: clause, title: Audit, summary: S., phase: audit}
  - {id: 3.1, parent: 3, kind: clause, title: Internal audit, summary: S., effort: 3, after: [1, 2, X], after-reason: R.}
  - {id: 4, kind: clause, title: Review, summary: S., phase: review}
  - {id: 4.1, parent: 4, kind: clause, title: Management review, summary: S., effort: 1, after: [3.1], after-reason: R.}
";

const BETA: &str = "
standard: {key: beta, name: Beta 2, title: Beta, edition: '2', effort-reference: fifty people}
items:
  - {id: 1, kind: clause, title: Establish, summary: S., phase: establish}
  - {id: 1.1, parent: 1, kind: clause, title: Mandate, summary: S., effort: 1}
  - {id: 1.3, parent: 1, kind: clause, title: Scope, summary: S., effort: 2, after: [1.1], after-reason: R.}
  - {id: 2, kind: process, title: Processes, summary: S., phase: implement}
  - {id: 2.1, parent: 2, kind: process, title: Process one, summary: S., effort: 3}
  - {id: 2.2, parent: 2, kind: process, title: Process two, summary: S., effort: 2}
  - {id: 3, kind: clause, title: Audit, summary: S., phase: audit}
  - {id: 3.1, parent: 3, kind: clause, title: Internal audit, summary: S., effort: 3, after: [1, 2], after-reason: R.}
";

const CROSSWALK: &str = "
crosswalk: {source: alpha, target: beta, source-edition: '1', target-edition: '2', method: judgement, date: 2026-01-01}
edges:
  - {source: 1.1, target: 1.1, relationship: equal, element: Leadership, rationale: Same.}
  - {source: 1.3, target: 1.3, relationship: intersects-with, weight: 0.5, reverse-weight: 0.5, element: Scope, rationale: R., residual: R., reverse-residual: R.}
  - {source: X.1, target: 2.1, relationship: intersects-with, weight: 0.6, reverse-weight: 0.5, rationale: R., residual: R., reverse-residual: R.}
  - {source: 3.1, target: 3.1, relationship: intersects-with, weight: 0.5, reverse-weight: 0.5, element: Internal audit, rationale: R., residual: R., reverse-residual: R.}
no-counterpart:
  - {standard: alpha, id: X.2, reason: R.}
  - {standard: alpha, id: X.3, reason: R.}
  - {standard: alpha, id: X.4, reason: R.}
  - {standard: alpha, id: X.5, reason: R.}
";

const DOCUMENTS: &str = "
documents:
  - id: D-CONTROLS
    title: Controls procedure
    kind: procedure
    purpose: P.
    serves: {alpha: [X.1, X.2, X.3], beta: [2.1]}
    sections: [{title: T., serves: [alpha, beta], prompt: P.}]
  - id: D-RULES
    title: Document control procedure
    kind: procedure
    purpose: P.
    serves: {alpha: [1.2, X.4]}
    sections: [{title: T., serves: [alpha], prompt: P.}]
";

fn catalog_with(documents: &str) -> Catalog {
    catalog_of(ALPHA, documents)
}

/// The two standards with `alpha` in place of ALPHA, and `documents`.
fn catalog_of(alpha: &str, documents: &str) -> Catalog {
    load_catalog(&[
        Source::user("alpha.yaml", alpha),
        Source::user("beta.yaml", BETA),
        Source::user("cw.yaml", CROSSWALK),
        Source::user("docs.yaml", documents),
    ])
    .unwrap()
}

fn catalog() -> Catalog {
    catalog_with(DOCUMENTS)
}

const NOTHING: &str = "organisation: O\nalpha: {1: not-implemented, 2: not-implemented, X: not-implemented, 3: not-implemented, 4: not-implemented}\nbeta: {1: not-implemented, 2: not-implemented, 3: not-implemented}\n";

fn planned_with(catalog: &Catalog, status: &str, calendar: Option<CalendarOptions>) -> PlanReport {
    let assessment = crate::status::load("s.yaml", status, catalog).unwrap();
    plan(catalog, &assessment, &Options::default(), calendar).unwrap()
}

fn planned(status: &str) -> PlanReport {
    planned_with(&catalog(), status, None)
}

/// The step holding an item.
fn step_of<'a>(report: &'a PlanReport, standard: &str, id: &str) -> &'a PlanStep {
    report
        .steps
        .iter()
        .find(|s| s.items.iter().any(|i| i.standard == standard && i.id == id))
        .unwrap_or_else(|| panic!("{standard} {id} is in no step"))
}

fn rank(report: &PlanReport, standard: &str, id: &str) -> usize {
    step_of(report, standard, id).rank
}

fn calendar(people: f64) -> CalendarOptions {
    CalendarOptions {
        start: Date::parse("2027-01-04").unwrap(),
        people,
        operate_weeks: 2,
        stage_gap_weeks: 3,
    }
}

#[test]
fn a_shared_element_is_one_package_for_both_standards() {
    let report = planned(NOTHING);
    let leadership = step_of(&report, "alpha", "1.1");
    assert_eq!(leadership.rank, rank(&report, "beta", "1.1"));
    assert_eq!(leadership.kind, PackageKind::Shared);
    assert_eq!(leadership.title, "Leadership");
}

#[test]
fn the_items_of_one_document_are_one_package_named_after_it() {
    let report = planned(NOTHING);
    let controls = step_of(&report, "alpha", "X.1");
    assert_eq!(controls.rank, rank(&report, "alpha", "X.2"));
    assert_eq!(controls.rank, rank(&report, "beta", "2.1"));
    assert_eq!(controls.title, "Controls procedure");
    assert_eq!(controls.kind, PackageKind::Joint);
}

#[test]
fn an_item_waiting_for_another_of_its_document_is_done_after_it_in_one_package() {
    let report = planned(NOTHING);
    // X.3 waits for X.2 directly: one package does them in order.
    let three = step_of(&report, "alpha", "X.3");
    assert_eq!(three.rank, rank(&report, "alpha", "X.2"));
    assert_eq!(three.title, "Controls procedure");
}

#[test]
fn a_part_waiting_through_other_work_is_apart_and_named_after_its_items() {
    // X.3 waits for X.2, which no document serves and which waits for X.1:
    // X.1 and X.3 share a document but cannot be one package.
    let alpha = ALPHA.replace(
        "title: Control two, summary: S., effort: 2}",
        "title: Control two, summary: S., effort: 2, after: [X.1], after-reason: R.}",
    );
    let documents = DOCUMENTS.replace("alpha: [X.1, X.2, X.3]", "alpha: [X.1, X.3]");
    let catalog = catalog_of(&alpha, &documents);
    let report = planned_with(&catalog, NOTHING, None);
    let (one, two, three) = (
        rank(&report, "alpha", "X.1"),
        rank(&report, "alpha", "X.2"),
        rank(&report, "alpha", "X.3"),
    );
    assert!(one < two && two < three, "{one} {two} {three}");
    assert_eq!(step_of(&report, "alpha", "X.1").title, "Controls procedure");
    assert_eq!(
        step_of(&report, "alpha", "X.3").title,
        "Control three",
        "named after its own item, without ids, not 'part 2'"
    );
}

#[test]
fn a_package_is_named_after_its_work_its_document_or_its_items_without_ids() {
    // The catalogue's name for the work comes first.
    let alpha = ALPHA.replace(
        "title: Risk, summary: S.,",
        "title: Risk, work: Risk method and first assessment, summary: S.,",
    );
    // A part holding less than half of the open work written up in a
    // document is not named after it.
    let documents = DOCUMENTS.replace("alpha: [1.2, X.4]", "alpha: [1.2, 1.3, 1.4, X.4, X.5]");
    let catalog = catalog_of(&alpha, &documents);
    let report = planned_with(&catalog, NOTHING, None);
    assert_eq!(
        step_of(&report, "alpha", "2.1").title,
        "Risk method and first assessment"
    );
    let implement = step_of(&report, "alpha", "X.4");
    assert_eq!(implement.items.len(), 2, "{:?}", implement.items);
    assert_eq!(implement.title, "Control four; Control five");
    for step in &report.steps {
        assert!(
            !step.title.chars().any(|c| c.is_ascii_digit()),
            "#{} {}",
            step.rank,
            step.title
        );
    }
}

#[test]
fn items_of_different_phases_never_share_a_package() {
    let report = planned(NOTHING);
    // D-RULES serves an establish item and an implement one.
    let rules = step_of(&report, "alpha", "1.2");
    let four = step_of(&report, "alpha", "X.4");
    assert_ne!(rules.rank, four.rank);
    assert_eq!(
        rules.title, "Document control procedure",
        "the first part writes the document"
    );
    assert_eq!(
        four.title, "Control four",
        "the other part is named after its work"
    );
    for step in &report.steps {
        let phases: std::collections::BTreeSet<_> = step
            .items
            .iter()
            .map(|item| {
                let catalog = catalog();
                let standard = catalog.standard_index(&item.standard).unwrap();
                let index = catalog.standards[standard].find(&item.id).unwrap();
                catalog.standards[standard].items[index].phase
            })
            .collect();
        assert_eq!(phases.len(), 1, "#{} mixes phases", step.rank);
        assert_eq!(step.phase, phases.into_iter().next());
    }
}

#[test]
fn items_no_document_serves_run_by_reporting_group() {
    let report = planned(NOTHING);
    // X.5 has no document: it goes with nothing else of its group that is free.
    let five = step_of(&report, "alpha", "X.5");
    assert_eq!(five.items.len(), 1);
    assert_eq!(five.title, "Control five");
}

#[test]
fn a_package_never_grows_past_its_size() {
    let heavy = ALPHA
        .replace(
            "title: Control one, summary: S., effort: 2",
            "title: Control one, summary: S., effort: 30",
        )
        .replace(
            "title: Control two, summary: S., effort: 2",
            "title: Control two, summary: S., effort: 30",
        );
    let catalog = catalog_of(&heavy, DOCUMENTS);
    let report = planned_with(&catalog, NOTHING, None);
    assert_ne!(rank(&report, "alpha", "X.1"), rank(&report, "alpha", "X.2"));
    for step in &report.steps {
        let before_reuse: f64 = step
            .items
            .iter()
            .map(|i| i.effort.map_or(0.0, |e| e.days_without_reuse))
            .sum();
        assert!(before_reuse <= grouping::MAX_PACKAGE_DAYS, "#{}", step.rank);
    }
}

#[test]
fn phases_come_in_order_and_prerequisites_first() {
    let report = planned(NOTHING);
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
        for &before in &step.after {
            assert!(before < step.rank);
        }
    }
    // The nonconformity handling (establish) comes before the risk work
    // (plan), though nothing makes the risk work wait for it.
    assert!(rank(&report, "alpha", "1.4") < rank(&report, "alpha", "2.1"));
    assert_eq!(
        step_of(&report, "alpha", "2.1").why.rule,
        Rule::EarlierPhase
    );
}

#[test]
fn among_ready_work_the_longest_chain_goes_first() {
    let report = planned(NOTHING);
    // The document rules (everything waits for the scope, which waits for
    // them) come before the nonconformity handling (only the audit waits).
    let rules = step_of(&report, "alpha", "1.2");
    assert!(rules.rank < rank(&report, "alpha", "1.4"));
    assert_eq!(rules.why.rule, Rule::LongestChain);
    assert!(rules.why.chain > step_of(&report, "alpha", "1.4").why.chain);
}

#[test]
fn a_risk_priority_comes_before_gain_and_chain() {
    let plain = planned(NOTHING);
    assert!(rank(&plain, "alpha", "X.5") > rank(&plain, "alpha", "X.1"));
    let urgent = planned(&NOTHING.replace(
        "alpha: {",
        "alpha: {X.5: {status: not-implemented, priority: high}, ",
    ));
    let five = step_of(&urgent, "alpha", "X.5");
    assert!(five.rank < rank(&urgent, "alpha", "X.1"));
    assert_eq!(five.why.rule, Rule::Priority);
    assert_eq!(five.priority, Some(crate::status::Priority::High));
}

#[test]
fn a_priority_on_a_heading_reaches_the_items_beneath() {
    let report = planned(&NOTHING.replace(
        "X: not-implemented",
        "X: {status: not-implemented, priority: low}",
    ));
    assert_eq!(
        step_of(&report, "alpha", "X.5").priority,
        Some(crate::status::Priority::Low)
    );
}

#[test]
fn a_live_certificate_s_open_items_come_first_unless_new_work_closes_them() {
    let status = "organisation: O
certificates: [{standard: beta, since: 2024-01-01, next-audit: 2027-03-01}]
alpha: {1: not-implemented, 2: not-implemented, X: not-implemented, 3: not-implemented, 4: not-implemented}
beta: {1: implemented, 2.1: partial, 2.2: {status: partial, due: 2027-02-01}, 3: implemented}
";
    let report = planned_with(&catalog(), status, Some(calendar(1.0)));
    let two = step_of(&report, "beta", "2.2");
    assert_eq!(two.rank, 1);
    assert_eq!(two.kind, PackageKind::Maintain);
    assert_eq!(two.phase, None);
    assert_eq!(two.why.rule, Rule::LiveCertificate);
    // 2.1 is closed by alpha's work on X.1 (a substantial edge) before the
    // certificate's next audit: it waits for that work, and says so.
    let one = step_of(&report, "beta", "2.1");
    let x1 = rank(&report, "alpha", "X.1");
    assert!(one.rank > x1, "{} after {x1}", one.rank);
    assert!(
        one.waits
            .iter()
            .any(|w| w.closes && w.rank == x1 && w.waits_for.id == "X.1"),
        "{:?}",
        one.waits
    );
    let audit = report
        .milestones
        .iter()
        .find(|m| m.kind == MilestoneKind::SurveillanceAudit)
        .unwrap();
    assert_eq!(audit.date, Date::parse("2027-03-01").unwrap());
    assert!(audit.closes_by.unwrap() <= audit.date);
    // The stage audits are for the standard not yet certified.
    let stage1 = report
        .milestones
        .iter()
        .find(|m| m.kind == MilestoneKind::Stage1)
        .unwrap();
    assert_eq!(stage1.standards, ["alpha"]);
}

#[test]
fn live_work_is_ordered_by_its_due_dates() {
    let status = "organisation: O
certificates: [{standard: beta}]
alpha: {1: implemented, 2: implemented, X: implemented, 3: implemented, 4: implemented}
beta: {1: implemented, 2.1: {status: partial, due: 2027-05-01}, 2.2: {status: partial, due: 2027-02-01}, 3: implemented}
";
    let report = planned(status);
    assert_eq!(rank(&report, "beta", "2.2"), 1);
    assert_eq!(rank(&report, "beta", "2.1"), 2);
    assert_eq!(report.steps[0].why.rule, Rule::LiveCertificateDue);
}

#[test]
fn effort_counts_what_is_in_place_reuse_and_the_scale() {
    let report = planned(
        "organisation: O
plan: {effort-scale: 2}
alpha: {X.1: implemented, X.2: partial}
beta: {2.1: not-implemented, 2.2: {status: not-implemented, effort: 7.5}}
",
    );
    let item = |standard: &str, id: &str| {
        step_of(&report, standard, id)
            .items
            .iter()
            .find(|i| i.standard == standard && i.id == id)
            .unwrap()
            .clone()
    };
    // Partial: half of 2 days, scaled by 2.
    let partial = item("alpha", "X.2").effort.unwrap();
    assert_eq!((partial.days, partial.days_without_reuse), (2.0, 2.0));
    // 3 days scaled to 6; X.1 in place gives 0.6 of it.
    let reused = item("beta", "2.1").effort.unwrap();
    assert_eq!(reused.days_without_reuse, 6.0);
    assert_eq!(reused.days, 2.4);
    // The status file's own estimate replaces scale and reuse.
    let own = item("beta", "2.2");
    assert!(own.own_estimate);
    assert_eq!(own.effort.unwrap().days, 7.5);
    assert_eq!(report.effort_scale, 2.0);
    let beta = report.standards.iter().find(|s| s.id == "beta").unwrap();
    // 1.1, 1.3 and 3.1 are not assessed: counted in full, scaled.
    assert_eq!(
        beta.effort.unwrap().days,
        2.4 + 7.5 + 2.0 * (1.0 + 2.0 + 3.0)
    );
}

#[test]
fn without_a_calendar_there_are_no_dates_and_no_milestones() {
    let report = planned(NOTHING);
    assert!(report.calendar.is_none());
    assert!(report.milestones.is_empty());
    assert!(
        report
            .steps
            .iter()
            .all(|s| s.start.is_none() && s.end.is_none())
    );
}

#[test]
fn stage_1_follows_the_audit_the_review_and_the_operating_period() {
    let report = planned_with(&catalog(), NOTHING, Some(calendar(1.0)));
    let date = |kind| {
        report
            .milestones
            .iter()
            .find(|m| m.kind == kind)
            .unwrap()
            .date
    };
    let operating = date(MilestoneKind::SystemInOperation);
    let operated = date(MilestoneKind::OperatingPeriodComplete);
    let audited = date(MilestoneKind::InternalAuditDone);
    let reviewed = date(MilestoneKind::ManagementReviewDone);
    let stage1 = date(MilestoneKind::Stage1);
    let stage2 = date(MilestoneKind::Stage2);
    assert!(operating < operated && operated < audited && audited <= reviewed);
    assert!(reviewed < stage1);
    // Two weeks of operation: ten working days.
    assert_eq!(operated.days() - operating.days(), 13);
    // Three weeks between the stages.
    assert_eq!(stage2.days() - stage1.days(), 21);
    let audit = step_of(&report, "alpha", "3.1");
    assert!(audit.start.unwrap() > operated);
    assert_eq!(report.calendar.as_ref().unwrap().people, 1.0);
    let stage1 = report
        .milestones
        .iter()
        .find(|m| m.kind == MilestoneKind::Stage1)
        .unwrap();
    assert_eq!(stage1.standards, ["alpha", "beta"], "one integrated audit");
}

#[test]
fn two_people_finish_sooner_than_one() {
    let one = planned_with(&catalog(), NOTHING, Some(calendar(1.0)));
    let two = planned_with(&catalog(), NOTHING, Some(calendar(2.0)));
    let stage2 = |report: &PlanReport| {
        report
            .milestones
            .iter()
            .find(|m| m.kind == MilestoneKind::Stage2)
            .unwrap()
            .date
    };
    assert!(stage2(&two) < stage2(&one));
    // The order does not change with the people, only the dates.
    let titles = |report: &PlanReport| {
        report
            .steps
            .iter()
            .map(|s| s.title.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(titles(&one), titles(&two));
}

#[test]
fn a_step_ending_after_its_due_date_is_late() {
    let report = planned_with(
        &catalog(),
        &NOTHING.replace(
            "alpha: {",
            "alpha: {2.1: {status: planned, due: 2027-01-05}, ",
        ),
        Some(calendar(1.0)),
    );
    let risk = step_of(&report, "alpha", "2.1");
    assert!(risk.late);
    assert!(!step_of(&report, "alpha", "1.1").late);
}

#[test]
fn a_catalogue_without_estimates_plans_without_effort() {
    let strip = |text: &str| {
        let mut text = text.replace(", effort-reference: fifty people", "");
        for days in ["1", "2", "3", "4"] {
            text = text.replace(&format!(", effort: {days}"), "");
        }
        text
    };
    let catalog = load_catalog(&[
        Source::user("alpha.yaml", strip(ALPHA)),
        Source::user("beta.yaml", strip(BETA)),
        Source::user("cw.yaml", CROSSWALK),
        Source::user("docs.yaml", DOCUMENTS),
    ])
    .unwrap();
    let report = planned_with(&catalog, NOTHING, None);
    assert!(report.standards.iter().all(|s| s.effort.is_none()));
    assert!(report.steps.iter().all(|s| s.effort.is_none()));
    assert!(report.steps.iter().all(|s| s.why.chain_in_steps));
}

#[test]
fn the_calendar_marks_planning_done_and_when_to_book_the_body() {
    let long = CalendarOptions {
        start: Date::parse("2027-01-04").unwrap(),
        people: 0.2,
        operate_weeks: 8,
        stage_gap_weeks: 6,
    };
    let report = planned_with(&catalog(), NOTHING, Some(long));
    let find = |kind| report.milestones.iter().find(|m| m.kind == kind).unwrap();
    let planning = find(MilestoneKind::PlanningDone);
    let risk = step_of(&report, "alpha", "2.1");
    assert_eq!(planning.after_step, Some(risk.rank));
    assert_eq!(Some(planning.date), risk.end);
    assert!(planning.date < find(MilestoneKind::SystemInOperation).date);
    let stage1 = find(MilestoneKind::Stage1).date;
    let book = find(MilestoneKind::BookCertificationBody);
    assert_eq!(book.weeks, Some(BOOKING_WEEKS));
    // Eight weeks before Stage 1, on a working day.
    let before = stage1.days() - book.date.days();
    assert!((56..=58).contains(&before), "{before}");
    assert!(book.date.weekday() < 5);
    let calendar = report.calendar.as_ref().unwrap();
    assert!(calendar.cautions.is_empty(), "{:?}", calendar.cautions);
}

#[test]
fn a_calendar_bodies_would_question_is_cautioned() {
    let options = |operate_weeks, stage_gap_weeks| CalendarOptions {
        start: Date::parse("2027-01-04").unwrap(),
        people: 2.0,
        operate_weeks,
        stage_gap_weeks,
    };
    let cautions = |operate, gap| {
        planned_with(&catalog(), NOTHING, Some(options(operate, gap)))
            .calendar
            .unwrap()
            .cautions
    };
    // The toy project is short: Stage 1 comes sooner than bodies book.
    let short = cautions(2, 0);
    assert!(
        short.contains(&Caution::ShortOperation { weeks: 2 }),
        "{short:?}"
    );
    assert!(short.contains(&Caution::NoStageGap), "{short:?}");
    assert!(
        short
            .iter()
            .any(|c| matches!(c, Caution::LateBooking { weeks } if *weeks < BOOKING_WEEKS)),
        "{short:?}"
    );
    let report = planned_with(&catalog(), NOTHING, Some(options(2, 0)));
    let book = report
        .milestones
        .iter()
        .find(|m| m.kind == MilestoneKind::BookCertificationBody)
        .unwrap();
    assert_eq!(
        book.date,
        report.calendar.as_ref().unwrap().start,
        "at once"
    );
    let long = cautions(MIN_OPERATE_WEEKS, MAX_STAGE_GAP_WEEKS + 1);
    assert!(
        long.contains(&Caution::LongStageGap {
            weeks: MAX_STAGE_GAP_WEEKS + 1
        }),
        "{long:?}"
    );
    assert!(
        !long
            .iter()
            .any(|c| matches!(c, Caution::ShortOperation { .. }))
    );
    assert!(
        !cautions(MIN_OPERATE_WEEKS, MAX_STAGE_GAP_WEEKS)
            .iter()
            .any(|c| matches!(c, Caution::LongStageGap { .. } | Caution::NoStageGap))
    );
}
