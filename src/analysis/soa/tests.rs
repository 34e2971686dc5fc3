//! Tests of `ims soa --check` on small inline status files against the
//! built-in ISO 27001 catalogue. Each file would have passed the check as
//! it was before it read what a row says.

use super::*;
use crate::catalog::{builtin_sources, load as load_catalog};
use crate::model::Catalog;
use crate::status::Hollow;

fn builtin() -> Catalog {
    load_catalog(&builtin_sources()).unwrap()
}

/// The check of a file that decides every Annex A control: the themes
/// `A.5`, `A.6` and `A.8` included for `best-practice`, so that only what
/// `text` adds (its own entries, indented by two) is judged.
fn check_of(text: &str, freshness: Option<Freshness>) -> Check {
    check_with("", text, freshness)
}

/// As [`check_of`], with `head` (top-level keys) before the statuses.
fn check_with(head: &str, text: &str, freshness: Option<Freshness>) -> Check {
    let catalog = builtin();
    let mut file = format!("organisation: O\n{head}iso27001:\n");
    for theme in ["A.5", "A.6", "A.7", "A.8"] {
        if !text.contains(&format!("  {theme}: ")) {
            file.push_str(&format!(
                "  {theme}: {{status: implemented, reasons: best-practice, implementation: P-1}}\n"
            ));
        }
    }
    file.push_str(text);
    let assessment = crate::status::load("s.yaml", &file, &catalog).unwrap();
    let iso = catalog.standard_index("iso27001").unwrap();
    check(&soa(&catalog, &assessment, iso), freshness)
}

fn rejected(check: &Check) -> Vec<(String, Rejected)> {
    check
        .rejections
        .iter()
        .map(|r| (r.id.clone(), r.why))
        .collect()
}

fn codes(check: &Check) -> Vec<CautionCode> {
    check.cautions.iter().map(|c| c.code).collect()
}

#[test]
fn the_codes_are_unique_and_described() {
    let mut seen: Vec<&str> = Rejected::ALL
        .iter()
        .map(|c| c.as_str())
        .chain(CautionCode::ALL.iter().map(|c| c.as_str()))
        .collect();
    for code in Rejected::ALL {
        assert!(code.description().ends_with('.'));
    }
    seen.sort_unstable();
    let all = seen.len();
    seen.dedup();
    assert_eq!(seen.len(), all, "{seen:?}");
}

#[test]
fn a_justification_that_says_nothing_is_rejected() {
    let check = check_of(
        "  A.5.1: {status: implemented, justification: N/A}\n  A.5.2: {status: implemented, justification: \"?\"}\n  A.5.3: {status: implemented, justification: \".\"}\n  A.5.4: {status: implemented, justification: TBD}\n  A.5.5: {status: implemented, justification: \"\\u200b\"}\n  A.5.6: {status: implemented, justification: \"\\ufeff\"}\n  A.7.4: {status: not-applicable, justification: N/A}\n  A.7.5: {status: not-applicable, justification: No premises of our own}\n",
        None,
    );
    let hollow = Rejected::HollowJustification;
    assert_eq!(
        rejected(&check),
        [
            ("A.5.1".to_owned(), hollow),
            ("A.5.2".to_owned(), hollow),
            ("A.5.3".to_owned(), hollow),
            ("A.5.4".to_owned(), hollow),
            ("A.5.5".to_owned(), hollow),
            ("A.5.6".to_owned(), hollow),
            ("A.7.4".to_owned(), hollow),
        ]
    );
    assert_eq!(check.rejections[0].detail.as_deref(), Some("N/A"));
    assert_eq!(check.rejections[4].hollow, Some(Hollow::Invisible));
}

#[test]
fn an_additional_control_with_a_placeholder_is_rejected() {
    let check = check_of(
        "additional-controls:\n  - {id: X.1, title: Extra, source: Contract, status: implemented, justification: TBD}\n  - {id: X.2, title: Other, source: Contract, status: not-applicable, justification: \"-\"}\n  - {id: X.3, title: Third, source: Contract, status: implemented, justification: Customers ask for it}\n",
        None,
    );
    assert_eq!(
        rejected(&check),
        [
            ("X.1".to_owned(), Rejected::HollowJustification),
            ("X.2".to_owned(), Rejected::HollowJustification),
        ]
    );
}

#[test]
fn risk_treatment_that_names_no_risk_is_rejected() {
    let check = check_of(
        "  A.5.7: {status: implemented, reasons: [risk-treatment]}\n  A.5.8: {status: implemented, reasons: [risk-treatment], risks: [R-01]}\n  A.5.9: {status: implemented, reasons: [legal]}\n  A.6: {status: implemented, reasons: [risk-treatment], implementation: P-1}\n  A.6.1: {status: implemented, risks: R-02}\n",
        None,
    );
    // A.5.7 names none; A.6.2 to A.6.8 take the reason from the heading
    // and name none either; A.6.1 names its own.
    let ids: Vec<String> = rejected(&check)
        .into_iter()
        .inspect(|(_, why)| assert_eq!(*why, Rejected::RiskTreatmentWithoutRisk))
        .map(|(id, _)| id)
        .collect();
    assert_eq!(
        ids,
        [
            "A.5.7", "A.6.2", "A.6.3", "A.6.4", "A.6.5", "A.6.6", "A.6.7", "A.6.8"
        ]
    );
}

#[test]
fn risks_are_taken_from_the_heading_as_reasons_are() {
    let text = "  A.7: {status: implemented, reasons: [risk-treatment], risks: [R-16], implementation: P-1}\n  A.7.4: {status: implemented, implementation: Camera coverage plan}\n  A.7.5: {status: implemented, reasons: [legal], risks: [R-17], implementation: P-2}\n";
    let check = check_of(text, None);
    assert!(check.rejections.is_empty(), "{:?}", check.rejections);
    let catalog = builtin();
    let file = format!("organisation: O\niso27001:\n{text}");
    let assessment = crate::status::load("s.yaml", &file, &catalog).unwrap();
    let iso = catalog.standard_index("iso27001").unwrap();
    let report = soa(&catalog, &assessment, iso);
    let risks = |id: &str| {
        let row = report.rows.iter().find(|r| r.id == id).unwrap();
        (row.reasons.clone(), row.risks.clone())
    };
    assert_eq!(
        risks("A.7.4"),
        (vec![Reason::RiskTreatment], vec!["R-16".to_owned()])
    );
    assert_eq!(
        risks("A.7.5"),
        (vec![Reason::Legal], vec!["R-17".to_owned()])
    );
}

#[test]
fn a_dash_beside_reasons_is_an_empty_cell_not_a_placeholder() {
    // A.5 gives reasons; A.8 gives none.
    let text = "  A.5.1: {status: implemented, justification: \"-\", implementation: P-1}\n  A.7.4: {status: not-applicable, justification: \"-\"}\n  A.8: {status: implemented, implementation: P-1}\n  A.8.1: {status: implemented, justification: \"\u{2013}\"}\n  A.8.2: {status: implemented, justification: Contract with our bank}\n";
    let check = check_of(text, None);
    let found = rejected(&check);
    assert!(found.contains(&("A.7.4".to_owned(), Rejected::HollowJustification)));
    assert!(found.contains(&("A.8.1".to_owned(), Rejected::HollowJustification)));
    assert!(
        !found.iter().any(|(id, _)| id == "A.5.1" || id == "A.8.2"),
        "{found:?}"
    );
    let catalog = builtin();
    let file = format!(
        "organisation: O\niso27001:\n  A.5: {{status: implemented, reasons: legal}}\n{text}"
    );
    let assessment = crate::status::load("s.yaml", &file, &catalog).unwrap();
    let iso = catalog.standard_index("iso27001").unwrap();
    let report = soa(&catalog, &assessment, iso);
    let row = report.rows.iter().find(|r| r.id == "A.5.1").unwrap();
    assert_eq!(row.justification, None);
}

#[test]
fn an_exclusion_made_on_a_heading_is_rejected_for_each_control() {
    // One entry excludes the 14 physical controls; its justification is a
    // placeholder, but the heading is the point.
    let check = check_of(
        "  A.7: {status: not-applicable, justification: \"-\"}\n  A.7.4: {status: implemented, reasons: [legal]}\n",
        None,
    );
    let rows = rejected(&check);
    assert_eq!(rows.len(), 13, "{rows:?}");
    assert!(
        rows.iter()
            .all(|(id, why)| id.starts_with("A.7.") && *why == Rejected::ExcludedByHeading)
    );
    assert!(!rows.iter().any(|(id, _)| id == "A.7.4"));
    assert_eq!(check.rejections[0].detail.as_deref(), Some("A.7"));
    assert_eq!(check.rejected_controls(), 13);
}

#[test]
fn an_implemented_control_with_nothing_to_show_is_warned_about() {
    let check = check_of(
        "  A.8.1: {status: implemented, reasons: [legal], implementation: ''}\n  A.8.2: {status: implemented, reasons: [legal], evidence: [Access review 2026]}\n  A.8.3: {status: partial, reasons: [legal]}\n  A.8.4: {status: implemented, reasons: [legal], implementation: Source code procedure}\n",
        None,
    );
    assert!(check.rejections.is_empty(), "{:?}", check.rejections);
    let nothing: Vec<&str> = check
        .cautions
        .iter()
        .filter(|c| c.code == CautionCode::NothingToShow)
        .filter_map(|c| c.id.as_deref())
        .collect();
    assert_eq!(nothing, ["A.8.1"]);
}

#[test]
fn evidence_older_than_the_limit_is_warned_about_once() {
    let freshness = Freshness {
        max_age: 365,
        as_of: Date::parse("2026-11-02").unwrap(),
    };
    let text = "  A.5.1: {status: implemented, reasons: [legal], evidence: [{ref: Old policy review, date: 2025-06-30}, {ref: New review, date: 2026-06-30}]}\n  A.6: {status: implemented, reasons: [legal], evidence: [{ref: Screening records, date: 2024-01-15}]}\n";
    let check = check_of(text, Some(freshness));
    let stale: Vec<(Option<&str>, Option<&str>, Option<i64>)> = check
        .cautions
        .iter()
        .filter(|c| c.code == CautionCode::StaleEvidence)
        .map(|c| (c.id.as_deref(), c.evidence.as_deref(), c.age))
        .collect();
    // The heading's evidence is listed once, at the heading, not for each
    // of the eight people controls.
    assert_eq!(
        stale,
        [
            (Some("A.5.1"), Some("Old policy review"), Some(490)),
            (Some("A.6"), Some("Screening records"), Some(1022)),
        ]
    );
    assert!(!codes(&check_of(text, None)).contains(&CautionCode::StaleEvidence));
}

#[test]
fn rows_that_only_inherit_from_a_heading_are_counted() {
    let check = check_of(
        "  A.5.1: {status: implemented, reasons: [legal], implementation: POL-1}\n",
        None,
    );
    let counted: Vec<&Caution> = check
        .cautions
        .iter()
        .filter(|c| c.code == CautionCode::InheritedFromHeading)
        .collect();
    assert_eq!(counted.len(), 1);
    assert_eq!(counted[0].count, 92);
    assert_eq!(counted[0].headings, ["A.5", "A.6", "A.7", "A.8"]);
    assert!(check.rejections.is_empty());
}

#[test]
fn a_statement_with_an_entry_per_control_passes_without_warnings() {
    let catalog = builtin();
    let iso = catalog.standard_index("iso27001").unwrap();
    let mut file = format!("organisation: O\n{APPROVED}iso27001:\n");
    for leaf in catalog.standards[iso].leaves() {
        let item = &catalog.standards[iso].items[leaf];
        if item.kind == crate::model::Kind::Control {
            file.push_str(&format!(
                "  {}: {{status: implemented, reasons: [risk-treatment], risks: [R-1], implementation: P-1}}\n",
                item.id
            ));
        }
    }
    let assessment = crate::status::load("s.yaml", &file, &catalog).unwrap();
    let check = check(&soa(&catalog, &assessment, iso), None);
    assert!(
        check.rejections.is_empty() && check.cautions.is_empty(),
        "{check:?}"
    );
}

/// A complete `soa` block, approved after its risk assessment.
const APPROVED: &str = "assessed: 2026-03-16\nsoa: {version: \"2\", approved_by: CEO, approved_on: 2026-03-16, risk_assessment: 2026-02-27, risk_treatment_plan: \"1.4\", history: [{version: \"1\", date: 2025-03-10, change: First}, {version: \"2\", date: 2026-03-16, change: Review}]}\n";

fn cautions_of(check: &Check, code: CautionCode) -> Vec<&Caution> {
    check.cautions.iter().filter(|c| c.code == code).collect()
}

#[test]
fn a_complete_approval_after_the_risk_assessment_raises_nothing() {
    let check = check_with(APPROVED, "", None);
    assert!(check.rejections.is_empty(), "{:?}", check.rejections);
    let statement = [
        CautionCode::SoaIncomplete,
        CautionCode::VersionNotLatest,
        CautionCode::ChangedAfterApproval,
        CautionCode::AssessedAfterApproval,
    ];
    assert!(
        !codes(&check).iter().any(|c| statement.contains(c)),
        "{:?}",
        check.cautions
    );
}

#[test]
fn an_approval_before_the_risk_assessment_is_rejected() {
    let head = APPROVED.replace("risk_assessment: 2026-02-27", "risk_assessment: 2026-03-20");
    let check = check_with(&head, "", None);
    assert_eq!(
        rejected(&check),
        [("soa".to_owned(), Rejected::ApprovedBeforeRiskAssessment)]
    );
    // The statement's approval is not a control.
    assert_eq!(check.rejected_controls(), 0);
}

#[test]
fn a_missing_part_of_the_soa_block_is_warned_about() {
    let missing = |head: &str| -> Vec<String> {
        let check = check_with(head, "", None);
        cautions_of(&check, CautionCode::SoaIncomplete)
            .first()
            .map(|c| c.items.clone())
            .unwrap_or_default()
    };
    assert_eq!(
        missing(""),
        [
            "version",
            "approved_by",
            "approved_on",
            "risk_assessment",
            "risk_treatment_plan"
        ]
    );
    let head = APPROVED
        .replace("approved_on: 2026-03-16, ", "")
        .replace("risk_treatment_plan: \"1.4\", ", "");
    assert_eq!(missing(&head), ["approved_on", "risk_treatment_plan"]);
}

#[test]
fn a_version_behind_its_history_or_changed_after_approval_is_warned_about() {
    let head = APPROVED.replace(
        "change: Review}]",
        "change: Review}, {version: \"2.1\", date: 2026-05-04, change: A.8.16 added}]",
    );
    let check = check_with(&head, "", None);
    let behind = cautions_of(&check, CautionCode::VersionNotLatest);
    assert_eq!(behind.len(), 1);
    assert_eq!(behind[0].detail.as_deref(), Some("2.1"));
    let after = cautions_of(&check, CautionCode::ChangedAfterApproval);
    assert_eq!(after.len(), 1);
    assert_eq!(after[0].date, Date::parse("2026-05-04"));
    assert!(check.rejections.is_empty());
}

#[test]
fn statuses_assessed_after_the_approval_are_warned_about() {
    let head = APPROVED.replace("assessed: 2026-03-16", "assessed: 2026-11-02");
    let check = check_with(&head, "", None);
    let after = cautions_of(&check, CautionCode::AssessedAfterApproval);
    assert_eq!(after.len(), 1);
    assert_eq!(after[0].date, Date::parse("2026-11-02"));
}

#[test]
fn stock_and_copied_exclusions_are_warned_about() {
    let mut text = String::from(
        "  A.5.7: {status: not-applicable, justification: Out of scope.}\n  A.5.8: {status: not-applicable, justification: not required}\n  A.5.9: {status: not-applicable, justification: No premises of our own}\n",
    );
    for n in 1..=5 {
        text.push_str(&format!(
            "  A.7.{n}: {{status: not-applicable, justification: Fully remote company}}\n"
        ));
    }
    text.push_str("  A.7.6: {status: not-applicable, justification: Out of scope}\n");
    let check = check_of(&text, None);
    assert!(check.rejections.is_empty(), "{:?}", check.rejections);
    let stock: Vec<Option<&str>> = cautions_of(&check, CautionCode::StockExclusion)
        .iter()
        .map(|c| c.id.as_deref())
        .collect();
    assert_eq!(stock, [Some("A.5.7"), Some("A.5.8"), Some("A.7.6")]);
    let copied = cautions_of(&check, CautionCode::CopiedExclusion);
    // Two `Out of scope` texts differ in a full stop and are too few;
    // the remote text is on five controls.
    assert_eq!(copied.len(), 1);
    assert_eq!(copied[0].detail.as_deref(), Some("Fully remote company"));
    assert_eq!(
        copied[0].items,
        ["A.7.1", "A.7.2", "A.7.3", "A.7.4", "A.7.5"]
    );
    let four = text.replace(
        "  A.7.5: {status: not-applicable, justification: Fully remote company}\n",
        "",
    );
    assert!(cautions_of(&check_of(&four, None), CautionCode::CopiedExclusion).is_empty());
}

#[test]
fn not_implemented_with_nothing_said_is_not_decided_and_makes_a_draft() {
    let catalog = builtin();
    let iso = catalog.standard_index("iso27001").unwrap();
    let file = "organisation: O\niso27001:\n  A.5.1: not-implemented\n  A.5.2: {status: not-implemented, reasons: [legal]}\n  A.5.3: {status: not-implemented, justification: Required by our bank}\n  A.5.4: planned\n";
    let assessment = crate::status::load("s.yaml", file, &catalog).unwrap();
    let report = soa(&catalog, &assessment, iso);
    let applicable = |id: &str| report.rows.iter().find(|r| r.id == id).unwrap().applicable;
    assert_eq!(applicable("A.5.1"), Applicable::Undecided);
    assert_eq!(applicable("A.5.2"), Applicable::Yes);
    assert_eq!(applicable("A.5.3"), Applicable::Yes);
    assert_eq!(applicable("A.5.4"), Applicable::Yes);
    let draft = report.draft.unwrap();
    assert_eq!(draft.undecided, 90);
    assert_eq!(draft.rejected, 91, "A.5.4 has no reason either");
    assert!(!draft.approval_rejected);

    let mut whole = "organisation: O\niso27001:\n".to_owned();
    for theme in ["A.5", "A.6", "A.7", "A.8"] {
        whole.push_str(&format!(
            "  {theme}: {{status: implemented, reasons: [legal], implementation: P-1}}\n"
        ));
    }
    let assessment = crate::status::load("s.yaml", &whole, &catalog).unwrap();
    assert_eq!(soa(&catalog, &assessment, iso).draft, None);
}

#[test]
fn an_inclusion_without_a_status_is_decided_and_its_status_questioned() {
    let check = check_of(
        "  A.5.1: {applicable: yes, justification: Policies set the direction.}\n  A.5.2: {applicable: yes}\n  A.5.3: {applicable: no, justification: One person runs the company.}\n  A.7: {applicable: yes, reasons: legal}\n  A.7.4: {applicable: yes, status: partial, reasons: legal}\n",
        None,
    );
    // Decided, so never `undecided`; A.5.2 takes its theme's reasons.
    assert_eq!(rejected(&check), []);
    let not_assessed: Vec<&str> = check
        .cautions
        .iter()
        .filter(|c| c.code == CautionCode::StatusNotAssessed)
        .filter_map(|c| c.id.as_deref())
        .collect();
    // The heading's `applicable: yes` is inherited like a status, by every
    // A.7 control without an entry of its own.
    let mut expected = vec!["A.5.1", "A.5.2"];
    let theme: Vec<String> = (1..=14)
        .filter(|n| *n != 4)
        .map(|n| format!("A.7.{n}"))
        .collect();
    expected.extend(theme.iter().map(String::as_str));
    assert_eq!(not_assessed, expected);
}

#[test]
fn an_inclusion_without_a_status_shows_as_applicable_and_not_assessed() {
    let catalog = builtin();
    let text = "organisation: O\niso27001:\n  A.5.1: {applicable: yes, justification: Policies set the direction.}\n  A.5.2: {applicable: no, justification: One person runs the company.}\n  A.5.3: {applicable: yes}\n  A.5.4: {applicable: yes, status: not-implemented}\n  A.5.5: not-implemented\n";
    let assessment = crate::status::load("s.yaml", text, &catalog).unwrap();
    let report = soa(
        &catalog,
        &assessment,
        catalog.standard_index("iso27001").unwrap(),
    );
    let row = |id: &str| report.rows.iter().find(|r| r.id == id).unwrap();
    assert_eq!(
        (row("A.5.1").applicable, row("A.5.1").status),
        (Applicable::Yes, None)
    );
    assert_eq!(
        (row("A.5.2").applicable, row("A.5.2").status),
        (Applicable::No, Some(Status::NotApplicable))
    );
    assert_eq!((report.summary.applicable, report.summary.excluded), (3, 1));
    // Included with no reason and no justification, it is judged as any
    // included control is, even when not implemented (which, without
    // `applicable: yes`, says only that the control was looked at).
    let found: Vec<(String, Rejected)> = rejected(&check(&report, None))
        .into_iter()
        .filter(|(id, _)| id.starts_with("A.5.") && id.len() == 5)
        .collect();
    assert_eq!(
        found,
        [
            ("A.5.3".to_owned(), Rejected::Unjustified),
            ("A.5.4".to_owned(), Rejected::Unjustified),
            ("A.5.5".to_owned(), Rejected::Undecided),
            ("A.5.6".to_owned(), Rejected::Undecided),
            ("A.5.7".to_owned(), Rejected::Undecided),
            ("A.5.8".to_owned(), Rejected::Undecided),
            ("A.5.9".to_owned(), Rejected::Undecided),
        ]
    );
}
