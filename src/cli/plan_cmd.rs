//! `ims plan` and `ims docs`: the way forward from a status file.

use super::args::{PlanArgs, PlanFormat};
use super::config::PlanConfig;
use super::io::Failure;
use super::{Context, input};
use crate::analysis::plan;
use crate::exit::Outcome;
use crate::render::plan as view;

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
    match context.emit(output, text.as_bytes(), &[&config.file]) {
        Ok(()) | Err(Failure::BrokenPipe) => {}
        Err(failure) => return Err(failure),
    }
    if let Some(path) = output {
        context.note(&format!("wrote {}", path.display()));
    }
    Ok(Outcome::Passed)
}
