//! The plan as Markdown for a client document: where each standard stands,
//! the packages at a glance, then one section per package.

use std::fmt::Write as _;

use super::{RULE, coverages, points};
use crate::analysis::plan::PlanReport;
use crate::render::markdown::{md_cell, table};
use crate::render::table::Align::{Left, Right};
use crate::render::{Rendered, percent, status_label};

/// The whole plan.
pub fn render(plan: &PlanReport) -> Rendered {
    let mut out = String::new();
    writeln!(
        out,
        "# {}\n",
        super::title(plan, &md_cell(&plan.organisation))
    )?;
    if let Some(scope) = &plan.scope {
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
        ],
        plan.standards.iter().map(|s| {
            [
                md_cell(&s.name),
                percent(s.coverage),
                percent(s.head_start),
                s.open.to_string(),
            ]
        }),
    )?;
    if plan.steps.is_empty() {
        out.push_str("\nNothing is open: every item is in place or excluded.\n");
        return Ok(out);
    }
    out.push_str("\n## Packages\n\n");
    table(
        &mut out,
        &[
            ("#", Right),
            ("Package", Left),
            ("Kind", Left),
            ("Items", Right),
            ("After", Left),
            ("Gain", Right),
            ("Coverage after", Left),
        ],
        plan.steps.iter().map(|step| {
            [
                step.rank.to_string(),
                md_cell(&step.title),
                step.kind.label().to_owned(),
                step.items.len().to_string(),
                super::after_text(&step.after),
                format!("{:+.1}", step.total_gain),
                coverages(&step.coverage_after),
            ]
        }),
    )?;
    for step in &plan.steps {
        writeln!(out, "\n## {}. {}\n", step.rank, md_cell(&step.title))?;
        writeln!(
            out,
            "*{}*, serving {}. Why here: {}.\n",
            step.kind.label(),
            step.standards.join(" and "),
            md_cell(&step.why)
        )?;
        table(
            &mut out,
            &[
                ("Standard", Left),
                ("Id", Left),
                ("Title", Left),
                ("Status", Left),
                ("Owner", Left),
                ("Due", Left),
            ],
            step.items.iter().map(|item| {
                [
                    md_cell(&item.standard),
                    md_cell(&item.id),
                    md_cell(&item.title),
                    status_label(item.status).to_owned(),
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
        let mut facts = vec![format!("Gain: {}", points(&step.gain))];
        facts.push(format!(
            "Coverage after: {}",
            coverages(&step.coverage_after)
        ));
        if !step.owners.is_empty() {
            let owners: Vec<String> = step.owners.iter().map(|o| md_cell(o)).collect();
            facts.push(format!("Owners: {}", owners.join(", ")));
        }
        if let Some(due) = step.due {
            let overdue = if step.overdue { " (overdue)" } else { "" };
            facts.push(format!("Due: {due}{overdue}"));
        }
        writeln!(out, "\n{}", facts.join(". ") + ".")?;
    }
    Ok(out)
}
