//! The About sheet of ims's own workbook: the organisation, the scope, the
//! date of the assessment and the SoA's approval, each a label in column A
//! and its value in column B. A value ims cannot take is said, never
//! dropped in silence.

use super::read::Sheet;
use super::{Place, from_note, problem};
use crate::date::Date;
use crate::diag::{Problem, ProblemCode};
use crate::status::SoaApproval;

/// The facts of an About sheet, and what could not be taken.
#[derive(Debug, Default)]
pub(super) struct About {
    /// The organisation's name.
    pub organisation: Option<String>,
    /// The scope.
    pub scope: Option<String>,
    /// When the assessment was made.
    pub assessed: Option<Date>,
    /// The SoA's version and approval.
    pub soa: Option<SoaApproval>,
    /// Values changed or left out, located.
    pub problems: Vec<Problem>,
}

/// The facts of the first sheet named About (in any case), if any.
pub(super) fn read(file: &str, sheets: &[Sheet]) -> About {
    let mut about = About::default();
    let Some(sheet) = sheets
        .iter()
        .find(|s| s.name.eq_ignore_ascii_case("about") && s.unreadable.is_none())
    else {
        return about;
    };
    let mut approval = SoaApproval::default();
    for (index, row) in sheet.rows.iter().enumerate() {
        let (Some(label), Some(value)) = (row.get(0), row.get(1)) else {
            continue;
        };
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        let place = Place {
            sheet: sheet.name.clone(),
            row: index + 1,
            column: Some(1),
        };
        let label = label.trim().to_lowercase();
        let mut date = |what: &str| {
            let date = super::lists::read_date(value);
            if date.is_none() {
                about.problems.push(problem(
                    file,
                    &place,
                    ProblemCode::InvalidValue,
                    format!("cannot read `{value}` as a date (YYYY-MM-DD); {what} is left out"),
                ));
            }
            date
        };
        match label.as_str() {
            "organisation" => about.organisation = Some(value.to_owned()),
            "scope" => about.scope = Some(value.to_owned()),
            "assessed" => about.assessed = date("the date of the assessment"),
            "soa version" => approval.version = Some(value.to_owned()),
            "approved by" => approval.approved_by = Some(value.to_owned()),
            "approved on" => approval.approved_on = date("the date the SoA was approved"),
            "risk assessment" => {
                approval.risk_assessment = date("the date of the risk assessment");
            }
            "risk treatment plan" => approval.risk_treatment_plan = Some(value.to_owned()),
            _ => continue,
        }
        // A character no status file can hold was replaced when the
        // sheet was read: say so for the facts that are taken.
        for note in &sheet.notes {
            if note.row == Some(index) && note.column == Some(1) {
                about.problems.push(from_note(file, &sheet.name, note));
            }
        }
    }
    about.soa = (approval != SoaApproval::default()).then_some(approval);
    about
}
