//! Reading a legacy Excel 97-2003 workbook (.xls) into sheets, through
//! calamine (formula cells give their stored value; nothing is ever run).
//!
//! An XLS file is an OLE compound file: sectors chained by a table, a
//! directory of streams, and in the `Workbook` stream the records of each
//! sheet. calamine trusts the numbers it finds there: a chain that loops
//! is followed for ever, a sheet's declared size is reserved before any
//! cell is read, and every cell between the first and the last is held.
//! So the container and the records are walked here first, the way
//! calamine walks them, and a file that would loop or ask for more than
//! [`MAX_CELLS`] cells is refused before calamine reads it. What is left,
//! a record too short for what calamine reads from it, stops calamine
//! with a panic, which is caught and reported as a file ims cannot read.

use std::io::Cursor;

use calamine::Reader;

use super::book;
use super::read::{Cause, Format, MAX_CELLS, ReadError, Sheet};

/// What an OLE compound file starts with.
pub const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// The last sector number that names a sector; those above end chains.
const LAST_SECTOR: u32 = 0xFFFF_FFF9;
/// The sector number that ends a chain.
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
/// Sector numbers of the table's own sectors, skipped as calamine does.
const DIFAT_SECTOR: u32 = 0xFFFF_FFFC;

/// Every sheet of an XLS workbook, in workbook order. An encrypted one
/// (what Excel writes for a password-protected workbook) is refused as
/// such.
pub fn workbook(bytes: &[u8]) -> Result<Vec<Sheet>, ReadError> {
    // An encrypted workbook keeps its encryption description in a stream
    // of that name, written in UTF-16.
    let marker: Vec<u8> = "EncryptionInfo"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    if bytes.windows(marker.len()).any(|w| w == marker) {
        return Err(ReadError::Encrypted);
    }
    let stream = workbook_stream(bytes).map_err(ReadError::NotXls)?;
    check_records(&stream)?;
    let read = || -> Result<Vec<Sheet>, ReadError> {
        let mut book = calamine::Xls::new(Cursor::new(bytes)).map_err(not_xls)?;
        let epoch_1904 = book.has_1904_epoch();
        let metadata = book::metadata(book.sheets_metadata());
        book::each_sheet(&metadata, |name, builder, budget| {
            let range = book.worksheet_range(name).map_err(not_xls)?;
            book::put_range(builder, budget, &range, epoch_1904)
        })
    };
    // A record shorter than calamine expects makes it index past the end
    // (a panic); the file is then one ims cannot read, said as such. The
    // panic's own message, meant for calamine's developers, is not shown.
    let quiet = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(read));
    std::panic::set_hook(quiet);
    result.unwrap_or_else(|_| {
        Err(ReadError::NotXls(
            "a record is shorter than its kind must be".into(),
        ))
    })
}

/// calamine's error reading an XLS workbook.
fn not_xls(err: calamine::XlsError) -> ReadError {
    match err {
        calamine::XlsError::Password => ReadError::Encrypted,
        err => ReadError::NotXls(Box::new(err)),
    }
}

/// The `Workbook` stream of an OLE compound file, read as calamine reads
/// it; why not, where calamine would loop, index past its table, or
/// follow a chain out of the file.
fn workbook_stream(bytes: &[u8]) -> Result<Vec<u8>, Cause> {
    let header = bytes.get(..512).ok_or("it is shorter than its header")?;
    if !header.starts_with(OLE) {
        return Err("it does not start as an OLE compound file".into());
    }
    let size: usize = match u16_at(header, 30) {
        9 => 512,
        12 => 4096,
        _ => return Err("its sector size is neither 512 nor 4096 bytes".into()),
    };
    let sectors = Sectors {
        bytes,
        size,
        // calamine counts sectors from the start of the file, header
        // included, and reads sector n just after the header.
        last: bytes.len() / size,
    };
    let dir_start = u32_at(header, 48);
    let mini_fat_start = u32_at(header, 60);
    let mini_fat_len = u32_at(header, 64) as usize;
    let mut difat: Vec<u32> = words(&header[76..512]).collect();
    let mut next = u32_at(header, 68);
    let mut read = 0usize;
    while next <= LAST_SECTOR {
        read += 1;
        if read > sectors.last + 1 {
            return Err("its table of sectors loops".into());
        }
        difat.extend(words(sectors.get(next)?));
        next = difat.pop().ok_or("its table of sectors ends early")?;
    }
    let mut fat = Vec::new();
    for id in difat.into_iter().filter(|id| *id < DIFAT_SECTOR) {
        fat.extend(words(sectors.get(id)?));
    }
    let directory = sectors.chain(dir_start, &fat, usize::MAX)?;
    let entries: Vec<(String, u32, usize)> = directory
        .chunks_exact(128)
        .map(|entry| {
            let name: Vec<u16> = entry[..64]
                .chunks_exact(2)
                .map(|pair| u16::from_le_bytes([pair[0], pair[1]]))
                .take_while(|&unit| unit != 0)
                .collect();
            let len = if size == 512 {
                u32_at(entry, 120) as usize
            } else {
                usize::try_from(u64::from_le_bytes(
                    entry[120..128].try_into().unwrap_or_default(),
                ))
                .unwrap_or(usize::MAX)
            };
            (String::from_utf16_lossy(&name), u32_at(entry, 116), len)
        })
        .collect();
    let root = entries.first().ok_or("its directory is empty")?;
    let find = |name: &str| {
        entries
            .iter()
            .find(|(n, _, _)| n.eq_ignore_ascii_case(name))
    };
    let (_, start, len) = find("Workbook")
        .or_else(|| find("Book"))
        .ok_or("it holds no Workbook stream")?;
    if *len >= 4096 {
        return sectors.chain(*start, &fat, *len);
    }
    if mini_fat_len == 0 {
        return Err("its small streams have no table".into());
    }
    let mini_stream = sectors.chain(root.1, &fat, root.2)?;
    let mini_fat: Vec<u32> =
        words(&sectors.chain(mini_fat_start, &fat, mini_fat_len.saturating_mul(size))?).collect();
    let minis = Sectors {
        bytes: &mini_stream,
        size: 64,
        last: mini_stream.len() / 64,
    };
    // Small sectors have no header before them.
    minis.chain_from(*start, &mini_fat, *len, 0)
}

/// The sectors of a compound file, or of its stream of small sectors.
struct Sectors<'b> {
    bytes: &'b [u8],
    size: usize,
    last: usize,
}

impl Sectors<'_> {
    /// Sector `id` of the file: the header is sector "-1".
    fn get(&self, id: u32) -> Result<&[u8], Cause> {
        self.at(id, 1)
    }

    fn at(&self, id: u32, skip: usize) -> Result<&[u8], Cause> {
        let id = id as usize;
        if id > self.last {
            return Err(format!(
                "a chain of sectors leads to sector {id}, past the end of the file"
            )
            .into());
        }
        let start = (id + skip) * self.size;
        Ok(self
            .bytes
            .get(start..(start + self.size).min(self.bytes.len()))
            .unwrap_or_default())
    }

    /// The chain of sectors from `start`, as far as `len` bytes.
    fn chain(&self, start: u32, fat: &[u32], len: usize) -> Result<Vec<u8>, Cause> {
        self.chain_from(start, fat, len, 1)
    }

    fn chain_from(
        &self,
        mut id: u32,
        fat: &[u32],
        len: usize,
        skip: usize,
    ) -> Result<Vec<u8>, Cause> {
        let mut out = Vec::new();
        let mut steps = 0usize;
        while id != END_OF_CHAIN {
            steps += 1;
            if steps > self.last + 1 {
                return Err("a chain of sectors loops".into());
            }
            let sector = self.at(id, skip)?;
            let take = sector.len().min(len - out.len());
            out.extend_from_slice(&sector[..take]);
            if out.len() >= len {
                break;
            }
            id = *fat
                .get(id as usize)
                .ok_or("a chain of sectors leads past the table of sectors")?;
        }
        Ok(out)
    }
}

/// One record of the workbook stream, with the continuations calamine
/// joins to it.
struct Record<'s> {
    kind: u16,
    data: &'s [u8],
}

/// The records of `stream` as calamine reads them, up to the first it
/// cannot read.
fn records(mut stream: &[u8]) -> impl Iterator<Item = Record<'_>> {
    std::iter::from_fn(move || {
        let kind = u16_at(stream.get(..4)?, 0);
        let len = u16_at(stream, 2) as usize;
        let data = stream.get(4..4 + len)?;
        stream = &stream[4 + len..];
        // Continuations (0x003C) belong to the record before them.
        while stream.len() > 4 && u16_at(stream, 0) == 0x003C {
            let len = u16_at(stream, 2) as usize;
            stream = stream.get(4 + len..)?;
        }
        Some(Record { kind, data })
    })
}

/// Refuses a workbook one of whose sheets declares, or spreads its cells
/// over, more than [`MAX_CELLS`] cells: calamine reserves the one and
/// holds the other.
fn check_records(stream: &[u8]) -> Result<(), ReadError> {
    let mut sheets = Vec::new();
    // What the sheets before this one spread over: calamine holds them all
    // at once.
    let mut before = 0u64;
    for record in records(stream) {
        match record.kind {
            // BoundSheet8: where a sheet's records start, and its name.
            0x0085 if record.data.len() >= 6 => {
                sheets.push((u32_at(record.data, 0) as usize, sheet_name(record.data)));
            }
            0x000A => break,
            _ => {}
        }
    }
    for (start, name) in sheets {
        let Some(sheet) = stream.get(start..) else {
            continue;
        };
        let mut spread = Spread::default();
        let mut depth = 0usize;
        let mut seen_bof = false;
        for record in records(sheet) {
            let data = record.data;
            if depth > 0 {
                match record.kind {
                    0x0809 => depth += 1,
                    0x000A => depth -= 1,
                    _ => {}
                }
                continue;
            }
            match record.kind {
                0x0809 if seen_bof => depth += 1,
                0x0809 => seen_bof = true,
                0x000A => break,
                // Dimensions: calamine reserves room for every cell in it.
                0x0200 => {
                    let (rows, columns) = declared(data);
                    if rows.saturating_mul(columns) > MAX_CELLS as u64 {
                        return Err(too_spread(&name, rows, columns));
                    }
                }
                // Number, Label, RString, BoolErr, RK, LabelSst, Formula.
                0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 if data.len() >= 4 => {
                    spread.add(u16_at(data, 0), u16_at(data, 2));
                }
                // MulRk: a row of cells from one column to another.
                0x00BD if data.len() >= 6 => {
                    let row = u16_at(data, 0);
                    spread.add(row, u16_at(data, 2));
                    spread.add(row, u16_at(data, data.len() - 2));
                }
                _ => {}
            }
        }
        let (rows, columns) = spread.size();
        before = before.saturating_add(rows * columns);
        if before > MAX_CELLS as u64 {
            return Err(too_spread(&name, rows, columns));
        }
    }
    Ok(())
}

/// A BoundSheet8 record's sheet name: a count of characters, a flag for
/// two bytes a character, then the characters.
fn sheet_name(data: &[u8]) -> String {
    let count = data.get(6).copied().unwrap_or(0) as usize;
    let wide = data.get(7).is_some_and(|flags| flags & 1 == 1);
    let rest = data.get(8..).unwrap_or_default();
    let name = if wide {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .take(count)
            .map(|b| u16::from_le_bytes([b[0], b[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        rest.iter().take(count).map(|&b| char::from(b)).collect()
    };
    name.replace('\0', "")
}

fn too_spread(sheet: &str, rows: u64, columns: u64) -> ReadError {
    ReadError::TooSpread {
        format: Format::Xls,
        sheet: sheet.to_owned(),
        rows,
        columns,
    }
}

/// The cells a Dimensions record makes calamine reserve, worked out as
/// calamine works them out (a range that ends before it starts wraps).
fn declared(data: &[u8]) -> (u64, u64) {
    let (first_row, last_row, mut first_column, last_column) = match data.len() {
        10 => (
            u32::from(u16_at(data, 0)),
            u32::from(u16_at(data, 2)),
            u32::from(u16_at(data, 4)),
            u32::from(u16_at(data, 6)),
        ),
        14 | 16 => (
            u32_at(data, 0),
            u32_at(data, 4),
            u32::from(u16_at(data, 8)),
            u32::from(u16_at(data, 10)),
        ),
        _ => return (0, 0),
    };
    if 0xFF < first_column || last_column < first_column {
        first_column = 0;
    }
    let (end_row, end_column) = if last_row >= 1 && last_column >= 1 {
        (last_row - 1, last_column - 1)
    } else {
        (first_row, first_column)
    };
    let rows = u64::from(end_row.wrapping_sub(first_row).wrapping_add(1));
    let columns = u64::from(end_column.wrapping_sub(first_column).wrapping_add(1));
    // A wrap to 0 rows reserves nothing; a wrap to a huge count, much.
    (rows, columns)
}

/// The first and last row and column with a cell.
#[derive(Default)]
struct Spread(Option<(u16, u16, u16, u16)>);

impl Spread {
    fn add(&mut self, row: u16, column: u16) {
        self.0 = Some(match self.0 {
            None => (row, row, column, column),
            Some((top, bottom, left, right)) => (
                top.min(row),
                bottom.max(row),
                left.min(column),
                right.max(column),
            ),
        });
    }

    fn size(&self) -> (u64, u64) {
        self.0.map_or((0, 0), |(top, bottom, left, right)| {
            (u64::from(bottom - top) + 1, u64::from(right - left) + 1)
        })
    }
}

fn u16_at(bytes: &[u8], at: usize) -> u16 {
    bytes
        .get(at..at + 2)
        .map_or(0, |b| u16::from_le_bytes([b[0], b[1]]))
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    bytes
        .get(at..at + 4)
        .map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

fn words(bytes: &[u8]) -> impl Iterator<Item = u32> + '_ {
    bytes
        .chunks_exact(4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dimensions_record_that_ends_before_it_starts_is_counted_as_calamine_counts_it() {
        // Rows 5 to 1: calamine's subtraction wraps to four billion rows.
        let mut data = Vec::new();
        for n in [5u32, 2] {
            data.extend(n.to_le_bytes());
        }
        data.extend([0, 0, 1, 0, 0, 0]);
        let (rows, columns) = declared(&data);
        assert!(rows * columns > MAX_CELLS as u64);
        let mut sane = Vec::new();
        for n in [0u32, 100] {
            sane.extend(n.to_le_bytes());
        }
        sane.extend([0, 0, 10, 0, 0, 0]);
        assert_eq!(declared(&sane), (100, 10));
    }

    #[test]
    fn a_chain_that_loops_is_refused() {
        let bytes = vec![0u8; 512 * 4];
        let sectors = Sectors {
            bytes: &bytes,
            size: 512,
            last: 4,
        };
        // Sector 0 leads to 1, and 1 back to 0.
        let err = sectors.chain(0, &[1, 0], usize::MAX).unwrap_err();
        assert!(err.to_string().contains("loops"), "{err}");
    }
}
