//! The `ims` command: everything happens in the library; this maps the
//! outcome to the process exit code.

fn main() -> std::process::ExitCode {
    ims::cli::main()
}
