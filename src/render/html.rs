//! What every HTML page shares: a template environment whose formatter
//! HTML-escapes every value and shows control and bidi characters escaped,
//! as every human-readable format does.

use minijinja::{Environment, Value};

use crate::render::percent;

/// The page every HTML output extends.
const PAGE: &str = include_str!("page.html");

/// An environment holding `template` under `name`, with the `percent`
/// function; an error only if the embedded template is broken.
pub fn environment(
    name: &'static str,
    template: &'static str,
) -> Result<Environment<'static>, String> {
    let mut env = Environment::new();
    // The page every HTML output extends: one place for the head and its
    // Content-Security-Policy.
    env.add_template("page.html", PAGE)
        .map_err(|e| e.to_string())?;
    env.add_template(name, template)
        .map_err(|e| e.to_string())?;
    env.add_function("percent", |value: Option<f64>| percent(value));
    // Control and bidi characters could hide or reorder what a reader sees:
    // shown escaped, then HTML-escaped. Markup the template builds itself
    // (a macro's output) is already safe.
    env.set_formatter(|out, state, value| match value.as_str() {
        Some(text) if !value.is_safe() && text.contains(crate::terminal::is_unsafe) => {
            let shown = crate::terminal::escape_lines(text);
            minijinja::escape_formatter(out, state, &Value::from(shown.as_ref()))
        }
        _ => minijinja::escape_formatter(out, state, value),
    });
    Ok(env)
}
