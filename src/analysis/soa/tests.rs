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
    let catalog = builtin();
    let mut file = "organisation: O\niso27001:\n".to_owned();
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
        "  A.5.1: {status: implemented, justification: N/A}\n  A.5.2: {status: implemented, justification: \"-\"}\n  A.5.3: {status: implemented, justification: \".\"}\n  A.5.4: {status: implemented, justification: TBD}\n  A.5.5: {status: implemented, justification: \"\\u200b\"}\n  A.5.6: {status: implemented, justification: \"\\ufeff\"}\n  A.7.4: {status: not-applicable, justification: N/A}\n  A.7.5: {status: not-applicable, justification: No premises of our own}\n",
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
    let mut file = "organisation: O\niso27001:\n".to_owned();
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
