//! `ims import`: a spreadsheet turned into a status file that passes
//! `ims validate`, with a summary on stderr of what was mapped, defaulted
//! and left out.

use std::path::Path;

use super::args::{ImportArgs, check_extension};
use super::io::{self, Failure};
use super::output::{self, Rules};
use super::{Context, PROBLEMS_SHOWN};
use crate::diag::Problem;
use crate::exit::Outcome;
use crate::import::{self, ImportError, Options, columns::Role, read};
use crate::render;
use crate::status::{self, Status};

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
    report_problems(context, &file, &imported.problems, &imported.known_words);
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

/// Prints the first [`PROBLEMS_SHOWN`] problems on stderr, those that say
/// the same thing at several rows said once, and how many more there are:
/// the summary counts them all. Then the known words, once, when a row used
/// one ims does not know.
fn report_problems(context: &Context, file: &str, problems: &[Problem], known_words: &[String]) {
    let grouped = crate::diag::grouped(problems);
    let mut notes = render::problems::problems(&grouped, PROBLEMS_SHOWN, context.styled_stderr);
    if grouped.len() > PROBLEMS_SHOWN {
        notes.push_str("the summary below counts every problem\n");
    }
    // Whole, not shortened as a diagnostic is: the list is the point.
    for line in known_words {
        notes.push_str(&crate::terminal::escape(&format!("{file}: {line}")));
        notes.push('\n');
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
        ImportError::NoSuchColumn { present, .. } if present.is_empty() => format!(
            "the sheet has no headers in its first {} rows",
            import::columns::HEADER_ROWS
        ),
        ImportError::NoSuchColumn {
            role, present, row, ..
        } => format!(
            "the headers of row {row}, the closest first: {}; name one of them with --column {role}=HEADER",
            present
                .iter()
                .map(|h| format!("\"{h}\""))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        ImportError::NoRows { .. } => {
            "fill in a row for each control below the header, or name another sheet with --sheet"
                .to_owned()
        }
        ImportError::UnknownFramework(_) => format!(
            "export the audit against the framework of an edition ims holds ({}), or give --standard if its ids are that edition's",
            context
                .catalog
                .standards
                .iter()
                .map(|s| s.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
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
        let header = header.trim().to_owned();
        let named = import::columns::normalise(&header);
        if let Some((other, _)) = columns
            .iter()
            .find(|(r, h): &&(Role, String)| *r == role || import::columns::normalise(h) == named)
        {
            return Err(Failure::message(
                if *other == role {
                    format!("--column names the role {role} twice")
                } else {
                    format!("--column names the header `{header}` for both {other} and {role}")
                },
                Some("name each role once, each with a header of its own".to_owned()),
            ));
        }
        columns.push((role, header));
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
        let word = word.trim().to_owned();
        if let Some((_, other)) = statuses.iter().find(|(w, s): &&(String, Option<Status>)| {
            import::words::key(w) == import::words::key(&word) && *s != status
        }) {
            let name = |s: Option<Status>| s.map_or(status::NOT_ASSESSED, Status::as_str);
            return Err(Failure::message(
                format!(
                    "--status gives `{word}` both {} and {}",
                    name(*other),
                    name(status)
                ),
                Some("give each word one meaning".to_owned()),
            ));
        }
        statuses.push((word, status));
    }
    let mut applicable = Vec::new();
    for given in &args.applicable {
        let read = given
            .rsplit_once('=')
            .filter(|(w, _)| !w.trim().is_empty())
            .and_then(|(word, yes)| match yes.trim() {
                "yes" => Some((word, true)),
                "no" => Some((word, false)),
                _ => None,
            });
        let Some((word, yes)) = read else {
            return Err(Failure::message(
                format!("--applicable `{given}` is not WORD=yes or WORD=no"),
                Some(
                    "for example --applicable \"Zahrnuto=yes\" or --applicable \"Mimo rozsah=no\""
                        .to_owned(),
                ),
            ));
        };
        let word = word.trim().to_owned();
        if let Some((_, other)) = applicable.iter().find(|(w, y): &&(String, bool)| {
            import::words::key(w) == import::words::key(&word) && *y != yes
        }) {
            return Err(Failure::message(
                format!(
                    "--applicable gives `{word}` both {} and {}",
                    if *other { "yes" } else { "no" },
                    if yes { "yes" } else { "no" }
                ),
                Some("give each word one meaning".to_owned()),
            ));
        }
        applicable.push((word, yes));
    }
    let mut files = Vec::new();
    for path in &args.words {
        let text = io::read_text(path, io::Input::Catalogue)
            .map_err(|problem| Failure::Problems(vec![problem]))?;
        files.push((path.display().to_string(), text));
    }
    let words = import::load_words(&files).map_err(|invalid| Failure::Problems(invalid.0))?;
    Ok(Options {
        standard,
        sheet: args.sheet.clone(),
        columns,
        statuses,
        applicable,
        words,
        organisation: args.organisation.clone(),
    })
}
