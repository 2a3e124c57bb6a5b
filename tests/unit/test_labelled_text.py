from app.core.labelled_text import parse_labelled_text
from app.core.words import count_words


def test_turns_with_timestamps_and_labels():
    text = (
        "[00:00:05] Enquêtrice : Bonjour, merci d’être là.\n\n"
        "[00:01:12] Participante : Ben, euh… avec plaisir.\nVraiment.\n\n"
        "Une suite sans étiquette."
    )
    turns = parse_labelled_text(text)
    assert [(t.label, t.start_ms) for t in turns] == [("Enquêtrice", 5000), ("Participante", 72000)]
    assert turns[1].text == "Ben, euh… avec plaisir. Vraiment. Une suite sans étiquette."


def test_turns_without_timestamps_and_windows_line_endings():
    turns = parse_labelled_text("I: Pouvez-vous raconter ?\r\n\r\nE: Oui.\r\n")
    assert [(t.label, t.text, t.start_ms) for t in turns] == [("I", "Pouvez-vous raconter ?", None), ("E", "Oui.", None)]


def test_words_are_runs_of_letters_and_digits():
    assert count_words("L’entrepreneur-salarié a 3 clients… euh !") == 7
    assert count_words("") == 0
