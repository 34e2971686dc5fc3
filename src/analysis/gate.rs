//! The CI gate: findings at or above `--fail-on`, and coverage below
//! `--min-coverage`, each give one line of reason.

use super::Options;
use super::report::{
    BaselineResult, FailOn, GateResult, ItemStatus, StandardSummary, Warning, WarningCode,
};
use crate::status::Status;

fn status_word(status: Option<Status>) -> &'static str {
    status.map_or("not assessed", Status::as_str)
}

/// How many ids a reason names before it counts the rest.
const IDS_IN_REASON: usize = 5;

/// Everything the gate can fail on.
pub(crate) struct Findings<'a> {
    pub missing: &'a [ItemStatus],
    pub partial: &'a [ItemStatus],
    pub unassessed: &'a [ItemStatus],
    pub warnings: &'a [Warning],
    pub baseline: Option<&'a BaselineResult>,
}

/// "N items WHAT: a, b, c, and K more".
fn listing(ids: &[&str], what: &str) -> String {
    let mut named: Vec<String> = ids
        .iter()
        .take(IDS_IN_REASON)
        .map(|id| (*id).to_owned())
        .collect();
    if ids.len() > IDS_IN_REASON {
        named.push(format!("and {} more", ids.len() - IDS_IN_REASON));
    }
    format!(
        "{} item{} {what}: {}",
        ids.len(),
        if ids.len() == 1 { "" } else { "s" },
        named.join(", ")
    )
}

pub(crate) fn judge(
    standards: &[StandardSummary],
    findings: &Findings<'_>,
    options: &Options,
) -> GateResult {
    let mut reasons = Vec::new();
    let checks: [(FailOn, &[ItemStatus], &str); 3] = [
        (
            FailOn::Missing,
            findings.missing,
            "missing (planned or not implemented)",
        ),
        (FailOn::Partial, findings.partial, "only partly implemented"),
        (FailOn::Unassessed, findings.unassessed, "not assessed"),
    ];
    for (level, items, what) in checks {
        if options.fail_on < level {
            continue;
        }
        for standard in standards {
            let ids: Vec<&str> = items
                .iter()
                .filter(|item| item.standard == standard.id)
                .map(|item| item.id.as_str())
                .collect();
            if !ids.is_empty() {
                reasons.push(format!(
                    "{}: {} (--fail-on {})",
                    standard.id,
                    listing(&ids, what),
                    options.fail_on.as_str()
                ));
            }
        }
    }
    if options.fail_on_stale_evidence
        && let Some(days) = options.max_evidence_age
    {
        for standard in standards {
            let mut ids: Vec<&str> = findings
                .warnings
                .iter()
                .filter(|w| w.code == WarningCode::StaleEvidence && w.item.standard == standard.id)
                .map(|w| w.item.id.as_str())
                .collect();
            ids.dedup();
            if !ids.is_empty() {
                let what = format!("have evidence older than {days} days");
                reasons.push(format!(
                    "{}: {} (--fail-on stale-evidence)",
                    standard.id,
                    listing(&ids, &what)
                ));
            }
        }
    }
    if let Some(baseline) = findings.baseline {
        for standard in standards {
            let moves: Vec<String> = baseline
                .regressions
                .iter()
                .filter(|change| change.standard == standard.id)
                .map(|change| {
                    format!(
                        "{} {} -> {}",
                        change.id,
                        status_word(change.old),
                        status_word(change.new)
                    )
                })
                .collect();
            if !moves.is_empty() {
                let ids: Vec<&str> = moves.iter().map(String::as_str).collect();
                reasons.push(format!(
                    "{}: {} (--baseline {})",
                    standard.id,
                    listing(&ids, "regressed"),
                    baseline.file
                ));
            }
        }
    }
    for minimum in &options.min_coverage {
        let applies: Vec<&StandardSummary> = standards
            .iter()
            .filter(|s| minimum.standard.as_ref().is_none_or(|key| *key == s.id))
            .collect();
        if let Some(key) = &minimum.standard
            && applies.is_empty()
        {
            reasons.push(format!(
                "{key}: not in the report, so its coverage cannot be checked against {}%",
                minimum.percent
            ));
        }
        for standard in applies {
            if let Some(coverage) = standard.coverage
                && coverage < minimum.percent
            {
                reasons.push(format!(
                    "{}: coverage {coverage}% is below the minimum of {}% (--min-coverage)",
                    standard.id, minimum.percent
                ));
            }
        }
    }
    GateResult {
        passed: reasons.is_empty(),
        reasons,
        fail_on: options.fail_on,
        min_coverage: options.min_coverage.clone(),
        fail_on_stale_evidence: options.fail_on_stale_evidence,
        max_evidence_age: options.max_evidence_age,
    }
}
