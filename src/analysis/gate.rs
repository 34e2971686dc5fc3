//! The CI gate: findings at or above the fail-on level, stale evidence,
//! regressions against a baseline and coverage below a minimum, each a
//! structured [`GateFailure`] per standard.

use super::Options;
use super::report::{
    BaselineResult, FailOn, GateFailure, GateResult, ItemStatus, StandardSummary, Warning,
    WarningCode,
};

/// Everything the gate can fail on.
pub(crate) struct Findings<'a> {
    pub missing: &'a [ItemStatus],
    pub partial: &'a [ItemStatus],
    pub unassessed: &'a [ItemStatus],
    pub warnings: &'a [Warning],
    pub baseline: Option<&'a BaselineResult>,
}

pub(crate) fn judge(
    standards: &[StandardSummary],
    findings: &Findings<'_>,
    options: &Options,
) -> GateResult {
    let mut failures = Vec::new();
    let checks: [(FailOn, &[ItemStatus]); 3] = [
        (FailOn::Missing, findings.missing),
        (FailOn::Partial, findings.partial),
        (FailOn::Unassessed, findings.unassessed),
    ];
    for (level, items) in checks {
        if options.fail_on < level {
            continue;
        }
        for standard in standards {
            let ids: Vec<String> = items
                .iter()
                .filter(|item| item.standard == standard.id)
                .map(|item| item.id.clone())
                .collect();
            if !ids.is_empty() {
                failures.push(GateFailure::Findings {
                    standard: standard.id.clone(),
                    finding: level,
                    items: ids,
                });
            }
        }
    }
    if options.fail_on_stale_evidence
        && let Some(days) = options.max_evidence_age
    {
        for standard in standards {
            let mut ids: Vec<String> = findings
                .warnings
                .iter()
                .filter(|w| w.code == WarningCode::StaleEvidence && w.item.standard == standard.id)
                .map(|w| w.item.id.clone())
                .collect();
            ids.dedup();
            if !ids.is_empty() {
                failures.push(GateFailure::StaleEvidence {
                    standard: standard.id.clone(),
                    max_age_days: days,
                    items: ids,
                });
            }
        }
    }
    if let Some(baseline) = findings.baseline {
        for standard in standards {
            let changes: Vec<_> = baseline
                .regressions
                .iter()
                .filter(|change| change.standard == standard.id)
                .cloned()
                .collect();
            if !changes.is_empty() {
                failures.push(GateFailure::Regressed {
                    standard: standard.id.clone(),
                    baseline: baseline.file.clone(),
                    changes,
                });
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
            failures.push(GateFailure::NotReported {
                standard: key.clone(),
                minimum: minimum.percent,
            });
        }
        for standard in applies {
            if let Some(coverage) = standard.coverage
                && coverage < minimum.percent
            {
                failures.push(GateFailure::BelowMinimum {
                    standard: standard.id.clone(),
                    coverage,
                    minimum: minimum.percent,
                });
            }
        }
    }
    GateResult {
        passed: failures.is_empty(),
        reasons: failures.iter().map(GateFailure::reason).collect(),
        failures,
        fail_on: options.fail_on,
        min_coverage: options.min_coverage.clone(),
        fail_on_stale_evidence: options.fail_on_stale_evidence,
        max_evidence_age: options.max_evidence_age,
    }
}
