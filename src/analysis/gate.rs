//! The CI gate: findings at or above `--fail-on`, and coverage below
//! `--min-coverage`, each give one line of reason.

use super::Options;
use super::report::{FailOn, GateResult, ItemStatus, StandardSummary};

/// How many ids a reason names before it counts the rest.
const IDS_IN_REASON: usize = 5;

pub(crate) fn judge(
    standards: &[StandardSummary],
    missing: &[ItemStatus],
    partial: &[ItemStatus],
    unassessed: &[ItemStatus],
    options: &Options,
) -> GateResult {
    let mut reasons = Vec::new();
    let checks: [(FailOn, &[ItemStatus], &str); 3] = [
        (
            FailOn::Missing,
            missing,
            "missing (planned or not implemented)",
        ),
        (FailOn::Partial, partial, "only partly implemented"),
        (FailOn::Unassessed, unassessed, "not assessed"),
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
            if ids.is_empty() {
                continue;
            }
            let mut named: Vec<String> = ids
                .iter()
                .take(IDS_IN_REASON)
                .map(|id| id.to_string())
                .collect();
            if ids.len() > IDS_IN_REASON {
                named.push(format!("and {} more", ids.len() - IDS_IN_REASON));
            }
            reasons.push(format!(
                "{}: {} item{} {what}: {} (--fail-on {})",
                standard.id,
                ids.len(),
                if ids.len() == 1 { "" } else { "s" },
                named.join(", "),
                options.fail_on.as_str()
            ));
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
    }
}
