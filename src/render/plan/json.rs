//! The plan as JSON: the plan structure serialised as it is, so the field
//! documentation in `analysis::plan` is the format's documentation, with
//! the words the other formats show added beside the data they come from:
//! `why_text` on each step, `name` and `why` on each milestone,
//! `caution_texts` beside the calendar's cautions.

use serde::Serialize;

use super::{caution_text, milestone_name, milestone_why, why};
use crate::analysis::plan::{Milestone, PlanReport, PlanStep};
use crate::render::Rendered;

/// The report with its steps and milestones worded; every other field as
/// the report has it, in the same order.
#[derive(Serialize)]
struct Worded<'a> {
    schema_version: u32,
    #[serde(flatten)]
    header: &'a crate::analysis::ReportHeader,
    target: &'a Option<String>,
    effort_scale: f64,
    standards: &'a [crate::analysis::plan::PlanStandard],
    calendar: Option<WordedCalendar<'a>>,
    phases: &'a [crate::analysis::plan::PhaseSummary],
    milestones: Vec<WordedMilestone<'a>>,
    steps: Vec<WordedStep<'a>>,
}

#[derive(Serialize)]
struct WordedCalendar<'a> {
    #[serde(flatten)]
    calendar: &'a crate::analysis::plan::Calendar,
    /// `cautions` in words, in the same order.
    caution_texts: Vec<String>,
}

#[derive(Serialize)]
struct WordedMilestone<'a> {
    #[serde(flatten)]
    milestone: &'a Milestone,
    /// The milestone's name.
    name: String,
    /// Why it falls on its date.
    why: String,
}

#[derive(Serialize)]
struct WordedStep<'a> {
    #[serde(flatten)]
    step: &'a PlanStep,
    /// `why` in words, as the other formats show it.
    why_text: String,
}

/// Pretty-printed JSON with a final newline.
pub fn render(plan: &PlanReport) -> Rendered {
    let PlanReport {
        schema_version,
        header,
        target,
        effort_scale,
        standards,
        calendar,
        phases,
        milestones,
        steps,
    } = plan;
    crate::render::json(&Worded {
        schema_version: *schema_version,
        header,
        target,
        effort_scale: *effort_scale,
        standards,
        calendar: calendar.as_ref().map(|calendar| WordedCalendar {
            calendar,
            caution_texts: calendar.cautions.iter().map(caution_text).collect(),
        }),
        phases,
        milestones: milestones
            .iter()
            .map(|milestone| WordedMilestone {
                milestone,
                name: milestone_name(milestone),
                why: milestone_why(milestone, plan),
            })
            .collect(),
        steps: steps
            .iter()
            .map(|step| WordedStep {
                step,
                why_text: why(step),
            })
            .collect(),
    })
}
