//! `ims validate`, `ims init` and `ims schema`: the status file itself.

use clap::CommandFactory;

use super::args::{
    Cli, CompletionsArgs, InitArgs, SchemaArgs, ValidateArgs, ValidateFormat, check_extension,
};
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
    match context.emit_user_file(config.output.as_deref(), text.as_bytes(), &[], config.force) {
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

/// Runs `ims completions SHELL`: the script on stdout.
pub fn completions(args: CompletionsArgs) -> Result<Outcome, Failure> {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "ims", &mut script);
    match io::write_stdout_bytes(&script) {
        Ok(()) | Err(Failure::BrokenPipe) => Ok(Outcome::Passed),
        Err(failure) => Err(failure),
    }
}

/// Runs `ims manpage`: the page in roff, on stdout or to a file.
pub fn manpage(context: &Context, args: SchemaArgs) -> Result<Outcome, Failure> {
    check_extension(
        "manpage",
        args.output.as_deref(),
        &["1"],
        "a section 1 manual page",
    )?;
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut page)
        .map_err(|err| Failure::message(format!("cannot write the manual page: {err}"), None))?;
    match context.emit(args.output.as_deref(), &page, &[]) {
        Ok(()) | Err(Failure::BrokenPipe) => {}
        Err(failure) => return Err(failure),
    }
    if let Some(path) = &args.output {
        context.note(&format!("wrote {}", path.display()));
    }
    Ok(Outcome::Passed)
}
