//! A fast reader for the plain YAML that status files and catalogues are
//! written in: block mappings and sequences, one-line flow mappings and
//! sequences, plain and quoted one-line scalars, comments.
//!
//! It is a second path, for speed only. It reads a file into a small tree of
//! borrowed text and lets serde read the tree; anything outside that subset
//! (anchors, tags, block scalars, multi-line scalars, tabs, a second
//! document, a scalar that YAML would read as a number or a yes/no value
//! where the type does not say which) makes it give up, and the caller reads
//! the file again with the full parser, which also words every problem.
//! So it only ever has to be right about files it accepts; the tests compare
//! it with the full parser on every file they have.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::diag::Pos;

/// Name of the newtype through which [`super::Located`] asks this reader for
/// a position: it leaves the node's position for [`located_position`] to take, then
/// hands over the node.
pub(super) const LOCATED: &str = "$ims::fast::Located";

thread_local! {
    static POSITION: std::cell::Cell<Pos> = const { std::cell::Cell::new(Pos { line: 0, column: 0 }) };
}

/// The position of the node being read as a located value.
pub(super) fn located_position() -> Pos {
    POSITION.get()
}

/// Why the fast reader gave up. Never shown: the full parser reads the file
/// again and reports what is wrong.
#[derive(Debug)]
pub struct GaveUp;

impl fmt::Display for GaveUp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("outside the subset the fast reader accepts")
    }
}

impl std::error::Error for GaveUp {}

impl de::Error for GaveUp {
    fn custom<T: fmt::Display>(_: T) -> Self {
        GaveUp
    }
}

type Result<T> = std::result::Result<T, GaveUp>;

/// One node of the tree, with where it starts.
#[derive(Debug)]
struct Node<'a> {
    pos: Pos,
    value: Value<'a>,
}

#[derive(Debug)]
enum Value<'a> {
    /// Nothing after `key:`, or an empty flow value.
    Empty,
    /// A scalar; `plain` when written without quotes.
    Scalar {
        text: Cow<'a, str>,
        plain: bool,
    },
    Map(Vec<(Node<'a>, Node<'a>)>),
    Seq(Vec<Node<'a>>),
}

/// Reads `text` into `T`, or gives up.
pub fn parse<T: de::DeserializeOwned>(text: &str, max_depth: usize, max_nodes: usize) -> Result<T> {
    let tree = Reader::new(text, max_depth, max_nodes)?.document()?;
    T::deserialize(&tree)
}

/// One line of the file, split into its indentation and content.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    number: usize,
    indent: usize,
    content: &'a str,
}

struct Reader<'a> {
    lines: Vec<Line<'a>>,
    next: usize,
    depth: usize,
    max_depth: usize,
    nodes: usize,
    max_nodes: usize,
}

impl<'a> Reader<'a> {
    fn new(text: &'a str, max_depth: usize, max_nodes: usize) -> Result<Self> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let bytes = text.as_bytes();
        // The only control characters allowed are line feeds, each perhaps
        // after a carriage return: count them all at once, then match the
        // count against the line ends found.
        let controls: usize = bytes
            .chunks(255)
            .map(|chunk| {
                chunk
                    .iter()
                    .map(|&b| u8::from(b < 0x20) | u8::from(b == 0x7f))
                    .sum::<u8>() as usize
            })
            .sum();
        let mut line_ends = 0;
        let mut lines = Vec::with_capacity(text.len() / 32);
        let mut start = 0;
        let ends = memchr::memchr_iter(b'\n', bytes).chain(std::iter::once(bytes.len()));
        for (index, end) in ends.enumerate() {
            let mut raw = &text[start..end];
            if end < bytes.len() {
                line_ends += 1;
                if let Some(stripped) = raw.strip_suffix('\r') {
                    raw = stripped;
                    line_ends += 1;
                }
            }
            start = end + 1;
            if !raw.is_ascii() && !plain_characters(raw.as_bytes()) {
                return Err(GaveUp);
            }
            let content = raw.trim_start_matches(' ');
            if content.is_empty() || content.starts_with('#') {
                continue;
            }
            if raw.starts_with("---") || raw.starts_with("...") || content.starts_with('%') {
                return Err(GaveUp);
            }
            lines.push(Line {
                number: index + 1,
                indent: raw.len() - content.len(),
                content,
            });
        }
        if controls != line_ends {
            return Err(GaveUp);
        }
        Ok(Self {
            lines,
            next: 0,
            depth: 0,
            max_depth,
            nodes: 0,
            max_nodes,
        })
    }

    fn document(mut self) -> Result<Node<'a>> {
        let Some(first) = self.peek() else {
            return Err(GaveUp);
        };
        if first.indent != 0 {
            return Err(GaveUp);
        }
        let node = self.block(0)?;
        if self.peek().is_some() {
            return Err(GaveUp);
        }
        Ok(node)
    }

    fn peek(&self) -> Option<Line<'a>> {
        self.lines.get(self.next).copied()
    }

    fn count(&mut self) -> Result<()> {
        self.nodes += 1;
        if self.nodes > self.max_nodes {
            return Err(GaveUp);
        }
        Ok(())
    }

    fn enter(&mut self) -> Result<()> {
        self.depth += 1;
        if self.depth > self.max_depth {
            return Err(GaveUp);
        }
        Ok(())
    }

    /// The block that starts at the next line, at exactly `indent`.
    fn block(&mut self, indent: usize) -> Result<Node<'a>> {
        let Some(line) = self.peek() else {
            return Err(GaveUp);
        };
        if line.indent != indent {
            return Err(GaveUp);
        }
        self.enter()?;
        let node = if is_item(line.content) {
            self.sequence(indent)
        } else {
            self.mapping(line, indent)
        };
        self.depth -= 1;
        node
    }

    /// A block mapping whose first key is on `first` (which may be the rest
    /// of a sequence item's line) at column `indent`.
    fn mapping(&mut self, first: Line<'a>, indent: usize) -> Result<Node<'a>> {
        let pos = position(first);
        let mut entries = Vec::new();
        let mut line = first;
        self.next += 1;
        loop {
            let (key, rest) = split_key(line)?;
            let value = self.value_after_key(line, rest, indent)?;
            entries.push((key, value));
            match self.peek() {
                Some(next) if next.indent == indent && !is_item(next.content) => {
                    line = next;
                    self.next += 1;
                }
                Some(next) if next.indent > indent => return Err(GaveUp),
                _ => break,
            }
        }
        self.count()?;
        Ok(Node {
            pos,
            value: Value::Map(entries),
        })
    }

    /// The value of a key whose line continues with `rest`.
    fn value_after_key(
        &mut self,
        line: Line<'a>,
        rest: &'a str,
        indent: usize,
    ) -> Result<Node<'a>> {
        // An empty value sits where its key's colon is, as the full parser places it.
        let colon = line.indent + chars_before(line.content, line.content.len() - rest.len() - 1);
        let colon = Pos::new(line.number as u64, colon as u64 + 1);
        let rest = rest.trim_start_matches(' ');
        let column = chars_before(line.content, line.content.len() - rest.len());
        let rest = strip_comment(rest);
        if !rest.is_empty() {
            let at = Line {
                number: line.number,
                indent: line.indent + column,
                content: rest,
            };
            return self.inline(at);
        }
        match self.peek() {
            Some(next) if next.indent > indent => self.block(next.indent),
            // `key:` followed by a sequence at the same indentation.
            Some(next) if next.indent == indent && is_item(next.content) => {
                self.enter()?;
                let node = self.sequence(indent);
                self.depth -= 1;
                node
            }
            _ => {
                self.count()?;
                Ok(Node {
                    pos: colon,
                    value: Value::Empty,
                })
            }
        }
    }

    /// A block sequence at `indent`.
    fn sequence(&mut self, indent: usize) -> Result<Node<'a>> {
        let pos = self.peek().map(position).unwrap_or_default();
        let mut items = Vec::new();
        while let Some(line) = self.peek() {
            if line.indent != indent || !is_item(line.content) {
                if line.indent > indent {
                    return Err(GaveUp);
                }
                break;
            }
            let rest = line.content[1..].trim_start_matches(' ');
            let column = line.indent + (line.content.len() - rest.len());
            let rest_line = Line {
                number: line.number,
                indent: column,
                content: rest,
            };
            if strip_comment(rest).is_empty() {
                self.next += 1;
                match self.peek() {
                    Some(next) if next.indent > indent => items.push(self.block(next.indent)?),
                    // An empty item is rare enough to leave to the full parser.
                    _ => return Err(GaveUp),
                }
            } else if is_item(rest) {
                return Err(GaveUp);
            } else if starts_flow_or_quote(rest) || key_split(rest).is_none() {
                self.next += 1;
                items.push(self.inline(rest_line)?);
            } else {
                // `- key: value`, a mapping that goes on at the item's column.
                self.enter()?;
                let node = self.mapping(rest_line, column)?;
                self.depth -= 1;
                items.push(node);
            }
        }
        self.count()?;
        Ok(Node {
            pos,
            value: Value::Seq(items),
        })
    }

    /// A value written on one line: a flow collection or a scalar. A value
    /// that would go on on a deeper next line is caught by the caller, which
    /// gives up on any line deeper than its block.
    fn inline(&mut self, at: Line<'a>) -> Result<Node<'a>> {
        let mut flow = Flow {
            text: at.content,
            at: 0,
            line: at.number,
            column: at.indent,
            reader: self,
        };
        let node = flow.node(false)?;
        flow.skip_spaces();
        let rest = &flow.text[flow.at..];
        if !strip_comment(rest).is_empty() {
            return Err(GaveUp);
        }
        Ok(node)
    }
}

/// Whether a line that is not plain ASCII holds only characters the reader
/// handles: no C1 controls (and so no NEL), no line or paragraph
/// separators, no U+FFFE or U+FFFF. C0 controls and DEL are counted apart.
fn plain_characters(line: &[u8]) -> bool {
    let at = |i: usize| line.get(i).copied().unwrap_or(0);
    (0..line.len()).all(|i| match line[i] {
        0xc2 => !(0x80..=0x9f).contains(&at(i + 1)),
        0xe2 => !(at(i + 1) == 0x80 && matches!(at(i + 2), 0xa8 | 0xa9)),
        0xef => !(at(i + 1) == 0xbf && matches!(at(i + 2), 0xbe | 0xbf)),
        _ => true,
    })
}

/// Characters (columns, as positions count them) in the first `bytes` bytes.
fn chars_before(text: &str, bytes: usize) -> usize {
    let before = &text[..bytes];
    if before.is_ascii() {
        bytes
    } else {
        before.chars().count()
    }
}

fn position(line: Line<'_>) -> Pos {
    Pos::new(line.number as u64, line.indent as u64 + 1)
}

/// Whether a line's content starts a sequence item (`- x` or a lone `-`).
fn is_item(content: &str) -> bool {
    content == "-" || content.starts_with("- ")
}

fn starts_flow_or_quote(text: &str) -> bool {
    text.starts_with(['{', '[', '"', '\''])
}

/// Drops a comment (` #...`) from the end of what follows a value.
fn strip_comment(text: &str) -> &str {
    let text = text.trim_start_matches(' ');
    let bytes = text.as_bytes();
    let end = memchr::memchr_iter(b'#', bytes)
        .find(|&at| at == 0 || bytes[at - 1] == b' ')
        .unwrap_or(bytes.len());
    text[..end].trim_end_matches(' ')
}

/// Where a plain key ends: the first `:` followed by a space or the end.
fn key_split(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    bytes
        .iter()
        .enumerate()
        .find(|&(at, &b)| b == b':' && (at + 1 == bytes.len() || bytes[at + 1] == b' '))
        .map(|(at, _)| at)
}

/// Splits a mapping line into its key and what follows the `:`.
fn split_key(line: Line<'_>) -> Result<(Node<'_>, &str)> {
    let content = line.content;
    let pos = position(line);
    if content.starts_with(['"', '\'']) {
        let (text, used) = quoted(content)?;
        let rest = &content[used..];
        let rest = rest.strip_prefix(':').ok_or(GaveUp)?;
        if !(rest.is_empty() || rest.starts_with(' ')) {
            return Err(GaveUp);
        }
        let key = Node {
            pos,
            value: Value::Scalar { text, plain: false },
        };
        return Ok((key, rest));
    }
    let colon = key_split(content).ok_or(GaveUp)?;
    let text = content[..colon].trim_end_matches(' ');
    if !plain_start(text) || text.contains(" #") || text.is_empty() {
        return Err(GaveUp);
    }
    let key = Node {
        pos,
        value: Value::Scalar {
            text: Cow::Borrowed(text),
            plain: true,
        },
    };
    Ok((key, &content[colon + 1..]))
}

/// Whether a plain scalar may start this way (no indicator character).
fn plain_start(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    let indicator = matches!(
        first,
        '-' | '?'
            | ':'
            | ','
            | '['
            | ']'
            | '{'
            | '}'
            | '#'
            | '&'
            | '*'
            | '!'
            | '|'
            | '>'
            | '\''
            | '"'
            | '%'
            | '@'
            | '`'
    );
    !indicator
        || (matches!(first, '-' | '?' | ':') && text.len() > 1 && !text[1..].starts_with(' '))
}

/// A quoted scalar at the start of `text`: its value and the bytes it used.
fn quoted(text: &str) -> Result<(Cow<'_, str>, usize)> {
    let quote = text.as_bytes()[0];
    let body = &text[1..];
    if quote == b'\'' {
        let end = body.find('\'').ok_or(GaveUp)?;
        if !body[end + 1..].starts_with('\'') {
            return Ok((Cow::Borrowed(&body[..end]), end + 2));
        }
        let mut out = String::new();
        let mut rest = body;
        loop {
            let end = rest.find('\'').ok_or(GaveUp)?;
            out.push_str(&rest[..end]);
            if rest[end + 1..].starts_with('\'') {
                out.push('\'');
                rest = &rest[end + 2..];
            } else {
                let used = text.len() - rest.len() + end + 1;
                return Ok((Cow::Owned(out), used));
            }
        }
    }
    if let Some(end) = body.find(['"', '\\'])
        && body.as_bytes()[end] == b'"'
    {
        return Ok((Cow::Borrowed(&body[..end]), end + 2));
    }
    let mut out = String::new();
    let mut chars = body.char_indices();
    while let Some((at, c)) = chars.next() {
        match c {
            '"' => return Ok((Cow::Owned(out), at + 2)),
            '\\' => {
                let (_, escape) = chars.next().ok_or(GaveUp)?;
                match escape {
                    '\\' => out.push('\\'),
                    '"' => out.push('"'),
                    '/' => out.push('/'),
                    'n' => out.push('\n'),
                    't' => out.push('\t'),
                    'r' => out.push('\r'),
                    '0' => out.push('\0'),
                    ' ' => out.push(' '),
                    'e' => out.push('\x1b'),
                    'x' | 'u' | 'U' => {
                        let digits = match escape {
                            'x' => 2,
                            'u' => 4,
                            _ => 8,
                        };
                        let mut code = 0u32;
                        for _ in 0..digits {
                            let (_, digit) = chars.next().ok_or(GaveUp)?;
                            code = code * 16 + digit.to_digit(16).ok_or(GaveUp)?;
                        }
                        out.push(char::from_u32(code).ok_or(GaveUp)?);
                    }
                    _ => return Err(GaveUp),
                }
            }
            c => out.push(c),
        }
    }
    Err(GaveUp)
}

/// A value on one line, read character by character: flow collections,
/// quoted scalars and plain scalars.
struct Flow<'r, 'a> {
    text: &'a str,
    at: usize,
    line: usize,
    column: usize,
    reader: &'r mut Reader<'a>,
}

impl<'a> Flow<'_, 'a> {
    fn skip_spaces(&mut self) {
        while self.text[self.at..].starts_with(' ') {
            self.at += 1;
        }
    }

    fn pos(&self) -> Pos {
        let column = self.column + chars_before(self.text, self.at);
        Pos::new(self.line as u64, column as u64 + 1)
    }

    /// One node; `in_flow` when inside `{...}` or `[...]`.
    fn node(&mut self, in_flow: bool) -> Result<Node<'a>> {
        self.skip_spaces();
        self.reader.count()?;
        let pos = self.pos();
        let rest = &self.text[self.at..];
        let value = match rest.as_bytes().first() {
            Some(b'{') => {
                self.reader.enter()?;
                let map = self.mapping()?;
                self.reader.depth -= 1;
                map
            }
            Some(b'[') => {
                self.reader.enter()?;
                let seq = self.sequence()?;
                self.reader.depth -= 1;
                seq
            }
            Some(b'"' | b'\'') => {
                let (text, used) = quoted(rest)?;
                self.at += used;
                Value::Scalar { text, plain: false }
            }
            Some(_) => {
                let end = plain_end(rest, in_flow);
                let text = rest[..end].trim_end_matches(' ');
                if !plain_start(text) {
                    return Err(GaveUp);
                }
                self.at += end;
                Value::Scalar {
                    text: Cow::Borrowed(text),
                    plain: true,
                }
            }
            None => return Err(GaveUp),
        };
        Ok(Node { pos, value })
    }

    fn expect(&mut self, byte: u8) -> Result<()> {
        self.skip_spaces();
        if self.text.as_bytes().get(self.at) == Some(&byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(GaveUp)
        }
    }

    fn peek(&mut self) -> Option<u8> {
        self.skip_spaces();
        self.text.as_bytes().get(self.at).copied()
    }

    fn mapping(&mut self) -> Result<Value<'a>> {
        self.expect(b'{')?;
        let mut entries = Vec::new();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(Value::Map(entries));
        }
        loop {
            let key = self.node(true)?;
            if matches!(key.value, Value::Map(_) | Value::Seq(_)) {
                return Err(GaveUp);
            }
            self.expect(b':')?;
            // An empty value in braces is rare enough to leave to the full parser.
            if matches!(self.peek(), Some(b',' | b'}')) {
                return Err(GaveUp);
            }
            let value = self.node(true)?;
            entries.push((key, value));
            match self.peek() {
                Some(b',') => {
                    self.at += 1;
                    if self.peek() == Some(b'}') {
                        return Err(GaveUp);
                    }
                }
                Some(b'}') => {
                    self.at += 1;
                    return Ok(Value::Map(entries));
                }
                _ => return Err(GaveUp),
            }
        }
    }

    fn sequence(&mut self) -> Result<Value<'a>> {
        self.expect(b'[')?;
        let mut items = Vec::new();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(Value::Seq(items));
        }
        loop {
            let item = self.node(true)?;
            // `[a: b]`, a single-pair mapping in a sequence, is left to the full parser.
            if self.peek() == Some(b':') {
                return Err(GaveUp);
            }
            items.push(item);
            match self.peek() {
                Some(b',') => {
                    self.at += 1;
                    if self.peek() == Some(b']') {
                        return Err(GaveUp);
                    }
                }
                Some(b']') => {
                    self.at += 1;
                    return Ok(Value::Seq(items));
                }
                _ => return Err(GaveUp),
            }
        }
    }
}

/// Where a plain scalar ends: at ` #`, at `: ` (or `:` at the end), and in a
/// flow collection also at `,`, `[`, `]`, `{` and `}`.
fn plain_end(text: &str, in_flow: bool) -> usize {
    let bytes = text.as_bytes();
    if !in_flow {
        return memchr::memchr2_iter(b'#', b':', bytes)
            .find(|&at| match bytes[at] {
                b'#' => at > 0 && bytes[at - 1] == b' ',
                _ => at + 1 == bytes.len() || bytes[at + 1] == b' ',
            })
            .unwrap_or(bytes.len());
    }
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'#' if at > 0 && bytes[at - 1] == b' ' => return at,
            b':' if at + 1 == bytes.len() || matches!(bytes[at + 1], b' ' | b',' | b'}' | b']') => {
                return at;
            }
            b',' | b'[' | b']' | b'{' | b'}' => return at,
            _ => at += 1,
        }
    }
    at
}

/// Words YAML reads as null.
fn is_null(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

/// Whether YAML could read a plain scalar as something other than text (a
/// yes/no value or a number) when the type leaves it open. Generous on
/// purpose: the full parser decides every such case.
fn could_be_typed(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "y" | "n"
            | "yes"
            | "no"
            | "true"
            | "false"
            | "on"
            | "off"
            | ".nan"
            | ".inf"
            | "-.inf"
            | "+.inf"
    ) {
        return true;
    }
    text.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '+' | '-' | '.'))
}

// ------------------------------------------------------------- serde side

impl<'de> Deserializer<'de> for &Node<'_> {
    type Error = GaveUp;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match &self.value {
            Value::Empty => visitor.visit_unit(),
            Value::Scalar { text, plain: true } if is_null(text) => visitor.visit_unit(),
            Value::Scalar { text, plain: true } if could_be_typed(text) => Err(GaveUp),
            Value::Scalar { text, .. } => visitor.visit_str(text),
            Value::Map(entries) => visitor.visit_map(Entries {
                entries: entries.iter(),
                value: None,
            }),
            Value::Seq(items) => visitor.visit_seq(Items(items.iter())),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match &self.value {
            Value::Scalar { text, plain } if !(*plain && is_null(text)) => visitor.visit_str(text),
            _ => Err(GaveUp),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match &self.value {
            Value::Empty => visitor.visit_none(),
            Value::Scalar { text, plain: true } if is_null(text) => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match &self.value {
            Value::Scalar { text, plain: true } if text == "true" => visitor.visit_bool(true),
            Value::Scalar { text, plain: true } if text == "false" => visitor.visit_bool(false),
            _ => Err(GaveUp),
        }
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let Value::Scalar { text, plain: true } = &self.value else {
            return Err(GaveUp);
        };
        // Plain decimals only, such as `0.35` or `1`; anything else is the full parser's.
        let decimal = !text.is_empty()
            && text.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            && text.bytes().filter(|&b| b == b'.').count() <= 1
            && !text.starts_with('.')
            && !text.ends_with('.');
        if !decimal {
            return Err(GaveUp);
        }
        visitor.visit_f64(text.parse().map_err(|_| GaveUp)?)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match &self.value {
            Value::Map(entries) => visitor.visit_map(Entries {
                entries: entries.iter(),
                value: None,
            }),
            _ => Err(GaveUp),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_map(visitor)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match &self.value {
            Value::Seq(items) => visitor.visit_seq(Items(items.iter())),
            _ => Err(GaveUp),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        if name == LOCATED {
            POSITION.set(self.pos);
        }
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 char bytes byte_buf unit
        unit_struct tuple tuple_struct enum
    }
}

/// The entries of a mapping, for serde.
struct Entries<'t, 'a> {
    entries: std::slice::Iter<'t, (Node<'a>, Node<'a>)>,
    value: Option<&'t Node<'a>>,
}

impl<'de> MapAccess<'de> for Entries<'_, '_> {
    type Error = GaveUp;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        seed.deserialize(key).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        seed.deserialize(self.value.take().ok_or(GaveUp)?)
    }
}

/// The items of a sequence, for serde.
struct Items<'t, 'a>(std::slice::Iter<'t, Node<'a>>);

impl<'de> SeqAccess<'de> for Items<'_, '_> {
    type Error = GaveUp;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        self.0.next().map(|item| seed.deserialize(item)).transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(text: &str) -> Result<Node<'_>> {
        Reader::new(text, 64, 1000)?.document()
    }

    #[test]
    fn block_and_flow_collections_and_scalars() {
        let text = "organisation: Acme # the name\nscope: 'It''s ours'\nalpha:\n  A.5.1: implemented\n  5.10: {status: partial, evidence: [a, {ref: \"b, c\", date: 2026-01-01}]}\nitems:\n  - id: 4\n    kind: clause\n  - plain item\n";
        let Value::Map(top) = tree(text).unwrap().value else {
            panic!()
        };
        let keys: Vec<_> = top
            .iter()
            .map(|(k, _)| match &k.value {
                Value::Scalar { text, .. } => text.to_string(),
                _ => panic!(),
            })
            .collect();
        assert_eq!(keys, ["organisation", "scope", "alpha", "items"]);
        let Value::Scalar { text, .. } = &top[1].1.value else {
            panic!()
        };
        assert_eq!(text, "It's ours");
        assert_eq!((top[2].1.pos.line, top[2].1.pos.column), (4, 3));
        let Value::Seq(items) = &top[3].1.value else {
            panic!()
        };
        assert!(matches!(&items[0].value, Value::Map(m) if m.len() == 2));
    }

    #[test]
    fn anything_outside_the_subset_gives_up() {
        for text in [
            "a: &x 1\nb: *x\n",
            "a: !tag x\n",
            "a: |\n  text\n",
            "a: plain\n  continued\n",
            "a:\n\t- x\n",
            "---\na: 1\n",
            "a: {b: c\n",
            "a: [b, c,]\n",
            "a: 1\n  b: 2\n",
            "- - x\n",
            "a: \"bad \\q escape\"\n",
            "? complex\n",
            "a: b\u{0}\n",
        ] {
            assert!(tree(text).is_err(), "{text:?}");
        }
    }

    #[test]
    fn the_node_budget_and_depth_are_kept() {
        let wide: String = (0..50).map(|n| format!("k{n}: v\n")).collect();
        assert!(Reader::new(&wide, 64, 10).unwrap().document().is_err());
        let deep = "a:\n b:\n  c:\n   d: e\n";
        assert!(Reader::new(deep, 2, 100).unwrap().document().is_err());
        assert!(Reader::new(deep, 8, 100).unwrap().document().is_ok());
    }
}
