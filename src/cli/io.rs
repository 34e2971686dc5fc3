//! The only place that touches files, stdout and stderr: bounded reads of
//! input files, atomic writes of reports, and quiet ends on broken pipes.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use crate::diag::{Pos, Problem, ProblemCode, Problems};

/// Largest input file read, in bytes. A complete status file is well under 1 MiB.
pub const MAX_INPUT_BYTES: u64 = 8 * 1024 * 1024;

/// Why a command stopped early.
#[derive(Debug)]
pub enum Failure {
    /// Problems in input files, each located.
    Problems(Vec<Problem>),
    /// Bad usage or failed I/O, with a hint.
    Message {
        /// What went wrong.
        message: String,
        /// How to fix it.
        help: Option<String>,
    },
    /// The reader of stdout went away; stop without a word.
    BrokenPipe,
}

impl Failure {
    /// A failure with a message and a hint.
    pub fn message(message: impl Into<String>, help: Option<String>) -> Self {
        Failure::Message {
            message: message.into(),
            help,
        }
    }
}

impl From<crate::render::Error> for Failure {
    fn from(err: crate::render::Error) -> Self {
        Failure::message(err.to_string(), None)
    }
}

impl From<crate::diag::InvalidInput> for Failure {
    fn from(err: crate::diag::InvalidInput) -> Self {
        Failure::Problems(err.0)
    }
}

/// Reads a UTF-8 text file, refusing directories, missing files and files
/// over [`MAX_INPUT_BYTES`] before reading them whole.
pub fn read_text(path: &Path) -> Result<String, Problem> {
    let bytes = read_bytes(path)?;
    let mut problems = Problems::new(path.display().to_string());
    let fail = |problems: Problems| problems.into_sorted().remove(0);
    String::from_utf8(bytes).map_err(|err| {
        let valid = &err.as_bytes()[..err.utf8_error().valid_up_to()];
        let text = String::from_utf8_lossy(valid);
        let line = text.matches('\n').count() + 1;
        let column = text
            .rsplit('\n')
            .next()
            .map_or(0, |last| last.chars().count())
            + 1;
        problems
            .add(
                ProblemCode::NotUtf8,
                Pos::new(line as u64, column as u64),
                "the file is not valid UTF-8 text",
            )
            .help("save the file as UTF-8 (editors offer it under \"encoding\")");
        fail(problems)
    })
}

/// Reads a file's bytes, refusing directories, missing files and files
/// over [`MAX_INPUT_BYTES`] before reading them whole.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, Problem> {
    let name = path.display().to_string();
    let mut problems = Problems::new(name.clone());
    let fail = |problems: Problems| problems.into_sorted().remove(0);
    let metadata = match fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(err) => {
            let (message, help) = describe_open_error(&err);
            problems
                .add(ProblemCode::Unreadable, Pos::default(), message)
                .help(help);
            return Err(fail(problems));
        }
    };
    if metadata.is_dir() {
        problems
            .add(
                ProblemCode::Unreadable,
                Pos::default(),
                "this is a directory, not a file",
            )
            .help("give the path of a YAML file; a directory of catalogues goes to --catalog");
        return Err(fail(problems));
    }
    if metadata.len() > MAX_INPUT_BYTES {
        problems
            .add(
                ProblemCode::TooLarge,
                Pos::default(),
                too_large(metadata.len()),
            )
            .help("check that this is the right file; status files and catalogues are small");
        return Err(fail(problems));
    }
    let mut bytes = Vec::new();
    let read = fs::File::open(path)
        .and_then(|file| file.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes));
    if let Err(err) = read {
        let (message, help) = describe_open_error(&err);
        problems
            .add(ProblemCode::Unreadable, Pos::default(), message)
            .help(help);
        return Err(fail(problems));
    }
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        // It grew while being read; only the first bytes past the limit were read.
        problems.add(
            ProblemCode::TooLarge,
            Pos::default(),
            format!(
                "the file is larger than {} MiB ({MAX_INPUT_BYTES} bytes), the most ims reads",
                MAX_INPUT_BYTES / (1024 * 1024)
            ),
        );
        return Err(fail(problems));
    }
    Ok(bytes)
}

/// The message for a file over [`MAX_INPUT_BYTES`], with its exact size.
fn too_large(bytes: u64) -> String {
    format!(
        "the file is {bytes} bytes, larger than {} MiB ({MAX_INPUT_BYTES} bytes), the most ims reads",
        MAX_INPUT_BYTES / (1024 * 1024)
    )
}

/// What went wrong opening a file, and how to fix it.
pub(crate) fn describe_open_error(err: &io::Error) -> (String, String) {
    match err.kind() {
        io::ErrorKind::NotFound => (
            "no such file".to_owned(),
            "check the path; `ims init -o status.yaml` writes a new status file".to_owned(),
        ),
        io::ErrorKind::PermissionDenied => (
            "permission denied".to_owned(),
            "make the file readable for this user".to_owned(),
        ),
        _ => (
            format!("cannot read the file: {err}"),
            "check that the path names a readable file".to_owned(),
        ),
    }
}

/// Refuses to go on when `output` names a file that exists and `force` is
/// not given: what a user wrote is never replaced unasked.
pub fn refuse_existing(output: Option<&Path>, force: bool) -> Result<(), Failure> {
    match output.map(|path| (path, refusal(path, &[], force))) {
        Some((path, Some(_))) => Err(Failure::message(
            format!(
                "{} already exists; refusing to overwrite it",
                path.display()
            ),
            Some("choose another file, or pass --force to replace it".to_owned()),
        )),
        _ => Ok(()),
    }
}

/// Streams output through `write` to stdout, or atomically to `output`,
/// refusing to write over any of `inputs`.
pub fn emit_with(
    output: Option<&Path>,
    inputs: &[&Path],
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), Failure> {
    match output {
        Some(path) => {
            refuse_inputs(path, inputs)?;
            write_atomic_with(path, write)
        }
        None => write_stdout_with(write),
    }
}

/// Writes to stdout; a reader that went away ends the run quietly.
pub fn write_stdout(text: &str) -> Result<(), Failure> {
    write_stdout_bytes(text.as_bytes())
}

/// Writes bytes to stdout; a reader that went away ends the run quietly.
pub fn write_stdout_bytes(data: &[u8]) -> Result<(), Failure> {
    write_stdout_with(|out| out.write_all(data))
}

/// Streams to stdout through `write`; a reader that went away ends the run
/// quietly.
///
/// A closed stdout (`>&-`) is not detected: the Rust runtime reopens it on
/// `/dev/null` before `main`, exactly as a parent that discards the output
/// (Python's `subprocess.DEVNULL`) opens it, and the two cannot be told apart.
fn write_stdout_with(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<(), Failure> {
    let mut stdout = io::stdout().lock();
    write(&mut stdout)
        .and_then(|()| stdout.flush())
        .map_err(|err| {
            if err.kind() == io::ErrorKind::BrokenPipe {
                Failure::BrokenPipe
            } else {
                Failure::message(format!("cannot write to stdout: {err}"), None)
            }
        })
}

/// What tells one file from another: device and inode.
#[cfg(unix)]
pub type FileId = (u64, u64);
/// What tells one file from another: the canonical path.
#[cfg(not(unix))]
pub type FileId = std::path::PathBuf;

/// The identity of the file a path names (symbolic links followed), so that
/// hard links, symbolic links and `./` spellings of one file are recognised
/// as the same file.
pub fn file_id(path: &Path) -> Option<FileId> {
    fs::metadata(path).ok().map(|meta| id_of(path, &meta))
}

/// The identity of a file from its metadata.
#[cfg(unix)]
pub fn id_of(_path: &Path, meta: &fs::Metadata) -> FileId {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

/// The identity of a file from its path.
#[cfg(not(unix))]
pub fn id_of(path: &Path, _meta: &fs::Metadata) -> FileId {
    fs::canonicalize(path).unwrap_or_else(|_| path.to_owned())
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (file_id(a), file_id(b)) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

/// Why ims may not write a file at a path.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal<'a> {
    /// It is this input, perhaps by another name: ims never overwrites
    /// what it reads.
    Input(&'a Path),
    /// Something is there and `--force` was not given: what a user wrote
    /// is never replaced unasked.
    Exists,
}

/// The rules for every path ims writes: never one of `inputs`, and nothing
/// that exists unless `force`. Each command words the refusal for its flag.
pub fn refusal<'a>(path: &Path, inputs: &[&'a Path], force: bool) -> Option<Refusal<'a>> {
    if let Some(input) = inputs.iter().find(|input| same_file(path, input)) {
        return Some(Refusal::Input(input));
    }
    (!force && path.exists()).then_some(Refusal::Exists)
}

fn refuse_inputs(path: &Path, inputs: &[&Path]) -> Result<(), Failure> {
    if let Some(Refusal::Input(input)) = refusal(path, inputs, true) {
        return Err(Failure::Problems(vec![Problem {
            code: ProblemCode::SameFile,
            file: path.display().to_string(),
            line: 0,
            column: 0,
            message: format!("refusing to write over the input file {}", input.display()),
            help: Some("choose another file for -o; ims never overwrites its input".to_owned()),
            next: None,
        }]));
    }
    Ok(())
}

/// Writes `text` to a temporary file beside `path`, then renames it over
/// `path`, so a failure part-way leaves any old file intact.
pub fn write_atomic(path: &Path, data: &[u8]) -> Result<(), Failure> {
    write_atomic_with(path, |file| file.write_all(data))
}

/// [`write_atomic`] with the writing step given as a closure, so a failure
/// part-way can be tested.
fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), Failure> {
    let cannot = |err: &dyn std::fmt::Display| {
        Failure::message(
            format!("cannot write {}: {err}", path.display()),
            Some(
                "check that the directory exists and is writable, and that the disk has space"
                    .to_owned(),
            ),
        )
    };
    // A symbolic link is followed, so the file it points to is replaced, not the link.
    let resolved;
    let target = match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            resolved = fs::canonicalize(path).map_err(|err| cannot(&err))?;
            resolved.as_path()
        }
        _ => path,
    };
    match fs::metadata(target) {
        Ok(meta) if meta.is_dir() => {
            return Err(Failure::message(
                format!("cannot write {}: it is a directory", path.display()),
                Some("give -o the path of a file".to_owned()),
            ));
        }
        // Devices and pipes (/dev/stdout, /dev/null, a FIFO) are written in
        // place: renaming a file over them would replace the device itself.
        Ok(meta) if !meta.is_file() => {
            return fs::OpenOptions::new()
                .write(true)
                .open(target)
                .and_then(|mut file| write(&mut file).and_then(|()| file.flush()))
                .map_err(|err| cannot(&err));
        }
        // The rename would go around a write-protected file, where a shell's
        // `>` refuses: ask for write access first, as the shell does.
        Ok(_) => {
            if let Err(err) = fs::OpenOptions::new().write(true).open(target) {
                let help = if err.kind() == io::ErrorKind::PermissionDenied {
                    "the file is write-protected; make it writable (chmod u+w) or choose another file"
                } else {
                    "check that the file can be written"
                };
                return Err(Failure::message(
                    format!("cannot write {}: {err}", path.display()),
                    Some(help.to_owned()),
                ));
            }
        }
        Err(_) => {}
    }
    let dir = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    // The temporary file's name means nothing to the user, so its errors are
    // told by kind, naming the directory instead.
    let mut file = tempfile::Builder::new()
        .prefix(".ims-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|err| match err.kind() {
            io::ErrorKind::NotFound => Failure::message(
                format!(
                    "cannot write {}: the directory {} does not exist",
                    path.display(),
                    dir.display()
                ),
                Some("create the directory first, or choose another path for -o".to_owned()),
            ),
            kind => cannot(&kind),
        })?;
    write(&mut file)
        .and_then(|()| file.as_file().sync_all())
        .map_err(|err| cannot(&err))?;
    let permissions = match fs::metadata(target) {
        Ok(existing) => existing.permissions(),
        Err(_) => default_permissions(file.as_file()).map_err(|err| cannot(&err))?,
    };
    fs::set_permissions(file.path(), permissions).map_err(|err| cannot(&err))?;
    file.persist(target).map_err(|err| cannot(&err.error))?;
    Ok(())
}

/// Writes several new files into one directory, all or nothing: every file
/// is written and synced to a temporary file beside its target first, and
/// only when all are on disk are they renamed into place. A failure while
/// writing leaves the directory as it was. The caller has checked the
/// targets (no links, no devices, nothing it may not replace).
pub fn write_all_or_nothing(dir: &Path, files: &[(PathBuf, &[u8])]) -> Result<(), Failure> {
    let cannot = |err: &dyn std::fmt::Display| {
        Failure::message(
            format!(
                "cannot write into {}: {err}; nothing was written",
                dir.display()
            ),
            Some("check that the directory is writable and that the disk has space".to_owned()),
        )
    };
    let mut staged = Vec::with_capacity(files.len());
    for (path, data) in files {
        let mut file = tempfile::Builder::new()
            .prefix(".ims-")
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(|err| cannot(&err))?;
        file.write_all(data)
            .and_then(|()| file.as_file().sync_all())
            .map_err(|err| cannot(&err))?;
        let permissions = match fs::metadata(path) {
            Ok(existing) => existing.permissions(),
            Err(_) => default_permissions(file.as_file()).map_err(|err| cannot(&err))?,
        };
        fs::set_permissions(file.path(), permissions).map_err(|err| cannot(&err))?;
        staged.push((file, path));
    }
    for (file, path) in staged {
        file.persist(path).map_err(|err| {
            Failure::message(
                format!("cannot write {}: {}", path.display(), err.error),
                Some("check that the directory is writable".to_owned()),
            )
        })?;
    }
    Ok(())
}

#[cfg(unix)]
fn default_permissions(_file: &fs::File) -> io::Result<fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Ok(fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions(file: &fs::File) -> io::Result<fs::Permissions> {
    Ok(file.metadata()?.permissions())
}

/// Writes to stderr, ignoring failures: there is nowhere left to report them.
pub fn write_stderr(text: &str) {
    let _ = io::stderr().lock().write_all(text.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_and_keeps_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.md");
        #[cfg(unix)]
        let mode = |path: &Path| {
            use std::os::unix::fs::PermissionsExt;
            fs::metadata(path).unwrap().permissions().mode() & 0o777
        };
        write_atomic(&path, b"one").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "one");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(mode(&path), 0o644);
            fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
        }
        write_atomic(&path, b"two").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "two");
        #[cfg(unix)]
        assert_eq!(mode(&path), 0o600, "an existing file keeps its permissions");
        let leftovers = fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
    }

    #[test]
    fn a_failure_part_way_leaves_the_old_file_intact() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.csv");
        fs::write(&path, "the old report").unwrap();
        let result = write_atomic_with(&path, |file| {
            file.write_all(b"half of the new")?;
            Err(io::Error::new(io::ErrorKind::StorageFull, "disk full"))
        });
        let Err(Failure::Message { message, .. }) = result else {
            panic!("expected an error");
        };
        assert!(message.contains("disk full"), "{message}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "the old report");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "the temporary file is removed"
        );
    }

    #[test]
    fn devices_are_written_in_place_not_replaced() {
        write_atomic(Path::new("/dev/null"), b"discarded").unwrap();
        let meta = fs::metadata("/dev/null").unwrap();
        assert!(!meta.is_file(), "/dev/null must still be a device");
        let err = write_atomic(Path::new("/dev/full"), b"no room");
        assert!(matches!(err, Err(Failure::Message { .. })));
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_is_followed() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.md");
        fs::write(&real, "old").unwrap();
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
    }

    #[test]
    fn writing_over_an_input_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("status.yaml");
        fs::write(&input, "organisation: A\n").unwrap();
        let same = dir.path().join(".").join("status.yaml");
        assert!(matches!(
            emit_with(Some(&same), &[&input], |out| out.write_all(b"x")),
            Err(Failure::Problems(_))
        ));
        assert_eq!(fs::read_to_string(&input).unwrap(), "organisation: A\n");
    }

    #[test]
    fn the_refusal_rules_put_an_input_before_force() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("status.yaml");
        fs::write(&input, "organisation: A\n").unwrap();
        let other = dir.path().join("report.md");
        let inputs: [&Path; 1] = [&input];
        // An input is refused even with --force, under any of its names.
        let same = dir.path().join(".").join("status.yaml");
        assert_eq!(refusal(&same, &inputs, true), Some(Refusal::Input(&input)));
        // A new file is free; an existing one only with --force.
        assert_eq!(refusal(&other, &inputs, false), None);
        fs::write(&other, "mine").unwrap();
        assert_eq!(refusal(&other, &inputs, false), Some(Refusal::Exists));
        assert_eq!(refusal(&other, &inputs, true), None);
    }

    #[test]
    fn non_utf8_bytes_are_located() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.yaml");
        fs::write(&path, b"organisation: A\nscope: caf\xe9\n").unwrap();
        let problem = read_text(&path).unwrap_err();
        assert_eq!(problem.code, ProblemCode::NotUtf8);
        assert_eq!((problem.line, problem.column), (2, 11));
    }

    #[test]
    fn directories_and_missing_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            read_text(dir.path()).unwrap_err().code,
            ProblemCode::Unreadable
        );
        assert_eq!(
            read_text(&dir.path().join("nope.yaml")).unwrap_err().code,
            ProblemCode::Unreadable
        );
    }
}
