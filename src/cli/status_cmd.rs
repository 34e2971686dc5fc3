//! `ims validate`, `ims init` and `ims schema`: the status file itself.

use super::args::{InitArgs, SchemaArgs, ValidateArgs, ValidateFormat, check_extension};
use super::config::{InitConfig, ValidateConfig};
use super::io::{self, Failure};
use super::{Context, input, report_failure, words};
use crate::exit::Outcome;
use crate::render::github;
use crate::render::table::term;
use crate::status::{schema, template};

/// Runs `ims validate`: every file is checked, and every problem reported.
pub fn validate(context: &Context, args: ValidateArgs) -> Result<Outcome, Failure> {
    let config = ValidateConfig::new(args);
    let mut outcome = Outcome::Passed;
    let mut verdicts = String::new();
    for path in &config.files {
        let shown = term(&path.display().to_string());
        match input::status_file(&context.catalog, path) {
            Ok(assessment) => {
                if config.format == ValidateFormat::Github {
                    continue;
                }
                let entries: Vec<String> = assessment
                    .sections
                    .iter()
                    .map(|section| {
                        format!(
                            "{} {}",
                            section.entries.len(),
                            context.catalog.standards[section.standard].key
                        )
                    })
                    .collect();
                verdicts.push_str(&format!(
                    "{shown}: valid ({}; entries: {})\n",
                    term(&assessment.organisation),
                    entries.join(", ")
                ));
            }
            Err(problems) => {
                let problems = words::with_next_steps(problems);
                match config.format {
                    ValidateFormat::Text => verdicts.push_str(&format!("{shown}: invalid\n")),
                    ValidateFormat::Github => verdicts.push_str(&github::problems(&problems)),
                }
                let failure = Failure::Problems(problems);
                outcome = outcome.worst(report_failure(failure, context.styled_stderr));
            }
        }
    }
    match io::write_stdout(&verdicts) {
        Ok(()) | Err(Failure::BrokenPipe) => Ok(outcome),
        Err(failure) => Err(failure),
    }
}

/// Runs `ims init`: never overwrites a file without --force.
pub fn init(context: &Context, args: InitArgs) -> Result<Outcome, Failure> {
    let config = InitConfig::new(context, args)?;
    let text = template::render(&context.catalog, &config.standards, input::today());
    if let Some(path) = &config.output
        && path.exists()
        && !config.force
    {
        return Err(Failure::message(
            format!(
                "{} already exists; refusing to overwrite it",
                path.display()
            ),
            Some("choose another file, or pass --force to replace it".to_owned()),
        ));
    }
    match context.emit(config.output.as_deref(), text.as_bytes(), &[]) {
        Ok(()) | Err(Failure::BrokenPipe) => {}
        Err(failure) => return Err(failure),
    }
    if let Some(path) = &config.output {
        context.note(&format!(
            "wrote {}: set each item's status, then run `ims gap {}`",
            path.display(),
            path.display()
        ));
    }
    Ok(Outcome::Passed)
}

/// Runs `ims schema`.
pub fn schema(context: &Context, args: SchemaArgs) -> Result<Outcome, Failure> {
    check_extension("schema", args.output.as_deref(), &["json"], "JSON")?;
    let text = schema::render(&context.catalog).map_err(crate::render::Error::from)?;
    match context.emit(args.output.as_deref(), text.as_bytes(), &[]) {
        Ok(()) | Err(Failure::BrokenPipe) => Ok(Outcome::Passed),
        Err(failure) => Err(failure),
    }
}
