//! `ims plan` and `ims docs`: the way forward from a status file.

use std::fs;
use std::path::{Path, PathBuf};

use super::args::{DocsArgs, DocsFormat, PlanArgs, PlanFormat};
use super::config::{DocsConfig, PlanConfig};
use super::io::{self, Failure};
use super::output::{self, Rules};
use super::{Context, input};
use crate::analysis::{docs as documents, plan};
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
    let data = config.format == PlanFormat::Csv;
    write_report(context, output, &text, &[&config.file], data)
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
    let data = config.format == DocsFormat::Csv;
    write_report(context, output, &text, &inputs, data)
}

/// Writes a report; `data` (CSV) is escaped on a terminal.
fn write_report(
    context: &Context,
    output: Option<&Path>,
    text: &str,
    inputs: &[&Path],
    data: bool,
) -> Result<Outcome, Failure> {
    let written = if data {
        context.emit_data(output, text.as_bytes(), inputs)
    } else {
        context.emit(output, text.as_bytes(), inputs)
    };
    match written {
        Ok(()) | Err(Failure::BrokenPipe) => {}
        Err(failure) => return Err(failure),
    }
    if let Some(path) = output {
        context.note(&format!("wrote {}", path.display()));
    }
    Ok(Outcome::Passed)
}

/// Writes the skeleton into `dir`, all or nothing: every path is checked
/// by the rules of every output (see `output`), except that links are not
/// written through, before the first is written, so that one file in the
/// way stops the run with nothing written; then every file is staged and
/// only renamed into place once all are on disk, and without --force each
/// is created exclusively, so that of several runs at once exactly one
/// writes the skeleton. A folder this run made is taken away again when
/// the run fails.
fn write_skeleton(
    dir: &Path,
    files: &[SkeletonFile],
    force: bool,
    inputs: &[&Path],
) -> Result<(), Failure> {
    let not_a_folder = |why: String| {
        Failure::message(
            format!("cannot write the skeleton into {}: {why}", dir.display()),
            Some("give --skeleton a directory, new or existing".to_owned()),
        )
    };
    let exists = match fs::metadata(dir) {
        Ok(meta) if meta.is_dir() => true,
        Ok(_) => return Err(not_a_folder("it is not a directory".to_owned())),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => false,
        Err(err) => return Err(not_a_folder(io::os_error(&err))),
    };
    let rules = Rules {
        replace: force,
        through_links: false,
    };
    let mut targets = Vec::new();
    let mut problems = Vec::new();
    for file in files {
        match output::check(&dir.join(&file.name), rules, inputs) {
            Ok(target) => targets.push((target, file.text.as_bytes())),
            Err(problem) => problems.push(problem),
        }
    }
    if !problems.is_empty() {
        return Err(Failure::Problems(problems));
    }
    let created = !exists && create_folder(dir)?;
    output::write_all_or_nothing(dir, &targets, created)
}

/// Creates the skeleton's folder and any missing parents; whether this run
/// created the folder itself (another run may have, a moment before).
fn create_folder(dir: &Path) -> Result<bool, Failure> {
    let cannot = |err: std::io::Error| {
        Failure::message(
            format!("cannot create {}: {}", dir.display(), io::os_error(&err)),
            Some("check that the parent directory exists and is writable".to_owned()),
        )
    };
    if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent).map_err(cannot)?;
    }
    match fs::create_dir(dir) {
        Ok(()) => Ok(true),
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists && dir.is_dir() => Ok(false),
        Err(err) => Err(cannot(err)),
    }
}
