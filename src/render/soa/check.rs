//! `ims soa --check` in words: one line per problem of a control an
//! auditor would reject (`error[code]`), one per thing an auditor would
//! question (`warning[code]`), and the verdict.

use crate::analysis::soa::{Caution, CautionCode, Check, Rejected, Rejection, SoaReport};
use crate::date::Date;
use crate::status::Hollow;

/// One line per rejection: `error[unjustified]: std X.7 Threat
/// intelligence: applicable, with no reason or justification for including
/// it`.
pub fn lines(report: &SoaReport, check: &Check) -> Vec<String> {
    check
        .rejections
        .iter()
        .map(|r| {
            if r.why.of_statement() {
                return format!("error[{}]: {}", r.why.as_str(), statement_problem(report));
            }
            let control = match &r.source {
                None => format!("{} {} {}", report.standard, r.id, r.title),
                Some(source) => format!("additional control {} {} ({source})", r.id, r.title),
            };
            format!("error[{}]: {control}: {}", r.why.as_str(), problem(r))
        })
        .collect()
}

/// What is wrong with the statement as a whole.
/// (Approval before the risk assessment is the only one.)
fn statement_problem(report: &SoaReport) -> String {
    let soa = report.approval.clone().unwrap_or_default();
    format!(
        "the Statement of Applicability was approved on {}, before the risk assessment of {} that its decisions rest on: approve it again after the assessment, or correct `soa.approved_on` or `soa.risk_assessment`",
        day(soa.approved_on),
        day(soa.risk_assessment)
    )
}

/// A date, or nothing.
fn day(date: Option<Date>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

fn problem(r: &Rejection) -> String {
    let detail = r.detail.as_deref().unwrap_or_default();
    match r.why {
        Rejected::Unjustified if r.source.is_none() => {
            "applicable, with no reason or justification for including it".to_owned()
        }
        Rejected::Unjustified => "applicable, with no justification for including it".to_owned(),
        Rejected::ExclusionUnjustified => {
            "excluded, with no justification for excluding it".to_owned()
        }
        Rejected::Undecided => "not decided: neither included nor excluded".to_owned(),
        Rejected::HollowJustification => match r.hollow {
            Some(Hollow::Invisible) => {
                "its justification holds only invisible characters: say in words why it is included or excluded".to_owned()
            }
            _ => format!(
                "its justification `{detail}` is a placeholder, not a reason: say in words why it is included or excluded"
            ),
        },
        Rejected::RiskTreatmentWithoutRisk => {
            "included to treat risks, but names no risk: list the ids of the risks it treats under `risks`".to_owned()
        }
        Rejected::ApprovedBeforeRiskAssessment => String::new(),
        Rejected::ExcludedByHeading => format!(
            "excluded only by the entry of heading {detail}, which excludes its whole theme at once: an auditor wants a justification for each excluded control, in an entry of its own"
        ),
    }
}

/// One line per caution: `warning[nothing-to-show]: std X.1 ...`.
pub fn warnings(report: &SoaReport, check: &Check) -> Vec<String> {
    check
        .cautions
        .iter()
        .map(|c| {
            format!(
                "warning[{}]: {}",
                c.code.as_str(),
                caution(report, check, c)
            )
        })
        .collect()
}

fn caution(report: &SoaReport, check: &Check, c: &Caution) -> String {
    let id = c.id.as_deref().unwrap_or_default();
    let title = c.title.as_deref().unwrap_or_default();
    let detail = c.detail.as_deref().unwrap_or_default();
    let approval = report.approval.clone().unwrap_or_default();
    match c.code {
        CautionCode::NothingToShow => format!(
            "{} {id} {title}: implemented, with neither an implementation reference nor evidence: an auditor will ask to see it working",
            report.standard
        ),
        CautionCode::StatusNotAssessed => format!(
            "{} {id} {title}: included, but its implementation status is not assessed: record how far it is in place (implemented, partial, planned or not-implemented)",
            report.standard
        ),
        CautionCode::StaleEvidence => format!(
            "{} {id} {title}: evidence `{}` is dated {}, {} days before {}; the limit is {} days: refresh it, or date its last check",
            report.standard,
            c.evidence.as_deref().unwrap_or_default(),
            c.date.map(|d| d.to_string()).unwrap_or_default(),
            c.age.unwrap_or_default(),
            check.as_of.map(|d| d.to_string()).unwrap_or_default(),
            check.max_evidence_age.unwrap_or_default()
        ),
        CautionCode::InheritedFromHeading => format!(
            "{} of {} applicable controls take their status, reasons and justification from a heading ({}) rather than an entry of their own: an auditor samples control by control, so give each its own entry with its reasons, risks and evidence",
            c.count,
            report.summary.applicable,
            c.headings.join(", ")
        ),
        CautionCode::SoaIncomplete => format!(
            "the `soa` block does not give {}: an auditor checks that the statement names its version and approval and the risk assessment and treatment plan it follows from",
            c.items
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        CautionCode::VersionNotLatest => format!(
            "the statement is version {} but its history's newest change, of {}, is version {}: approve the newest version, or correct `soa.version`",
            approval.version.as_deref().unwrap_or_default(),
            day(c.date),
            detail
        ),
        CautionCode::ChangedAfterApproval => format!(
            "version {detail} in the history is dated {}, after the approval of {}: have the change approved, and record the new approval",
            day(c.date),
            day(approval.approved_on)
        ),
        CautionCode::AssessedAfterApproval => format!(
            "the statuses were assessed on {}, after the statement was approved on {}, still under version {}: approve the statement again, under a new version, if any decision or status changed",
            day(c.date),
            day(approval.approved_on),
            approval.version.as_deref().unwrap_or("(none)")
        ),
        CautionCode::StockExclusion => format!(
            "{} {id} {title}: excluded as `{detail}`, which names the decision but not its ground: say what makes the control not apply (no premises of that kind, no such activity, a risk judged absent)",
            report.standard
        ),
        CautionCode::CopiedExclusion => format!(
            "{} controls share the exclusion `{detail}` ({}): an auditor reads one text copied onto many controls as no judgement of each; say for each why it does not apply",
            c.count,
            c.items.join(", ")
        ),
    }
}

/// The verdict over every control, standard's and additional.
pub fn verdict(report: &SoaReport, check: &Check) -> String {
    let controls = report.rows.len() + report.additional.len();
    let warned = match check.cautions.len() {
        0 => String::new(),
        1 => "; 1 warning above".to_owned(),
        n => format!("; {n} warnings above"),
    };
    let statement = check.rejections.iter().any(|r| r.why.of_statement());
    match (check.rejected_controls(), statement) {
        (0, false) => format!(
            "the Statement of Applicability would pass: all {controls} controls are decided, each with its reason or justification{warned}"
        ),
        (0, true) => format!(
            "the Statement of Applicability would be rejected by an auditor for its approval{warned}"
        ),
        (n, false) => format!("{n} of {controls} controls would be rejected by an auditor{warned}"),
        (n, true) => format!(
            "{n} of {controls} controls, and the approval of the statement, would be rejected by an auditor{warned}"
        ),
    }
}
