//! `ims import`: a spreadsheet turned into a status file that passes
//! `ims validate`, with a summary on stderr of what was mapped, defaulted
//! and left out.

use std::path::Path;

use super::Context;
use super::args::{ImportArgs, check_extension};
use super::io::{self, Failure};
use crate::exit::Outcome;
use crate::import::{self, ImportError, Options, columns::Role, read};
use crate::status::{self, Status};
use crate::terminal::diagnostic;

/// Runs `ims import`.
pub fn run(context: &Context, args: ImportArgs) -> Result<Outcome, Failure> {
    let options = options(context, &args)?;
    check_extension(
        "import",
        args.output.as_deref(),
        &["yaml", "yml"],
        "a YAML status file",
    )?;
    io::refuse_existing(args.output.as_deref(), args.force)?;
    let file = args.file.display().to_string();
    let bytes = io::read_bytes(&args.file).map_err(|p| Failure::Problems(vec![p]))?;
    let sheets = if read::is_workbook(&bytes) {
        read::workbook(&bytes)
    } else {
        read::csv(&file_name(&args.file), &bytes).map(|sheet| vec![sheet])
    }
    .map_err(|err| Failure::message(format!("{file}: {err}"), None))?;
    let imported = import::import(&context.catalog, &file, &sheets, &options).map_err(|err| {
        let help = match &err {
            ImportError::NoHeader(names) => format!(
                "ims looks in the first 30 rows of {} for a header with an id column (such as \"Control\" or \"ID\") and one more it knows; name them with --column id=HEADER",
                names.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", ")
            ),
            ImportError::NoSuchSheet(_, names) => format!(
                "the sheets are {}",
                names.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", ")
            ),
            ImportError::NoStandard => format!(
                "ids such as 4.1 exist in more than one standard: say which with --standard ({})",
                context.catalog.keys().collect::<Vec<_>>().join(" or ")
            ),
        };
        Failure::message(format!("{file}: {err}"), Some(help))
    })?;

    let mut notes = String::new();
    for problem in &imported.problems {
        notes.push_str(&diagnostic(&format!(
            "{file}: {}: {}",
            problem.place, problem.message
        )));
        notes.push('\n');
    }
    io::write_stderr(&notes);
    if imported.entries.is_empty() && imported.additional.is_empty() {
        return Err(Failure::message(
            format!(
                "{file}: nothing could be imported from sheet \"{}\" ({} rows read)",
                imported.sheet, imported.rows
            ),
            Some(
                "check the problems listed above, or name the columns with --column ROLE=HEADER"
                    .to_owned(),
            ),
        ));
    }
    let text = import::write::render(&context.catalog, &imported);
    if text.len() as u64 > io::MAX_INPUT_BYTES {
        return Err(Failure::message(
            format!(
                "{file}: the status file would be {} bytes, more than the {} MiB ims reads; nothing was written",
                text.len(),
                io::MAX_INPUT_BYTES / (1024 * 1024)
            ),
            Some(
                "import a smaller sheet, or check that the columns read are the right ones"
                    .to_owned(),
            ),
        ));
    }
    // The promise: what is written passes `ims validate`.
    let name = args
        .output
        .as_ref()
        .map_or_else(|| "<stdout>".to_owned(), |p| p.display().to_string());
    if let Err(invalid) = status::load(&name, &text, &context.catalog) {
        return Err(Failure::message(
            format!(
                "the imported status file would not validate ({}); nothing was written",
                invalid
                    .0
                    .first()
                    .map_or(String::new(), |p| p.message.clone())
            ),
            Some("this is a bug in ims import; please report it with the spreadsheet".to_owned()),
        ));
    }
    match context.emit(args.output.as_deref(), text.as_bytes(), &[&args.file]) {
        Ok(()) | Err(Failure::BrokenPipe) => {}
        Err(failure) => return Err(failure),
    }
    for line in import::write::summary(&imported, args.output.as_deref()) {
        context.note(&line);
    }
    Ok(Outcome::Passed)
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// The flags, checked.
fn options(context: &Context, args: &ImportArgs) -> Result<Options, Failure> {
    let standard = args
        .standard
        .as_deref()
        .map(|key| context.standard(key, "--standard"))
        .transpose()?;
    let mut columns = Vec::new();
    for given in &args.column {
        let Some((role, header)) = given.split_once('=') else {
            return Err(Failure::message(
                format!("--column `{given}` is not ROLE=HEADER"),
                Some("for example --column id=\"Ctrl #\"".to_owned()),
            ));
        };
        let Some(role) = Role::parse(role) else {
            return Err(Failure::message(
                format!("unknown column role `{role}` in --column"),
                Some(format!(
                    "the roles are {}",
                    Role::ALL.map(Role::as_str).join(", ")
                )),
            ));
        };
        columns.push((role, header.trim().to_owned()));
    }
    let mut statuses = Vec::new();
    if args
        .organisation
        .as_deref()
        .is_some_and(|name| name.trim().is_empty())
    {
        return Err(Failure::message(
            "--organisation is empty",
            Some("give the organisation's name, or leave the flag out".to_owned()),
        ));
    }
    for given in &args.status {
        let Some((word, status)) = given.rsplit_once('=').filter(|(w, _)| !w.trim().is_empty())
        else {
            return Err(Failure::message(
                format!("--status `{given}` is not WORD=STATUS"),
                Some("for example --status \"Live=implemented\"".to_owned()),
            ));
        };
        let status = match status.trim() {
            status::NOT_ASSESSED => None,
            text => Some(Status::parse(text).ok_or_else(|| {
                Failure::message(
                    format!("unknown status `{text}` in --status"),
                    Some("the statuses are implemented, partial, planned, not-implemented, not-applicable and not-assessed".to_owned()),
                )
            })?),
        };
        statuses.push((word.trim().to_owned(), status));
    }
    Ok(Options {
        standard,
        sheet: args.sheet.clone(),
        columns,
        statuses,
        organisation: args.organisation.clone(),
    })
}
