//! `ims plan` and `ims docs`: the way forward from a status file.

use std::fs;
use std::path::{Path, PathBuf};

use super::args::{DocsArgs, DocsFormat, PlanArgs, PlanFormat};
use super::config::{DocsConfig, PlanConfig};
use super::io::{self, Failure};
use super::{Context, input};
use crate::analysis::{docs as documents, plan};
use crate::diag::{Problem, ProblemCode};
use crate::exit::Outcome;
use crate::render::docs::skeleton::{self, SkeletonFile};
use crate::render::{docs as docs_view, plan as view};

/// Runs `ims plan`.
pub fn plan(context: &Context, args: PlanArgs) -> Result<Outcome, Failure> {
    let config = PlanConfig::new(context, args)?;
    let assessment =
        input::status_file(&context.catalog, &config.file).map_err(Failure::Problems)?;
    let calendar = config.calendar(&assessment.plan)?;
    let report =
        plan::plan(&context.catalog, &assessment, &config.options, calendar).map_err(|error| {
            Failure::message(
                format!("cannot make the calendar: {error}"),
                Some("check --start, --people and the effort estimates".to_owned()),
            )
        })?;
    let output = config.output.as_deref();
    let text = match config.format {
        PlanFormat::Table => view::table::render(&report, context.look(output)),
        PlanFormat::Json => view::json::render(&report),
        PlanFormat::Csv => view::csv::render(&report),
        PlanFormat::Markdown => view::markdown::render(&report),
        PlanFormat::Html => view::html::render(&report),
    }?;
    write_report(context, output, &text, &[&config.file])
}

/// Runs `ims docs`.
pub fn docs(context: &Context, args: DocsArgs) -> Result<Outcome, Failure> {
    let config = DocsConfig::new(context, args)?;
    let report = match &config.file {
        Some(file) => {
            let assessment =
                input::status_file(&context.catalog, file).map_err(Failure::Problems)?;
            documents::docs(&context.catalog, &assessment, &config.options)
        }
        None => documents::register(&context.catalog, &config.options.focus),
    };
    let inputs: Vec<&Path> = config.file.iter().map(PathBuf::as_path).collect();
    if let Some(dir) = &config.skeleton {
        let files = skeleton::files(&report)?;
        let mut protected = inputs.clone();
        protected.extend(context.catalog_files.iter().map(PathBuf::as_path));
        write_skeleton(dir, &files, config.force, &protected)?;
        context.note(&format!(
            "wrote {} documents and an index README.md to {}",
            files.len() - 1,
            dir.display()
        ));
        return Ok(Outcome::Passed);
    }
    let output = config.output.as_deref();
    let text = match config.format {
        DocsFormat::Table => docs_view::table::render(&report, context.look(output)),
        DocsFormat::Json => docs_view::json::render(&report),
        DocsFormat::Csv => docs_view::csv::render(&report),
        DocsFormat::Markdown => docs_view::markdown::render(&report),
    }?;
    write_report(context, output, &text, &inputs)
}

fn write_report(
    context: &Context,
    output: Option<&Path>,
    text: &str,
    inputs: &[&Path],
) -> Result<Outcome, Failure> {
    match context.emit(output, text.as_bytes(), inputs) {
        Ok(()) | Err(Failure::BrokenPipe) => {}
        Err(failure) => return Err(failure),
    }
    if let Some(path) = output {
        context.note(&format!("wrote {}", path.display()));
    }
    Ok(Outcome::Passed)
}

/// Writes the skeleton into `dir`, all or nothing: every path is checked
/// before the first is written, so that one file in the way stops the run
/// with nothing written; then every file is staged and only renamed into
/// place once all are on disk. Links, devices and pipes are never written
/// through, and no input (the status file, a catalogue) is ever replaced.
fn write_skeleton(
    dir: &Path,
    files: &[SkeletonFile],
    force: bool,
    inputs: &[&Path],
) -> Result<(), Failure> {
    match fs::symlink_metadata(dir) {
        Ok(meta) if meta.is_dir() => {}
        Ok(meta)
            if meta.file_type().is_symlink() && fs::metadata(dir).is_ok_and(|m| m.is_dir()) => {}
        Ok(_) => {
            return Err(Failure::message(
                format!(
                    "cannot write the skeleton into {}: it is not a directory",
                    dir.display()
                ),
                Some("give --skeleton a directory, new or existing".to_owned()),
            ));
        }
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
        Err(err) => {
            return Err(Failure::message(
                format!("cannot use {} for the skeleton: {err}", dir.display()),
                Some("give --skeleton a directory, new or existing".to_owned()),
            ));
        }
    }
    let paths: Vec<PathBuf> = files.iter().map(|f| dir.join(&f.name)).collect();
    let mut problems = Vec::new();
    for path in &paths {
        let meta = match fs::symlink_metadata(path) {
            Ok(meta) => meta,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => continue,
            Err(err) => {
                problems.push(refusal(
                    path,
                    ProblemCode::OutputExists,
                    format!("cannot write {}: {err}", path.display()),
                    "choose another directory for --skeleton",
                ));
                continue;
            }
        };
        let rule = io::refusal(path, inputs, force);
        let refused = if let Some(io::Refusal::Input(input)) = rule {
            Some((
                ProblemCode::SameFile,
                format!(
                    "{} is the input file {}; refusing to write over it",
                    path.display(),
                    input.display()
                ),
                "choose another directory for --skeleton; ims never overwrites its input",
            ))
        } else if meta.file_type().is_symlink() {
            Some((
                ProblemCode::OutputExists,
                format!(
                    "{} is a symbolic link; ims does not write a skeleton through links",
                    path.display()
                ),
                "remove the link, or choose another directory for --skeleton",
            ))
        } else if meta.is_dir() {
            Some((
                ProblemCode::OutputExists,
                format!(
                    "{} is a directory where a document would go",
                    path.display()
                ),
                "move it away, or choose another directory for --skeleton",
            ))
        } else if !meta.is_file() {
            Some((
                ProblemCode::OutputExists,
                format!(
                    "{} is not a regular file (a pipe or a device)",
                    path.display()
                ),
                "move it away, or choose another directory for --skeleton",
            ))
        } else if rule == Some(io::Refusal::Exists) {
            Some((
                ProblemCode::OutputExists,
                format!("{} already exists; nothing was written", path.display()),
                "choose another directory, or pass --force to replace the files",
            ))
        } else if let Err(err) = fs::OpenOptions::new().write(true).open(path) {
            Some((
                ProblemCode::OutputExists,
                format!("cannot replace {}: {err}", path.display()),
                "make the file writable (chmod u+w), or choose another directory for --skeleton",
            ))
        } else {
            None
        };
        if let Some((code, message, help)) = refused {
            problems.push(refusal(path, code, message, help));
        }
    }
    if !problems.is_empty() {
        return Err(Failure::Problems(problems));
    }
    fs::create_dir_all(dir).map_err(|err| {
        Failure::message(
            format!("cannot create {}: {err}", dir.display()),
            Some("check that the parent directory exists and is writable".to_owned()),
        )
    })?;
    let staged: Vec<(PathBuf, &[u8])> = files
        .iter()
        .zip(paths)
        .map(|(file, path)| (path, file.text.as_bytes()))
        .collect();
    io::write_all_or_nothing(dir, &staged)
}

fn refusal(path: &Path, code: ProblemCode, message: String, help: &str) -> Problem {
    Problem {
        code,
        file: path.display().to_string(),
        line: 0,
        column: 0,
        message,
        help: Some(help.to_owned()),
        next: None,
    }
}
