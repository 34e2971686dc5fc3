//! The plan as one self-contained HTML page: inline CSS, an inline SVG
//! timeline of the steps and milestones when the plan has a calendar, an
//! inline SVG burn-up chart of each standard's coverage rising package by
//! package, no scripts, fonts or network. Every piece of text is
//! HTML-escaped by the template engine.

use minijinja::value::Serde;
use minijinja::{Value, context};
use serde::Serialize;

use super::{
    RULE, coverages, days, effort_text, milestone_name, milestone_why, phase_label, points,
};
use crate::analysis::plan::PlanReport;
use crate::render::{Error, Rendered, status_label};

const TEMPLATE: &str = include_str!("plan.html");

/// Colours of the lines, one per standard in turn.
const COLOURS: [&str; 4] = ["#1f3864", "#2e8540", "#c0392b", "#e07b00"];

/// The burn-up chart: one line per standard, from today (step 0) to the
/// last package.
#[derive(Debug, Serialize)]
struct Chart {
    width: u32,
    height: u32,
    left: u32,
    top: u32,
    plot_width: u32,
    plot_height: u32,
    lines: Vec<Line>,
    x_ticks: Vec<Tick>,
    y_ticks: Vec<Tick>,
}

#[derive(Debug, Serialize)]
struct Line {
    standard: String,
    colour: &'static str,
    points: String,
    end: String,
}

#[derive(Debug, Serialize)]
struct Tick {
    at: f64,
    label: String,
}

fn chart(plan: &PlanReport) -> Chart {
    let (width, height, left, top) = (760u32, 300u32, 48u32, 16u32);
    let (plot_width, plot_height) = (width - left - 120, height - top - 40);
    let steps = plan.steps.len().max(1);
    let x = |step: usize| f64::from(left) + f64::from(plot_width) * step as f64 / steps as f64;
    let y = |value: f64| f64::from(top) + f64::from(plot_height) * (1.0 - value / 100.0);
    // A standard with nothing applicable has no coverage to draw.
    let mut lines: Vec<Line> = plan
        .standards
        .iter()
        .enumerate()
        .filter(|(_, standard)| standard.coverage.is_some())
        .map(|(index, standard)| {
            let mut values = vec![standard.coverage.unwrap_or(0.0)];
            for step in &plan.steps {
                let after = step
                    .coverage_after
                    .iter()
                    .find(|f| f.standard == standard.id)
                    .and_then(|f| f.value)
                    .unwrap_or(0.0);
                values.push(after);
            }
            let points: Vec<String> = values
                .iter()
                .enumerate()
                .map(|(step, value)| format!("{:.1},{:.1}", x(step), y(*value)))
                .collect();
            let last = values.last().copied().unwrap_or(0.0);
            Line {
                standard: standard.id.clone(),
                colour: COLOURS[index % COLOURS.len()],
                points: points.join(" "),
                end: format!("{:.1}", y(last)),
            }
        })
        .collect();
    // Labels at the lines' ends, kept 14 pixels apart where lines end together.
    let mut order: Vec<usize> = (0..lines.len()).collect();
    order.sort_by(|&a, &b| {
        let y = |i: usize| lines[i].end.parse::<f64>().unwrap_or(0.0);
        y(a).total_cmp(&y(b))
    });
    let mut previous = f64::MIN;
    for index in order {
        let y = lines[index]
            .end
            .parse::<f64>()
            .unwrap_or(0.0)
            .max(previous + 14.0);
        lines[index].end = format!("{y:.1}");
        previous = y;
    }
    let every = steps.div_ceil(12).max(1);
    let x_ticks = (0..=steps)
        .filter(|step| step % every == 0 || *step == steps)
        .map(|step| Tick {
            at: x(step),
            label: if step == 0 {
                "now".to_owned()
            } else {
                format!("#{step}")
            },
        })
        .collect();
    let y_ticks = [0.0, 25.0, 50.0, 75.0, 100.0]
        .into_iter()
        .map(|value| Tick {
            at: y(value),
            label: format!("{value:.0}%"),
        })
        .collect();
    Chart {
        width,
        height,
        left,
        top,
        plot_width,
        plot_height,
        lines,
        x_ticks,
        y_ticks,
    }
}

/// One package, worded for the page.
#[derive(Debug, Serialize)]
struct Step<'a> {
    rank: usize,
    title: &'a str,
    kind: &'static str,
    phase: &'static str,
    standards: String,
    why: String,
    after: String,
    effort: String,
    effort_short: String,
    dates: String,
    items: Vec<[String; 7]>,
    reuse: Vec<String>,
    gain: String,
    total_gain: String,
    coverage_after: String,
    owners: String,
    due: String,
}

/// A milestone, worded for the page.
#[derive(Debug, Serialize)]
struct Milestone {
    date: String,
    name: String,
    why: String,
}

/// A phase, worded for the page.
#[derive(Debug, Serialize)]
struct Phase {
    name: &'static str,
    steps: String,
    effort: String,
    start: String,
    end: String,
}

/// The whole page; an error only if the embedded template is broken.
pub fn render(plan: &PlanReport) -> Rendered {
    render_page(plan).map_err(Error::Html)
}

fn render_page(plan: &PlanReport) -> Result<String, String> {
    let env = crate::render::html::environment("plan.html", TEMPLATE)?;
    let steps: Vec<Step<'_>> = plan
        .steps
        .iter()
        .map(|step| Step {
            rank: step.rank,
            title: &step.title,
            kind: step.kind.label(),
            phase: phase_label(step.phase),
            standards: step.standards.join(" and "),
            why: super::why(step),
            after: super::after_text(&step.after),
            effort: effort_text(step.effort),
            effort_short: step.effort.map_or("-".to_owned(), |e| days(e.days)),
            dates: match (step.start, step.end) {
                (Some(start), Some(end)) => format!("{start} to {end}"),
                _ => String::new(),
            },
            items: step
                .items
                .iter()
                .map(|item| {
                    [
                        item.standard.clone(),
                        item.id.clone(),
                        item.title.clone(),
                        status_label(item.status).to_owned(),
                        item.effort.map_or("-".to_owned(), |e| days(e.days)),
                        item.owner.clone().unwrap_or_default(),
                        item.due.map(|d| d.to_string()).unwrap_or_default(),
                    ]
                })
                .collect(),
            reuse: super::reuse_lines(step),
            gain: points(&step.gain),
            total_gain: format!("{:+.1}", step.total_gain),
            coverage_after: coverages(&step.coverage_after),
            owners: step.owners.join(", "),
            due: step
                .due
                .map(|d| {
                    let mut flags = Vec::new();
                    if step.overdue {
                        flags.push("overdue");
                    }
                    if step.late {
                        flags.push("the calendar ends it later");
                    }
                    if flags.is_empty() {
                        d.to_string()
                    } else {
                        format!("{d} ({})", flags.join("; "))
                    }
                })
                .unwrap_or_default(),
        })
        .collect();
    let milestones: Vec<Milestone> = plan
        .milestones
        .iter()
        .map(|milestone| Milestone {
            date: milestone.date.to_string(),
            name: milestone_name(milestone),
            why: milestone_why(milestone, plan),
        })
        .collect();
    let phases: Vec<Phase> = plan
        .phases
        .iter()
        .map(|phase| Phase {
            name: phase_label(phase.phase),
            steps: super::steps_text(&phase.steps),
            effort: days(phase.effort_days),
            start: phase.start.map(|d| d.to_string()).unwrap_or_default(),
            end: phase.end.map(|d| d.to_string()).unwrap_or_default(),
        })
        .collect();
    let template = env.get_template("plan.html").map_err(|e| e.to_string())?;
    let mut html = template
        .render(context! {
            plan => Value::from(Serde(plan)),
            title => super::title(plan, &plan.header.organisation),
            rule => RULE,
            effort_columns => super::EFFORT_COLUMNS,
            effort => plan.standards.iter().map(super::effort_columns).collect::<Vec<_>>(),
            effort_note => super::effort_note(plan),
            cautions => plan.calendar.iter().flat_map(|c| c.cautions.iter().map(super::caution_text)).collect::<Vec<_>>(),
            generator => format!("ims {}", env!("CARGO_PKG_VERSION")),
            chart => Value::from(Serde(chart(plan))),
            gantt => Value::from(Serde(super::gantt::gantt(plan))),
            steps => Value::from(Serde(steps)),
            milestones => Value::from(Serde(milestones)),
            team => plan.calendar.as_ref().map(|c| super::team(c.people)).unwrap_or_default(),
            phases => Value::from(Serde(phases)),
        })
        .map_err(|e| format!("{e:#}"))?;
    if !html.ends_with('\n') {
        html.push('\n');
    }
    Ok(html)
}
