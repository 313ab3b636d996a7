//! The wallet export file, byte for byte as libindy 1.16 wrote and read it
//! (`indy-wallet/src/export_import.rs`, `indy-utils/src/crypto/chacha20poly1305_ietf`),
//! streamed over plain `Read`/`Write`:
//!
//! ```text
//! file   = u32 LE header_len ‖ header ‖ sealed stream
//! header = MessagePack as rmp-serde 0.13 wrote it: structs as arrays of their fields,
//!          enums as [variant index, fields], byte vectors as arrays of integers:
//!          [encryption_method, time: u64 (UNIX seconds), version: u32 = 0]
//!   encryption_method = [0, [salt(32), nonce(12), chunk_size]]  ChaCha20Poly1305IETF (ARGON2I_MOD)
//!                     | [1, [salt(32), nonce(12), chunk_size]]  ChaCha20Poly1305IETFInteractive (ARGON2I_INT)
//!                     | [2, [nonce(12), chunk_size]]            ChaCha20Poly1305IETFRaw (RAW)
//! stream = SHA-256(header) ‖ (u32 LE len ‖ [type, id, value, {tag: value}])* ‖ u32 0,
//!          cut into chunk_size (1024) plaintext pieces, the last one shorter and never empty,
//!          each sealed with ChaCha20-Poly1305-IETF (tag appended, no associated data) under
//!          the header's nonce, incremented little-endian (`sodium_increment`) per chunk.
//! ```
//!
//! Reading also takes what rmp-serde accepts besides: structs as maps by field name,
//! enums as `{name: fields}`, byte vectors as `bin`. As in libindy every broken file,
//! a wrong passphrase included (the first chunk does not open), is `CommonInvalidStructure`;
//! other read and write failures are `CommonIOError`.

use std::collections::HashMap;
use std::fmt;
use std::io::{self, Read, Write};

use chacha20poly1305::aead::{AeadInPlace, KeyInit};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce, Tag};
use sha2::{Digest, Sha256};
use zeroize::{Zeroize, Zeroizing};

use super::kdf::{derive_master_key, MasterKey, SALT_BYTES};
use crate::domain::wallet::KeyDerivationMethod;
use crate::errors::{ErrorCode, IndyError, IndyResult};
use crate::services::crypto::random_bytes;

/// Plaintext bytes per sealed chunk, libindy's `CHUNK_SIZE`.
pub const CHUNK_SIZE: usize = 1024;

const VERSION: u64 = 0;
const NONCE_BYTES: usize = 12;
const TAG_BYTES: usize = 16;
const HASH_BYTES: usize = 32;
/// Deep enough for the header (three levels) and a record (two).
const MAX_DEPTH: usize = 8;

const METHOD_VARIANTS: [&str; 3] =
    ["ChaCha20Poly1305IETF", "ChaCha20Poly1305IETFInteractive", "ChaCha20Poly1305IETFRaw"];

/// One wallet record as the export file holds it: decrypted, with its type, and its tags
/// by name (plaintext tags keep their `~`).
#[derive(Clone, PartialEq, Eq)]
pub struct ExportRecord {
    pub type_: String,
    pub id: String,
    pub value: String,
    pub tags: HashMap<String, String>,
}

// Values may be keys; never print them.
impl fmt::Debug for ExportRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ExportRecord")
            .field("type_", &self.type_)
            .field("id", &self.id)
            .field("value", &format_args!("<{} bytes>", self.value.len()))
            .field("tags", &self.tags)
            .finish()
    }
}

/// The key an export file is sealed with, and how it was derived (for the header).
pub struct ExportKey {
    method: KeyDerivationMethod,
    salt: Option<[u8; SALT_BYTES]>,
    key: MasterKey,
}

impl ExportKey {
    /// Derives the key from `passphrase` (a fresh salt for Argon2i, the base58 key itself
    /// for RAW). Argon2i is the slow part of an export: run it where slow work belongs.
    pub fn derive(method: KeyDerivationMethod, passphrase: &str) -> IndyResult<ExportKey> {
        let salt = match method {
            KeyDerivationMethod::Raw => None,
            KeyDerivationMethod::Argon2iMod | KeyDerivationMethod::Argon2iInt => Some(*random_bytes::<SALT_BYTES>()),
        };
        let key = derive_master_key(method, passphrase, salt.as_ref().map(|s| &s[..]))?;
        Ok(ExportKey { method, salt, key })
    }
}

/// Writes `records` as a libindy export file sealed with a key derived from `passphrase`.
/// `time` is the header's export time in UNIX seconds.
pub fn export<W: Write>(
    writer: W,
    records: impl Iterator<Item = IndyResult<ExportRecord>>,
    method: KeyDerivationMethod,
    passphrase: &str,
    time: u64,
) -> IndyResult<()> {
    export_with_key(writer, records, &ExportKey::derive(method, passphrase)?, time)
}

/// Writes `records` as a libindy export file sealed with `key`, one record at a time.
pub fn export_with_key<W: Write>(
    mut writer: W,
    records: impl Iterator<Item = IndyResult<ExportRecord>>,
    key: &ExportKey,
    time: u64,
) -> IndyResult<()> {
    let header = Header {
        method: key.method,
        salt: key.salt,
        nonce: *random_bytes::<NONCE_BYTES>(),
        chunk_size: CHUNK_SIZE,
        time,
    };
    let header_bytes = header.encode();

    writer
        .write_all(&(header_bytes.len() as u32).to_le_bytes())
        .and_then(|()| writer.write_all(&header_bytes))
        .map_err(write_error)?;

    let mut sealer = Sealer::new(writer, &key.key, header.nonce, header.chunk_size);
    sealer.write(&Sha256::digest(&header_bytes))?;
    for record in records {
        let record = record?;
        let tags: Vec<(&str, &str)> = record.tags.iter().map(|(name, value)| (name.as_str(), value.as_str())).collect();
        let bytes = encode_record(&record.type_, &record.id, &record.value, &tags)?;
        sealer.write(&(bytes.len() as u32).to_le_bytes())?;
        sealer.write(&bytes)?;
    }
    sealer.write(&0u32.to_le_bytes())?;
    sealer.finish()
}

/// An export file whose header has been read, waiting for its key.
pub struct PendingImport<R: Read> {
    reader: R,
    header: Header,
    header_bytes: Vec<u8>,
}

impl<R: Read> PendingImport<R> {
    /// Reads and checks the header.
    pub fn read_header(mut reader: R) -> IndyResult<PendingImport<R>> {
        let mut len = [0u8; 4];
        reader.read_exact(&mut len).map_err(read_error)?;
        let header_len = u32::from_le_bytes(len);
        if header_len == 0 {
            return Err(IndyError::invalid_structure("Invalid header length"));
        }
        // Grows with the data actually there, whatever length the file claims.
        let mut header_bytes = Vec::new();
        (&mut reader).take(header_len.into()).read_to_end(&mut header_bytes).map_err(read_error)?;
        if header_bytes.len() != header_len as usize {
            return Err(format_error());
        }
        let header = Header::decode(&header_bytes)?;
        Ok(PendingImport { reader, header, header_bytes })
    }

    /// How the file's key is derived.
    pub fn key_derivation_method(&self) -> KeyDerivationMethod {
        self.header.method
    }

    /// Derives the file's key from `passphrase` (Argon2i unless RAW: the slow part).
    pub fn derive_key(&self, passphrase: &str) -> IndyResult<MasterKey> {
        derive_master_key(self.header.method, passphrase, self.header.salt.as_ref().map(|s| &s[..]))
    }

    /// Checks the key against the header hash (a wrong passphrase fails here).
    pub fn open(self, key: &MasterKey) -> IndyResult<ImportReader<R>> {
        let mut opener = Opener::new(self.reader, key, self.header.nonce, self.header.chunk_size);
        let mut hash = [0u8; HASH_BYTES];
        opener.read_exact(&mut hash)?;
        if hash[..] != Sha256::digest(&self.header_bytes)[..] {
            return Err(IndyError::invalid_structure("Invalid header hash"));
        }
        Ok(ImportReader { opener, method: self.header.method, time: self.header.time, done: false })
    }
}

/// Reads a libindy export file: `open` checks the header, derives the key and checks the
/// header hash (so a wrong passphrase fails there); iterating yields the records one by one,
/// decrypting a chunk at a time, and stops after the first error.
pub struct ImportReader<R: Read> {
    opener: Opener<R>,
    method: KeyDerivationMethod,
    time: u64,
    done: bool,
}

impl<R: Read> ImportReader<R> {
    pub fn open(reader: R, passphrase: &str) -> IndyResult<ImportReader<R>> {
        let pending = PendingImport::read_header(reader)?;
        let key = pending.derive_key(passphrase)?;
        pending.open(&key)
    }

    /// How the export key was derived, from the header.
    pub fn key_derivation_method(&self) -> KeyDerivationMethod {
        self.method
    }

    /// The header's export time, UNIX seconds.
    pub fn time(&self) -> u64 {
        self.time
    }

    /// The next record's MessagePack, or `None` at the end marker.
    fn next_record_bytes(&mut self) -> IndyResult<Option<Zeroizing<Vec<u8>>>> {
        let mut len = [0u8; 4];
        self.opener.read_exact(&mut len)?;
        let len = u32::from_le_bytes(len) as usize;
        if len == 0 {
            return Ok(None);
        }
        // Sized once, so the plaintext is never copied by a reallocation.
        let mut bytes = Zeroizing::new(Vec::new());
        bytes.try_reserve_exact(len).map_err(|_| IndyError::invalid_structure("Record length is too large"))?;
        bytes.resize(len, 0);
        self.opener.read_exact(&mut bytes)?;
        Ok(Some(bytes))
    }
}

impl<R: Read> Iterator for ImportReader<R> {
    type Item = IndyResult<ExportRecord>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let next = self.next_record_bytes().and_then(|bytes| bytes.map(|b| decode_record(&b)).transpose());
        match next {
            Ok(Some(record)) => Some(Ok(record)),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(err) => {
                self.done = true;
                Some(Err(err))
            }
        }
    }
}

impl<R: Read> std::iter::FusedIterator for ImportReader<R> {}

impl<R: Read> fmt::Debug for ImportReader<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ImportReader")
            .field("method", &self.method)
            .field("time", &self.time)
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

fn format_error() -> IndyError {
    IndyError::invalid_structure("Invalid export file format")
}

fn read_error(err: io::Error) -> IndyError {
    match err.kind() {
        io::ErrorKind::UnexpectedEof | io::ErrorKind::InvalidData => format_error(),
        _ => IndyError::new(ErrorCode::CommonIOError, format!("Can't read export file: {err}")),
    }
}

fn write_error(err: io::Error) -> IndyError {
    IndyError::new(ErrorCode::CommonIOError, format!("Can't write export file: {err}"))
}

/// libsodium's `sodium_increment`: the nonce as a little-endian number, plus one.
fn increment_nonce(nonce: &mut [u8; NONCE_BYTES]) {
    for byte in nonce.iter_mut() {
        let (next, carry) = byte.overflowing_add(1);
        *byte = next;
        if !carry {
            break;
        }
    }
}

/// libindy's chacha20poly1305_ietf `Writer`: buffers plaintext, seals every full chunk,
/// and the rest (if any) on `finish`.
struct Sealer<W: Write> {
    inner: W,
    cipher: ChaCha20Poly1305,
    nonce: [u8; NONCE_BYTES],
    chunk_size: usize,
    /// Plaintext, then the sealed chunk; room for the tag so it never reallocates.
    buffer: Zeroizing<Vec<u8>>,
}

impl<W: Write> Sealer<W> {
    fn new(inner: W, key: &[u8; 32], nonce: [u8; NONCE_BYTES], chunk_size: usize) -> Self {
        Sealer {
            inner,
            cipher: ChaCha20Poly1305::new(Key::from_slice(key)),
            nonce,
            chunk_size,
            buffer: Zeroizing::new(Vec::with_capacity(chunk_size + TAG_BYTES)),
        }
    }

    fn write(&mut self, mut data: &[u8]) -> IndyResult<()> {
        while !data.is_empty() {
            let take = (self.chunk_size - self.buffer.len()).min(data.len());
            let (now, rest) = data.split_at(take);
            self.buffer.extend_from_slice(now);
            data = rest;
            if self.buffer.len() == self.chunk_size {
                self.seal_chunk()?;
            }
        }
        Ok(())
    }

    fn seal_chunk(&mut self) -> IndyResult<()> {
        let tag = self
            .cipher
            .encrypt_in_place_detached(Nonce::from_slice(&self.nonce), b"", &mut self.buffer)
            .map_err(|_| IndyError::invalid_state("ChaCha20-Poly1305 refused a chunk"))?;
        self.buffer.extend_from_slice(&tag);
        self.inner.write_all(&self.buffer).map_err(write_error)?;
        self.buffer.clear();
        increment_nonce(&mut self.nonce);
        Ok(())
    }

    fn finish(mut self) -> IndyResult<()> {
        if !self.buffer.is_empty() {
            self.seal_chunk()?;
        }
        self.inner.flush().map_err(write_error)
    }
}

/// libindy's chacha20poly1305_ietf `Reader`: reads `chunk_size + 16` bytes (fewer at the
/// end of the file), opens them under the next nonce, and hands the plaintext out.
struct Opener<R: Read> {
    inner: R,
    cipher: ChaCha20Poly1305,
    nonce: [u8; NONCE_BYTES],
    chunk_size: usize,
    /// The current chunk's plaintext (decrypted in place), consumed from `pos`.
    chunk: Zeroizing<Vec<u8>>,
    pos: usize,
}

impl<R: Read> Opener<R> {
    fn new(inner: R, key: &[u8; 32], nonce: [u8; NONCE_BYTES], chunk_size: usize) -> Self {
        Opener {
            inner,
            cipher: ChaCha20Poly1305::new(Key::from_slice(key)),
            nonce,
            chunk_size,
            chunk: Zeroizing::new(Vec::new()),
            pos: 0,
        }
    }

    fn read_exact(&mut self, out: &mut [u8]) -> IndyResult<()> {
        let mut filled = 0;
        while filled < out.len() {
            if self.pos == self.chunk.len() {
                self.next_chunk()?;
                continue;
            }
            let n = (self.chunk.len() - self.pos).min(out.len() - filled);
            out[filled..filled + n].copy_from_slice(&self.chunk[self.pos..self.pos + n]);
            self.pos += n;
            filled += n;
        }
        Ok(())
    }

    fn next_chunk(&mut self) -> IndyResult<()> {
        self.chunk.zeroize();
        self.pos = 0;
        let limit = (self.chunk_size as u64).saturating_add(TAG_BYTES as u64);
        (&mut self.inner).take(limit).read_to_end(&mut self.chunk).map_err(read_error)?;
        if self.chunk.len() < TAG_BYTES {
            // Nothing left (libindy: "No more crypto chunks to consume") or a cut tag.
            self.chunk.clear();
            return Err(format_error());
        }
        let plain_len = self.chunk.len() - TAG_BYTES;
        let tag = Tag::clone_from_slice(&self.chunk[plain_len..]);
        if self
            .cipher
            .decrypt_in_place_detached(Nonce::from_slice(&self.nonce), b"", &mut self.chunk[..plain_len], &tag)
            .is_err()
        {
            self.chunk.clear();
            return Err(IndyError::invalid_structure(
                "Invalid export file format: a chunk does not open (wrong key or altered file)",
            ));
        }
        self.chunk.truncate(plain_len);
        increment_nonce(&mut self.nonce);
        Ok(())
    }
}

/// The header's content (its version is always 0).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Header {
    method: KeyDerivationMethod,
    /// Present exactly for the Argon2i methods.
    salt: Option<[u8; SALT_BYTES]>,
    nonce: [u8; NONCE_BYTES],
    chunk_size: usize,
    time: u64,
}

impl Header {
    fn encode(&self) -> Vec<u8> {
        const OK: &str = "writing to a Vec";
        let mut out = Vec::with_capacity(128);
        let variant = match self.method {
            KeyDerivationMethod::Argon2iMod => 0,
            KeyDerivationMethod::Argon2iInt => 1,
            KeyDerivationMethod::Raw => 2,
        };
        rmp::encode::write_array_len(&mut out, 3).expect(OK);
        rmp::encode::write_array_len(&mut out, 2).expect(OK);
        rmp::encode::write_uint(&mut out, variant).expect(OK);
        rmp::encode::write_array_len(&mut out, if self.salt.is_some() { 3 } else { 2 }).expect(OK);
        if let Some(salt) = &self.salt {
            write_byte_vec(&mut out, salt);
        }
        write_byte_vec(&mut out, &self.nonce);
        rmp::encode::write_uint(&mut out, self.chunk_size as u64).expect(OK);
        rmp::encode::write_uint(&mut out, self.time).expect(OK);
        rmp::encode::write_uint(&mut out, VERSION).expect(OK);
        out
    }

    fn decode(bytes: &[u8]) -> IndyResult<Header> {
        let malformed = || IndyError::invalid_structure("Header is malformed msgpack");
        let mut rd = bytes;
        let header = parse_value(&mut rd, MAX_DEPTH).ok_or_else(malformed)?;
        let [method, time, version] =
            struct_fields(header, ["encryption_method", "time", "version"]).ok_or_else(malformed)?;
        let version = version.as_uint().filter(|v| u32::try_from(*v).is_ok()).ok_or_else(malformed)?;
        let time = time.as_uint().ok_or_else(malformed)?;
        let (variant, fields) = enum_variant(method, &METHOD_VARIANTS).ok_or_else(malformed)?;
        let (method, salt, nonce, chunk_size) = match variant {
            0 | 1 => {
                let [salt, nonce, chunk_size] =
                    struct_fields(fields, ["salt", "nonce", "chunk_size"]).ok_or_else(malformed)?;
                let method =
                    if variant == 0 { KeyDerivationMethod::Argon2iMod } else { KeyDerivationMethod::Argon2iInt };
                (method, Some(salt), nonce, chunk_size)
            }
            _ => {
                let [nonce, chunk_size] = struct_fields(fields, ["nonce", "chunk_size"]).ok_or_else(malformed)?;
                (KeyDerivationMethod::Raw, None, nonce, chunk_size)
            }
        };
        let chunk_size = chunk_size.as_uint().and_then(|c| usize::try_from(c).ok()).ok_or_else(malformed)?;
        if version != VERSION {
            return Err(IndyError::invalid_structure("Unsupported version"));
        }
        let salt = match salt {
            Some(salt) => {
                Some(byte_array::<SALT_BYTES>(&salt).ok_or_else(|| IndyError::invalid_structure("Invalid salt"))?)
            }
            None => None,
        };
        let nonce = byte_array::<NONCE_BYTES>(&nonce).ok_or_else(|| IndyError::invalid_structure("Invalid nonce"))?;
        // libindy's writer cannot make chunks of nothing; its reader would spin on them.
        if chunk_size == 0 {
            return Err(IndyError::invalid_structure("Invalid chunk size"));
        }
        Ok(Header { method, salt, nonce, chunk_size, time })
    }
}

/// `Vec<u8>` as rmp-serde 0.13 wrote it: an array of integers.
fn write_byte_vec(out: &mut Vec<u8>, bytes: &[u8]) {
    rmp::encode::write_array_len(out, bytes.len() as u32).expect("writing to a Vec");
    for byte in bytes {
        rmp::encode::write_uint(out, u64::from(*byte)).expect("writing to a Vec");
    }
}

/// Bytes MessagePack takes for a string: marker (and length), then the UTF-8.
fn str_size(s: &str) -> usize {
    s.len()
        + match s.len() {
            0..=31 => 1,
            32..=255 => 2,
            256..=65_535 => 3,
            _ => 5,
        }
}

fn container_size(len: usize) -> usize {
    match len {
        0..=15 => 1,
        16..=65_535 => 3,
        _ => 5,
    }
}

/// libindy's `Record {type, id, value, tags}` as rmp-serde 0.13 wrote it:
/// `[type, id, value, {name: value, …}]`.
fn encode_record(type_: &str, id: &str, value: &str, tags: &[(&str, &str)]) -> IndyResult<Zeroizing<Vec<u8>>> {
    const OK: &str = "writing to a Vec";
    let len = container_size(4)
        + str_size(type_)
        + str_size(id)
        + str_size(value)
        + container_size(tags.len())
        + tags.iter().map(|(name, value)| str_size(name) + str_size(value)).sum::<usize>();
    // Every length inside is then below 2^32 too.
    if u32::try_from(len).is_err() {
        return Err(IndyError::invalid_structure("Record is too big to export"));
    }
    // Sized once, so the plaintext is never copied by a reallocation.
    let mut out = Zeroizing::new(Vec::with_capacity(len));
    rmp::encode::write_array_len(&mut *out, 4).expect(OK);
    for field in [type_, id, value] {
        rmp::encode::write_str(&mut *out, field).expect(OK);
    }
    rmp::encode::write_map_len(&mut *out, tags.len() as u32).expect(OK);
    for (name, value) in tags {
        rmp::encode::write_str(&mut *out, name).expect(OK);
        rmp::encode::write_str(&mut *out, value).expect(OK);
    }
    if out.len() != len {
        return Err(IndyError::invalid_state("Record encoding size mismatch"));
    }
    Ok(out)
}

/// A record's fields, its tags in file order.
type RecordParts = (String, String, String, Vec<(String, String)>);

fn decode_record_parts(bytes: &[u8]) -> IndyResult<RecordParts> {
    let malformed = || IndyError::invalid_structure("Record is malformed msgpack");
    let mut rd = bytes;
    let record = parse_value(&mut rd, MAX_DEPTH).ok_or_else(malformed)?;
    let [type_, id, value, tags] = struct_fields(record, ["type", "id", "value", "tags"]).ok_or_else(malformed)?;
    let Value::Map(tags) = tags else {
        return Err(malformed());
    };
    let tags = tags
        .into_iter()
        .map(|(name, value)| Some((name.into_string()?, value.into_string()?)))
        .collect::<Option<Vec<_>>>()
        .ok_or_else(malformed)?;
    Ok((
        type_.into_string().ok_or_else(malformed)?,
        id.into_string().ok_or_else(malformed)?,
        value.into_string().ok_or_else(malformed)?,
        tags,
    ))
}

fn decode_record(bytes: &[u8]) -> IndyResult<ExportRecord> {
    let (type_, id, value, tags) = decode_record_parts(bytes)?;
    Ok(ExportRecord { type_, id, value, tags: tags.into_iter().collect() })
}

/// The MessagePack this format uses; everything else is parsed past as `Other`.
enum Value {
    Uint(u64),
    /// A negative integer: never a valid field here.
    NegInt,
    Str(Zeroizing<Vec<u8>>),
    Bin(Zeroizing<Vec<u8>>),
    Array(Vec<Value>),
    Map(Vec<(Value, Value)>),
    Other,
}

impl Value {
    fn as_uint(&self) -> Option<u64> {
        match self {
            Value::Uint(n) => Some(*n),
            _ => None,
        }
    }

    fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(bytes) => std::str::from_utf8(bytes).ok(),
            _ => None,
        }
    }

    fn into_string(self) -> Option<String> {
        match self {
            Value::Str(mut bytes) => {
                String::from_utf8(std::mem::take(&mut *bytes)).map_err(|e| e.into_bytes().zeroize()).ok()
            }
            _ => None,
        }
    }
}

fn take<'a>(rd: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
    if rd.len() < n {
        return None;
    }
    let (head, rest) = rd.split_at(n);
    *rd = rest;
    Some(head)
}

/// A big-endian unsigned number of `n` (≤ 8) bytes.
fn take_be(rd: &mut &[u8], n: usize) -> Option<u64> {
    Some(take(rd, n)?.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b)))
}

fn take_len(rd: &mut &[u8], n: usize) -> Option<usize> {
    usize::try_from(take_be(rd, n)?).ok()
}

fn parse_value(rd: &mut &[u8], depth: usize) -> Option<Value> {
    use rmp::Marker as M;
    let marker = M::from_u8(*take(rd, 1)?.first()?);
    let signed = |v: i64| {
        if v >= 0 {
            Value::Uint(v as u64)
        } else {
            Value::NegInt
        }
    };
    let bytes = |rd: &mut &[u8], len: usize| Some(Zeroizing::new(take(rd, len)?.to_vec()));
    Some(match marker {
        M::FixPos(n) => Value::Uint(n.into()),
        M::U8 => Value::Uint(take_be(rd, 1)?),
        M::U16 => Value::Uint(take_be(rd, 2)?),
        M::U32 => Value::Uint(take_be(rd, 4)?),
        M::U64 => Value::Uint(take_be(rd, 8)?),
        M::FixNeg(_) => Value::NegInt,
        M::I8 => signed(i64::from(take_be(rd, 1)? as u8 as i8)),
        M::I16 => signed(i64::from(take_be(rd, 2)? as u16 as i16)),
        M::I32 => signed(i64::from(take_be(rd, 4)? as u32 as i32)),
        M::I64 => signed(take_be(rd, 8)? as i64),
        M::FixStr(n) => Value::Str(bytes(rd, n.into())?),
        M::Str8 => {
            let len = take_len(rd, 1)?;
            Value::Str(bytes(rd, len)?)
        }
        M::Str16 => {
            let len = take_len(rd, 2)?;
            Value::Str(bytes(rd, len)?)
        }
        M::Str32 => {
            let len = take_len(rd, 4)?;
            Value::Str(bytes(rd, len)?)
        }
        M::Bin8 => {
            let len = take_len(rd, 1)?;
            Value::Bin(bytes(rd, len)?)
        }
        M::Bin16 => {
            let len = take_len(rd, 2)?;
            Value::Bin(bytes(rd, len)?)
        }
        M::Bin32 => {
            let len = take_len(rd, 4)?;
            Value::Bin(bytes(rd, len)?)
        }
        M::FixArray(n) => parse_array(rd, n.into(), depth)?,
        M::Array16 => {
            let len = take_len(rd, 2)?;
            parse_array(rd, len, depth)?
        }
        M::Array32 => {
            let len = take_len(rd, 4)?;
            parse_array(rd, len, depth)?
        }
        M::FixMap(n) => parse_map(rd, n.into(), depth)?,
        M::Map16 => {
            let len = take_len(rd, 2)?;
            parse_map(rd, len, depth)?
        }
        M::Map32 => {
            let len = take_len(rd, 4)?;
            parse_map(rd, len, depth)?
        }
        M::Null | M::True | M::False => Value::Other,
        M::F32 => take(rd, 4).map(|_| Value::Other)?,
        M::F64 => take(rd, 8).map(|_| Value::Other)?,
        M::FixExt1 => take(rd, 2).map(|_| Value::Other)?,
        M::FixExt2 => take(rd, 3).map(|_| Value::Other)?,
        M::FixExt4 => take(rd, 5).map(|_| Value::Other)?,
        M::FixExt8 => take(rd, 9).map(|_| Value::Other)?,
        M::FixExt16 => take(rd, 17).map(|_| Value::Other)?,
        M::Ext8 | M::Ext16 | M::Ext32 => {
            let size = match marker {
                M::Ext8 => 1,
                M::Ext16 => 2,
                _ => 4,
            };
            let len = take_len(rd, size)?;
            take(rd, len.checked_add(1)?).map(|_| Value::Other)?
        }
        M::Reserved => return None,
    })
}

fn parse_array(rd: &mut &[u8], len: usize, depth: usize) -> Option<Value> {
    // Every element takes at least a byte: no allocation beyond what the input can fill.
    if depth == 0 || len > rd.len() {
        return None;
    }
    let mut items = Vec::with_capacity(len);
    for _ in 0..len {
        items.push(parse_value(rd, depth - 1)?);
    }
    Some(Value::Array(items))
}

fn parse_map(rd: &mut &[u8], len: usize, depth: usize) -> Option<Value> {
    if depth == 0 || len > rd.len() / 2 {
        return None;
    }
    let mut pairs = Vec::with_capacity(len);
    for _ in 0..len {
        let key = parse_value(rd, depth - 1)?;
        pairs.push((key, parse_value(rd, depth - 1)?));
    }
    Some(Value::Map(pairs))
}

/// A serde struct as rmp-serde reads it: an array of exactly its fields in order, or a
/// map by field name (unknown names skipped, each field once).
fn struct_fields<const N: usize>(value: Value, names: [&str; N]) -> Option<[Value; N]> {
    match value {
        Value::Array(items) => items.try_into().ok(),
        Value::Map(pairs) => {
            let mut fields: [Option<Value>; N] = std::array::from_fn(|_| None);
            for (key, value) in pairs {
                let Some(i) = names.iter().position(|n| key.as_str() == Some(n)) else {
                    continue;
                };
                if fields[i].replace(value).is_some() {
                    return None;
                }
            }
            let fields: Vec<Value> = fields.into_iter().collect::<Option<_>>()?;
            fields.try_into().ok()
        }
        _ => None,
    }
}

/// A serde enum as rmp-serde writes it: `[variant index, content]` (0.13, libindy) or
/// `{variant name: content}` (later versions).
fn enum_variant(value: Value, names: &[&str]) -> Option<(usize, Value)> {
    let (variant, content) = match value {
        Value::Array(items) => {
            let [variant, content]: [Value; 2] = items.try_into().ok()?;
            (variant, content)
        }
        Value::Map(pairs) => {
            let [pair]: [(Value, Value); 1] = pairs.try_into().ok()?;
            pair
        }
        _ => return None,
    };
    let index = match &variant {
        Value::Uint(i) => usize::try_from(*i).ok()?,
        Value::Str(_) => names.iter().position(|n| variant.as_str() == Some(n))?,
        _ => return None,
    };
    (index < names.len()).then_some((index, content))
}

/// A fixed-size byte vector: an array of integers below 256, or `bin`.
fn byte_array<const N: usize>(value: &Value) -> Option<[u8; N]> {
    match value {
        Value::Array(items) if items.len() == N => {
            let mut out = [0u8; N];
            for (byte, item) in out.iter_mut().zip(items) {
                *byte = u8::try_from(item.as_uint()?).ok()?;
            }
            Some(out)
        }
        Value::Bin(bytes) => bytes.as_slice().try_into().ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    const RAW_KEY: &str = "EZVzwYqtoTkrnryhA2JbKp9nsvSKx3NZpwt4EW9n1Cya";
    const OTHER_RAW_KEY: &str = "4fNFWwFbSHjXB5P1my1JeexBj3N9Vg26k5DEVBdYMMCa";

    fn fixtures_dir() -> PathBuf {
        let root = std::env::var_os("INDY_FIXTURES")
            .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/fixtures"), PathBuf::from);
        root.join("libindy-1.16")
    }

    fn manifest() -> serde_json::Value {
        let path = fixtures_dir().join("manifest.json");
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("fixture manifest {}: {e}", path.display()));
        serde_json::from_str(&text).unwrap()
    }

    fn record(type_: &str, id: &str, value: &str, tags: &[(&str, &str)]) -> ExportRecord {
        ExportRecord {
            type_: type_.to_string(),
            id: id.to_string(),
            value: value.to_string(),
            tags: tags.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        }
    }

    fn sample_records(n: usize) -> Vec<ExportRecord> {
        let mut records: Vec<ExportRecord> = (0..n)
            .map(|i| {
                record(
                    &format!("type_{}", i % 3),
                    &format!("id_{i}"),
                    &format!("value {i} ünïcödé"),
                    &[
                        (&format!("tag_id_{i}_1"), &format!("tag_value_{i}_1")),
                        (&format!("~tag_id_{i}_3"), &format!("{i}")),
                    ],
                )
            })
            .collect();
        // Spans several chunks on its own; and one with nothing in it.
        records.push(record("big", "big", &"x".repeat(5000), &[]));
        records.push(record("", "", "", &[]));
        records
    }

    fn export_to_vec(records: &[ExportRecord], method: KeyDerivationMethod, key: &str) -> Vec<u8> {
        let mut out = Vec::new();
        export(&mut out, records.iter().cloned().map(Ok), method, key, 1_700_000_000).unwrap();
        out
    }

    fn import_all(file: &[u8], key: &str) -> IndyResult<Vec<ExportRecord>> {
        ImportReader::open(file, key)?.collect()
    }

    /// The records of a libindy export file, each also re-encoded and compared byte for byte.
    fn import_fixture(file: &str, key: &str) -> Vec<ExportRecord> {
        let path = fixtures_dir().join(file);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("fixture {}: {e}", path.display()));

        let header_len = u32::from_le_bytes(bytes[..4].try_into().unwrap()) as usize;
        let header_bytes = &bytes[4..4 + header_len];
        let header = Header::decode(header_bytes).unwrap();
        assert_eq!(header.encode(), header_bytes, "our header encoding is libindy's");
        assert_eq!(header.chunk_size, CHUNK_SIZE);

        let mut reader = ImportReader::open(&bytes[..], key).unwrap();
        assert_eq!(reader.key_derivation_method(), header.method);
        assert_eq!(reader.time(), header.time);
        let mut records = Vec::new();
        while let Some(raw) = reader.next_record_bytes().unwrap() {
            let (type_, id, value, tags) = decode_record_parts(&raw).unwrap();
            let tag_refs: Vec<(&str, &str)> = tags.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            assert_eq!(
                *encode_record(&type_, &id, &value, &tag_refs).unwrap(),
                *raw,
                "our record encoding is libindy's"
            );
            records.push(decode_record(&raw).unwrap());
        }
        records
    }

    fn check_against_manifest(records: &[ExportRecord], wallet_id: &str) {
        let manifest = manifest();
        let wallet = manifest["wallets"]
            .as_array()
            .unwrap()
            .iter()
            .find(|w| w["config"]["id"] == wallet_id)
            .expect("wallet in manifest");
        let content = &wallet["content"];
        let count = |type_: &str| records.iter().filter(|r| r.type_ == type_).count();
        let ids = |type_: &str| {
            let mut ids: Vec<&str> = records.iter().filter(|r| r.type_ == type_).map(|r| r.id.as_str()).collect();
            ids.sort_unstable();
            ids
        };

        // The non-secret records, exactly.
        let mut expected: Vec<ExportRecord> = content["records"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| ExportRecord {
                type_: r["type"].as_str().unwrap().to_string(),
                id: r["id"].as_str().unwrap().to_string(),
                value: r["value"].as_str().unwrap().to_string(),
                tags: serde_json::from_value(r["tags"].clone()).unwrap(),
            })
            .collect();
        assert_eq!(expected.len(), 25);
        let mut fixture_records: Vec<ExportRecord> =
            records.iter().filter(|r| r.type_ == "FixtureRecord").cloned().collect();
        expected.sort_by(|a, b| a.id.cmp(&b.id));
        fixture_records.sort_by(|a, b| a.id.cmp(&b.id));
        assert_eq!(fixture_records, expected);

        // DIDs, their keys, metadata, their DIDs, pairwise.
        let dids = content["dids"].as_array().unwrap();
        let mut expected_dids: Vec<&str> = dids.iter().map(|d| d["did"].as_str().unwrap()).collect();
        expected_dids.sort_unstable();
        assert_eq!(ids("Indy::Did"), expected_dids);
        for did in dids {
            let stored =
                records.iter().find(|r| r.type_ == "Indy::Did" && r.id == did["did"].as_str().unwrap()).unwrap();
            let value: serde_json::Value = serde_json::from_str(&stored.value).unwrap();
            assert_eq!(value["verkey"], did["verkey"]);
        }
        let mut expected_keys: Vec<&str> = dids
            .iter()
            .map(|d| d["verkey"].as_str().unwrap())
            .chain(content["keys"].as_array().unwrap().iter().map(|k| k.as_str().unwrap()))
            .collect();
        expected_keys.sort_unstable();
        assert_eq!(ids("Indy::Key"), expected_keys);
        assert_eq!(count("Indy::TheirDid"), content["their_dids"].as_array().unwrap().len());
        assert_eq!(count("Indy::Pairwise"), content["pairwise"].as_array().unwrap().len());
        for (did, meta) in content["did_metadata"].as_object().unwrap() {
            let stored = records.iter().find(|r| r.type_ == "Indy::DidMetadata" && r.id == *did).unwrap();
            let value: serde_json::Value = serde_json::from_str(&stored.value).unwrap();
            assert_eq!(value["value"], *meta);
        }
        assert_eq!(count("Indy::DidMetadata"), content["did_metadata"].as_object().unwrap().len());
        assert_eq!(count("Indy::KeyMetadata"), content["key_metadata"].as_object().unwrap().len());

        // The anoncreds round.
        let anoncreds = &content["anoncreds"];
        assert_eq!(ids("Indy::MasterSecret"), [anoncreds["master_secret_id"].as_str().unwrap()]);
        assert_eq!(ids("Indy::Credential"), [anoncreds["credential_id"].as_str().unwrap()]);
        assert_eq!(ids("Indy::Schema"), [anoncreds["schema_id"].as_str().unwrap()]);
        assert_eq!(ids("Indy::CredentialDefinition"), [anoncreds["cred_def_id"].as_str().unwrap()]);
    }

    fn export_entry(file: &str) -> (String, String) {
        let manifest = manifest();
        let entry = manifest["exports"].as_array().unwrap().iter().find(|e| e["file"] == file).unwrap().clone();
        (entry["key"].as_str().unwrap().to_string(), entry["content_of_wallet"].as_str().unwrap().to_string())
    }

    fn counts_by_type(records: &[ExportRecord]) -> std::collections::BTreeMap<String, usize> {
        let mut counts = std::collections::BTreeMap::new();
        for r in records {
            *counts.entry(r.type_.clone()).or_insert(0) += 1;
        }
        counts
    }

    #[test]
    fn export_imports_libindy_raw_file() {
        let (key, wallet) = export_entry("wallet1_export_raw.dat");
        let records = import_fixture("wallet1_export_raw.dat", &key);
        check_against_manifest(&records, &wallet);
        let anoncreds_parts =
            ["Indy::CredentialDefinitionCorrectnessProof", "Indy::CredentialDefinitionPrivateKey", "Indy::SchemaId"];
        let counts = counts_by_type(&records);
        assert_eq!(counts.len(), 14, "{counts:?}");
        for type_ in anoncreds_parts {
            assert_eq!(counts.get(type_), Some(&1), "{type_}");
        }
        assert_eq!(records.len(), 45);
    }

    #[test]
    fn export_imports_libindy_argon2i_int_file() {
        let (key, wallet) = export_entry("wallet1_export_argon2i_int.dat");
        let records = import_fixture("wallet1_export_argon2i_int.dat", &key);
        check_against_manifest(&records, &wallet);

        // Both files hold the same wallet.
        let (raw_key, _) = export_entry("wallet1_export_raw.dat");
        let raw = import_fixture("wallet1_export_raw.dat", &raw_key);
        assert_eq!(counts_by_type(&records), counts_by_type(&raw));
        let mut a = records.clone();
        let mut b = raw;
        a.sort_by(|x, y| (&x.type_, &x.id).cmp(&(&y.type_, &y.id)));
        b.sort_by(|x, y| (&x.type_, &x.id).cmp(&(&y.type_, &y.id)));
        assert_eq!(a, b);
    }

    #[test]
    fn export_libindy_headers_decode_as_written() {
        let raw = std::fs::read(fixtures_dir().join("wallet1_export_raw.dat")).unwrap();
        // u32 LE 32, then [[2, [nonce as 12 integers, 1024]], time, 0].
        assert_eq!(&raw[..8], &[0x20, 0, 0, 0, 0x93, 0x92, 0x02, 0x92]);
        let header = Header::decode(&raw[4..36]).unwrap();
        assert_eq!(header.method, KeyDerivationMethod::Raw);
        assert_eq!(header.salt, None);

        let int = std::fs::read(fixtures_dir().join("wallet1_export_argon2i_int.dat")).unwrap();
        let len = u32::from_le_bytes(int[..4].try_into().unwrap()) as usize;
        let header = Header::decode(&int[4..4 + len]).unwrap();
        assert_eq!(header.method, KeyDerivationMethod::Argon2iInt);
        assert!(header.salt.is_some());
    }

    fn round_trip(method: KeyDerivationMethod, key: &str) {
        let records = sample_records(300);
        let file = export_to_vec(&records, method, key);
        assert!(file.len() > 3 * (CHUNK_SIZE + TAG_BYTES), "several chunks");

        let reader = ImportReader::open(&file[..], key).unwrap();
        assert_eq!(reader.key_derivation_method(), method);
        assert_eq!(reader.time(), 1_700_000_000);
        let imported: Vec<ExportRecord> = reader.collect::<IndyResult<_>>().unwrap();
        assert_eq!(imported, records);
    }

    #[test]
    fn export_round_trips_raw() {
        round_trip(KeyDerivationMethod::Raw, RAW_KEY);
    }

    #[test]
    fn export_round_trips_argon2i_int() {
        round_trip(KeyDerivationMethod::Argon2iInt, "export passphrase");
    }

    #[test]
    fn export_round_trips_argon2i_mod() {
        round_trip(KeyDerivationMethod::Argon2iMod, "export passphrase");
    }

    #[test]
    fn export_of_nothing_round_trips() {
        let file = export_to_vec(&[], KeyDerivationMethod::Raw, RAW_KEY);
        // Header, then one short chunk: the hash and the end marker.
        let header_len = u32::from_le_bytes(file[..4].try_into().unwrap()) as usize;
        assert_eq!(file.len(), 4 + header_len + HASH_BYTES + 4 + TAG_BYTES);
        assert!(import_all(&file, RAW_KEY).unwrap().is_empty());
    }

    #[test]
    fn export_headers_reencode_and_carry_salt_by_method() {
        for method in [KeyDerivationMethod::Raw, KeyDerivationMethod::Argon2iInt] {
            let key = if method == KeyDerivationMethod::Raw { RAW_KEY } else { "p" };
            let file = export_to_vec(&[], method, key);
            let len = u32::from_le_bytes(file[..4].try_into().unwrap()) as usize;
            let header = Header::decode(&file[4..4 + len]).unwrap();
            assert_eq!(header.encode(), &file[4..4 + len]);
            assert_eq!(header.method, method);
            assert_eq!(header.salt.is_some(), method != KeyDerivationMethod::Raw);
            assert_eq!(header.time, 1_700_000_000);
        }
    }

    #[test]
    fn export_wrong_passphrase_fails_cleanly() {
        let records = sample_records(5);
        let file = export_to_vec(&records, KeyDerivationMethod::Raw, RAW_KEY);
        let err = ImportReader::open(&file[..], OTHER_RAW_KEY).unwrap_err();
        assert_eq!(err.kind, ErrorCode::CommonInvalidStructure);
        let err = ImportReader::open(&file[..], "not base58 0OIl").unwrap_err();
        assert_eq!(err.kind, ErrorCode::CommonInvalidStructure);

        let file = export_to_vec(&records, KeyDerivationMethod::Argon2iInt, "right");
        let err = ImportReader::open(&file[..], "wrong").unwrap_err();
        assert_eq!(err.kind, ErrorCode::CommonInvalidStructure);
        assert_eq!(import_all(&file, "right").unwrap(), records);
    }

    /// Every way through the file must end in an error, never in records alone or a panic.
    fn assert_fails(file: &[u8], what: &str) {
        match import_all(file, RAW_KEY) {
            Ok(records) => panic!("{what}: imported {} records", records.len()),
            Err(err) => assert_eq!(err.kind, ErrorCode::CommonInvalidStructure, "{what}"),
        }
    }

    #[test]
    fn export_truncated_files_fail_cleanly() {
        let file = export_to_vec(&sample_records(40), KeyDerivationMethod::Raw, RAW_KEY);
        assert!(file.len() > 2 * (CHUNK_SIZE + TAG_BYTES));
        for len in 0..file.len() {
            assert_fails(&file[..len], &format!("cut to {len} bytes"));
        }
    }

    #[test]
    fn export_altered_bytes_fail_cleanly() {
        let file = export_to_vec(&sample_records(40), KeyDerivationMethod::Raw, RAW_KEY);
        for pos in 0..file.len() {
            for flip in [0x01u8, 0x80] {
                let mut altered = file.clone();
                altered[pos] ^= flip;
                assert_fails(&altered, &format!("byte {pos} ^ {flip:#x}"));
            }
        }
        // Appended data lands in a short last chunk, which then does not open.
        let header_len = u32::from_le_bytes(file[..4].try_into().unwrap()) as usize;
        let mut longer = file.clone();
        longer.push(10);
        if (file.len() - 4 - header_len) % (CHUNK_SIZE + TAG_BYTES) != 0 {
            assert_fails(&longer, "one byte more");
        }
    }

    #[test]
    fn export_malformed_headers_are_invalid_structure() {
        let header_file = |header: &[u8]| {
            let mut file = (header.len() as u32).to_le_bytes().to_vec();
            file.extend_from_slice(header);
            file.extend_from_slice(&Sha256::digest(header));
            file
        };
        let good = Header {
            method: KeyDerivationMethod::Raw,
            salt: None,
            nonce: [7; NONCE_BYTES],
            chunk_size: CHUNK_SIZE,
            time: 1,
        };
        let mut version_1 = good.encode();
        *version_1.last_mut().unwrap() = 1;
        let mut short_nonce = good.encode();
        short_nonce[4] = 0x9b; // an array of 11
        short_nonce.remove(5);
        let argon_without_salt = {
            let mut h = good.encode();
            h[2] = 0; // ChaCha20Poly1305IETF needs three fields
            h
        };
        let zero_chunks = Header { chunk_size: 0, ..good.clone() }.encode();
        let cases: Vec<(&str, Vec<u8>)> = vec![
            ("empty", vec![]),
            ("cut length", vec![0]),
            ("cut header", b"\x00\x20small".to_vec()),
            ("zero length", vec![0, 0, 0, 0]),
            ("not msgpack", header_file(b"invalid_header")),
            ("version 1", header_file(&version_1)),
            ("short nonce", header_file(&short_nonce)),
            ("argon without salt", header_file(&argon_without_salt)),
            ("zero chunk size", header_file(&zero_chunks)),
            ("deep nesting", header_file(&[0x91; 64])),
            ("huge array", header_file(&[0xdd, 0xff, 0xff, 0xff, 0xff])),
        ];
        for (what, file) in cases {
            let err = ImportReader::open(&file[..], RAW_KEY).unwrap_err();
            assert_eq!(err.kind, ErrorCode::CommonInvalidStructure, "{what}");
        }
    }

    #[test]
    fn export_reads_map_shaped_headers_and_records() {
        // As rmp-serde writes with struct maps and externally tagged enums.
        let mut header = Vec::new();
        rmp::encode::write_map_len(&mut header, 3).unwrap();
        rmp::encode::write_str(&mut header, "version").unwrap();
        rmp::encode::write_uint(&mut header, 0).unwrap();
        rmp::encode::write_str(&mut header, "time").unwrap();
        rmp::encode::write_uint(&mut header, 42).unwrap();
        rmp::encode::write_str(&mut header, "encryption_method").unwrap();
        rmp::encode::write_map_len(&mut header, 1).unwrap();
        rmp::encode::write_str(&mut header, "ChaCha20Poly1305IETFRaw").unwrap();
        rmp::encode::write_map_len(&mut header, 2).unwrap();
        rmp::encode::write_str(&mut header, "chunk_size").unwrap();
        rmp::encode::write_uint(&mut header, 64).unwrap();
        rmp::encode::write_str(&mut header, "nonce").unwrap();
        rmp::encode::write_bin(&mut header, &[9; NONCE_BYTES]).unwrap();
        let parsed = Header::decode(&header).unwrap();
        assert_eq!(
            parsed,
            Header { method: KeyDerivationMethod::Raw, salt: None, nonce: [9; NONCE_BYTES], chunk_size: 64, time: 42 }
        );

        let mut rec = Vec::new();
        rmp::encode::write_map_len(&mut rec, 4).unwrap();
        for (k, v) in [("id", "i"), ("type", "t"), ("value", "v")] {
            rmp::encode::write_str(&mut rec, k).unwrap();
            rmp::encode::write_str(&mut rec, v).unwrap();
        }
        rmp::encode::write_str(&mut rec, "tags").unwrap();
        rmp::encode::write_map_len(&mut rec, 1).unwrap();
        rmp::encode::write_str(&mut rec, "~a").unwrap();
        rmp::encode::write_str(&mut rec, "b").unwrap();
        assert_eq!(decode_record(&rec).unwrap(), record("t", "i", "v", &[("~a", "b")]));
        assert_eq!(decode_record(&rec[..rec.len() - 1]).unwrap_err().kind, ErrorCode::CommonInvalidStructure);
    }

    #[test]
    fn export_chunks_as_libindy_writer() {
        // libindy's writer_reader tests: chunk size 10.
        let key = [5u8; 32];
        let nonce = [0xff, 0xff, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        for (len, sealed) in [(0, 0), (7, 7 + 16), (10, 10 + 16), (13, 13 + 32), (20, 20 + 32)] {
            let plain: Vec<u8> = (0..len as u8).collect();
            let mut out = Vec::new();
            let mut sealer = Sealer::new(&mut out, &key, nonce, 10);
            sealer.write(&plain[..len.min(4)]).unwrap();
            sealer.write(&plain[len.min(4)..]).unwrap();
            sealer.finish().unwrap();
            assert_eq!(out.len(), sealed, "{len} bytes");
            if len > 10 {
                // The second chunk is under the incremented nonce.
                let mut second = nonce;
                increment_nonce(&mut second);
                assert_eq!(second[..3], [0, 0, 4]);
                let cipher = ChaCha20Poly1305::new(Key::from_slice(&key));
                let mut chunk = out[26..].to_vec();
                let tag = Tag::clone_from_slice(&chunk[chunk.len() - 16..]);
                let n = chunk.len() - 16;
                cipher.decrypt_in_place_detached(Nonce::from_slice(&second), b"", &mut chunk[..n], &tag).unwrap();
                assert_eq!(chunk[..n], plain[10..]);
            }
            let mut opener = Opener::new(&out[..], &key, nonce, 10);
            let mut back = vec![0u8; len];
            opener.read_exact(&mut back).unwrap();
            assert_eq!(back, plain);
            assert_eq!(opener.read_exact(&mut [0u8; 1]).unwrap_err().kind, ErrorCode::CommonInvalidStructure);
        }
        let mut wrap = [0xff; NONCE_BYTES];
        increment_nonce(&mut wrap);
        assert_eq!(wrap, [0; NONCE_BYTES]);
    }

    #[test]
    fn export_passes_on_record_errors_and_write_failures() {
        let records = vec![Ok(record("t", "1", "v", &[])), Err(IndyError::new(ErrorCode::WalletStorageError, "boom"))];
        let err = export(Vec::new(), records.into_iter(), KeyDerivationMethod::Raw, RAW_KEY, 0).unwrap_err();
        assert_eq!(err.kind, ErrorCode::WalletStorageError);

        struct Full;
        impl Write for Full {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::Error::other("disk full"))
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let err = export(Full, std::iter::empty(), KeyDerivationMethod::Raw, RAW_KEY, 0).unwrap_err();
        assert_eq!(err.kind, ErrorCode::CommonIOError);

        let err = export(Vec::new(), std::iter::empty(), KeyDerivationMethod::Raw, "bad", 0).unwrap_err();
        assert_eq!(err.kind, ErrorCode::CommonInvalidStructure);
    }
}
