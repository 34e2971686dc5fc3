//! The tests that run under a harness of their own (libtest-mimic), in one
//! test binary: one test per CLI case in `tests/cmd/`, named by its file, and
//! the tests that need an outside program (Chromium, LibreOffice, an
//! unprivileged user, mkfifo), reported as ignored where the program is missing.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod browser;
mod cli_cases;
mod common;
mod fifo;
mod spreadsheet;
mod unprivileged;

fn main() -> std::process::ExitCode {
    let trials = [
        cli_cases::trials(),
        browser::trials(),
        spreadsheet::trials(),
        unprivileged::trials(),
        fifo::trials(),
    ]
    .into_iter()
    .flatten()
    .collect();
    libtest_mimic::run(&libtest_mimic::Arguments::from_args(), trials).exit_code()
}
