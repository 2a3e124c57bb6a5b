"""Importing a transcript file: read it, propose who is who, store it in one transaction.

Reading comes first and touches nothing (``load_transcript``), so that a screen can show the
speakers and let a person confirm their roles; ``import_transcript`` then writes the transcript,
its turns, its speakers and, if asked, a new interview, together or not at all. Every refusal is
a ``TranscriptImportError`` that names the file and the problem; the project is then unchanged.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from app.core.interviews import Interview
from app.core.questions.language import detect_language
from app.core.records import utc_now
from app.core.transcript_formats import (
    MAX_FILE_BYTES,
    ParsedTranscript,
    SpeakerSummary,
    TranscriptFormatError,
    parse_transcript,
    propose_roles,
    summarise_speakers,
)
from app.core.transcripts import SPEAKER_ROLES, Transcript, Turn
from app.i18n import _
from app.services.diagnostics import tallies
from app.store.project import Project

# Enough words to tell French from English, few enough to stay instant on a long interview.
LANGUAGE_SAMPLE_WORDS = 400


class TranscriptImportError(ValueError):
    def __init__(self, path: Path | str, problem: str):
        self.path = Path(path)
        self.problem = problem
        super().__init__(_("Cannot import {file}: {problem}").format(file=self.path.name, problem=problem))


@dataclass
class LoadedTranscript:
    """A file read and understood, not yet stored."""

    path: Path
    sha256: str
    parsed: ParsedTranscript
    speakers: list[SpeakerSummary]
    proposed_roles: dict[str, str]

    @property
    def labels(self) -> list[str]:
        return [speaker.label for speaker in self.speakers]


@dataclass
class ImportResult:
    transcript: Transcript
    turns: int
    roles: dict[str, str]
    format: str
    encoding: str
    speakers: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"transcript_id": self.transcript.id, "turns": self.turns, "speakers": self.speakers,
                "roles": self.roles, "encoding": self.encoding, "format": self.format,
                "interview_id": self.transcript.interview_id}


def load_transcript(path: Path | str, interviewers: list[str] | None = None) -> LoadedTranscript:
    """Read and parse a file, and propose a role for each speaker; nothing is written."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise TranscriptImportError(path, _("the file is larger than {size} MB; Terrain imports transcripts up "
                                                "to that size. Split it into one file per interview.")
                                        .format(size=MAX_FILE_BYTES // (1024 * 1024)))
        data = path.read_bytes()
    except IsADirectoryError:
        raise TranscriptImportError(path, _("it is a folder, not a file.")) from None
    except OSError as error:
        raise TranscriptImportError(path, _("the file cannot be read ({reason}).")
                                    .format(reason=error.strerror or error)) from None
    try:
        parsed = parse_transcript(path.name, data)
    except TranscriptFormatError as error:
        raise TranscriptImportError(path, str(error)) from None
    speakers = summarise_speakers(parsed.turns)
    loaded = LoadedTranscript(path, hashlib.sha256(data).hexdigest(), parsed, speakers, {})
    loaded.proposed_roles = roles_for(loaded, interviewers)
    return loaded


def roles_for(loaded: LoadedTranscript, interviewers: list[str] | None = None) -> dict[str, str]:
    """The proposed roles, or those that follow from naming the interviewers."""
    if not interviewers:
        return propose_roles(loaded.parsed.turns)
    by_fold = {label.casefold(): label for label in loaded.labels}
    chosen = []
    for name in interviewers:
        label = name if name in loaded.labels else by_fold.get(name.strip().casefold())
        if label is None:
            raise TranscriptImportError(loaded.path, _("no speaker is labelled {label}; the speakers are {labels}.")
                                        .format(label=name, labels=", ".join(loaded.labels)))
        chosen.append(label)
    return propose_roles(loaded.parsed.turns, chosen)


def import_transcript(project: Project, source: Path | str | LoadedTranscript, *, interview_id: str | None = None,
                      participant_code: str | None = None, interviewers: list[str] | None = None,
                      roles: dict[str, str] | None = None, title: str | None = None) -> ImportResult:
    """Store a transcript, attached to an interview, to a new interview of a participant, or to none."""
    if isinstance(source, LoadedTranscript):
        loaded = source
        proposed = roles_for(loaded, interviewers) if interviewers else loaded.proposed_roles
    else:
        loaded = load_transcript(source, interviewers)
        proposed = loaded.proposed_roles
    roles = _checked_roles(loaded, proposed, roles)
    if interview_id and participant_code:
        raise TranscriptImportError(loaded.path, _("attach it to an interview or to a participant, not both."))
    same = project.transcripts.first("source_sha256 = ?", [loaded.sha256])
    if same is not None:
        raise TranscriptImportError(loaded.path, _("this file is already imported, as the transcript “{title}”.")
                                    .format(title=same.title))
    new_interview = _interview_for(project, loaded, participant_code) if participant_code else None
    if interview_id and project.interviews.first("id = ?", [interview_id]) is None:
        raise TranscriptImportError(loaded.path, _("no interview has the id {id}.").format(id=interview_id))
    parsed = loaded.parsed
    transcript = Transcript(
        study_id=project.study().id, title=(title or "").strip() or loaded.path.stem, imported_at=utc_now(),
        interview_id=new_interview.id if new_interview else interview_id, language=_language(parsed),
        source_name=loaded.path.name, source_format=parsed.format, source_encoding=parsed.encoding,
        source_sha256=loaded.sha256,
    )
    turns = [Turn(transcript_id=transcript.id, position=0, text=turn.text, speaker_label=turn.label,
                  speaker_role=roles[turn.label], start_ms=turn.start_ms, end_ms=turn.end_ms,
                  overlaps_previous=turn.overlaps_previous) for turn in parsed.turns]
    with project.transaction():
        if new_interview is not None:
            project.interviews.insert(new_interview)
        project.add_transcript(transcript, turns, roles, guarded=False)
        project.audit("transcript_imported", "transcript", transcript.id, source_name=transcript.source_name,
                      source_format=parsed.format, source_sha256=loaded.sha256, turns=len(turns))
    # Measured now, while it is one transcript, rather than all at once by the next report.
    tallies(project, [transcript.id])
    return ImportResult(transcript, len(turns), roles, parsed.format, parsed.encoding, loaded.labels)


def _checked_roles(loaded: LoadedTranscript, proposed: dict[str, str], roles: dict[str, str] | None) -> dict[str, str]:
    """Roles for every label: the ones given, the proposal for the others."""
    chosen = dict(proposed)
    for label, role in (roles or {}).items():
        if label not in chosen:
            raise TranscriptImportError(loaded.path, _("no speaker is labelled {label}; the speakers are {labels}.")
                                        .format(label=label, labels=", ".join(loaded.labels)))
        if role not in SPEAKER_ROLES:
            raise TranscriptImportError(loaded.path, _("{role} is not a speaker role (use one of {roles}).")
                                        .format(role=role, roles=", ".join(SPEAKER_ROLES)))
        chosen[label] = role
    return chosen


def _interview_for(project: Project, loaded: LoadedTranscript, code: str) -> Interview:
    """A completed interview of the participant. The file's date says when it was saved, not when
    the interview took place, so the start is left unknown rather than guessed."""
    participant = project.participants.first("code = ?", [code.strip()])
    if participant is None:
        raise TranscriptImportError(loaded.path, _("no participant has the code {code}.").format(code=code))
    if participant.is_withdrawn:
        raise TranscriptImportError(loaded.path, _("{code} has withdrawn from the study; their words are not "
                                                   "imported.").format(code=participant.code))
    guide = project.current_guide()
    return Interview(study_id=project.study().id, participant_id=participant.id, status="completed",
                     guide_id=guide.id if guide else None)


def _language(parsed: ParsedTranscript) -> str:
    words: list[str] = []
    for turn in parsed.turns:
        words.extend(turn.text.split())
        if len(words) >= LANGUAGE_SAMPLE_WORDS:
            break
    return detect_language(" ".join(words[:LANGUAGE_SAMPLE_WORDS]))
