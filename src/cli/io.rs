//! The only place that touches files, stdout and stderr: bounded reads of
//! input files, atomic writes of reports, and quiet ends on broken pipes.

use std::fs;
use std::io::{self, IsTerminal, Read, Write};
use std::path::Path;

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

/// What an input file is, for the hint when it cannot be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// A status file.
    Status,
    /// A status file or a JSON report of `ims gap`.
    Snapshot,
    /// A catalogue, crosswalk or document-set file.
    Catalogue,
    /// A spreadsheet for `ims import`.
    Spreadsheet,
}

impl Input {
    /// What to do when there is no such file.
    fn missing(self) -> &'static str {
        match self {
            Input::Status => "check the path; `ims init -o status.yaml` writes a new status file",
            Input::Snapshot => {
                "check the path of the status file or of the JSON report of `ims gap`"
            }
            Input::Catalogue => "check the path of the catalogue file",
            Input::Spreadsheet => {
                "check the path of the spreadsheet: an .xlsx, .ods or .xls workbook or a .csv file"
            }
        }
    }

    /// What to give instead of a directory.
    fn not_a_directory(self) -> &'static str {
        match self {
            Input::Status | Input::Snapshot => {
                "give the path of a YAML file; a directory of catalogues goes to --catalog"
            }
            Input::Catalogue => "give the path of a catalogue file",
            Input::Spreadsheet => "give the path of an .xlsx, .ods or .xls workbook or a .csv file",
        }
    }
}

/// The name `-` reads standard input.
pub const STDIN: &str = "-";

/// Reads a UTF-8 text file, refusing what [`read_bytes`] refuses.
pub fn read_text(path: &Path, kind: Input) -> Result<String, Problem> {
    let bytes = read_bytes(path, kind)?;
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

/// Reads a file's bytes, or standard input's for `-`: refusing missing
/// files, directories, FIFOs and other files that are not regular (which
/// could keep ims waiting for ever), a terminal for `-`, and anything over
/// [`MAX_INPUT_BYTES`], before reading it whole.
pub fn read_bytes(path: &Path, kind: Input) -> Result<Vec<u8>, Problem> {
    let refuse = |code, message: String, help: &str| {
        Problem::whole_file(code, path.display().to_string(), message, help)
    };
    if path.as_os_str() == STDIN {
        if io::stdin().is_terminal() {
            return Err(refuse(
                ProblemCode::Unreadable,
                "`-` reads standard input, which is the terminal here".to_owned(),
                "send the file in: `ims ... - < FILE`, or give the file's path",
            ));
        }
        return bounded(io::stdin().lock(), &refuse);
    }
    let metadata = match fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(err) => {
            let (message, help) = describe_open_error(&err, kind);
            return Err(refuse(ProblemCode::Unreadable, message, &help));
        }
    };
    if metadata.is_dir() {
        return Err(refuse(
            ProblemCode::Unreadable,
            "this is a directory, not a file".to_owned(),
            kind.not_a_directory(),
        ));
    }
    let stdin = stream_id(&io::stdin()).filter(|_| !io::stdin().is_terminal());
    if !metadata.is_file() && stdin != Some(id_of(path, &metadata)) {
        return Err(refuse(
            ProblemCode::Unreadable,
            format!(
                "this is {}, not a regular file; reading it could wait for ever",
                special_kind(&metadata)
            ),
            "give the path of a regular file, or send it in on standard input with `-`",
        ));
    }
    if metadata.len() > MAX_INPUT_BYTES {
        return Err(refuse(
            ProblemCode::TooLarge,
            too_large(metadata.len()),
            "check that this is the right file; status files and catalogues are small",
        ));
    }
    match fs::File::open(path) {
        Ok(file) => bounded(file, &refuse),
        Err(err) => {
            let (message, help) = describe_open_error(&err, kind);
            Err(refuse(ProblemCode::Unreadable, message, &help))
        }
    }
}

/// Reads at most [`MAX_INPUT_BYTES`], refusing more.
fn bounded(
    source: impl Read,
    refuse: &dyn Fn(ProblemCode, String, &str) -> Problem,
) -> Result<Vec<u8>, Problem> {
    let mut bytes = Vec::new();
    if let Err(err) = source.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes) {
        return Err(refuse(
            ProblemCode::Unreadable,
            format!("cannot read the file: {}", os_error(&err)),
            "check that the path names a readable file",
        ));
    }
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        // It grew while being read, or is a stream: only the first bytes
        // past the limit were read.
        return Err(refuse(
            ProblemCode::TooLarge,
            format!(
                "the file is larger than {} MiB ({MAX_INPUT_BYTES} bytes), the most ims reads",
                MAX_INPUT_BYTES / (1024 * 1024)
            ),
            "check that this is the right file; status files and catalogues are small",
        ));
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

/// What went wrong opening a file of `kind`, and how to fix it.
pub(crate) fn describe_open_error(err: &io::Error, kind: Input) -> (String, String) {
    match err.kind() {
        io::ErrorKind::NotFound => ("no such file".to_owned(), kind.missing().to_owned()),
        io::ErrorKind::PermissionDenied => (
            "permission denied".to_owned(),
            "make the file readable for this user".to_owned(),
        ),
        _ => (
            format!("cannot read the file: {}", os_error(err)),
            "check that the path names a readable file".to_owned(),
        ),
    }
}

/// The words for an error, without the path of the temporary file that
/// `tempfile` adds to them (` at path "…/.ims-XXXX.tmp"`): a user asked
/// for another file, and the temporary one is gone by the time they read.
pub fn os_error(err: &io::Error) -> String {
    let mut text = err.to_string();
    if let Some(cut) = text.find(" at path \"") {
        text.truncate(cut);
    }
    text
}

/// What a file that is neither regular nor a directory is, in words.
#[cfg(unix)]
pub fn special_kind(meta: &fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let kind = meta.file_type();
    if kind.is_fifo() {
        "a FIFO (named pipe)"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else {
        "a special file"
    }
}

/// What a file that is neither regular nor a directory is, in words.
#[cfg(not(unix))]
pub fn special_kind(_meta: &fs::Metadata) -> &'static str {
    "a special file"
}

/// A writer for data (CSV) shown on a terminal: what passes through
/// has its control, bidi and invisible characters shown escaped, as the
/// table views show user text, with line ends kept. A character split
/// between two writes waits for its end.
pub struct TerminalSafe<'a> {
    inner: &'a mut dyn Write,
    pending: Vec<u8>,
}

impl<'a> TerminalSafe<'a> {
    /// Escapes what is written before it reaches `inner`.
    pub fn new(inner: &'a mut dyn Write) -> Self {
        TerminalSafe {
            inner,
            pending: Vec::new(),
        }
    }
}

impl Write for TerminalSafe<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        let whole = match std::str::from_utf8(&self.pending) {
            Ok(text) => text.len(),
            // An incomplete character at the end waits; bytes that are no
            // character at all are shown as U+FFFD.
            Err(err) if err.error_len().is_none() => err.valid_up_to(),
            Err(_) => self.pending.len(),
        };
        let text = String::from_utf8_lossy(&self.pending[..whole]).into_owned();
        self.inner
            .write_all(crate::terminal::escape_data(&text).as_bytes())?;
        self.pending.drain(..whole);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
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
pub fn write_stdout_with(
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), Failure> {
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

/// The identity of the file behind a standard stream.
#[cfg(unix)]
pub fn stream_id(stream: &impl std::os::fd::AsFd) -> Option<FileId> {
    let file = fs::File::from(stream.as_fd().try_clone_to_owned().ok()?);
    file.metadata().ok().map(|meta| id_of(Path::new(""), &meta))
}

/// The identity of the file behind a standard stream.
#[cfg(not(unix))]
pub fn stream_id<T>(_stream: &T) -> Option<FileId> {
    None
}

/// Writes to stderr, ignoring failures: there is nowhere left to report them.
pub fn write_stderr(text: &str) {
    let _ = io::stderr().lock().write_all(text.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_utf8_bytes_are_located() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.yaml");
        fs::write(&path, b"organisation: A\nscope: caf\xe9\n").unwrap();
        let problem = read_text(&path, Input::Status).unwrap_err();
        assert_eq!(problem.code, ProblemCode::NotUtf8);
        assert_eq!((problem.line, problem.column), (2, 11));
    }

    #[test]
    fn directories_and_missing_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            read_text(dir.path(), Input::Status).unwrap_err().code,
            ProblemCode::Unreadable
        );
        assert_eq!(
            read_text(&dir.path().join("nope.yaml"), Input::Status)
                .unwrap_err()
                .code,
            ProblemCode::Unreadable
        );
    }
}
