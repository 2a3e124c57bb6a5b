"""Editing the guide through the services: order, versions, dismissals, a study's own words."""

from __future__ import annotations

import pytest

from app.core.guide import Guide
from app.core.interviews import Interview
from app.core.participants import Participant
from app.core.study import Indicator
from app.services import guides
from app.store.project import Project


@pytest.fixture
def project(tmp_path):
    with Project.create(tmp_path / "g.terrain", "Étude") as p:
        yield p


@pytest.fixture
def guide(project):
    return project.guides.insert(Guide(study_id=project.study().id, title="Guide"))


def texts(project, section_id):
    return [q.text for q in project.questions_of(section_id)]


def test_sections_and_questions_keep_their_order(project, guide):
    first = guides.add_section(project, guide.id, "Parcours")
    second = guides.add_section(project, guide.id, "Travail")
    opening = guides.add_section(project, guide.id, "Accueil", position=0)
    assert [s.title for s in project.sections_of(guide.id)] == ["Accueil", "Parcours", "Travail"]
    for text in ("A ?", "B ?", "C ?"):
        guides.add_question(project, first.id, text)
    guides.add_question(project, first.id, "Début ?", position=0)
    assert texts(project, first.id) == ["Début ?", "A ?", "B ?", "C ?"]
    c = project.questions_of(first.id)[3]
    guides.move_question(project, c.id, second.id, 0)
    assert texts(project, first.id) == ["Début ?", "A ?", "B ?"]
    assert texts(project, second.id) == ["C ?"]
    assert [q.position for q in project.questions_of(first.id)] == [0, 1, 2]
    guides.move_section(project, opening.id, 2)
    assert [s.title for s in project.sections_of(guide.id)] == ["Parcours", "Travail", "Accueil"]
    guides.delete_section(project, second.id)
    assert [s.position for s in project.sections_of(guide.id)] == [0, 1]
    assert project.questions.count("section_id = ?", [second.id]) == 0


def test_question_fields_probes_and_indicators(project, guide):
    section = guides.add_section(project, guide.id, "S")
    question = guides.add_question(project, section.id, "Comment ça va ?")
    updated = guides.update_question(project, question.id, text="Comment vos revenus ont-ils évolué ?",
                                     is_sensitive=True, reminder="Rappeler la confidentialité.", estimated_minutes=4)
    assert (updated.is_sensitive, updated.estimated_minutes) == (True, 4)
    assert guides.update_question(project, question.id, estimated_minutes=None).estimated_minutes is None
    with pytest.raises(ValueError):
        guides.update_question(project, question.id, intent="chat")
    library = guides.probe_library("fr")
    assert "Pouvez-vous me donner un exemple\u00a0?" in library and not any(p.startswith("#") for p in library)
    probe = guides.add_probe(project, question.id, library[0])
    guides.add_probe(project, question.id, "Et ensuite ?")
    guides.delete_probe(project, probe.id)
    assert [(p.text, p.position) for p in project.probes_of(question.id)] == [("Et ensuite ?", 0)]
    indicator = project.indicators.insert(Indicator(study_id=project.study().id, code="OC1", label="x",
                                                    level="outcome", source_kind="manual"))
    guides.set_question_indicators(project, question.id, [indicator.id, indicator.id])
    assert guides.load_outline(project, guide.id).questions()[0].indicator_ids == [indicator.id]


def test_a_frozen_guide_refuses_edits_and_a_new_version_copies_everything(project, guide):
    section = guides.add_section(project, guide.id, "S")
    question = guides.add_question(project, section.id, "Vous êtes d’accord, n’est-ce pas ?")
    guides.add_probe(project, question.id, "Et ensuite ?")
    guides.dismiss_finding(project, question.id, "leading", "Question de confirmation, en fin d’entretien.")
    participant = project.participants.insert(Participant(study_id=project.study().id, code="P1"))
    interview = project.interviews.insert(Interview(study_id=project.study().id, participant_id=participant.id,
                                                    guide_id=guide.id))
    guides.freeze(project, guide.id)
    with pytest.raises(guides.GuideFrozenError, match="Version 1 "):
        guides.update_question(project, question.id, text="Autre ?")
    with pytest.raises(guides.GuideFrozenError):
        guides.add_section(project, guide.id, "Nouvelle")
    assert project.questions.get(question.id).text == "Vous êtes d’accord, n’est-ce pas ?"

    version_2 = guides.new_version(project, guide.id)
    assert (version_2.version, version_2.previous_version_id, version_2.is_frozen) == (2, guide.id, False)
    outline = guides.load_outline(project, version_2.id)
    copied = outline.questions()[0]
    assert copied.question.id != question.id and copied.question.text == question.text
    assert [p.text for p in copied.probes] == ["Et ensuite ?"]
    assert guides.dismissals(project, version_2.id) == {copied.question.id: {"leading": "Question de confirmation, en fin d’entretien."}}
    guides.update_question(project, copied.question.id, text="Qu’en pensez-vous ?")
    assert project.interviews.get(interview.id).guide_id == guide.id
    assert project.questions.get(question.id).text == "Vous êtes d’accord, n’est-ce pas ?"
    assert project.current_guide().id == version_2.id


def test_dismissals_need_a_reason_and_can_be_restored(project, guide):
    section = guides.add_section(project, guide.id, "S")
    question = guides.add_question(project, section.id, "Est-ce que ça va ?")
    with pytest.raises(ValueError):
        guides.dismiss_finding(project, question.id, "closed", "  ")
    guides.dismiss_finding(project, question.id, "closed", "Confirmation")
    guides.dismiss_finding(project, question.id, "closed", "Confirmation voulue")
    assert guides.dismissals(project, guide.id) == {question.id: {"closed": "Confirmation voulue"}}
    guides.restore_finding(project, question.id, "closed")
    assert guides.dismissals(project, guide.id) == {}


def test_a_study_adds_its_own_words(project):
    guides.set_study_words(project, "jargon", ["CAE", " ESS ", "CAE", ""])
    guides.set_study_words(project, "protected", ["coopérative"])
    assert guides.study_word_lists(project) == {"jargon": ["CAE", "ESS"], "protected": ["coopérative"]}
    with pytest.raises(ValueError):
        guides.set_study_words(project, "nonsense", ["x"])
