//! Helpers shared by the integration tests.

#![allow(dead_code, clippy::unwrap_used)]

use assert_cmd::Command;

/// The ims binary, run from the repository root with a clean environment:
/// no CI, no forced colour or width, NO_COLOR set.
pub fn ims() -> Command {
    let mut command = Command::cargo_bin("ims").unwrap();
    command
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("CI")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("COLUMNS")
        .env("NO_COLOR", "1");
    command
}
