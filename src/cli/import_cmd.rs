//! `ims import`: a spreadsheet turned into a status file that passes
//! `ims validate`, with a summary on stderr of what was mapped, defaulted
//! and left out.

use std::path::Path;

use super::args::{ImportArgs, check_extension};
use super::io::{self, Failure};
use super::output::{self, Rules};
use super::{Context, PROBLEMS_SHOWN};
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
    // Said before the spreadsheet is read; the write checks again, and
    // creates the file only if no other run has by then.
    if let Some(path) = args.output.as_deref() {
        output::check(path, Rules::user_file(args.force), &[&args.file])
            .map_err(|problem| Failure::Problems(vec![problem]))?;
    }
    let stdin = args.file.as_os_str() == io::STDIN;
    let file = if stdin {
        "<stdin>".to_owned()
    } else {
        args.file.display().to_string()
    };
    let bytes = io::read_bytes(&args.file, io::Input::Spreadsheet)
        .map_err(|p| Failure::Problems(vec![p]))?;
    let sheets = import::sheets(&file_name(&args.file, stdin), &bytes)
        .map_err(|err| Failure::message(format!("{file}: {}", err.chain()), read_help(&err)))?;
    let imported = import::import(&context.catalog, &file, &sheets, &options)
        .map_err(|err| refusal(context, &file, &sheets, &err))?;
    report_problems(&file, &imported.problems);
    if imported.entries.is_empty() && imported.additional.is_empty() {
        // The counts, without the first line: nothing was imported.
        for line in import::write::summary(&imported, None, PROBLEMS_SHOWN)
            .iter()
            .skip(1)
        {
            context.note(line);
        }
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
    match context.emit_user_file(
        args.output.as_deref(),
        text.as_bytes(),
        &[&args.file],
        args.force,
    ) {
        Ok(()) | Err(Failure::BrokenPipe) => {}
        Err(failure) => return Err(failure),
    }
    for line in import::write::summary(&imported, args.output.as_deref(), PROBLEMS_SHOWN) {
        context.note(&line);
    }
    Ok(Outcome::Passed)
}

/// Prints the first [`PROBLEMS_SHOWN`] problems on stderr, and how many
/// more there are: the summary counts them all.
fn report_problems(file: &str, problems: &[import::RowProblem]) {
    let mut notes = String::new();
    for problem in problems.iter().take(PROBLEMS_SHOWN) {
        notes.push_str(&diagnostic(&format!(
            "{file}: {}: {}",
            problem.place, problem.message
        )));
        notes.push('\n');
    }
    if problems.len() > PROBLEMS_SHOWN {
        notes.push_str(&format!(
            "... and {} more problems not shown; the summary below counts them all\n",
            problems.len() - PROBLEMS_SHOWN
        ));
    }
    io::write_stderr(&notes);
}

/// What to do about a file that cannot be read.
fn read_help(err: &read::ReadError) -> Option<String> {
    let help = match err {
        read::ReadError::Encrypted => {
            "open it in the spreadsheet program, remove the password, and save it again"
        }
        read::ReadError::NotXls(_) => {
            "open it in the spreadsheet program and save it as an Excel workbook (.xlsx), an ODS workbook or CSV UTF-8"
        }
        read::ReadError::TooSpread { .. } => {
            "delete the cells far from the table (select the empty rows and columns after it, delete them, and save), or save the sheet as .xlsx or CSV"
        }
        read::ReadError::UnclosedQuote(_) => {
            "close the quote, or double a quote that is part of the text (\"\"); a spreadsheet program saves such files correctly"
        }
        read::ReadError::NotUtf8 => {
            "an .xlsx workbook is read as one only when it is a ZIP archive; a CSV file must be UTF-8"
        }
        _ => return None,
    };
    Some(help.to_owned())
}

/// The failure when nothing can be imported, with what to do.
fn refusal(context: &Context, file: &str, sheets: &[read::Sheet], err: &ImportError) -> Failure {
    let listed = |names: &[String]| -> String {
        names
            .iter()
            .map(|n| format!("\"{n}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let all: Vec<String> = sheets
        .iter()
        .map(|s| match (&s.unreadable, s.hidden) {
            (Some(_), _) => format!("\"{}\" (again, cannot be read)", s.name),
            (None, true) => format!("\"{}\" (hidden)", s.name),
            (None, false) => format!("\"{}\"", s.name),
        })
        .collect();
    let help = match err {
        ImportError::NoHeader(names) if names.is_empty() => format!(
            "no sheet is both visible and readable; the sheets are {}: name one with --sheet",
            all.join(", ")
        ),
        ImportError::NoHeader(names) => format!(
            "ims looks in the first 30 rows of {} for a header with an id column (such as \"Control\" or \"ID\") and one more it knows; name them with --column id=HEADER",
            listed(names)
        ),
        ImportError::NoSuchSheet(..) => format!("the sheets are {}", all.join(", ")),
        ImportError::NoStandard => format!(
            "ids such as 4.1 exist in more than one standard: say which with --standard ({})",
            context.catalog.keys().collect::<Vec<_>>().join(" or ")
        ),
        ImportError::NoSheets => "save the workbook again from the spreadsheet program".to_owned(),
        ImportError::Unreadable(_) => format!("the sheets are {}", all.join(", ")),
        ImportError::NoRows { .. } => {
            "fill in a row for each control below the header, or name another sheet with --sheet"
                .to_owned()
        }
        ImportError::Empty(_) => format!(
            "check that this is the file you meant; the sheets are {}",
            all.join(", ")
        ),
    };
    Failure::message(format!("{file}: {err}"), Some(help))
}

/// The name a CSV file's one sheet goes by.
fn file_name(path: &Path, stdin: bool) -> String {
    if stdin {
        return "<stdin>".to_owned();
    }
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
