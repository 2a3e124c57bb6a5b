"""Labelled text, Markdown, captions and encodings: samples written here, in every way people label speakers."""

from __future__ import annotations

import pytest

from app.core.transcript_formats import TranscriptFormatError, parse_transcript
from app.core.transcript_formats.encoding import decode_text


def turns_of(name: str, text: str | bytes):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return parse_transcript(name, data).turns


def pairs(turns):
    return [(turn.label, turn.text) for turn in turns]


@pytest.mark.parametrize("interviewer, participant", [
    ("I", "E"), ("Q", "R"), ("Enquêteur", "Participante"), ("Intervieweuse", "Karim"), ("Interviewer 1", "P1"),
])
def test_the_usual_speaker_labels(interviewer, participant):
    text = (f"{interviewer}: Pouvez-vous me parler de votre travail ?\n"
            f"{participant} : Oui, je suis couvreur.\n"
            f"{interviewer} : Depuis quand ?\n"
            f"{participant}: Douze ans.\n")
    assert pairs(turns_of("entretien.txt", text)) == [
        (interviewer, "Pouvez-vous me parler de votre travail ?"), (participant, "Oui, je suis couvreur."),
        (interviewer, "Depuis quand ?"), (participant, "Douze ans."),
    ]


def test_french_spacing_before_the_colon_is_any_kind_of_space():
    text = "Enquêtrice\u00a0: Bonjour.\nParticipant\u202f: Bonjour.\nEnquêtrice : On commence ?"
    assert [turn.label for turn in turns_of("a.txt", text)] == ["Enquêtrice", "Participant", "Enquêtrice"]


def test_timestamps_before_or_after_the_name_give_start_and_end_times():
    text = ("[00:00:05] Enquêtrice : Bonjour.\n\n"
            "[00:01:02] Marie : Bonjour, merci.\n\n"
            "Enquêtrice (00:02:10): Alors, racontez-moi.\n\n"
            "Marie [1:02:03.5]: Eh bien.")
    turns = turns_of("t.txt", text)
    assert [(turn.label, turn.start_ms, turn.end_ms) for turn in turns] == [
        ("Enquêtrice", 5_000, 62_000), ("Marie", 62_000, 130_000), ("Enquêtrice", 130_000, 3_723_500),
        ("Marie", 3_723_500, None),
    ]
    assert not any(turn.overlaps_previous for turn in turns)


def test_paragraphs_without_a_label_continue_the_previous_turn():
    text = ("E : Ben, euh… avec plaisir.\nVraiment.\n\nEt puis autre chose.\n\n"
            "I : Merci.\nI : Et ensuite ?")
    assert pairs(turns_of("t.txt", text)) == [
        ("E", "Ben, euh… avec plaisir. Vraiment.\nEt puis autre chose."), ("I", "Merci."), ("I", "Et ensuite ?"),
    ]


def test_a_colon_in_speech_is_not_a_speaker():
    text = ("I : Et votre patron ?\n"
            "E : Il m'a dit : viens lundi. Alors j'y suis allé.\n"
            "I : Et ensuite ?\n"
            "E : Bref : c'était fini.\n")
    assert pairs(turns_of("t.txt", text))[1] == ("E", "Il m'a dit : viens lundi. Alors j'y suis allé.")
    assert {turn.label for turn in turns_of("t.txt", text)} == {"I", "E"}


def test_a_web_address_is_not_a_speaker():
    turns = turns_of("t.txt", "I: Le site ?\nhttps://example.org/coop\nI: Merci.")
    assert pairs(turns) == [("I", "Le site ? https://example.org/coop"), ("I", "Merci.")]


def test_qualcoder_bracketed_ids_when_the_whole_text_uses_them():
    text = "[id1] hello, I like the course.\n\n[id2] I am struggling.\n\n[id1] yes I agree."
    assert pairs(turns_of("t.txt", text)) == [
        ("id1", "hello, I like the course."), ("id2", "I am struggling."), ("id1", "yes I agree.")]


def test_a_bracketed_note_inside_labelled_text_is_not_a_speaker():
    text = "I : Bonjour.\n[rires] E : Bonjour !\nE : Oui.\n[rires] ça va."
    assert "rires" not in {turn.label for turn in turns_of("t.txt", text)}


def test_a_name_alone_on_its_line_with_a_time_as_meeting_tools_export():
    text = "Speaker 1  0:05\nSo tell me about the cooperative.\n\nSpeaker 2  0:12\nWell, it started in 2015.\n"
    turns = turns_of("otter.txt", text)
    assert [(turn.label, turn.text, turn.start_ms) for turn in turns] == [
        ("Speaker 1", "So tell me about the cooperative.", 5_000), ("Speaker 2", "Well, it started in 2015.", 12_000)]


def test_a_name_alone_on_its_line_followed_by_its_words():
    text = "Enquêteur :\nBonjour, on commence ?\n\nParticipante :\nOui.\nAllons-y."
    assert pairs(turns_of("t.txt", text)) == [("Enquêteur", "Bonjour, on commence ?"), ("Participante", "Oui. Allons-y.")]


def test_text_without_any_label_is_one_unlabelled_turn():
    assert pairs(turns_of("notes.txt", "Une réponse écrite.\nSur deux lignes.")) == [("", "Une réponse écrite. Sur deux lignes.")]


def test_markdown_headings_and_emphasis_are_layout():
    text = ("# Entretien LYO-07\n\n---\n\n**Enquêtrice :** Bonjour, comment allez-vous ?\n\n"
            "**Participant** : Bien, merci.\n\n- Enquêtrice : Et le travail ?\n")
    assert pairs(turns_of("lyo-07.md", text)) == [
        ("Enquêtrice", "Bonjour, comment allez-vous ?"), ("Participant", "Bien, merci."), ("Enquêtrice", "Et le travail ?")]
    assert parse_transcript("lyo-07.md", text.encode()).format == "md"


VTT = """WEBVTT
Kind: captions

NOTE written for Terrain's tests

1
00:00:01.000 --> 00:00:04.500
<v Enquêtrice>Bonjour, pouvez-vous vous présenter ?</v>

2
00:00:04.600 --> 00:00:07.000 align:start
<v Karim Benali>Oui, alors je suis couvreur

3
00:00:07.000 --> 00:00:09.000
<v Karim Benali>depuis douze ans <i>dans</i> la coop &amp; le réseau.

4
00:00:08.500 --> 00:00:09.500
<v.loud Enquêtrice>D'accord.
"""


def test_webvtt_voices_merge_consecutive_cues_and_mark_overlap():
    turns = turns_of("teams.vtt", VTT)
    assert [(turn.label, turn.text, turn.start_ms, turn.end_ms, turn.overlaps_previous) for turn in turns] == [
        ("Enquêtrice", "Bonjour, pouvez-vous vous présenter ?", 1_000, 4_500, False),
        ("Karim Benali", "Oui, alors je suis couvreur depuis douze ans dans la coop & le réseau.", 4_600, 9_000, False),
        ("Enquêtrice", "D'accord.", 8_500, 9_500, True),
    ]


def test_webvtt_with_names_written_in_the_text_and_two_voices_in_one_cue():
    text = ("WEBVTT\n\n00:01.000 --> 00:03.000\nMarie Dupont: Bonjour à tous.\n\n"
            "00:03.000 --> 00:05.000\ncomment ça va ?\n\n"
            "00:05.000 --> 00:06.000\n<v Léa>Bien.</v> <v Marie Dupont>Tant mieux.</v>\n\n"
            "00:06.000 --> 00:07.000\nMarie Dupont: On commence.\n")
    turns = turns_of("zoom.vtt", text)
    assert [(turn.label, turn.text, turn.overlaps_previous) for turn in turns] == [
        ("Marie Dupont", "Bonjour à tous. comment ça va ?", False), ("Léa", "Bien.", False),
        ("Marie Dupont", "Tant mieux. On commence.", False)]


def test_subrip_without_speakers_keeps_each_subtitle_as_a_turn():
    text = ("1\n00:00:00,000 --> 00:00:02,500\nBonjour, merci d'être là.\n\n"
            "2\n00:00:02,600 --> 00:00:05,000\nAvec plaisir.\nVraiment.\n\n")
    turns = turns_of("whisper.srt", text)
    assert [(turn.label, turn.text, turn.start_ms, turn.end_ms) for turn in turns] == [
        ("", "Bonjour, merci d'être là.", 0, 2_500), ("", "Avec plaisir. Vraiment.", 2_600, 5_000)]


def test_subrip_with_name_prefixes_and_windows_line_endings():
    text = ("1\r\n00:00:00,000 --> 00:00:02,000\r\nI: Vous travaillez ici ?\r\n\r\n"
            "2\r\n00:00:02,000 --> 00:00:04,000\r\nE: Oui, depuis 2015.\r\n\r\n"
            "3\r\n00:00:04,000 --> 00:00:06,000\r\net j'y suis bien.\r\n")
    assert pairs(turns_of("s.srt", text)) == [("I", "Vous travaillez ici ?"), ("E", "Oui, depuis 2015. et j'y suis bien.")]


def test_captions_saved_as_txt_are_read_as_captions():
    assert parse_transcript("captions.txt", VTT.encode()).format == "vtt"


SAMPLE = "Enquêtrice : L’œuvre coûte 5 € ?\nParticipante : Oui, « à peu près ».\n"


@pytest.mark.parametrize("codec, data_prefix, reported", [
    ("utf-8", b"", "utf-8"),
    ("utf-8-sig", b"", "utf-8-sig"),
    ("utf-16", b"", "utf-16-le"),
    ("utf-16-be", "\ufeff".encode("utf-16-be"), "utf-16-be"),
    ("cp1252", b"", "windows-1252"),
])
def test_encodings_are_detected_and_reported(tmp_path, codec, data_prefix, reported):
    data = data_prefix + SAMPLE.encode(codec)
    parsed = parse_transcript("t.txt", data)
    assert parsed.encoding == reported
    assert pairs(parsed.turns) == [("Enquêtrice", "L’œuvre coûte 5 € ?"), ("Participante", "Oui, « à peu près ».")]


def test_iso_8859_1_is_reported_when_no_windows_only_character_is_used():
    data = "Enquêteur : Ça a commencé à Orléans ?\nRépondant : Oui, en été.\n".encode("latin-1")
    parsed = parse_transcript("t.txt", data)
    assert parsed.encoding == "iso-8859-1"
    assert parsed.turns[0].text == "Ça a commencé à Orléans ?"


def test_utf16_without_a_byte_order_mark():
    assert decode_text("I: bonjour\nE: salut\n".encode("utf-16-le")) == ("I: bonjour\nE: salut\n", "utf-16-le")


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_line_endings_are_normalised(newline):
    text, _encoding = decode_text(newline.join(["I: un", "", "E: deux"]).encode())
    assert text == "I: un\n\nE: deux"


def test_bytes_that_fit_no_encoding_are_refused_rather_than_garbled():
    with pytest.raises(TranscriptFormatError, match="neither UTF-8"):
        parse_transcript("t.txt", b"I: caf\x81\x8d\x8f\x90\x9d\n")
