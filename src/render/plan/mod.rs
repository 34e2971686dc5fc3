//! The work plan, one file per format: a terminal view, JSON, CSV, Markdown
//! and a self-contained HTML page with a timeline and a burn-up chart. This
//! module holds the words the formats share: the analysis gives reasons and
//! milestones as data, and they are worded here, once.

pub mod csv;
mod gantt;
pub mod html;
pub mod json;
pub mod markdown;
pub mod table;

use crate::analysis::ItemRef;
use crate::analysis::effort::Effort;
use crate::analysis::plan::{
    BOOKING_WEEKS, Caution, Figure, MAX_STAGE_GAP_WEEKS, MIN_OPERATE_WEEKS, Milestone,
    MilestoneKind, PlanReport, PlanStandard, PlanStep, PlanWait, Rule,
};
use crate::model::Phase;
use crate::render::{percent, status_label};

/// The plan's title: "Work plan", towards the target if there is one, and
/// the organisation.
pub fn title(plan: &PlanReport, organisation: &str) -> String {
    match &plan.target {
        Some(target) => format!("Work plan towards {target}: {organisation}"),
        None => format!("Work plan: {organisation}"),
    }
}

/// How the plan is made, in one paragraph for people.
pub const RULE: &str = "Each package is one deliverable: a management-system element run once for every standard, a process together with the controls of other standards it serves, or the items written up in one document of the integrated document set. Packages come in the order their items build on each other (leadership before policy, the scope before risk assessment, risk assessment before treatment, everything in place before the internal audit, the audit before management review). Among the packages ready at a point, the open items of a certificate already held come first; then the earlier phase of the project (establish, plan, implement, audit, review); then the higher risk priority; then the package the longest chain of later work waits for; then the one that adds the most head-start points; then the one due soonest. Effort is in person-days after reuse: what is in place and what the other standards already give is not done twice.";

/// A phase's name for people; `None` is a live certificate's work.
pub fn phase_label(phase: Option<Phase>) -> &'static str {
    match phase {
        None => "Keep the certificate",
        Some(Phase::Establish) => "Establish",
        Some(Phase::Plan) => "Plan",
        Some(Phase::Implement) => "Implement",
        Some(Phase::Audit) => "Internal audit",
        Some(Phase::Review) => "Review and improve",
    }
}

/// What a phase covers, in a line.
pub fn phase_about(phase: Option<Phase>) -> &'static str {
    match phase {
        None => "open items of a certificate already held, closed before its next audit",
        Some(Phase::Establish) => {
            "the leadership mandate, scope, policy, roles, resources, documents and the handling of nonconformities"
        }
        Some(Phase::Plan) => "risk assessment and treatment, objectives and planning",
        Some(Phase::Implement) => {
            "controls and processes put into operation, with monitoring and reporting"
        }
        Some(Phase::Audit) => "the first internal audit of the system in operation",
        Some(Phase::Review) => "the first management review, and improvement",
    }
}

/// The team, in words: `1 person`, `2 people`, `1.5 people`.
pub fn team(people: f64) -> String {
    if (people - 1.0).abs() < 1e-9 {
        "1 person".to_owned()
    } else {
        format!("{people} people")
    }
}

/// Person-days, one decimal: `12.5 d`.
pub fn days(value: f64) -> String {
    format!("{value:.1} d")
}

/// The effort columns of the standards table, in order.
pub const EFFORT_COLUMNS: [&str; 3] = ["Without reuse", "After reuse", "In this plan"];

/// A standard's three effort figures, as [`EFFORT_COLUMNS`] name them; dashes
/// without estimates.
pub fn effort_columns(standard: &PlanStandard) -> [String; 3] {
    let dash = || "-".to_owned();
    [
        standard
            .effort
            .map_or_else(dash, |e| days(e.days_without_reuse)),
        standard.effort.map_or_else(dash, |e| days(e.days)),
        standard.effort_in_plan.map_or_else(dash, days),
    ]
}

/// What the three effort figures mean, with the scale applied.
pub fn effort_note(plan: &PlanReport) -> String {
    let scale = if (plan.effort_scale - 1.0).abs() > f64::EPSILON {
        format!(", scaled by {}", plan.effort_scale)
    } else {
        String::new()
    };
    format!(
        "Effort in person-days for the catalogues' reference organisation{scale}. Without reuse: what is not yet in place, as if each standard were built alone. After reuse: less what the other standards already in place give. In this plan: less again what this plan builds once for both standards (a shared clause, a process that runs a control), counted for the standard whose package builds it first. The team is counted in full-time equivalents of everyone on the project, net of leave and other duties."
    )
}

/// A package's or standard's effort: `12.5 d (30.0 without reuse)`; a dash
/// without estimates.
pub fn effort_text(effort: Option<Effort>) -> String {
    match effort {
        Some(effort) if (effort.days - effort.days_without_reuse).abs() >= 0.05 => format!(
            "{} ({:.1} without reuse)",
            days(effort.days),
            effort.days_without_reuse
        ),
        Some(effort) => days(effort.days),
        None => "not estimated".to_owned(),
    }
}

/// Figures per standard as `key value`, joined: `alpha +4.2, beta +1.0`.
pub fn points(figures: &[Figure]) -> String {
    figures
        .iter()
        .filter_map(|f| f.value.map(|v| format!("{} {v:+.1}", f.standard)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Coverages per standard: `alpha 52.0%, beta 97.4%`.
pub fn coverages(figures: &[Figure]) -> String {
    figures
        .iter()
        .map(|f| format!("{} {}", f.standard, percent(f.value)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// An item as `key id`.
fn item(reference: &ItemRef) -> String {
    format!("{} {}", reference.standard, reference.id)
}

/// The items of a step, one line each: `alpha 6.1.2 Risk assessment
/// (partial, 3.0 d)`.
pub fn item_lines(step: &PlanStep) -> Vec<String> {
    step.items
        .iter()
        .map(|item| {
            let mut facts = vec![status_label(item.status).to_owned()];
            if let Some(effort) = item.effort {
                let own = if item.own_estimate {
                    ", own estimate"
                } else {
                    ""
                };
                facts.push(format!("{}{own}", days(effort.days)));
            }
            if let Some(priority) = item.priority {
                facts.push(format!("{priority} priority"));
            }
            format!(
                "{} {} {} ({})",
                item.standard,
                item.id,
                item.title,
                facts.join(", ")
            )
        })
        .collect()
}

/// What to reuse, one line per item that has a source.
pub fn reuse_lines(step: &PlanStep) -> Vec<String> {
    step.reuse
        .iter()
        .map(|reuse| {
            let sources: Vec<String> = reuse
                .sources
                .iter()
                .map(|s| format!("{} {} ({})", s.standard, s.id, s.status))
                .collect();
            let residual = reuse
                .residual
                .as_deref()
                .map(|r| format!("; still needed: {r}"))
                .unwrap_or_default();
            format!(
                "{} {} from {}{residual}",
                reuse.standard,
                reuse.id,
                sources.join(", ")
            )
        })
        .collect()
}

/// The ranks a package waits for, for a column: all of them when there are
/// a few, else the first and last few with how many there are.
pub fn after_text(after: &[usize]) -> String {
    let ranks: Vec<String> = after.iter().map(|r| format!("#{r}")).collect();
    if ranks.len() <= 6 {
        return ranks.join(" ");
    }
    format!(
        "{} … {} ({} packages)",
        ranks[..3].join(" "),
        ranks[ranks.len() - 2..].join(" "),
        ranks.len()
    )
}

/// The steps of a phase: `#4 to #9` when they follow one another, else
/// as [`after_text`] lists ranks.
pub fn steps_text(ranks: &[usize]) -> String {
    match (ranks.first(), ranks.last()) {
        (Some(first), Some(last)) if first == last => format!("#{first}"),
        (Some(first), Some(last)) if last - first + 1 == ranks.len() => {
            format!("#{first} to #{last}")
        }
        _ => after_text(ranks),
    }
}

/// The first wait, in words: `alpha 6.1.2 waits for alpha 5.3 (reason)`.
fn wait_text(wait: &PlanWait) -> String {
    if wait.closes {
        return format!(
            "{}, an open item of the certificate held, is closed by the work on {}",
            item(&wait.item),
            item(&wait.waits_for)
        );
    }
    let reason = wait
        .reason
        .as_deref()
        .map(|r| r.trim_end_matches('.'))
        .filter(|r| !r.is_empty())
        .map(|r| format!(" ({r})"))
        .unwrap_or_default();
    format!(
        "{} waits for {}{reason}",
        item(&wait.item),
        item(&wait.waits_for)
    )
}

/// Why a step sits where it does, in one sentence.
pub fn why(step: &PlanStep) -> String {
    let mut parts = Vec::new();
    if let Some(first) = step.waits.first() {
        let ranks: Vec<String> = step.after.iter().map(|r| format!("#{r}")).collect();
        let ranks = if ranks.len() > 6 {
            format!("{} packages", ranks.len())
        } else {
            ranks.join(", ")
        };
        parts.push(format!("after {ranks}: {}", wait_text(first)));
    }
    let why = &step.why;
    let others = match why.ready_with {
        1 => "the other package ready then".to_owned(),
        n => format!("the {n} other packages ready then"),
    };
    let chain = if why.chain_in_steps {
        format!("a chain of {} packages", why.chain)
    } else {
        format!("a chain of {} of work", days(why.chain))
    };
    let phase = phase_label(step.phase).to_lowercase();
    let due = step.due.map(|d| d.to_string()).unwrap_or_default();
    parts.push(match why.rule {
        Rule::OnlyReady => "the only work ready at this point".to_owned(),
        Rule::LiveCertificate => {
            format!("open items of a certificate already held come before {others}, so that the next audit finds them closed")
        }
        Rule::LiveCertificateDue => {
            format!("of the certificate's open items, due soonest ({due})")
        }
        Rule::EarlierPhase => format!("the {phase} phase comes before the work of {others}"),
        Rule::Priority => format!(
            "the risk treatment gives it {} priority, above {others}",
            step.priority.map_or("a", |p| p.as_str())
        ),
        Rule::LongestChain => format!(
            "{chain}, its own included, waits for it: more than for {others}"
        ),
        Rule::Gain => format!(
            "adds {:.1} head-start points, the most of {others} and itself",
            why.gain
        ),
        Rule::Due => format!("due sooner ({due}) than {others}"),
        Rule::CatalogueOrder => format!("level with {others} on every rule; first in catalogue order"),
    });
    parts.join("; ")
}

/// A milestone's name.
pub fn milestone_name(milestone: &Milestone) -> String {
    let standards = milestone.standards.join(" + ");
    // Two management systems audited together, as one integrated system:
    // an integrated audit (a joint audit is one by several bodies).
    let joint = if milestone.standards.len() > 1 {
        ", one integrated audit"
    } else {
        ""
    };
    match milestone.kind {
        MilestoneKind::SurveillanceAudit => format!("Next audit of the {standards} certificate"),
        MilestoneKind::PlanningDone => {
            "Planning done: risks assessed, treatment decided".to_owned()
        }
        MilestoneKind::BookCertificationBody => {
            format!("Book the certification body for Stage 1 ({standards}{joint})")
        }
        MilestoneKind::SystemInOperation => "System in operation".to_owned(),
        MilestoneKind::OperatingPeriodComplete => "Operating period complete".to_owned(),
        MilestoneKind::InternalAuditDone => "First internal audit done".to_owned(),
        MilestoneKind::ManagementReviewDone => "First management review done".to_owned(),
        MilestoneKind::Stage1 => format!("Ready for Stage 1 ({standards}{joint})"),
        MilestoneKind::Stage2 => format!("Ready for Stage 2 ({standards}{joint})"),
    }
}

/// A caution on the calendar, in words.
pub fn caution_text(caution: &Caution) -> String {
    match *caution {
        Caution::ShortOperation { weeks } => format!(
            "{weeks} weeks of operation before the internal audit is less than the {MIN_OPERATE_WEEKS} that certification bodies commonly accept: the audits will find few records to sample"
        ),
        Caution::NoStageGap => "Stage 2 straight after Stage 1 leaves no time to close what Stage 1 finds; bodies commonly plan some weeks between the two".to_owned(),
        Caution::LongStageGap { weeks } => format!(
            "{weeks} weeks between the stages is more than the {MAX_STAGE_GAP_WEEKS} or so that bodies commonly allow before Stage 1 has to be done again"
        ),
        Caution::LateBooking { weeks } => format!(
            "Stage 1 is only {weeks} weeks after the start: book the certification body at once, as bodies commonly plan {BOOKING_WEEKS} weeks ahead"
        ),
    }
}

/// Why a milestone falls where it does.
pub fn milestone_why(milestone: &Milestone, plan: &PlanReport) -> String {
    let step = |rank: Option<usize>| rank.map(|r| format!("step #{r}")).unwrap_or_default();
    let weeks = milestone.weeks.unwrap_or(0);
    match milestone.kind {
        MilestoneKind::SurveillanceAudit => match milestone.closes_by {
            Some(date) if date <= milestone.date => {
                format!("the plan closes the certificate's open items by {date}, before the audit")
            }
            Some(date) => format!(
                "the plan closes the certificate's open items only on {date}, after the audit: bring them forward or add people"
            ),
            None => "no open items of the certificate remain in the plan".to_owned(),
        },
        MilestoneKind::PlanningDone => format!(
            "{} ends the plan phase: the risks are assessed, their treatment and the controls it needs are decided and approved, and the objectives are set, so the implement phase knows what to put in place",
            step(milestone.after_step)
        ),
        MilestoneKind::BookCertificationBody => {
            let mut text = format!(
                "bodies commonly plan their auditors' time about {weeks} weeks ahead: ask for quotes, agree the audit days and book Stage 1 for the date below"
            );
            if milestone.standards.len() > 1 {
                text.push_str(
                    "; for one integrated audit, choose a body accredited for every standard audited",
                );
            }
            text
        }
        MilestoneKind::SystemInOperation => format!(
            "every open clause and applicable control is in place once {} ends; from here the system builds up the records an audit samples",
            step(milestone.after_step)
        ),
        MilestoneKind::OperatingPeriodComplete => format!(
            "{weeks} weeks of the system in operation, so that monitoring results, incidents, changes and reviews are on record for the internal audit, as certification bodies commonly expect; what runs quarterly or yearly (access reviews, supplier reviews, a continuity exercise) should have run once by now, or be scheduled with its first run on record"
        ),
        MilestoneKind::InternalAuditDone => format!(
            "{} audits the system in operation, by auditors who do not audit their own work (an outside auditor where the team is too small for that); the certification body asks for the report at Stage 1",
            step(milestone.after_step)
        ),
        MilestoneKind::ManagementReviewDone => format!(
            "{} closes the first management review, which takes in the audit results",
            step(milestone.after_step)
        ),
        MilestoneKind::Stage1 => {
            let mut notes = Vec::new();
            if milestone.standards.len() > 1 {
                notes.push(
                    "the body must be accredited for every standard audited together".to_owned(),
                );
            }
            for audit in plan
                .milestones
                .iter()
                .filter(|m| m.kind == MilestoneKind::SurveillanceAudit)
            {
                let held = audit.standards.join(" and ");
                notes.push(if audit.date >= milestone.date {
                    format!(
                        "the {held} certificate's next audit ({}) comes after it: its body can hold the two together",
                        audit.date
                    )
                } else {
                    format!(
                        "the {held} certificate's next audit ({}) comes first: hold Stage 1 on its own, or ask that body to align the new certificate's first surveillance with that certificate's cycle",
                        audit.date
                    )
                });
            }
            let combined: String = notes.iter().map(|note| format!("; {note}")).collect();
            let audited = plan.milestones.iter().any(|m| {
                matches!(
                    m.kind,
                    MilestoneKind::InternalAuditDone | MilestoneKind::ManagementReviewDone
                )
            });
            let done = if audited {
                "every step is done, the first internal audit and management review among them"
            } else {
                "every step is done"
            };
            format!(
                "{done}, and the operating period is over: the certification body can review the documented system and its readiness{combined}"
            )
        }
        MilestoneKind::Stage2 => format!(
            "{weeks} weeks after Stage 1, to close what Stage 1 finds; Stage 2 audits the system in operation"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wait_says_its_reason_in_brackets_and_never_empty_brackets() {
        let item = |id: &str| ItemRef {
            standard: "alpha".to_owned(),
            id: id.to_owned(),
        };
        let wait = |reason: Option<&str>| PlanWait {
            rank: 1,
            item: item("6.1.2"),
            waits_for: item("5.3"),
            reason: reason.map(str::to_owned),
            closes: false,
        };
        assert_eq!(
            wait_text(&wait(Some("Roles come first."))),
            "alpha 6.1.2 waits for alpha 5.3 (Roles come first)"
        );
        for reason in [None, Some("."), Some("")] {
            assert_eq!(
                wait_text(&wait(reason)),
                "alpha 6.1.2 waits for alpha 5.3",
                "{reason:?}"
            );
        }
    }

    #[test]
    fn every_phase_has_a_name_and_a_line() {
        let mut names: Vec<&str> = Phase::ALL.iter().map(|&p| phase_label(Some(p))).collect();
        names.push(phase_label(None));
        let count = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), count, "phase names are distinct");
        assert!(Phase::ALL.iter().all(|&p| !phase_about(Some(p)).is_empty()));
    }

    #[test]
    fn effort_shows_the_saving_only_when_there_is_one() {
        let same = Effort {
            days: 4.0,
            days_without_reuse: 4.0,
        };
        assert_eq!(effort_text(Some(same)), "4.0 d");
        let saved = Effort {
            days: 1.5,
            days_without_reuse: 6.0,
        };
        assert_eq!(effort_text(Some(saved)), "1.5 d (6.0 without reuse)");
        assert_eq!(effort_text(None), "not estimated");
    }
}
