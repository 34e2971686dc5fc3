//! The plan for a terminal: where each standard stands and the effort left,
//! the calendar's milestones and phases, the packages at a glance, then each
//! package with its items, what to reuse and why it sits where it does, the
//! reasons wrapped whole to the width.

use std::fmt::Write as _;

use super::{
    EFFORT_COLUMNS, coverages, days, effort_columns, effort_note, effort_text, item_lines,
    milestone_name, milestone_why, phase_label, points, reuse_lines,
};
use crate::analysis::plan::PlanReport;
use crate::render::table::{Align, bold, cell, paragraph, sentence, table, term};
use crate::render::{Look, Rendered, percent};

/// The whole plan.
pub fn render(plan: &PlanReport, look: Look) -> Rendered {
    let mut out = String::new();
    writeln!(
        out,
        "{}",
        bold(&super::title(plan, &term(&plan.header.organisation)), look)
    )?;
    if let Some(date) = plan.header.assessed {
        writeln!(out, "Assessed: {date}")?;
    }
    writeln!(out, "File: {}", term(&plan.header.file))?;
    standards(&mut out, plan, look)?;
    if plan.steps.is_empty() {
        writeln!(
            out,
            "\nNothing is open: every item is in place or excluded."
        )?;
        return Ok(out);
    }
    calendar(&mut out, plan, look)?;
    packages(&mut out, plan, look)?;
    details(&mut out, plan, look)?;
    Ok(out)
}

fn standards(out: &mut String, plan: &PlanReport, look: Look) -> std::fmt::Result {
    let mut t = table(look);
    let mut header = vec!["Standard", "Coverage now", "Head start", "Open items"];
    header.extend(EFFORT_COLUMNS);
    t.set_header(header);
    for s in &plan.standards {
        let certified = if s.certified { " (certified)" } else { "" };
        let mut row = vec![
            cell(format!("{}{certified}", s.id)),
            cell(percent(s.coverage)).set_alignment(Align::Right),
            cell(percent(s.head_start)).set_alignment(Align::Right),
            cell(s.open).set_alignment(Align::Right),
        ];
        row.extend(
            effort_columns(s)
                .into_iter()
                .map(|text| cell(text).set_alignment(Align::Right)),
        );
        t.add_row(row);
    }
    writeln!(out, "\n{t}")?;
    writeln!(out, "{}", paragraph(&effort_note(plan), 0, look.width))
}

fn calendar(out: &mut String, plan: &PlanReport, look: Look) -> std::fmt::Result {
    let Some(calendar) = &plan.calendar else {
        return writeln!(
            out,
            "\n{}",
            paragraph(
                "No calendar: give --start DATE (and --people N) for dates, phases and the Stage 1 and Stage 2 milestones.",
                0,
                look.width
            )
        );
    };
    let line = format!(
        "Calendar: from {}, {} full time, {} weeks of operation before the internal audit",
        calendar.start,
        super::team(calendar.people),
        calendar.operate_weeks
    );
    writeln!(out, "\n{}", bold(&paragraph(&line, 0, look.width), look))?;
    let mut t = table(look);
    t.set_header(["Date", "Milestone", "Why"]);
    for milestone in &plan.milestones {
        t.add_row([
            cell(milestone.date),
            cell(milestone_name(milestone)),
            sentence(milestone_why(milestone, plan)),
        ]);
    }
    writeln!(out, "{t}")?;
    for caution in &calendar.cautions {
        let text = format!("Caution: {}.", super::caution_text(caution));
        writeln!(out, "{}", paragraph(&text, 0, look.width))?;
    }
    let mut t = table(look);
    t.set_header(["Phase", "Steps", "Effort", "Start", "End"]);
    for phase in &plan.phases {
        t.add_row([
            cell(phase_label(phase.phase)),
            cell(super::steps_text(&phase.steps)),
            cell(days(phase.effort_days)).set_alignment(Align::Right),
            cell(phase.start.map(|d| d.to_string()).unwrap_or_default()),
            cell(phase.end.map(|d| d.to_string()).unwrap_or_default()),
        ]);
    }
    writeln!(out, "{t}")
}

fn packages(out: &mut String, plan: &PlanReport, look: Look) -> std::fmt::Result {
    writeln!(
        out,
        "\n{}",
        bold(&format!("Packages ({})", plan.steps.len()), look)
    )?;
    let mut t = table(look);
    let dated = plan.calendar.is_some();
    // With a calendar the phases table gives each step's phase, and the
    // dates need the room.
    if dated {
        t.set_header(["#", "Package", "Effort", "Start", "End"]);
    } else {
        t.set_header(["#", "Package", "Phase", "Effort", "After", "Gain"]);
    }
    for step in &plan.steps {
        let effort =
            cell(step.effort.map_or("-".to_owned(), |e| days(e.days))).set_alignment(Align::Right);
        let (rank, title) = (
            cell(step.rank).set_alignment(Align::Right),
            cell(&step.title),
        );
        if dated {
            t.add_row([
                rank,
                title,
                effort,
                cell(step.start.map(|d| d.to_string()).unwrap_or_default()),
                cell(step.end.map(|d| d.to_string()).unwrap_or_default()),
            ]);
        } else {
            t.add_row([
                rank,
                title,
                cell(phase_label(step.phase)),
                effort,
                cell(super::after_text(&step.after)),
                cell(format!("{:+.1}", step.total_gain)).set_alignment(Align::Right),
            ]);
        }
    }
    writeln!(out, "{t}")
}

fn details(out: &mut String, plan: &PlanReport, look: Look) -> std::fmt::Result {
    let width = look.width;
    for step in &plan.steps {
        let heading = format!(
            "#{} {} ({}, {})",
            step.rank,
            step.title,
            step.kind.label(),
            phase_label(step.phase).to_lowercase()
        );
        writeln!(out, "\n{}", bold(&paragraph(&heading, 0, width), look))?;
        writeln!(
            out,
            "{}",
            paragraph(&format!("Why here: {}.", super::why(step)), 2, width)
        )?;
        let mut facts = vec![format!("Effort: {}", effort_text(step.effort))];
        if let (Some(start), Some(end), Some(people)) = (step.start, step.end, step.people) {
            let who = match people {
                0 => String::new(),
                1 => ", 1 person".to_owned(),
                n => format!(", {n} people"),
            };
            facts.push(format!("{start} to {end}{who}"));
        }
        writeln!(out, "{}", paragraph(&facts.join(". "), 2, width))?;
        writeln!(out, "  Closes:")?;
        for line in item_lines(step) {
            writeln!(out, "{}", paragraph(&line, 4, width))?;
        }
        let reuse = reuse_lines(step);
        if !reuse.is_empty() {
            writeln!(out, "  Reuse:")?;
            for line in reuse {
                writeln!(out, "{}", paragraph(&line, 4, width))?;
            }
        }
        if !step.owners.is_empty() {
            writeln!(
                out,
                "{}",
                paragraph(&format!("Owners: {}", step.owners.join(", ")), 2, width)
            )?;
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
            writeln!(out, "  Due: {due}{flags}")?;
        }
        writeln!(
            out,
            "{}",
            paragraph(
                &format!(
                    "Gain: {}. Coverage after: {}.",
                    points(&step.gain),
                    coverages(&step.coverage_after)
                ),
                2,
                width
            )
        )?;
    }
    Ok(())
}
