//! The timeline of the HTML plan: an SVG Gantt chart, one bar per step
//! from its first to its last working day, coloured by phase, with the
//! operating period as a band and the milestones as lines. Geometry only;
//! the template draws it and escapes every text.

use serde::Serialize;

use super::{milestone_name, phase_label};
use crate::analysis::plan::{PlanReport, PlanStep};
use crate::analysis::round1;
use crate::date::Date;
use crate::model::Phase;

/// Height of one row, in pixels.
const ROW: u32 = 16;
/// Width of the labels left of the bars.
const LABEL: u32 = 300;
/// Width of the plot.
const PLOT: u32 = 720;
/// Room above the rows for the milestone labels.
const TOP: u32 = 22;
/// Characters of a step's title shown beside its bar.
const TITLE: usize = 44;

/// The chart.
#[derive(Debug, Serialize)]
pub struct Gantt {
    width: u32,
    height: u32,
    left: u32,
    top: u32,
    plot_height: u32,
    bars: Vec<Bar>,
    milestones: Vec<Mark>,
    band: Option<Band>,
    ticks: Vec<Tick>,
    legend: Vec<Legend>,
}

#[derive(Debug, Serialize)]
struct Bar {
    y: u32,
    x: f64,
    width: f64,
    colour: &'static str,
    label: String,
    tip: String,
}

#[derive(Debug, Serialize)]
struct Mark {
    x: f64,
    label: String,
    y: u32,
}

#[derive(Debug, Serialize)]
struct Band {
    x: f64,
    width: f64,
}

#[derive(Debug, Serialize)]
struct Tick {
    x: f64,
    label: String,
}

#[derive(Debug, Serialize)]
struct Legend {
    colour: &'static str,
    label: &'static str,
}

/// The colour of a phase.
fn colour(phase: Option<Phase>) -> &'static str {
    match phase {
        None => "#7f8c8d",
        Some(Phase::Establish) => "#1f3864",
        Some(Phase::Plan) => "#6c3483",
        Some(Phase::Implement) => "#2e8540",
        Some(Phase::Audit) => "#e07b00",
        Some(Phase::Review) => "#c0392b",
    }
}

/// A title cut to [`TITLE`] characters.
fn short(text: &str) -> String {
    match text.char_indices().nth(TITLE) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

/// The chart for a dated plan; `None` without a calendar.
pub fn gantt(plan: &PlanReport) -> Option<Gantt> {
    let calendar = plan.calendar.as_ref()?;
    let first = calendar.start;
    let last = plan
        .milestones
        .iter()
        .map(|m| m.date)
        .chain([calendar.end])
        .max()
        .unwrap_or(calendar.end);
    let span = (last.days() - first.days() + 1).max(1) as f64;
    let x = |date: Date| {
        f64::from(LABEL) + f64::from(PLOT) * (date.days() - first.days()) as f64 / span
    };
    let day = f64::from(PLOT) / span;
    let dated: Vec<&PlanStep> = plan.steps.iter().collect();
    let bars: Vec<Bar> = dated
        .iter()
        .enumerate()
        .filter_map(|(row, step)| {
            let (start, end) = (step.start?, step.end?);
            Some(Bar {
                y: TOP + row as u32 * ROW,
                x: round1(x(start)),
                width: round1((x(end) - x(start) + day).max(2.0)),
                colour: colour(step.phase),
                label: format!("#{} {}", step.rank, short(&step.title)),
                tip: format!("#{} {}: {start} to {end}", step.rank, step.title),
            })
        })
        .collect();
    let plot_height = dated.len() as u32 * ROW;
    let milestones = plan
        .milestones
        .iter()
        .enumerate()
        .map(|(index, milestone)| Mark {
            x: round1(x(milestone.date)),
            label: format!("{} {}", milestone.date, milestone_name(milestone)),
            // Labels alternate over two lines so that neighbours do not overlap.
            y: if index % 2 == 0 { 9 } else { 19 },
        })
        .collect();
    let band = {
        use crate::analysis::plan::MilestoneKind::{OperatingPeriodComplete, SystemInOperation};
        let find = |kind| {
            plan.milestones
                .iter()
                .find(|m| m.kind == kind)
                .map(|m| m.date)
        };
        match (find(SystemInOperation), find(OperatingPeriodComplete)) {
            (Some(from), Some(to)) => Some(Band {
                x: round1(x(from)),
                width: round1(x(to) - x(from) + day),
            }),
            _ => None,
        }
    };
    Some(Gantt {
        width: LABEL + PLOT + 20,
        height: TOP + plot_height + 40,
        left: LABEL,
        top: TOP,
        plot_height,
        bars,
        milestones,
        band,
        ticks: months(first, last)
            .into_iter()
            .map(|date| Tick {
                x: round1(x(date)),
                label: format!("{:04}-{:02}", date.year(), date.month()),
            })
            .collect(),
        legend: [
            None,
            Some(Phase::Establish),
            Some(Phase::Plan),
            Some(Phase::Implement),
            Some(Phase::Audit),
            Some(Phase::Review),
        ]
        .into_iter()
        .filter(|phase| plan.steps.iter().any(|step| step.phase == *phase))
        .map(|phase| Legend {
            colour: colour(phase),
            label: phase_label(phase),
        })
        .collect(),
    })
}

/// The first days of the months from `first` to `last`, thinned to at most
/// a dozen labels.
fn months(first: Date, last: Date) -> Vec<Date> {
    let mut all = Vec::new();
    let (mut year, mut month) = (first.year(), first.month());
    loop {
        if month == 12 {
            year += 1;
            month = 1;
        } else {
            month += 1;
        }
        let Some(date) = Date::parse(&format!("{year:04}-{month:02}-01")) else {
            break;
        };
        if date > last {
            break;
        }
        all.push(date);
    }
    let every = all.len().div_ceil(12).max(1);
    all.into_iter().step_by(every).collect()
}
