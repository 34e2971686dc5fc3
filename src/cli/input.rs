//! Reading what the user gives: one function reads a status file, one reads
//! a snapshot (a status file or an earlier JSON report), and one asks the
//! clock for today's date.

use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use super::io::{self, Failure};
use crate::date::Date;
use crate::diag::Problem;
use crate::model::Catalog;
use crate::snapshot::{Snapshot, SnapshotError};
use crate::status::{self, Assessment};

/// Reads and checks one status file; every problem found, located.
pub fn status_file(catalog: &Catalog, path: &Path) -> Result<Assessment, Vec<Problem>> {
    let text = io::read_text(path, io::Input::Status).map_err(|problem| vec![problem])?;
    status::load(&path.display().to_string(), &text, catalog).map_err(|err| err.0)
}

/// Reads a status file or a JSON report of `ims gap` as a snapshot, to
/// compare with.
pub fn snapshot(catalog: &Catalog, path: &Path) -> Result<Snapshot, Failure> {
    let text = io::read_text(path, io::Input::Snapshot)
        .map_err(|problem| Failure::Problems(vec![problem]))?;
    let name = path.display().to_string();
    if Snapshot::is_json(&text) {
        Snapshot::from_report_json(&name, &text)
            .and_then(|snapshot| snapshot.check_against(catalog).map(|()| snapshot))
            .map_err(|err| {
                let help = match err {
                    SnapshotError::UnknownStandard { .. } | SnapshotError::UnknownItem { .. } => {
                        "load the catalogues the report was written with: --catalog DIR"
                    }
                    SnapshotError::UnreadableVersion(_) => {
                        "write the report again with this ims: ims gap FILE --format json"
                    }
                    _ => "give a status file, or a report written by `ims gap --format json`",
                };
                Failure::message(format!("{name}: {err}"), Some(help.to_owned()))
            })
    } else {
        let assessment = status::load(&name, &text, catalog)?;
        Ok(Snapshot::from_assessment(catalog, &assessment))
    }
}

/// Today's date from the system clock, for measuring evidence age and
/// dating a new status file.
pub fn today() -> Option<Date> {
    let elapsed = SystemTime::now().duration_since(UNIX_EPOCH).ok()?;
    Date::from_days(i64::try_from(elapsed.as_secs() / 86_400).ok()?)
}
