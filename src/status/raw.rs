//! Raw serde types that mirror a status file. They accept anything of the
//! right general shape and keep every key with its position, so that
//! validation can report every unknown id, status and key in one pass.
//! Visitors are hand-written because derived `untagged` enums and `flatten`
//! would lose the positions.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::{EntryField, Status};
use crate::yaml::Located;

/// The whole file: top-level keys in file order.
#[derive(Debug, Default)]
pub struct RawStatusFile {
    /// Every top-level key with its value.
    pub entries: Vec<(Located<String>, RawTop)>,
}

/// The value of one top-level key.
#[derive(Debug)]
pub enum RawTop {
    /// A key of the organisation's details, with its text (`None` when empty).
    Detail(Option<Located<String>>),
    /// A mapping, which is what a standard section looks like.
    Section(Vec<(Located<String>, Located<RawEntry>)>),
    /// The `soa:` block: keys and their text, and the change history.
    Soa(RawSoa),
    /// The `additional-controls:` list, each a mapping of keys to text.
    Additional(Vec<Located<RawMap>>),
    /// Anything else, described for the error message.
    Other(&'static str),
}

/// One item's entry, in short or long form.
#[derive(Debug)]
pub enum RawEntry {
    /// `A.5.1: implemented`, already recognised (the common case, without allocating).
    Status(Status),
    /// A short form whose word is not a status, for the error message.
    Short(String),
    /// `A.5.1: {status: ..., owner: ...}`.
    Long(RawLong),
    /// A value that cannot be a status, described for the error message.
    Invalid(&'static str),
}

/// The long form of an entry.
#[derive(Debug, Default)]
pub struct RawLong {
    /// Every known field in file order, with the position of its key.
    pub fields: Vec<(Located<EntryField>, RawField)>,
    /// Keys that the long form does not have.
    pub unknown: Vec<Located<String>>,
}

/// The value of one long-form field.
#[derive(Debug)]
pub enum RawField {
    /// A text field; `None` when left empty.
    Text(Option<Located<String>>),
    /// The evidence list.
    Evidence(Vec<Located<RawEvidence>>),
    /// A list of words or ids (`reasons`, `risks`): one, or a list.
    List(Vec<Located<String>>),
}

/// A mapping of keys to text, as the `soa:` block and each additional
/// control are written; `invalid` describes a value that is no mapping.
#[derive(Debug, Default)]
pub struct RawMap {
    /// Every key with its text, in file order.
    pub fields: Vec<(Located<String>, Option<Located<String>>)>,
    /// What was written instead of a mapping, for the error message.
    pub invalid: Option<&'static str>,
}

/// The `soa:` block: its keys and their text, as a [`RawMap`], and the
/// `history:` list of changes, each a mapping of keys to text.
#[derive(Debug, Default)]
pub struct RawSoa {
    /// Every key but `history`, with its text.
    pub map: RawMap,
    /// The `history` key, and its changes or what was written instead of a list.
    pub history: Option<(Located<String>, MapItems)>,
}

/// The mappings of a list, or what was written instead of a list.
pub type MapItems = Result<Vec<Located<RawMap>>, &'static str>;

/// One piece of evidence.
#[derive(Debug)]
pub enum RawEvidence {
    /// A reference to a document or record.
    Text(String),
    /// A reference with the date the evidence was produced or last checked.
    Dated {
        /// The reference, if given.
        reference: Option<Located<String>>,
        /// The date, if given.
        date: Option<Located<String>>,
        /// Keys other than `ref` and `date`.
        unknown: Vec<Located<String>>,
    },
    /// A value that cannot be evidence, described for the error message.
    Invalid(&'static str),
}

impl<'de> Deserialize<'de> for RawStatusFile {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FileVisitor;
        impl<'de> Visitor<'de> for FileVisitor {
            type Value = RawStatusFile;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a mapping of keys such as `organisation` and standard sections")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key::<Located<String>>()? {
                    let value = if super::META_KEYS.contains(&key.value.as_str()) {
                        RawTop::Detail(map.next_value::<Option<Located<String>>>()?)
                    } else if key.value == super::SOA_KEY {
                        RawTop::Soa(map.next_value::<RawSoa>()?)
                    } else if key.value == super::ADDITIONAL_KEY {
                        match map.next_value::<MapList>()? {
                            MapList(Ok(list)) => RawTop::Additional(list),
                            MapList(Err(_)) => RawTop::Other("something other than a list"),
                        }
                    } else {
                        map.next_value::<RawTop>()?
                    };
                    entries.push((key, value));
                }
                Ok(RawStatusFile { entries })
            }
        }
        deserializer.deserialize_map(FileVisitor)
    }
}

/// Describes a value that is not a mapping, for error messages.
macro_rules! describe_scalars {
    ($value:ty) => {
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<$value, E> {
            Ok(Self::other("a yes/no value"))
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<$value, E> {
            Ok(Self::other("a number"))
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<$value, E> {
            Ok(Self::other("a number"))
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<$value, E> {
            Ok(Self::other("a number"))
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<$value, A::Error> {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok(Self::other("a list"))
        }
    };
}

struct TopVisitor;

impl TopVisitor {
    fn other(what: &'static str) -> RawTop {
        RawTop::Other(what)
    }
}

impl<'de> Visitor<'de> for TopVisitor {
    type Value = RawTop;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a standard section")
    }
    describe_scalars!(RawTop);
    fn visit_str<E: de::Error>(self, _: &str) -> Result<RawTop, E> {
        Ok(RawTop::Other("text"))
    }
    fn visit_unit<E: de::Error>(self) -> Result<RawTop, E> {
        Ok(RawTop::Section(Vec::new()))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawTop, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Located<String>>()? {
            entries.push((key, map.next_value::<Located<RawEntry>>()?));
        }
        Ok(RawTop::Section(entries))
    }
}

impl<'de> Deserialize<'de> for RawTop {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TopVisitor)
    }
}

struct EntryVisitor;

impl EntryVisitor {
    fn other(what: &'static str) -> RawEntry {
        RawEntry::Invalid(what)
    }
}

impl<'de> Visitor<'de> for EntryVisitor {
    type Value = RawEntry;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a status, or a mapping with `status` and details")
    }
    describe_scalars!(RawEntry);
    fn visit_str<E: de::Error>(self, value: &str) -> Result<RawEntry, E> {
        Ok(match Status::parse(value) {
            Some(status) => RawEntry::Status(status),
            None => RawEntry::Short(value.to_owned()),
        })
    }
    fn visit_unit<E: de::Error>(self) -> Result<RawEntry, E> {
        Ok(RawEntry::Invalid("empty"))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawEntry, A::Error> {
        let mut long = RawLong::default();
        while let Some(key) = map.next_key::<Located<String>>()? {
            match EntryField::parse(&key.value) {
                Some(EntryField::Evidence) => {
                    let evidence = map.next_value::<EvidenceList>()?;
                    let field = Located::new(EntryField::Evidence, key.pos);
                    long.fields.push((field, RawField::Evidence(evidence.0)));
                }
                Some(field @ (EntryField::Reasons | EntryField::Risks)) => {
                    let list = map.next_value::<TextList>()?;
                    long.fields
                        .push((Located::new(field, key.pos), RawField::List(list.0)));
                }
                Some(field) => {
                    let text = map.next_value::<Option<Located<String>>>()?;
                    long.fields
                        .push((Located::new(field, key.pos), RawField::Text(text)));
                }
                None => {
                    map.next_value::<IgnoredAny>()?;
                    long.unknown.push(key);
                }
            }
        }
        Ok(RawEntry::Long(long))
    }
}

impl<'de> Deserialize<'de> for RawEntry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(EntryVisitor)
    }
}

/// `evidence: one-reference` or `evidence: [a, b, {ref: c, date: ...}]`.
struct EvidenceList(Vec<Located<RawEvidence>>);

impl<'de> Deserialize<'de> for EvidenceList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // A lone reference is a list of one, positioned where the value starts.
        let value = Located::<EvidenceOrList>::deserialize(deserializer)?;
        Ok(match value.value {
            EvidenceOrList::List(items) => EvidenceList(items),
            EvidenceOrList::One(item) => EvidenceList(vec![Located::new(item, value.pos)]),
        })
    }
}

enum EvidenceOrList {
    One(RawEvidence),
    List(Vec<Located<RawEvidence>>),
}

impl<'de> Deserialize<'de> for EvidenceOrList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OneOrMany;
        impl<'de> Visitor<'de> for OneOrMany {
            type Value = EvidenceOrList;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an evidence reference or a list of them")
            }
            fn visit_str<E: de::Error>(self, value: &str) -> Result<EvidenceOrList, E> {
                Ok(EvidenceOrList::One(RawEvidence::Text(value.to_owned())))
            }
            fn visit_unit<E: de::Error>(self) -> Result<EvidenceOrList, E> {
                Ok(EvidenceOrList::List(Vec::new()))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<EvidenceOrList, E> {
                Ok(EvidenceOrList::One(RawEvidence::Invalid("a yes/no value")))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<EvidenceOrList, E> {
                Ok(EvidenceOrList::One(RawEvidence::Invalid("a number")))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<EvidenceOrList, E> {
                Ok(EvidenceOrList::One(RawEvidence::Invalid("a number")))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<EvidenceOrList, E> {
                Ok(EvidenceOrList::One(RawEvidence::Invalid("a number")))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<EvidenceOrList, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<Located<RawEvidence>>()? {
                    items.push(item);
                }
                Ok(EvidenceOrList::List(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<EvidenceOrList, A::Error> {
                Ok(EvidenceOrList::One(EvidenceVisitor.visit_map(map)?))
            }
        }
        deserializer.deserialize_any(OneOrMany)
    }
}

struct EvidenceVisitor;

impl EvidenceVisitor {
    fn other(what: &'static str) -> RawEvidence {
        RawEvidence::Invalid(what)
    }
}

impl<'de> Visitor<'de> for EvidenceVisitor {
    type Value = RawEvidence;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an evidence reference")
    }
    describe_scalars!(RawEvidence);
    fn visit_str<E: de::Error>(self, value: &str) -> Result<RawEvidence, E> {
        Ok(RawEvidence::Text(value.to_owned()))
    }
    fn visit_unit<E: de::Error>(self) -> Result<RawEvidence, E> {
        Ok(RawEvidence::Invalid("empty"))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawEvidence, A::Error> {
        let (mut reference, mut date, mut unknown) = (None, None, Vec::new());
        while let Some(key) = map.next_key::<Located<String>>()? {
            match key.value.as_str() {
                "ref" => reference = map.next_value::<Option<Located<String>>>()?,
                "date" => date = map.next_value::<Option<Located<String>>>()?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                    unknown.push(key);
                }
            }
        }
        Ok(RawEvidence::Dated {
            reference,
            date,
            unknown,
        })
    }
}

impl<'de> Deserialize<'de> for RawEvidence {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(EvidenceVisitor)
    }
}

/// `reasons: legal` or `reasons: [legal, contractual]`: one text or a list.
struct TextList(Vec<Located<String>>);

impl<'de> Deserialize<'de> for TextList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // A lone word is a list of one, positioned where it is written.
        let value = Located::<ScalarOrList>::deserialize(deserializer)?;
        Ok(TextList(match value.value {
            ScalarOrList::One(text) => vec![Located::new(text, value.pos)],
            ScalarOrList::List(items) => items,
            ScalarOrList::Nothing => Vec::new(),
        }))
    }
}

enum ScalarOrList {
    One(String),
    List(Vec<Located<String>>),
    Nothing,
}

impl<'de> Deserialize<'de> for ScalarOrList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Any;
        impl<'de> Visitor<'de> for Any {
            type Value = ScalarOrList;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a word or a list of words")
            }
            fn visit_str<E: de::Error>(self, value: &str) -> Result<ScalarOrList, E> {
                Ok(ScalarOrList::One(value.to_owned()))
            }
            fn visit_bool<E: de::Error>(self, value: bool) -> Result<ScalarOrList, E> {
                Ok(ScalarOrList::One(value.to_string()))
            }
            fn visit_i64<E: de::Error>(self, value: i64) -> Result<ScalarOrList, E> {
                Ok(ScalarOrList::One(value.to_string()))
            }
            fn visit_u64<E: de::Error>(self, value: u64) -> Result<ScalarOrList, E> {
                Ok(ScalarOrList::One(value.to_string()))
            }
            fn visit_f64<E: de::Error>(self, value: f64) -> Result<ScalarOrList, E> {
                Ok(ScalarOrList::One(value.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<ScalarOrList, E> {
                Ok(ScalarOrList::Nothing)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ScalarOrList, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<Located<String>>()? {
                    items.push(item);
                }
                Ok(ScalarOrList::List(items))
            }
        }
        deserializer.deserialize_any(Any)
    }
}

struct MapVisitor;

impl MapVisitor {
    fn other(what: &'static str) -> RawMap {
        RawMap {
            fields: Vec::new(),
            invalid: Some(what),
        }
    }
}

impl<'de> Visitor<'de> for MapVisitor {
    type Value = RawMap;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a mapping of keys to text")
    }
    describe_scalars!(RawMap);
    fn visit_str<E: de::Error>(self, _: &str) -> Result<RawMap, E> {
        Ok(Self::other("text"))
    }
    fn visit_unit<E: de::Error>(self) -> Result<RawMap, E> {
        Ok(RawMap::default())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawMap, A::Error> {
        let mut fields = Vec::new();
        while let Some(key) = map.next_key::<Located<String>>()? {
            fields.push((key, map.next_value::<Option<Located<String>>>()?));
        }
        Ok(RawMap {
            fields,
            invalid: None,
        })
    }
}

impl<'de> Deserialize<'de> for RawMap {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(MapVisitor)
    }
}

/// The `soa:` block: `history` is read as a list of mappings, every other
/// key as text (so that `version: 3.10` stays `3.10`).
impl<'de> Deserialize<'de> for RawSoa {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SoaVisitor;
        impl SoaVisitor {
            fn other(what: &'static str) -> RawSoa {
                RawSoa {
                    map: MapVisitor::other(what),
                    history: None,
                }
            }
        }
        impl<'de> Visitor<'de> for SoaVisitor {
            type Value = RawSoa;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a mapping of keys to text, and a history list")
            }
            describe_scalars!(RawSoa);
            fn visit_str<E: de::Error>(self, _: &str) -> Result<RawSoa, E> {
                Ok(Self::other("text"))
            }
            fn visit_unit<E: de::Error>(self) -> Result<RawSoa, E> {
                Ok(RawSoa::default())
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawSoa, A::Error> {
                let mut out = RawSoa::default();
                while let Some(key) = map.next_key::<Located<String>>()? {
                    if key.value == "history" {
                        let MapList(list) = map.next_value::<MapList>()?;
                        out.history = Some((key, list));
                    } else {
                        let value = map.next_value::<Option<Located<String>>>()?;
                        out.map.fields.push((key, value));
                    }
                }
                Ok(out)
            }
        }
        deserializer.deserialize_any(SoaVisitor)
    }
}

/// A list of mappings (`additional-controls:`, `history:`), or what was
/// written instead, described for the error message.
struct MapList(MapItems);

impl<'de> Deserialize<'de> for MapList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ListVisitor;
        impl ListVisitor {
            fn other(what: &'static str) -> MapList {
                MapList(Err(what))
            }
        }
        impl<'de> Visitor<'de> for ListVisitor {
            type Value = MapList;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of mappings")
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<MapList, E> {
                Ok(Self::other("a yes/no value"))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<MapList, E> {
                Ok(Self::other("a number"))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<MapList, E> {
                Ok(Self::other("a number"))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<MapList, E> {
                Ok(Self::other("a number"))
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<MapList, E> {
                Ok(Self::other("text"))
            }
            fn visit_unit<E: de::Error>(self) -> Result<MapList, E> {
                Ok(MapList(Ok(Vec::new())))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<MapList, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Self::other("a mapping"))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<MapList, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<Located<RawMap>>()? {
                    items.push(item);
                }
                Ok(MapList(Ok(items)))
            }
        }
        deserializer.deserialize_any(ListVisitor)
    }
}
