"""The signed, optionally encrypted exchange file: every damaged, foreign or tampered file is refused
with a SyncFileError that names it, and a sound one reads back exactly as written."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import pickle
import zipfile
import zlib
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.sync import canonical_json, fingerprint
from app.i18n import set_language
from app.services.sync import container
from app.services.sync.container import (
    FILE_KINDS,
    FORMAT_VERSION,
    SUFFIXES,
    SyncFileError,
    check_signature,
    open_parts,
    read_container,
    write_container,
)
from app.services.sync.keys import KeyPair, generate, sign, verify

LAPTOP = generate()
ANALYST = generate()
STRANGER = generate()

PARTS = {
    "records.jsonl": b'{"id": "p-1", "kind": "participant", "code": "P01"}\n' * 40,
    "transcripts/t-1.json": json.dumps({"turns": ["Bonjour, pouvez-vous vous présenter ?"] * 30}).encode(),
    "empty": b"",
    "random": bytes(range(256)) * 2,  # incompressible: deflate keeps it in a stored block
}
MANIFEST = {"id": "exchange-1", "study_id": "study-1", "device": {"id": "laptop-1", "name": "Portable 3"}}


def write(folder: Path, kind: str = "bundle", *, encrypt_to: str | None = None, keys: KeyPair = LAPTOP,
          parts: dict[str, bytes] = PARTS, name: str = "paquet-terrain-03") -> Path:
    path = folder / (name + SUFFIXES[kind])
    write_container(path, kind, MANIFEST, parts, keys, encrypt_to=encrypt_to)
    return path


def open_fully(path: Path, kind: str = "bundle", keys: KeyPair | None = ANALYST, **options) -> dict[str, bytes]:
    """What an importer does: read the envelope, check the signature with the known key, open the parts."""
    opened = read_container(path, kind, **options)
    check_signature(opened, LAPTOP.public_key)
    return open_parts(opened, keys)


def refused(path: Path, kind: str = "bundle", keys: KeyPair | None = ANALYST, **options) -> SyncFileError:
    """The refusal (any other exception fails the test), which must name the file."""
    with pytest.raises(SyncFileError) as caught:
        open_fully(path, kind, keys, **options)
    assert path.name in str(caught.value)
    assert caught.value.path == path
    return caught.value


def members_of(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rewrite(path: Path, members: dict[str, bytes]) -> None:
    """Write members in Terrain's own zip layout, so that only what a test changes differs."""
    container._write_file(path, [container._member(name, data) for name, data in members.items()])


def resign(path: Path, manifest: dict, stored: dict[str, bytes], keys: KeyPair = LAPTOP) -> None:
    """Write a manifest signed properly, as someone holding the key would."""
    container._sign_and_write(path, manifest, stored, keys)


def foreign_zip(path: Path, members: list[tuple[str, bytes]], compression: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return path


def data_offset(path: Path, member: str) -> int:
    """Where a member's bytes start in the file."""
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(member)
    return info.header_offset + 30 + len(member)


# Keys ----------------------------------------------------------------------------------------------
def test_a_signature_verifies_only_with_its_key_and_the_same_bytes():
    signature = sign(LAPTOP, b"manifest")
    assert verify(LAPTOP.public_key, b"manifest", signature)
    assert not verify(STRANGER.public_key, b"manifest", signature)
    assert not verify(LAPTOP.public_key, b"manifesT", signature)
    assert len(base64.b64decode(LAPTOP.public_key)) == 32 and len(base64.b64decode(LAPTOP.box_public)) == 32
    assert LAPTOP.public_key != LAPTOP.box_public


@pytest.mark.parametrize("public_key, signature", [
    ("", "AAAA"), ("not base64!", "AAAA"), (None, None), (123, b"bytes"),
    (base64.b64encode(b"short").decode(), base64.b64encode(bytes(64)).decode()),
    (LAPTOP.public_key, "not base64!"), (LAPTOP.public_key, base64.b64encode(bytes(63)).decode()),
    (LAPTOP.public_key, base64.b64encode(bytes(64)).decode()),
])
def test_verify_says_false_on_malformed_input(public_key, signature):
    assert verify(public_key, b"manifest", signature) is False


@given(st.text(max_size=100), st.binary(max_size=50), st.text(max_size=100))
def test_verify_never_raises(public_key, data, signature):
    assert verify(public_key, data, signature) is False


def test_a_key_pair_keeps_its_private_keys_out_of_sight_and_refuses_damaged_ones():
    assert LAPTOP.signing_key not in repr(LAPTOP) and LAPTOP.box_key not in repr(LAPTOP)
    with pytest.raises(ValueError):
        KeyPair("not a key", LAPTOP.box_key)
    assert KeyPair(LAPTOP.signing_key, LAPTOP.box_key).public_key == LAPTOP.public_key


# Round trips ---------------------------------------------------------------------------------------
def test_a_plain_file_reads_back_as_written(tmp_path):
    path = tmp_path / "paquet-terrain-03.terrain-bundle"
    sha = write_container(path, "bundle", MANIFEST, PARTS, LAPTOP)
    assert sha == hashlib.sha256(path.read_bytes()).hexdigest()
    opened = read_container(path, "bundle")
    assert opened.sha256 == sha and opened.kind == "bundle" and not opened.encrypted
    assert opened.signer == LAPTOP.public_key
    manifest = opened.manifest
    assert {key: manifest[key] for key in MANIFEST} == MANIFEST
    assert manifest["format"] == "terrain-bundle" and manifest["format_version"] == FORMAT_VERSION
    assert manifest["parts"] == {name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
                                 for name, data in PARTS.items()}
    assert "encryption" not in manifest
    assert opened.manifest_bytes == canonical_json(manifest)
    assert verify(LAPTOP.public_key, opened.manifest_bytes, opened.signature)
    check_signature(opened, LAPTOP.public_key)
    assert open_parts(opened, None) == PARTS
    # An ordinary zip: any tool can list and check it.
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
        assert archive.read("parts/records.jsonl") == PARTS["records.jsonl"]
        assert archive.getinfo("parts/records.jsonl").compress_type == zipfile.ZIP_DEFLATED


def test_an_encrypted_file_opens_only_with_the_recipients_key(tmp_path):
    path = write(tmp_path, encrypt_to=ANALYST.box_public)
    opened = read_container(path, "bundle")
    assert opened.encrypted
    encryption = opened.manifest["encryption"]
    assert encryption["scheme"] == "x25519-hkdf-sha256-deflate-chacha20poly1305"
    assert encryption["recipient"] == ANALYST.box_public
    assert len(base64.b64decode(encryption["ephemeral_key"])) == 32
    for name, data in PARTS.items():
        assert opened.stored[name] != data
        assert len(opened.stored[name]) == 12 + len(zlib.compress(data, 6)) + 16  # nonce, ciphertext, tag
        assert opened.manifest["parts"][name]["sha256"] == hashlib.sha256(opened.stored[name]).hexdigest()
    assert b"P01" not in path.read_bytes() and "présenter".encode() not in path.read_bytes()
    check_signature(opened, LAPTOP.public_key)
    assert open_parts(opened, ANALYST) == PARTS


@pytest.mark.parametrize("kind", FILE_KINDS)
def test_every_kind_round_trips_and_the_callers_manifest_is_left_alone(tmp_path, kind):
    manifest = json.loads(json.dumps(MANIFEST))
    path = tmp_path / f"exchange{SUFFIXES[kind]}"
    write_container(path, kind, manifest, {"one": b"1"}, LAPTOP, encrypt_to=ANALYST.box_public)
    assert manifest == MANIFEST
    assert open_fully(path, kind) == {"one": b"1"}


def test_the_same_content_written_twice_differs_only_by_encryption(tmp_path):
    first, second = write(tmp_path, name="a"), write(tmp_path, name="b")
    assert first.read_bytes() == second.read_bytes()  # no dates, nothing that depends on when or where
    third, fourth = (write(tmp_path, name=name, encrypt_to=ANALYST.box_public) for name in ("c", "d"))
    assert third.read_bytes() != fourth.read_bytes()  # a fresh ephemeral key and fresh nonces each time


def test_mistakes_of_the_caller_are_refused_before_writing(tmp_path):
    path = tmp_path / "x.terrain-bundle"
    with pytest.raises(ValueError):
        write_container(path, "album", MANIFEST, PARTS, LAPTOP)
    with pytest.raises(ValueError):
        write_container(path, "bundle", MANIFEST, {"../evil": b""}, LAPTOP)
    with pytest.raises(ValueError):
        write_container(path, "bundle", {"study_id": "s"}, PARTS, LAPTOP, encrypt_to=ANALYST.box_public)
    with pytest.raises(TypeError):
        write_container(path, "bundle", MANIFEST, {"text": "not bytes"}, LAPTOP)
    with pytest.raises(ValueError):
        read_container(path, "album")
    assert list(tmp_path.iterdir()) == []


# Atomic writing ------------------------------------------------------------------------------------
def test_writing_replaces_a_file_whole_and_leaves_no_temporary_file(tmp_path):
    path = write(tmp_path, parts={"big": os.urandom(200_000)})
    write(tmp_path, parts={"small": b"small"})
    assert [entry.name for entry in tmp_path.iterdir()] == [path.name]
    assert open_fully(path) == {"small": b"small"}


def test_a_failed_rename_keeps_the_old_file(tmp_path, monkeypatch):
    path = write(tmp_path)
    before = path.read_bytes()

    def fail(source, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(container.os, "replace", fail)
    with pytest.raises(OSError):
        write(tmp_path, parts={"other": b"other"})
    assert path.read_bytes() == before
    assert [entry.name for entry in tmp_path.iterdir()] == [path.name]


def test_a_disk_failing_while_writing_keeps_the_old_file(tmp_path, monkeypatch):
    path = write(tmp_path)
    before = path.read_bytes()

    def fail(descriptor):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(container.os, "fsync", fail)
    with pytest.raises(OSError):
        write(tmp_path, parts={"other": b"other"})
    assert path.read_bytes() == before
    assert [entry.name for entry in tmp_path.iterdir()] == [path.name]


def test_a_part_that_cannot_be_turned_into_bytes_keeps_the_old_file(tmp_path):
    path = write(tmp_path)
    before = path.read_bytes()
    released = memoryview(b"gone")
    released.release()
    with pytest.raises(ValueError):
        write(tmp_path, parts={"fine": b"fine", "broken": released})
    assert path.read_bytes() == before
    assert [entry.name for entry in tmp_path.iterdir()] == [path.name]


# Damaged files -------------------------------------------------------------------------------------
@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_every_flipped_byte_is_refused(tmp_path, encrypted):
    path = write(tmp_path, encrypt_to=ANALYST.box_public if encrypted else None)
    original = path.read_bytes()
    damaged = tmp_path / "damaged.terrain-bundle"
    for position in range(len(original)):
        changed = bytearray(original)
        changed[position] ^= 0xFF
        damaged.write_bytes(changed)
        refused(damaged)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(position=st.floats(min_value=0, max_value=1, exclude_max=True), mask=st.integers(1, 255),
       encrypted=st.booleans())
def test_any_changed_bit_is_refused(tmp_path, position, mask, encrypted):
    # Single bits matter: a deflate stream has bits that inflating ignores.
    path = write(tmp_path, encrypt_to=ANALYST.box_public if encrypted else None)
    changed = bytearray(path.read_bytes())
    changed[int(position * len(changed))] ^= mask
    path.write_bytes(changed)
    refused(path)


@pytest.mark.parametrize("where", ["part", "manifest", "signature", "directory", "end record"])
def test_a_flipped_byte_says_the_file_is_damaged(tmp_path, where):
    path = write(tmp_path)
    data = bytearray(path.read_bytes())
    position = {
        "part": lambda: data_offset(path, "parts/records.jsonl") + 5,
        "manifest": lambda: data_offset(path, "manifest.json") + 20,
        "signature": lambda: data_offset(path, "manifest.sig") + 10,
        "directory": lambda: data.rindex(b"PK\x01\x02") + 12,  # the date of the last directory entry
        "end record": lambda: len(data) - 6,                   # where the directory starts
    }[where]()
    data[position] ^= 0x01
    path.write_bytes(data)
    error = refused(path)
    assert error.code == "bad_hash"
    assert "damaged" in error.message


def test_bytes_added_after_the_end_are_refused(tmp_path):
    path = write(tmp_path)
    path.write_bytes(path.read_bytes() + b"\0")
    assert refused(path).code == "bad_hash"


def test_a_file_cut_short_anywhere_is_truncated(tmp_path):
    path = write(tmp_path)
    original = path.read_bytes()
    for length in range(1, len(original)):
        path.write_bytes(original[:length])
        error = refused(path)
        assert error.code == "truncated", length
    assert "truncated" in error.message and "Copy it again" in error.message


def test_an_empty_file(tmp_path):
    path = tmp_path / "paquet-terrain-03.terrain-bundle"
    path.write_bytes(b"")
    assert refused(path).code == "empty"


def test_a_missing_file_and_a_folder_are_unreadable(tmp_path):
    assert refused(tmp_path / "gone.terrain-bundle").code == "unreadable"
    folder = tmp_path / "folder.terrain-bundle"
    folder.mkdir()
    assert refused(folder).code == "unreadable"


def test_a_file_changing_while_it_is_read_is_refused(tmp_path, monkeypatch):
    path = write(tmp_path)
    real_fstat, calls = os.fstat, []

    def growing(descriptor):
        status = real_fstat(descriptor)
        calls.append(status)
        if len(calls) == 1:
            return status
        return SimpleNamespace(st_size=status.st_size + 1, st_mtime_ns=status.st_mtime_ns + 1)

    monkeypatch.setattr(container.os, "fstat", growing)
    error = refused(path)
    assert error.code == "unreadable" and "still being copied" in error.message


# Files from elsewhere ------------------------------------------------------------------------------
def test_a_text_file_is_not_an_exchange_file(tmp_path):
    path = tmp_path / "notes.terrain-bundle"
    path.write_text("Entretien avec P01, le 3 mars.\n" * 10, encoding="utf-8")
    error = refused(path)
    assert error.code == "not_a_sync_file"
    assert "another program" in error.message


def test_a_picture_is_not_an_exchange_file(tmp_path):
    path = tmp_path / "photo.terrain-bundle"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0\0\0\rIHDR" + os.urandom(2000))
    assert refused(path).code == "not_a_sync_file"


def test_a_word_document_is_not_an_exchange_file(tmp_path):
    path = foreign_zip(tmp_path / "guide.terrain-bundle", [
        ("[Content_Types].xml", b"<Types/>"), ("word/", b""), ("word/document.xml", b"<w:document/>" * 50)])
    assert refused(path).code == "not_a_sync_file"


def test_another_programs_zip_with_a_manifest_is_not_an_exchange_file(tmp_path):
    path = foreign_zip(tmp_path / "extension.terrain-bundle",
                       [("manifest.json", b'{"manifest_version": 2, "name": "x"}'), ("icon.png", b"\x89PNG")])
    assert refused(path).code == "not_a_sync_file"


def test_a_terrain_file_repacked_by_another_tool_is_refused(tmp_path):
    path = write(tmp_path)
    members = members_of(path)
    foreign_zip(path, list(members.items()))
    assert refused(path).code == "bad_hash"


@pytest.mark.parametrize("name", ["../evil", "/etc/evil", "parts/../../evil", "C:/evil", "parts\\evil"])
def test_members_pointing_outside_the_file_are_unsafe(tmp_path, name):
    path = write(tmp_path)
    members = members_of(path)
    foreign_zip(path, [*members.items(), (name, b"evil")])
    error = refused(path)
    assert error.code == "unsafe"


def test_a_member_twice_is_unsafe(tmp_path):
    path = write(tmp_path)
    members = members_of(path)
    with pytest.warns(UserWarning, match="Duplicate name"):
        foreign_zip(path, [*members.items(), ("parts/empty", b"second")])
    assert refused(path).code == "unsafe"


def test_too_many_members_are_unsafe(tmp_path):
    path = write(tmp_path)
    with pytest.raises(ValueError):
        write(tmp_path, parts={f"part-{number}": b"x" for number in range(63)})
    foreign_zip(path, [*members_of(path).items(), *((f"parts/more-{number}", b"x") for number in range(70))])
    error = refused(path)
    assert error.code == "unsafe" and "64" in error.message


def test_a_zip_bomb_is_unsafe(tmp_path):
    path = tmp_path / "bomb.terrain-bundle"
    foreign_zip(path, [("manifest.json", canonical_json({"format": "terrain-bundle"})),
                       ("parts/zeros", bytes(20 * 1024 * 1024))])
    assert path.stat().st_size < 100_000
    error = refused(path, max_bytes=1024 * 1024)
    assert error.code == "unsafe" and "zip bomb" in error.message


def test_files_larger_than_allowed_are_refused(tmp_path):
    incompressible = write(tmp_path, name="noise", parts={"noise": os.urandom(300_000)})
    assert refused(incompressible, max_bytes=200_000).code == "too_large"
    text = " ".join(f"mot{number % 997}" for number in range(60_000)).encode()
    compressible = write(tmp_path, name="text", parts={"text": text})
    assert compressible.stat().st_size < 200_000 < len(text)
    assert refused(compressible, max_bytes=200_000).code == "too_large"
    assert open_fully(compressible, max_bytes=len(text) + 10_000) == {"text": text}


# Right file, wrong use -----------------------------------------------------------------------------
def test_a_receipt_given_for_a_bundle_is_the_wrong_kind(tmp_path):
    path = write(tmp_path, "receipt", name="accuse-03")
    error = refused(path, "bundle")
    assert error.code == "wrong_kind"
    assert "is a receipt, not a field bundle" in error.message and ".terrain-bundle" in error.message


def test_the_wrong_kind_is_said_in_french(tmp_path):
    path = write(tmp_path, "receipt", name="accuse-03")
    set_language("fr")
    error = refused(path, "bundle")
    assert "accuse-03.terrain-receipt est un accusé de réception, pas un paquet terrain." in error.message


def test_a_newer_format_is_refused_even_when_properly_signed(tmp_path):
    path = write(tmp_path)
    opened = read_container(path, "bundle")
    resign(path, {**opened.manifest, "format_version": FORMAT_VERSION + 1}, opened.stored)
    members = members_of(path)
    assert verify(LAPTOP.public_key, members["manifest.json"], members["manifest.sig"].decode())
    error = refused(path)
    assert error.code == "newer_format" and "update Terrain" in error.message


def test_an_unknown_kind_of_terrain_file_asks_for_a_newer_terrain(tmp_path):
    path = write(tmp_path)
    opened = read_container(path, "bundle")
    resign(path, {**opened.manifest, "format": "terrain-album"}, opened.stored)
    assert refused(path).code == "newer_format"


# Signature and parts -------------------------------------------------------------------------------
def test_a_file_signed_by_another_computer_is_refused(tmp_path):
    path = write(tmp_path, keys=STRANGER)
    error = refused(path)
    assert error.code == "bad_signature"
    assert fingerprint(STRANGER.public_key) in error.message


def test_a_manifest_changed_after_signing_is_refused(tmp_path):
    path = write(tmp_path)
    members = members_of(path)
    manifest = json.loads(members["manifest.json"])
    manifest["study_id"] = "another-study"
    rewrite(path, {**members, "manifest.json": canonical_json(manifest)})
    error = refused(path)
    assert error.code == "bad_signature"
    assert error.message == "paquet-terrain-03.terrain-bundle was changed after it was signed: it cannot be imported."


@pytest.mark.parametrize("signature", [None, b"", b"not base64!", b"\xff\xfe", b"A" * 2000])
def test_a_missing_or_malformed_signature_is_refused(tmp_path, signature):
    path = write(tmp_path)
    members = members_of(path)
    if signature is None:
        del members["manifest.sig"]
    else:
        members["manifest.sig"] = signature
    rewrite(path, members)
    assert refused(path).code == "bad_signature"


def test_a_part_removed_after_signing_is_refused(tmp_path):
    path = write(tmp_path)
    members = members_of(path)
    del members["parts/records.jsonl"]
    rewrite(path, members)
    error = refused(path)
    assert error.code == "bad_hash" and "records.jsonl" in error.message


def test_a_part_added_after_signing_is_refused(tmp_path):
    path = write(tmp_path)
    rewrite(path, {**members_of(path), "parts/extra.jsonl": b"{}"})
    error = refused(path)
    assert error.code == "bad_hash" and "extra.jsonl" in error.message


def test_a_part_replaced_after_signing_is_refused(tmp_path):
    path = write(tmp_path)
    rewrite(path, {**members_of(path), "parts/records.jsonl": b'{"id": "p-1", "code": "P02"}\n'})
    assert refused(path).code == "bad_hash"


def test_the_signed_list_of_parts_must_match_the_parts(tmp_path):
    # Signed with the right key, yet the parts differ from what the manifest lists.
    path = write(tmp_path)
    opened = read_container(path, "bundle")
    listed = dict(opened.manifest["parts"])
    cases = {
        "changed": (listed, {**opened.stored, "empty": b"not empty"}),
        "unlisted": (listed, {**opened.stored, "extra": b"x"}),
        "missing": ({**listed, "ghost": {"sha256": "0" * 64, "size": 0}}, opened.stored),
    }
    for parts, stored in cases.values():
        resign(path, {**opened.manifest, "parts": parts}, stored)
        again = read_container(path, "bundle")
        with pytest.raises(SyncFileError) as caught:
            check_signature(again, LAPTOP.public_key)
        assert caught.value.code == "bad_hash"


# Encryption ----------------------------------------------------------------------------------------
def test_a_file_encrypted_for_another_computer_cannot_be_decrypted(tmp_path):
    path = write(tmp_path, encrypt_to=STRANGER.box_public)
    error = refused(path)
    assert error.code == "cannot_decrypt" and "another computer" in error.message
    set_language("fr")
    assert "est chiffré pour un autre ordinateur." in refused(path).message


def test_an_encrypted_file_without_keys_cannot_be_decrypted(tmp_path):
    path = write(tmp_path, encrypt_to=ANALYST.box_public)
    assert refused(path, keys=None).code == "cannot_decrypt"


def test_tampered_ciphertext_is_refused_even_when_resigned(tmp_path):
    path = write(tmp_path, encrypt_to=ANALYST.box_public)
    opened = read_container(path, "bundle")
    stored = dict(opened.stored)
    changed = bytearray(stored["records.jsonl"])
    changed[40] ^= 0x01
    stored["records.jsonl"] = bytes(changed)
    parts = {name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)} for name, data in stored.items()}
    resign(path, {**opened.manifest, "parts": parts}, stored)
    check_signature(read_container(path, "bundle"), LAPTOP.public_key)  # the envelope is sound
    assert refused(path).code == "cannot_decrypt"


def test_swapped_encrypted_parts_are_refused_even_when_resigned(tmp_path):
    path = write(tmp_path, encrypt_to=ANALYST.box_public, parts={"a": b"first part", "b": b"other part"})
    opened = read_container(path, "bundle")
    stored = {"a": opened.stored["b"], "b": opened.stored["a"]}
    parts = {name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)} for name, data in stored.items()}
    resign(path, {**opened.manifest, "parts": parts}, stored)
    assert refused(path).code == "cannot_decrypt"


def test_a_plain_file_can_be_refused_where_only_encrypted_ones_are_accepted(tmp_path):
    path = write(tmp_path)
    opened = read_container(path, "bundle")
    with pytest.raises(SyncFileError) as caught:
        open_parts(opened, ANALYST, require_encryption=True)
    assert caught.value.code == "not_encrypted_for_us"
    assert open_parts(read_container(write(tmp_path, name="enc", encrypt_to=ANALYST.box_public), "bundle"),
                      ANALYST, require_encryption=True) == PARTS


# Manifests -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("manifest", [
    b"this is not JSON", b"\xff\xfe{}", b"[1, 2, 3]", b'"terrain-bundle"', b"[" * 100_000,
])
def test_a_manifest_that_is_not_a_json_object_is_refused(tmp_path, manifest):
    path = write(tmp_path)
    members = members_of(path)
    rewrite(path, {**members, "manifest.json": manifest, "manifest.sig": sign(LAPTOP, manifest).encode()})
    assert refused(path).code == "bad_manifest"


def test_a_manifest_not_in_canonical_form_is_refused(tmp_path):
    path = write(tmp_path)
    members = members_of(path)
    pretty = json.dumps(json.loads(members["manifest.json"]), indent=2).encode()
    rewrite(path, {**members, "manifest.json": pretty, "manifest.sig": sign(LAPTOP, pretty).encode()})
    assert refused(path).code == "bad_manifest"


@pytest.mark.parametrize("field, value", [
    ("signer", "not a key"), ("parts", []), ("parts", {"../x": {"sha256": "0" * 64, "size": 1}}),
    ("parts", {"x": {"sha256": "0" * 64, "size": -1}}), ("format_version", "1"), ("format_version", True),
    ("encryption", {"scheme": "rot13"}),
])
def test_a_manifest_with_a_wrong_field_is_refused(tmp_path, field, value):
    path = write(tmp_path)
    opened = read_container(path, "bundle")
    resign(path, {**opened.manifest, field: value}, opened.stored)
    error = refused(path)
    assert error.code == "bad_manifest" and field in error.message


def test_a_manifest_over_one_megabyte_is_refused(tmp_path):
    path = write(tmp_path)
    opened = read_container(path, "bundle")
    resign(path, {**opened.manifest, "padding": "x" * (1024 * 1024)}, opened.stored)
    assert refused(path).code == "bad_manifest"


def test_an_unexpected_member_is_refused(tmp_path):
    path = write(tmp_path)
    rewrite(path, {**members_of(path), "notes.txt": b"hello"})
    error = refused(path)
    assert error.code == "bad_hash" and "notes.txt" in error.message


# The error itself ----------------------------------------------------------------------------------
def test_the_error_carries_path_code_and_message_and_survives_pickling(tmp_path):
    error = SyncFileError(tmp_path / "x.terrain-bundle", "truncated", "x.terrain-bundle is truncated.")
    assert (error.path, error.code, str(error)) == (tmp_path / "x.terrain-bundle", "truncated",
                                                   "x.terrain-bundle is truncated.")
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.path, copy.code, copy.message) == (error.path, error.code, error.message)


def test_the_truncated_message_in_french(tmp_path):
    path = write(tmp_path)
    path.write_bytes(path.read_bytes()[:-30])
    set_language("fr")
    assert refused(path).message == ("paquet-terrain-03.terrain-bundle est tronqué\u00a0: la copie s’est sans doute "
                                     "interrompue. Copiez-le de nouveau depuis l’ordinateur qui l’a créé.")


def test_a_hand_made_deflate_stream_with_stray_padding_is_refused(tmp_path):
    # Inflating ignores the bits after the end of a stream; the signed hash of the stream does not.
    path = write(tmp_path, parts={"one": b"a"})
    members = members_of(path)
    data = bytearray(path.read_bytes())
    start = data_offset(path, "parts/one")
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -zlib.MAX_WBITS)
    stream = compressor.compress(b"a") + compressor.flush()
    assert bytes(data[start:start + len(stream)]) == stream and members["parts/one"] == b"a"
    data[start + len(stream) - 1] |= 0x80
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    assert inflater.decompress(bytes(data[start:start + len(stream)])) == b"a" and inflater.eof
    path.write_bytes(data)
    assert refused(path).code == "bad_hash"


def test_an_encrypted_file_is_compressed_before_it_is_encrypted(tmp_path):
    text = ("Je travaille à la coopérative depuis trois ans et je me sens mieux. " * 2000).encode("utf-8")
    parts = {"records.jsonl": text}
    plain = write_container(tmp_path / "plain.terrain-bundle", "bundle", {"id": "b-1"}, parts, LAPTOP)
    assert plain
    write_container(tmp_path / "sealed.terrain-bundle", "bundle", {"id": "b-2"}, parts, LAPTOP,
                    encrypt_to=ANALYST.box_public)
    sealed_size = (tmp_path / "sealed.terrain-bundle").stat().st_size
    assert sealed_size < 2 * (tmp_path / "plain.terrain-bundle").stat().st_size
    opened = read_container(tmp_path / "sealed.terrain-bundle", "bundle")
    check_signature(opened, LAPTOP.public_key)
    assert open_parts(opened, ANALYST) == parts
