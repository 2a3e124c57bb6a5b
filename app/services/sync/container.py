"""One exchange file: a zip holding a signed manifest and its parts, optionally encrypted for one computer.

Every exchange (study package, field bundle, receipt) is one such file::

    manifest.json   canonical JSON: what the file is, who signed it, the SHA-256 and size of every
                    part, and the SHA-256 of every part's deflated stream; kept uncompressed
    manifest.sig    base64 Ed25519 signature of the exact bytes of manifest.json
    parts/<name>    the content, deflated; ChaCha20-Poly1305 ciphertext when encrypted

Reading trusts nothing, because the file comes from a USB stick, an e-mail or a shared folder. The
zip is always written in one fixed layout (members end to end, fixed dates and attributes, no
extras, no comment) and the reader insists on that layout, so every byte is accounted for: a
header byte by the layout check, a byte of the manifest or its signature by CRC-32 and the
signature, a byte of a part by the signed hash of its deflated stream. A single changed byte
anywhere is therefore refused, and every refusal is a ``SyncFileError`` whose message names the
file and says what to do.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import struct
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from app.core.sync import canonical_json, fingerprint
from app.i18n import N_, _
from app.services.sync.keys import KeyPair, decode_key, encode, sign, verify

FILE_KINDS = ("package", "bundle", "receipt")
SUFFIXES = {"package": ".terrain-package", "bundle": ".terrain-bundle", "receipt": ".terrain-receipt"}
FORMAT_VERSION = 1
# Parts are compressed before they are encrypted: ciphertext does not compress.
SCHEME = "x25519-hkdf-sha256-deflate-chacha20poly1305"

KIND_WORDS = {"package": N_("a study package"), "bundle": N_("a field bundle"), "receipt": N_("a receipt")}

MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
PARTS = "parts/"
# What one exchange file may hold once unpacked.
MAX_FILE_BYTES = 2 * 1024**3
MAX_MEMBERS = 64
MAX_PARTS = MAX_MEMBERS - 2  # beside the manifest and its signature
MAX_MANIFEST_BYTES = 1024 * 1024
MAX_SIGNATURE_BYTES = 1024
# Text deflates three to ten times; a member of more than a megabyte that deflated a hundred
# times is built to explode in memory, not written by Terrain.
MAX_RATIO = 100
RATIO_FLOOR = 1024 * 1024
NONCE_BYTES = 12
TAG_BYTES = 16

# Part names: plain path segments, none starting with a dot, so that a name can never climb out
# of a folder when someone unpacks the file by hand.
_PART_NAME = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*")
MAX_PART_NAME = 200

# The one zip layout Terrain writes (see the module docstring).
_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_LOCAL_SIG, _CENTRAL_SIG, _END_SIG = b"PK\x03\x04", b"PK\x01\x02", b"PK\x05\x06"
_ZIP_VERSION = 20                 # "2.0", enough for deflate
_UNIX = 3                         # whatever system writes the file, so that its bytes do not depend on it
_STORED, _DEFLATED = 0, 8
_DOS_TIME, _DOS_DATE = 0, (1 << 5) | 1   # 1 January 1980: the file's bytes do not depend on when it was written
_ZIP32_LIMIT = 0xFFFFFFFF         # beyond this a zip needs "zip64" records, which Terrain does not write
_FILE_MODE = 0o100644 << 16       # a plain file, readable by all, when unpacked by hand


class SyncFileError(Exception):
    """A file that cannot be used, with the reason in words a person can act on (translated, French in the UI)."""

    def __init__(self, path: Path | str, code: str, message: str):
        super().__init__(path, code, message)
        self.path = Path(path)
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Container:
    path: Path
    sha256: str                # of the whole file
    kind: str
    manifest: dict
    manifest_bytes: bytes
    signature: str
    stored: dict[str, bytes]   # the parts as stored (ciphertext when encrypted)

    @property
    def signer(self) -> str:
        return self.manifest["signer"]

    @property
    def encrypted(self) -> bool:
        return "encryption" in self.manifest


# Writing ------------------------------------------------------------------------------------------
def write_container(path: Path, kind: str, manifest: dict, parts: dict[str, bytes], keys: KeyPair,
                    *, encrypt_to: str | None = None) -> str:
    """Write the file atomically and return its SHA-256 (hex).

    The manifest written is a copy of ``manifest`` plus the format, the signer, the hash and size
    of every part as stored and, with ``encrypt_to`` (the recipient's base64 X25519 public key),
    how the parts were encrypted. Mistakes of the caller (unknown kind, bad part name, a part that
    is not bytes, no manifest id to encrypt with) raise ValueError or TypeError before anything is
    written.
    """
    _require_kind(kind)
    if len(parts) > MAX_PARTS:
        raise ValueError(f"an exchange file holds at most {MAX_PARTS} parts")
    for name, data in parts.items():
        if not _is_part_name(name):
            raise ValueError(f"part name {name!r} is not a plain relative name")
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise TypeError(f"part {name!r} is {type(data).__name__}, not bytes")
    written = dict(manifest)
    written.pop("encryption", None)
    stored = {name: bytes(data) for name, data in parts.items()}
    if encrypt_to is not None:
        manifest_id = manifest.get("id")
        if not isinstance(manifest_id, str) or not manifest_id:
            raise ValueError("an encrypted file needs the manifest's id")
        ephemeral = X25519PrivateKey.generate()
        shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(decode_key(encrypt_to)))
        cipher = ChaCha20Poly1305(_part_key(shared, kind, manifest_id))
        stored = {name: _seal(cipher, name, zlib.compress(data, 6)) for name, data in stored.items()}
        written["encryption"] = {"scheme": SCHEME, "ephemeral_key": encode(ephemeral.public_key().public_bytes_raw()),
                                 "recipient": encrypt_to}
    written.update({
        "format": f"terrain-{kind}",
        "format_version": FORMAT_VERSION,
        "signer": keys.public_key,
        "parts": {name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
                  for name, data in stored.items()},
    })
    return _sign_and_write(Path(path), written, stored, keys)


def _part_key(shared: bytes, kind: str, manifest_id: str) -> bytes:
    """The key the parts are encrypted with, bound to this kind of file and this exchange."""
    info = b"terrain " + kind.encode("utf-8") + manifest_id.encode("utf-8")
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(shared)


def _seal(cipher: ChaCha20Poly1305, name: str, data: bytes) -> bytes:
    """A fresh nonce, then the ciphertext; the part's name is authenticated so parts cannot be swapped."""
    nonce = os.urandom(NONCE_BYTES)
    return nonce + cipher.encrypt(nonce, data, name.encode("utf-8"))


@dataclass(frozen=True)
class _Member:
    name: str
    data: bytes    # what the member holds
    body: bytes    # what lies in the file: the deflated stream, or the data itself
    method: int


def _member(name: str, data: bytes) -> _Member:
    """Parts are deflated. The manifest and its signature are kept as they are: every byte of them is
    then covered by CRC-32 and the signature, and anyone can read the manifest with a zip tool."""
    if _method_for(name) == _DEFLATED:
        compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -zlib.MAX_WBITS)
        return _Member(name, data, compressor.compress(data) + compressor.flush(), _DEFLATED)
    return _Member(name, data, data, _STORED)


def _method_for(name: str) -> int:
    return _DEFLATED if name.startswith(PARTS) else _STORED


def _sign_and_write(path: Path, manifest: dict, stored: dict[str, bytes], keys: KeyPair) -> str:
    """Sign ``manifest`` (completed with the hash of every deflated part) and write the file.

    Inflating ignores some bits of a deflate stream (the padding of stored blocks and of the last
    byte), so a hash of the inflated bytes alone would miss a change there; the signed hash of the
    deflated stream covers every bit.
    """
    parts = [_member(PARTS + name, data) for name, data in stored.items()]
    manifest = {**manifest, "deflated_sha256": {member.name[len(PARTS):]: hashlib.sha256(member.body).hexdigest()
                                                for member in parts}}
    manifest_bytes = canonical_json(manifest)
    signature = sign(keys, manifest_bytes).encode("ascii")
    return _write_file(path, [_member(MANIFEST, manifest_bytes), _member(SIGNATURE, signature), *parts])


def _write_file(path: Path, members: list[_Member]) -> str:
    """Write the members in Terrain's zip layout to a temporary file beside ``path``, then put it in place.

    A reader (or a sync client watching the folder) sees either the old file or the new one, never
    half of one: the temporary file is hidden, ends in ``.tmp``, is flushed to disk, then renamed.
    Like the temporary file, the result is readable by its owner only: it holds field data.
    Returns the SHA-256 of the file.
    """
    handle = tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False)
    temporary = Path(handle.name)
    try:
        with handle:
            _write_zip(handle, members)
            handle.flush()
            os.fsync(handle.fileno())
            digest = _sha256(handle)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)
    return digest


def _write_zip(handle: BinaryIO, members: list[_Member]) -> None:
    """A plain zip that any tool opens, in the one layout ``read_container`` accepts."""
    directory = []
    for member in members:
        name = member.name.encode("ascii")
        offset = handle.tell()
        fields = (zlib.crc32(member.data), len(member.body), len(member.data), len(name))
        if max(offset, *fields[1:3]) >= _ZIP32_LIMIT:
            raise ValueError("too much data for one exchange file")
        handle.write(_LOCAL.pack(_LOCAL_SIG, _ZIP_VERSION, 0, 0, member.method, _DOS_TIME, _DOS_DATE, *fields, 0))
        handle.write(name)
        handle.write(member.body)
        directory.append(_CENTRAL.pack(_CENTRAL_SIG, _ZIP_VERSION, _UNIX, _ZIP_VERSION, 0, 0, member.method,
                                       _DOS_TIME, _DOS_DATE, *fields, 0, 0, 0, 0, _FILE_MODE, offset) + name)
    start = handle.tell()
    handle.write(b"".join(directory))
    size = handle.tell() - start
    if handle.tell() >= _ZIP32_LIMIT:
        raise ValueError("too much data for one exchange file")
    handle.write(_END.pack(_END_SIG, 0, 0, len(members), len(members), size, start, 0))


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable, where the system allows it.

    Only POSIX systems can open a folder to flush it, and some network or FUSE file systems (a
    mounted shared drive) refuse even then; the file is in place all the same, so that refusal
    is not a failure to write it.
    """
    if os.name != "posix":
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _sha256(handle: BinaryIO) -> str:
    digest = hashlib.sha256()
    handle.seek(0)
    while chunk := handle.read(1024 * 1024):
        digest.update(chunk)
    return digest.hexdigest()


# Reading -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _End:
    """The zip's end record, and where it starts in the file."""

    offset: int
    disk: int
    directory_disk: int
    count_on_disk: int
    count: int
    directory_size: int
    directory_offset: int
    comment_size: int


@dataclass(frozen=True)
class _Entry:
    """A member laid out as Terrain writes it: where its bytes are, and what they unpack to."""

    name: str
    method: int
    offset: int
    compressed_size: int
    size: int
    crc: int


# What zipfile raises on a damaged archive is not a closed list; these are the ones it uses.
_ZIP_DAMAGE = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError,
               RuntimeError, struct.error, zlib.error, IndexError, OverflowError, KeyError)


def read_container(path: Path, kind: str, *, max_bytes: int = MAX_FILE_BYTES) -> Container:
    """Read and check the envelope only, and never raise anything but SyncFileError.

    Checks that the file can be read and is not empty, is a complete zip with safe members (at
    most 64, no absolute or ".." names, no duplicates, at most ``max_bytes`` unpacked, no
    compression bomb) laid out as Terrain writes it, whose manifest is a canonical JSON object
    under 1 MB describing a file of this ``kind`` in a format this version reads, with a
    signature. The signature itself is not checked here: the caller first decides which key to
    trust, then calls ``check_signature``. ``kind`` must be one of FILE_KINDS.
    """
    _require_kind(kind)
    path = Path(path)
    try:
        handle = open(path, "rb")
    except FileNotFoundError:
        message = _("{file} cannot be found. Check that the USB stick or the shared folder holding it is still "
                    "connected.").format(file=path.name)
        raise SyncFileError(path, "unreadable", message) from None
    except IsADirectoryError:
        raise SyncFileError(path, "unreadable", _("{file} is a folder, not a Terrain exchange file.")
                            .format(file=path.name)) from None
    except OSError as error:
        raise _unreadable(path, error) from None
    with handle:
        try:
            return _read(handle, path, kind, max_bytes)
        except OSError as error:
            raise _unreadable(path, error) from None


def _read(handle: BinaryIO, path: Path, kind: str, max_bytes: int) -> Container:
    before = os.fstat(handle.fileno())
    size = before.st_size
    if size == 0:
        raise SyncFileError(path, "empty", _("{file} is empty: the copy probably failed. Copy it again from the "
                                             "computer that made it.").format(file=path.name))
    if size > max_bytes:
        raise _too_large(path, max_bytes)
    digest = _sha256(handle)
    members, bodies = {}, {}
    for entry in _entries(handle, path, size, max_bytes):
        members[entry.name], bodies[entry.name] = _unpack(handle, entry, path)
    after = os.fstat(handle.fileno())
    if (after.st_size, after.st_mtime_ns) != (before.st_size, before.st_mtime_ns):
        raise SyncFileError(path, "unreadable", _("{file} changed while Terrain was reading it: it is probably still "
                                                  "being copied. Try again when the copy has finished.")
                            .format(file=path.name))
    manifest_bytes = members.pop(MANIFEST)
    manifest = _parse_manifest(path, manifest_bytes, kind)
    signature = _signature_text(path, members.pop(SIGNATURE, None))
    stored = {}
    for name, data in members.items():
        if not (name.startswith(PARTS) and _is_part_name(name[len(PARTS):])):
            raise SyncFileError(path, "bad_hash", _("{file} contains “{member}”, which Terrain never puts in an "
                                                    "exchange file: it cannot be imported.")
                                .format(file=path.name, member=_shown(name)))
        stored[name[len(PARTS):]] = data
    _check_bodies(path, manifest["deflated_sha256"], {name[len(PARTS):]: bodies[name] for name in members})
    return Container(path, digest, kind, manifest, manifest_bytes, signature, stored)


def _entries(handle: BinaryIO, path: Path, size: int, max_bytes: int) -> list[_Entry]:
    """Where the members lie, once the file is known to be a whole, safe zip laid out as Terrain writes it."""
    end = _find_end(handle, size)
    if end is None:
        # A zip ends with its directory: a file that starts like one but lacks that end was cut short.
        handle.seek(0)
        head = handle.read(len(_LOCAL_SIG))
        if not (head.startswith(b"PK") or _LOCAL_SIG.startswith(head)):
            raise _not_ours(path)
        raise SyncFileError(path, "truncated", _("{file} is truncated: the copy was probably interrupted. Copy it "
                                                 "again from the computer that made it.").format(file=path.name))
    if end.count != end.count_on_disk:
        raise _damaged(path)
    if end.count > MAX_MEMBERS:
        raise _too_many(path)
    try:
        archive = zipfile.ZipFile(handle)
    except _ZIP_DAMAGE:
        raise _damaged(path) from None
    with archive:
        infos = archive.infolist()
        _check_members(path, infos, max_bytes)
        names = [info.filename for info in infos]
        entries = _laid_out_as_written(handle, size, end, infos)
        if entries is None or MANIFEST not in names:
            raise _damaged(path) if _looks_like_ours(archive, names) else _not_ours(path)
    if next(info.file_size for info in infos if info.filename == MANIFEST) > MAX_MANIFEST_BYTES:
        raise _bad_manifest(path, _("{file} cannot be used: its description (manifest.json) is larger than 1 MB. "
                                    "Ask for the file to be made again.").format(file=path.name))
    return entries


def _check_bodies(path: Path, listed: dict[str, str], bodies: dict[str, str]) -> None:
    """Every part's deflated stream is the one the manifest lists (checked for good with the signature)."""
    for name in sorted(set(listed) | set(bodies)):
        if name not in bodies:
            raise _missing_part(path, name)
        if name not in listed:
            raise _added_part(path, name)
        if bodies[name] != listed[name]:
            raise _damaged(path)


def _find_end(handle: BinaryIO, size: int) -> _End | None:
    """The last complete end record in the tail of the file; None when the end of the file is missing."""
    window = min(size, _END.size + 0xFFFF)
    handle.seek(size - window)
    tail = handle.read(window)
    at = tail.rfind(_END_SIG)
    if at < 0 or len(tail) - at < _END.size:
        return None
    _signature, *fields = _END.unpack_from(tail, at)
    return _End(size - window + at, *fields)


def _check_members(path: Path, infos: list[zipfile.ZipInfo], max_bytes: int) -> None:
    """Refuse what could harm before anything is unpacked: odd names, too many members, bombs."""
    if len(infos) > MAX_MEMBERS:
        raise _too_many(path)
    seen = set()
    for info in infos:
        name = info.filename
        if name.startswith(("/", "\\")) or "\\" in name or re.match(r"[A-Za-z]:", name) or ".." in name.split("/"):
            raise SyncFileError(path, "unsafe", _("{file} contains a member named “{member}”, which points outside "
                                                  "the file (an absolute path or “..”): it was not opened.")
                                .format(file=path.name, member=_shown(name)))
        if name in seen:
            raise SyncFileError(path, "unsafe", _("{file} contains “{member}” twice, so it is not clear which one "
                                                  "counts: it was not opened.")
                                .format(file=path.name, member=_shown(name)))
        seen.add(name)
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * info.compress_size:
            raise SyncFileError(path, "unsafe", _("{file} would unpack to far more than its own size, like a "
                                                  "“zip bomb”: it was not opened.").format(file=path.name))
    if sum(info.file_size for info in infos) > max_bytes:
        raise _too_large(path, max_bytes)


def _laid_out_as_written(handle: BinaryIO, size: int, end: _End, infos: list[zipfile.ZipInfo]) -> list[_Entry] | None:
    """The members, if every header byte is what Terrain writes; None otherwise.

    Members lie end to end from the start of the file, then the directory, then a bare end
    record at the very end. Each local header must repeat its directory entry exactly, and the
    fixed fields (version, flags, method, date, attributes) must hold the values Terrain writes.
    """
    if (end.offset != size - _END.size or end.comment_size or end.disk or end.directory_disk
            or end.count_on_disk != end.count or end.count != len(infos)
            or end.directory_offset + end.directory_size != end.offset):
        return None
    handle.seek(end.directory_offset)
    directory = handle.read(end.directory_size)
    entries, at, data_end = [], 0, 0
    for info in infos:
        if at + _CENTRAL.size > len(directory):
            return None
        header = directory[at:at + _CENTRAL.size]
        crc, compressed_size, file_size, name_size = _CENTRAL.unpack(header)[9:13]
        name = directory[at + _CENTRAL.size:at + _CENTRAL.size + name_size]
        at += _CENTRAL.size + name_size
        if not name.isascii() or name.decode("ascii") != info.filename:
            return None
        method = _method_for(info.filename)
        if header != _CENTRAL.pack(_CENTRAL_SIG, _ZIP_VERSION, _UNIX, _ZIP_VERSION, 0, 0, method, _DOS_TIME,
                                   _DOS_DATE, crc, compressed_size, file_size, name_size, 0, 0, 0, 0, _FILE_MODE,
                                   data_end):
            return None
        if method == _STORED and compressed_size != file_size:
            return None
        handle.seek(data_end)
        local = handle.read(_LOCAL.size + name_size)
        if local != _LOCAL.pack(_LOCAL_SIG, _ZIP_VERSION, 0, 0, method, _DOS_TIME, _DOS_DATE, crc,
                                compressed_size, file_size, name_size, 0) + name:
            return None
        start = data_end + _LOCAL.size + name_size
        data_end = start + compressed_size
        if data_end > end.directory_offset:
            return None
        entries.append(_Entry(info.filename, method, start, compressed_size, file_size, crc))
    if at != len(directory) or data_end != end.directory_offset:
        return None
    return entries


def _looks_like_ours(archive: zipfile.ZipFile, names: list[str]) -> bool:
    """Whether a file that failed the checks was a Terrain file (so: damaged) rather than another program's."""
    if SIGNATURE in names or any(name.startswith(PARTS) for name in names):
        return True
    if MANIFEST not in names:
        return False
    try:
        with archive.open(MANIFEST) as member:
            head = member.read(MAX_MANIFEST_BYTES)
    except _ZIP_DAMAGE:
        return False
    return b'"format":"terrain-' in head


def _unpack(handle: BinaryIO, entry: _Entry, path: Path) -> tuple[bytes, str]:
    """A member's bytes, and the SHA-256 of its body as it lies in the file.

    A deflated member is inflated strictly: the stream must end exactly where the member ends and
    give exactly the size and CRC-32 recorded, and never more than that size is inflated. zipfile
    is more forgiving: it stops once it has the bytes it expects, so a change at the end of a
    stream would go unnoticed.
    """
    handle.seek(entry.offset)
    body = handle.read(entry.compressed_size)
    if len(body) != entry.compressed_size:
        raise _damaged(path)
    if entry.method == _STORED:
        data = body
    else:
        inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        try:
            data = inflater.decompress(body, entry.size + 1)
        except zlib.error:
            raise _damaged(path) from None
        if not inflater.eof or inflater.unused_data or inflater.unconsumed_tail:
            raise _damaged(path)
    if len(data) != entry.size or zlib.crc32(data) != entry.crc:
        raise _damaged(path)
    return data, hashlib.sha256(body).hexdigest()


def _parse_manifest(path: Path, data: bytes, kind: str) -> dict:
    not_json = _("{file} cannot be used: its description (manifest.json) is not valid JSON. Ask for the file to "
                 "be made again.").format(file=path.name)
    try:
        manifest = json.loads(data.decode("utf-8"), parse_constant=_refuse_constant)
    except (ValueError, RecursionError):
        raise _bad_manifest(path, not_json) from None
    if not isinstance(manifest, dict):
        raise _bad_manifest(path, not_json)
    written_format = manifest.get("format")
    if not isinstance(written_format, str) or not written_format.startswith("terrain-"):
        raise _not_ours(path)
    written_kind = written_format.removeprefix("terrain-")
    if written_kind != kind:
        if written_kind in FILE_KINDS:
            raise SyncFileError(path, "wrong_kind", _("{file} is {actual}, not {expected}. Choose a file whose name "
                                                      "ends in {suffix}.").format(
                file=path.name, actual=_(KIND_WORDS[written_kind]), expected=_(KIND_WORDS[kind]),
                suffix=SUFFIXES[kind]))
        raise SyncFileError(path, "newer_format", _("{file} is a kind of Terrain file this version does not know "
                                                    "(“{format}”): update Terrain on this computer to open it.")
                            .format(file=path.name, format=_shown(written_format)))
    version = manifest.get("format_version")
    if type(version) is not int or version < 1:
        raise _bad_field(path, "format_version")
    if version > FORMAT_VERSION:
        raise SyncFileError(path, "newer_format", _("{file} was made by a newer version of Terrain (format {version}): "
                                                    "update Terrain on this computer to open it.")
                            .format(file=path.name, version=version))
    try:
        canonical = canonical_json(manifest) == data
    except (ValueError, TypeError):  # a lone surrogate in a string cannot be written back as UTF-8
        canonical = False
    if not canonical:
        raise _bad_manifest(path, _("{file} cannot be used: its description (manifest.json) is not written the way "
                                    "Terrain writes it. Ask for the file to be made again.").format(file=path.name))
    _check_fields(path, manifest)
    return manifest


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not a JSON number")


def _check_fields(path: Path, manifest: dict) -> None:
    """The fields the signature check and decryption rely on, so that they can trust their shape."""
    if not _is_key(manifest.get("signer")):
        raise _bad_field(path, "signer")
    parts = manifest.get("parts")
    if not isinstance(parts, dict):
        raise _bad_field(path, "parts")
    for name, entry in parts.items():
        if not (_is_part_name(name) and isinstance(entry, dict) and set(entry) == {"sha256", "size"}
                and isinstance(entry["sha256"], str) and re.fullmatch(r"[0-9a-f]{64}", entry["sha256"])
                and type(entry["size"]) is int and entry["size"] >= 0):
            raise _bad_field(path, "parts")
    listing = manifest.get("deflated_sha256")
    if not (isinstance(listing, dict) and all(_is_part_name(name) and isinstance(digest, str)
                                              and re.fullmatch(r"[0-9a-f]{64}", digest)
                                              for name, digest in listing.items())):
        raise _bad_field(path, "deflated_sha256")
    if "encryption" in manifest:
        encryption = manifest["encryption"]
        if not (isinstance(encryption, dict) and encryption.get("scheme") == SCHEME
                and _is_key(encryption.get("ephemeral_key")) and _is_key(encryption.get("recipient"))):
            raise _bad_field(path, "encryption")
        if not isinstance(manifest.get("id"), str) or not manifest["id"]:
            raise _bad_field(path, "id")


def _signature_text(path: Path, data: bytes | None) -> str:
    if data is None:
        raise SyncFileError(path, "bad_signature", _("{file} is not signed: Terrain cannot tell which computer made "
                                                     "it, so it cannot be imported.").format(file=path.name))
    if len(data) > MAX_SIGNATURE_BYTES or not data.isascii():
        raise _changed_after_signing(path)
    return data.decode("ascii")


# Signature and decryption --------------------------------------------------------------------------
def check_signature(container: Container, public_key: str) -> None:
    """Refuse the file unless manifest.sig verifies with ``public_key`` and the parts are exactly those listed."""
    path = container.path
    if not verify(public_key, container.manifest_bytes, container.signature):
        if container.signer != public_key and verify(container.signer, container.manifest_bytes, container.signature):
            message = _("{file} was signed by a computer other than the expected one (key {fingerprint}): it cannot "
                        "be imported. Check where it comes from.")
            raise SyncFileError(path, "bad_signature",
                                message.format(file=path.name, fingerprint=fingerprint(container.signer)))
        raise _changed_after_signing(path)
    listed = container.manifest["parts"]
    for name, entry in sorted(listed.items()):
        data = container.stored.get(name)
        if data is None:
            raise _missing_part(path, name)
        if len(data) != entry["size"] or hashlib.sha256(data).hexdigest() != entry["sha256"]:
            message = _("{file} was changed after it was signed: its part “{part}” is not the one signed. It cannot "
                        "be imported.")
            raise SyncFileError(path, "bad_hash", message.format(file=path.name, part=name))
    added = sorted(set(container.stored) - set(listed))
    if added:
        raise _added_part(path, added[0])


def open_parts(container: Container, keys: KeyPair | None, *, require_encryption: bool = False) -> dict[str, bytes]:
    """The plaintext parts, decrypted when the file is encrypted. Call after check_signature.

    ``keys`` are this computer's (needed only for an encrypted file). With ``require_encryption``,
    a file that is not encrypted is refused ("not_encrypted_for_us"), for a project that accepts
    only encrypted files.
    """
    path = container.path
    if not container.encrypted:
        if require_encryption:
            raise SyncFileError(path, "not_encrypted_for_us", _("{file} is not encrypted, but this study accepts only "
                                                                "encrypted files. Ask for it to be made again with "
                                                                "encryption.").format(file=path.name))
        return dict(container.stored)
    if keys is None:
        raise SyncFileError(path, "cannot_decrypt", _("{file} is encrypted, and this computer has no key to decrypt "
                                                      "it.").format(file=path.name))
    encryption = container.manifest["encryption"]
    if encryption["recipient"] != keys.box_public:
        raise SyncFileError(path, "cannot_decrypt", _("{file} is encrypted for another computer. Open it on the "
                                                      "computer it was made for, or ask for it to be made again for "
                                                      "this one.").format(file=path.name))
    tampered = SyncFileError(path, "cannot_decrypt", _("{file} cannot be decrypted: it was changed or damaged after it "
                                                       "was encrypted. Copy it again from the computer that made it.")
                             .format(file=path.name))
    try:
        ephemeral = X25519PublicKey.from_public_bytes(decode_key(encryption["ephemeral_key"]))
        shared = keys.box_private().exchange(ephemeral)
    except ValueError:  # a key that gives no shared secret (a low-order point) was put there on purpose
        raise tampered from None
    cipher = ChaCha20Poly1305(_part_key(shared, container.kind, container.manifest["id"]))
    plain = {}
    for name, data in container.stored.items():
        if len(data) < NONCE_BYTES + TAG_BYTES:
            raise tampered
        try:
            packed = cipher.decrypt(data[:NONCE_BYTES], data[NONCE_BYTES:], name.encode("utf-8"))
        except InvalidTag:
            raise tampered from None
        plain[name] = _inflate_part(path, packed, MAX_FILE_BYTES)
    return plain


def _inflate_part(path: Path, packed: bytes, limit: int) -> bytes:
    """Inflate a decrypted part, refusing one that would grow beyond any sane ratio."""
    inflater = zlib.decompressobj()
    try:
        data = inflater.decompress(packed, limit)
    except zlib.error:
        raise _damaged(path) from None
    if inflater.unconsumed_tail or not inflater.eof:
        raise _too_large(path, limit)
    return data


# Small helpers -------------------------------------------------------------------------------------
def _require_kind(kind: str) -> None:
    if kind not in FILE_KINDS:
        raise ValueError(f"kind must be one of {FILE_KINDS}, not {kind!r}")


def _is_part_name(name) -> bool:
    return isinstance(name, str) and len(name) <= MAX_PART_NAME and _PART_NAME.fullmatch(name) is not None


def _is_key(value) -> bool:
    try:
        decode_key(value)
    except ValueError:
        return False
    return True


def _shown(name: str) -> str:
    """A member name as it may appear in a message: printable, and not too long."""
    printable = "".join(character if character.isprintable() else "?" for character in name)
    return printable if len(printable) <= 80 else printable[:79] + "…"


def _megabytes(size: int) -> int:
    return max(1, round(size / (1024 * 1024)))


def _unreadable(path: Path, error: OSError) -> SyncFileError:
    message = _("{file} cannot be read ({reason}). Check that the USB stick or the shared folder holding it is still "
                "connected, and that you may open it.")
    return SyncFileError(path, "unreadable", message.format(file=path.name, reason=error.strerror or error))


def _not_ours(path: Path) -> SyncFileError:
    return SyncFileError(path, "not_a_sync_file", _("{file} is not a Terrain exchange file (it may be an export from "
                                                    "another program).").format(file=path.name))


def _damaged(path: Path) -> SyncFileError:
    return SyncFileError(path, "bad_hash", _("{file} is damaged: some of its bytes changed after it was written (a "
                                             "faulty USB stick or an incomplete copy). Copy it again from the "
                                             "computer that made it.").format(file=path.name))


def _too_large(path: Path, max_bytes: int) -> SyncFileError:
    return SyncFileError(path, "too_large", _("{file} is larger than Terrain accepts for one exchange file ({size} MB "
                                              "once unpacked): it was not opened.")
                         .format(file=path.name, size=_megabytes(max_bytes)))


def _too_many(path: Path) -> SyncFileError:
    return SyncFileError(path, "unsafe", _("{file} holds more than {count} files, more than any Terrain exchange "
                                           "file: it was not opened.").format(file=path.name, count=MAX_MEMBERS))


def _bad_manifest(path: Path, message: str) -> SyncFileError:
    return SyncFileError(path, "bad_manifest", message)


def _bad_field(path: Path, field: str) -> SyncFileError:
    message = _("{file} cannot be used: its description (manifest.json) has a missing or wrong “{field}” entry. "
                "Ask for the file to be made again.")
    return _bad_manifest(path, message.format(file=path.name, field=field))


def _changed_after_signing(path: Path) -> SyncFileError:
    return SyncFileError(path, "bad_signature", _("{file} was changed after it was signed: it cannot be imported.")
                         .format(file=path.name))


def _missing_part(path: Path, name: str) -> SyncFileError:
    message = _("{file} is missing its part “{part}”: it cannot be imported. Copy it again from the computer that "
                "made it.")
    return SyncFileError(path, "bad_hash", message.format(file=path.name, part=name))


def _added_part(path: Path, name: str) -> SyncFileError:
    message = _("{file} contains a part “{part}” added after it was signed: it cannot be imported.")
    return SyncFileError(path, "bad_hash", message.format(file=path.name, part=_shown(name)))
