//! The plan for a terminal: where each standard stands, the packages at a
//! glance, then each package with its items, what to reuse and why it sits
//! where it does.

use std::fmt::Write as _;

use super::{coverages, item_lines, points, reuse_lines};
use crate::analysis::plan::PlanReport;
use crate::render::table::{Align, bold, cell, table, term};
use crate::render::{Look, Rendered, percent};

/// The whole plan.
pub fn render(plan: &PlanReport, look: Look) -> Rendered {
    let mut out = String::new();
    writeln!(
        out,
        "{}",
        bold(&super::title(plan, &term(&plan.organisation)), look)
    )?;
    if let Some(date) = plan.assessed {
        writeln!(out, "Assessed: {date}")?;
    }
    writeln!(out, "File: {}", term(&plan.file))?;
    let mut t = table(look);
    t.set_header(["Standard", "Coverage now", "Head start", "Open items"]);
    for s in &plan.standards {
        t.add_row([
            cell(&s.id),
            cell(percent(s.coverage)).set_alignment(Align::Right),
            cell(percent(s.head_start)).set_alignment(Align::Right),
            cell(s.open).set_alignment(Align::Right),
        ]);
    }
    writeln!(out, "\n{t}")?;
    if plan.steps.is_empty() {
        writeln!(
            out,
            "\nNothing is open: every item is in place or excluded."
        )?;
        return Ok(out);
    }
    writeln!(
        out,
        "\n{}",
        bold(&format!("Packages ({})", plan.steps.len()), look)
    )?;
    let mut t = table(look);
    t.set_header([
        "#",
        "Package",
        "Kind",
        "Items",
        "After",
        "Gain",
        "Coverage after",
    ]);
    for step in &plan.steps {
        t.add_row([
            cell(step.rank).set_alignment(Align::Right),
            cell(&step.title),
            cell(step.kind.short()),
            cell(step.items.len()).set_alignment(Align::Right),
            cell(super::after_text(&step.after)),
            cell(format!("{:+.1}", step.total_gain)).set_alignment(Align::Right),
            cell(coverages(&step.coverage_after).replace(", ", "\n")),
        ]);
    }
    writeln!(out, "{t}")?;
    writeln!(
        out,
        "Gain: head-start points the package adds across the standards on its own.\nCoverage after: once it and every package before it are done."
    )?;
    for step in &plan.steps {
        let heading = format!("#{} {} ({})", step.rank, step.title, step.kind.label());
        writeln!(out, "\n{}", bold(&term(&heading), look))?;
        writeln!(out, "  Why here: {}", term(&step.why))?;
        writeln!(out, "  Closes:")?;
        for line in item_lines(step) {
            writeln!(out, "    {}", term(&line))?;
        }
        let reuse = reuse_lines(step);
        if !reuse.is_empty() {
            writeln!(out, "  Reuse:")?;
            for line in reuse {
                writeln!(out, "    {}", term(&line))?;
            }
        }
        if !step.owners.is_empty() {
            writeln!(out, "  Owners: {}", term(&step.owners.join(", ")))?;
        }
        if let Some(due) = step.due {
            let overdue = if step.overdue { ", overdue" } else { "" };
            writeln!(out, "  Due: {due}{overdue}")?;
        }
        writeln!(out, "  Gain: {}", points(&step.gain))?;
        writeln!(out, "  Coverage after: {}", coverages(&step.coverage_after))?;
    }
    Ok(out)
}
