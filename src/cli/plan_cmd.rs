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
    let report = plan::plan(&context.catalog, &assessment, &config.options);
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
        write_skeleton(dir, &files, config.force, &inputs)?;
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
/// with nothing written. Each file is written atomically.
fn write_skeleton(
    dir: &Path,
    files: &[SkeletonFile],
    force: bool,
    inputs: &[&Path],
) -> Result<(), Failure> {
    if let Ok(meta) = fs::metadata(dir)
        && !meta.is_dir()
    {
        return Err(Failure::message(
            format!(
                "cannot write the skeleton into {}: it is not a directory",
                dir.display()
            ),
            Some("give --skeleton a directory, new or existing".to_owned()),
        ));
    }
    let paths: Vec<PathBuf> = files.iter().map(|f| dir.join(&f.name)).collect();
    let mut problems = Vec::new();
    for path in &paths {
        let Ok(meta) = fs::symlink_metadata(path) else {
            continue;
        };
        let same_as_input = io::file_id(path).is_some_and(|id| {
            inputs
                .iter()
                .any(|input| io::file_id(input).is_some_and(|other| other == id))
        });
        let (message, help) = if same_as_input {
            (
                format!("refusing to write over the input file {}", path.display()),
                "choose another directory for --skeleton; ims never overwrites its input",
            )
        } else if meta.is_dir() {
            (
                format!(
                    "{} is a directory where a document would go",
                    path.display()
                ),
                "move it away, or choose another directory for --skeleton",
            )
        } else if force {
            continue;
        } else {
            (
                format!("{} already exists; nothing was written", path.display()),
                "choose another directory, or pass --force to replace the files",
            )
        };
        problems.push(Problem {
            code: if same_as_input {
                ProblemCode::SameFile
            } else {
                ProblemCode::OutputExists
            },
            file: path.display().to_string(),
            line: 0,
            column: 0,
            message,
            help: Some(help.to_owned()),
            next: None,
        });
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
    for (file, path) in files.iter().zip(&paths) {
        io::write_atomic(path, file.text.as_bytes())?;
    }
    Ok(())
}
