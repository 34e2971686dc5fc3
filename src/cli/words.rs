//! What the command line adds to the library's words: the commands and
//! flags that help. The library records a [`NextStep`] or a structured
//! [`GateFailure`]; only here are they worded with flags.

use crate::analysis::{GateFailure, GateResult};
use crate::diag::{NextStep, Problem};

/// A next step in words, naming the command or flag.
fn next_step(step: &NextStep) -> String {
    match step {
        NextStep::LoadCatalogues => {
            "load the catalogues that define other standards with --catalog DIR".to_owned()
        }
        NextStep::StartFromTemplate => {
            "start from a template: `ims init -o status.yaml`".to_owned()
        }
        NextStep::ListIds { standard } => list_ids(standard),
        NextStep::NearestId(unknown) => list_ids(&unknown.standard),
    }
}

/// The command that lists a standard's ids.
fn list_ids(standard: &str) -> String {
    format!("list the ids with `ims catalog list --standard {standard}`")
}

/// The problems with each next step worded into their help.
pub fn with_next_steps(mut problems: Vec<Problem>) -> Vec<Problem> {
    for problem in &mut problems {
        if let Some(step) = problem.next.take() {
            let step = next_step(&step);
            problem.help = Some(match problem.help.take() {
                Some(help) => format!("{help}; {step}"),
                None => step,
            });
        }
    }
    problems
}

/// The flag that asked for the check that failed.
pub fn gate_flag(failure: &GateFailure, gate: &GateResult) -> String {
    match failure {
        GateFailure::Findings { .. } => format!("--fail-on {}", gate.fail_on.as_str()),
        GateFailure::StaleEvidence { .. } => "--fail-on stale-evidence".to_owned(),
        GateFailure::Regressed { baseline, .. } => format!("--baseline {baseline}"),
        GateFailure::BelowMinimum { .. } | GateFailure::NotReported { .. } => {
            "--min-coverage".to_owned()
        }
    }
}

/// Each failure of the gate in one line with its flag, as stderr shows it.
pub fn gate_reasons(gate: &GateResult) -> Vec<String> {
    gate.failures
        .iter()
        .map(|failure| format!("{} ({})", failure.reason(), gate_flag(failure, gate)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Pos, ProblemCode, Problems};

    #[test]
    fn next_steps_are_worded_after_the_help() {
        let mut list = Problems::new("s.yaml");
        list.add(ProblemCode::UnknownStandard, Pos::new(1, 1), "no")
            .help("known standards are a, b")
            .next(NextStep::LoadCatalogues);
        list.add(ProblemCode::UnknownItem, Pos::new(2, 1), "no")
            .next(NextStep::ListIds {
                standard: "a".to_owned(),
            });
        let worded = with_next_steps(list.into_sorted());
        assert_eq!(
            worded[0].help.as_deref(),
            Some(
                "known standards are a, b; load the catalogues that define other standards with --catalog DIR"
            )
        );
        assert_eq!(
            worded[1].help.as_deref(),
            Some("list the ids with `ims catalog list --standard a`")
        );
        assert!(worded.iter().all(|problem| problem.next.is_none()));
    }
}
