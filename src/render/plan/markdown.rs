//! The plan as Markdown for a client document: where each standard stands
//! and the effort left, the milestones and phases, the packages at a
//! glance, then one section per package, under its phase.

use std::fmt::Write as _;

use super::{
    EFFORT_COLUMNS, RULE, coverages, days, effort_columns, effort_note, effort_text,
    milestone_name, milestone_why, phase_about, phase_label, points,
};
use crate::analysis::plan::{PlanReport, PlanStep};
use crate::render::markdown::{md_cell, table};
use crate::render::table::Align::{Left, Right};
use crate::render::{Rendered, percent, status_label};

/// The whole plan.
pub fn render(plan: &PlanReport) -> Rendered {
    let mut out = String::new();
    writeln!(
        out,
        "# {}\n",
        super::title(plan, &md_cell(&plan.header.organisation))
    )?;
    if let Some(scope) = &plan.header.scope {
        writeln!(out, "Scope: {}\n", md_cell(scope))?;
    }
    writeln!(out, "{RULE}\n")?;
    table(
        &mut out,
        &[
            ("Standard", Left),
            ("Coverage now", Right),
            ("Head start", Right),
            ("Open items", Right),
            (EFFORT_COLUMNS[0], Right),
            (EFFORT_COLUMNS[1], Right),
            (EFFORT_COLUMNS[2], Right),
        ],
        plan.standards.iter().map(|s| {
            let certified = if s.certified { " (certified)" } else { "" };
            [
                format!("{}{certified}", md_cell(&s.name)),
                percent(s.coverage),
                percent(s.head_start),
                s.open.to_string(),
            ]
            .into_iter()
            .chain(effort_columns(s))
            .collect::<Vec<_>>()
        }),
    )?;
    writeln!(out, "\n{}", md_cell(&effort_note(plan)))?;
    if plan.steps.is_empty() {
        out.push_str("\nNothing is open: every item is in place or excluded.\n");
        return Ok(out);
    }
    calendar(&mut out, plan)?;
    out.push_str("\n## Packages\n\n");
    let dated = plan.calendar.is_some();
    table(
        &mut out,
        &[
            ("#", Right),
            ("Package", Left),
            ("Phase", Left),
            ("Kind", Left),
            ("Effort", Right),
            (if dated { "Start" } else { "After" }, Left),
            (if dated { "End" } else { "Gain" }, Left),
        ],
        plan.steps.iter().map(|step| {
            let (fifth, sixth) = if dated {
                (
                    step.start.map(|d| d.to_string()).unwrap_or_default(),
                    step.end.map(|d| d.to_string()).unwrap_or_default(),
                )
            } else {
                (
                    super::after_text(&step.after),
                    format!("{:+.1}", step.total_gain),
                )
            };
            [
                step.rank.to_string(),
                md_cell(&step.title),
                phase_label(step.phase).to_owned(),
                step.kind.label().to_owned(),
                step.effort.map_or("-".to_owned(), |e| days(e.days)),
                fifth,
                sixth,
            ]
        }),
    )?;
    let mut phase = None;
    for (index, step) in plan.steps.iter().enumerate() {
        if index == 0 || step.phase != phase {
            phase = step.phase;
            writeln!(
                out,
                "\n## {}\n\n{}.",
                phase_label(phase),
                capitalised(phase_about(phase))
            )?;
        }
        package(&mut out, step)?;
    }
    Ok(out)
}

/// The first letter in capitals.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The milestones and the phases, when there is a calendar.
fn calendar(out: &mut String, plan: &PlanReport) -> std::fmt::Result {
    let Some(calendar) = &plan.calendar else {
        out.push_str("\nNo calendar: `ims plan --start DATE` dates the steps and gives the Stage 1 and Stage 2 milestones.\n");
        return Ok(());
    };
    writeln!(
        out,
        "\n## Milestones\n\nFrom {}, {} full time; {} weeks of operation before the internal audit; Stage 2 {} weeks after Stage 1.\n",
        calendar.start,
        super::team(calendar.people),
        calendar.operate_weeks,
        calendar.stage_gap_weeks
    )?;
    table(
        out,
        &[("Date", Left), ("Milestone", Left), ("Why", Left)],
        plan.milestones.iter().map(|milestone| {
            [
                milestone.date.to_string(),
                md_cell(&milestone_name(milestone)),
                md_cell(&milestone_why(milestone, plan)),
            ]
        }),
    )?;
    for caution in &calendar.cautions {
        writeln!(
            out,
            "\n**Caution:** {}.",
            md_cell(&super::caution_text(caution))
        )?;
    }
    out.push_str("\n## Phases\n\n");
    table(
        out,
        &[
            ("Phase", Left),
            ("Steps", Left),
            ("Effort", Right),
            ("Start", Left),
            ("End", Left),
        ],
        plan.phases.iter().map(|phase| {
            [
                phase_label(phase.phase).to_owned(),
                super::steps_text(&phase.steps),
                days(phase.effort_days),
                phase.start.map(|d| d.to_string()).unwrap_or_default(),
                phase.end.map(|d| d.to_string()).unwrap_or_default(),
            ]
        }),
    )
}

/// One package's section.
fn package(out: &mut String, step: &PlanStep) -> std::fmt::Result {
    writeln!(out, "\n### {}. {}\n", step.rank, md_cell(&step.title))?;
    writeln!(
        out,
        "*{}*, serving {}. Why here: {}.\n",
        step.kind.label(),
        step.standards.join(" and "),
        md_cell(&super::why(step))
    )?;
    table(
        out,
        &[
            ("Standard", Left),
            ("Id", Left),
            ("Title", Left),
            ("Status", Left),
            ("Effort", Right),
            ("Priority", Left),
            ("Owner", Left),
            ("Due", Left),
        ],
        step.items.iter().map(|item| {
            [
                md_cell(&item.standard),
                md_cell(&item.id),
                md_cell(&item.title),
                status_label(item.status).to_owned(),
                item.effort.map_or("-".to_owned(), |e| days(e.days)),
                item.priority
                    .map(|p| p.as_str().to_owned())
                    .unwrap_or_default(),
                item.owner.as_deref().map(md_cell).unwrap_or_default(),
                item.due.map(|d| d.to_string()).unwrap_or_default(),
            ]
        }),
    )?;
    if !step.reuse.is_empty() {
        out.push_str("\nReuse:\n\n");
        for reuse in &step.reuse {
            let sources: Vec<String> = reuse
                .sources
                .iter()
                .map(|s| {
                    format!(
                        "{} {} {} ({})",
                        md_cell(&s.standard),
                        md_cell(&s.id),
                        md_cell(&s.title),
                        s.status
                    )
                })
                .collect();
            write!(
                out,
                "- {} {}: from {}",
                md_cell(&reuse.standard),
                md_cell(&reuse.id),
                sources.join("; ")
            )?;
            if let Some(residual) = &reuse.residual {
                write!(out, ". Still needed: {}", md_cell(residual))?;
            }
            out.push('\n');
        }
    }
    let mut facts = vec![format!("Effort: {}", effort_text(step.effort))];
    if let (Some(start), Some(end)) = (step.start, step.end) {
        facts.push(format!("Dates: {start} to {end}"));
    }
    facts.push(format!("Gain: {}", points(&step.gain)));
    facts.push(format!(
        "Coverage after: {}",
        coverages(&step.coverage_after)
    ));
    if !step.owners.is_empty() {
        let owners: Vec<String> = step.owners.iter().map(|o| md_cell(o)).collect();
        facts.push(format!("Owners: {}", owners.join(", ")));
    }
    if let Some(due) = step.due {
        let mut flags = Vec::new();
        if step.overdue {
            flags.push("overdue");
        }
        if step.late {
            flags.push("the calendar ends it later");
        }
        let flags = if flags.is_empty() {
            String::new()
        } else {
            format!(" ({})", flags.join("; "))
        };
        facts.push(format!("Due: {due}{flags}"));
    }
    writeln!(out, "\n{}", facts.join(". ") + ".")
}
