"""The study definition every benchmark database shares: the content of a study package.

The analyst's database and every field laptop hold the same study, waves, territories,
indicators, guide (sections, questions, probes) and questionnaire, with the same ids, because
the field copies came from one study package. ``build_study`` makes that definition from a
seeded generator; ``create_study_project`` writes it into a new project file.
"""

from __future__ import annotations

import dataclasses
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from app.core.guide import Guide, GuideSection, Probe, Question, Questionnaire, QuestionnaireItem
from app.core.participants import Quota
from app.core.study import Indicator, StakeholderGroup, Study, Territory, VocabularyItem, Wave
from app.store.project import Project
from bench import field_texts
from bench.seeded import Seeded, iso, iso_date

NBSP = "\u00a0"

TERRITORIES = [
    ("LYO", "Métropole de Lyon"),
    ("NTE", "Nantes et estuaire"),
    ("LIL", "Lille et bassin minier"),
    ("MRS", "Marseille et étang de Berre"),
    ("CLF", "Clermont et Livradois"),
    ("RNS", "Rennes et pays de Brocéliande"),
]

# (section title, [(question, is_sensitive, linked indicator codes)])
GUIDE = [
    ("Parcours avant la coopérative", [
        ("Pouvez-vous me raconter votre parcours professionnel avant d'arriver ici", False, []),
        ("Comment avez-vous connu la coopérative", False, []),
        ("Qu'est-ce qui vous a décidé à la rejoindre", False, []),
    ]),
    ("Entrée dans la coopérative", [
        ("Comment se sont passés vos premiers mois", False, []),
        ("Qu'avez-vous trouvé, ou pas trouvé, dans l'accompagnement", False, ["OUT2"]),
        ("Comment décririez-vous votre statut aujourd'hui", False, []),
    ]),
    ("Le travail au quotidien", [
        ("À quoi ressemble une semaine de travail pour vous", False, []),
        ("Avec qui travaillez-vous au quotidien", False, ["RES2"]),
        ("Comment se prennent les décisions qui vous concernent", False, ["RES3"]),
        ("Qu'est-ce qui a changé dans votre façon de travailler", False, ["RES2", "RES3"]),
    ]),
    ("Revenus et sécurité", [
        ("Comment votre activité vous fait-elle vivre aujourd'hui", True, ["RES1"]),
        ("Qu'est-ce qui vous donne, ou pas, un sentiment de sécurité", True, ["RES1", "IMP1"]),
        ("Comment votre vie hors travail a-t-elle évolué", True, []),
    ]),
    ("Bilan et perspectives", [
        ("Si vous deviez résumer ce que la coopérative a changé pour vous, que diriez-vous", False, ["IMP1"]),
        ("Comment voyez-vous la suite, ici ou ailleurs", False, ["IMP2"]),
        ("Y a-t-il quelque chose que vous aimeriez ajouter", False, []),
    ]),
]
PROBES = [
    "Pouvez-vous me donner un exemple",
    "Qu'entendez-vous par là",
    "Et ensuite, que s'est-il passé",
    "Comment l'avez-vous vécu",
    "Pouvez-vous m'en dire un peu plus",
]

# (code, label, level, dimension, source kind, source ref, unit, target, direction)
INDICATORS = [
    ("OUT1", "Entretiens réalisés", "output", "social", "count", "interviews_completed", "entretiens", 120.0, "higher"),
    ("OUT2", "Personnes accompagnées", "output", "economic", "manual", "", "personnes", None, "higher"),
    ("RES1", "Membres déclarant un revenu plus régulier", "outcome", "economic", "survey_item", "revenu_regulier", "%", 60.0, "higher"),
    ("RES2", "Sentiment d'isolement professionnel", "outcome", "quality_of_working_life", "theme", "", "%", None, "lower"),
    ("RES3", "Participation aux décisions collectives", "outcome", "social", "survey_item", "participation_decisions", "%", 50.0, "higher"),
    ("IMP1", "Maintien dans l'activité après trois ans", "impact", "economic", "manual", "", "%", 70.0, "higher"),
    ("IMP2", "Ancrage territorial de l'activité", "impact", "territorial", "theme", "", "", None, "higher"),
]

# (name, label, type, choices, indicator code)
ITEMS = [
    ("revenu_regulier", "Mon revenu est plus régulier qu'avant mon entrée dans la coopérative.", "scale5", [], "RES1"),
    ("participation_decisions", "Je participe aux décisions qui me concernent.", "scale5", [], "RES3"),
    ("isolement", "Je me sens seul·e dans mon travail.", "scale5", [], None),
    ("heures_semaine", f"Combien d'heures travaillez-vous par semaine en moyenne{NBSP}?", "number", [], None),
    ("statut", f"Quel est votre statut aujourd'hui{NBSP}?", "single",
     ["Entrepreneur·e salarié·e", "Associé·e", "En test d'activité", "Autre"], None),
    ("commentaire", f"Souhaitez-vous ajouter quelque chose{NBSP}?", "text", [], None),
]

VOCABULARY = {
    "profile": [("entrepreneur_salarie", "Entrepreneur·e salarié·e"), ("associe", "Associé·e"),
                ("porteur_projet", "Porteur·se de projet en test"), ("permanent", "Salarié·e permanent·e")],
    "gender": [("femme", "Femme"), ("homme", "Homme"), ("non_binaire", "Non binaire"),
               ("non_dit", "Ne souhaite pas répondre")],
    "age_band": [(band, band.replace("-", " à ").replace("+", " ans et plus")) for band in field_texts.AGE_BANDS],
    "dimension": [("social", "Sociale"), ("economic", "Économique"), ("societal", "Sociétale"),
                  ("quality_of_working_life", "Qualité de vie au travail"), ("territorial", "Territoriale")],
}
assert [key for key, _label in VOCABULARY["profile"]] == field_texts.PROFILES


@dataclass
class StudyDefinition:
    study: Study
    waves: list[Wave]
    territories: list[Territory]
    stakeholder_groups: list[StakeholderGroup]
    vocabulary: list[VocabularyItem]
    indicators: list[Indicator]
    guide: Guide
    sections: list[GuideSection]
    questions: list[Question]  # main and closing questions, in the order of the guide
    probes: list[Probe]
    question_indicators: list[tuple[str, str]]
    questionnaire: Questionnaire
    items: list[QuestionnaireItem]
    quotas: list[Quota]
    origin: datetime


def build_study(rng: random.Random, origin: datetime) -> StudyDefinition:
    ids = Seeded(rng)

    def made(minutes: int) -> dict:
        return ids.record(origin + timedelta(minutes=minutes))

    study = Study(
        **made(0),
        title="Ce que la coopérative change au travail",
        organisation="Réseau Coopératives en Territoires",
        evaluative_question=(
            "Qu'est-ce que l'entrée dans une coopérative d'activité et d'emploi change dans le "
            f"rapport au travail de ses membres{NBSP}?"
        ),
        description="Étude d'impact en deux vagues, six territoires, entretiens semi-directifs et questionnaire court.",
        languages=["fr", "en"],
    )
    waves = [
        Wave(**made(1), study_id=study.id, label=f"Vague {number} — {origin.year + number - 1}", position=number,
             starts_on=iso_date(origin + timedelta(days=365 * (number - 1))),
             ends_on=iso_date(origin + timedelta(days=365 * (number - 1) + 180)))
        for number in (1, 2)
    ]
    territories = [Territory(**made(2), study_id=study.id, code=code, name=name) for code, name in TERRITORIES]
    groups = [
        StakeholderGroup(**made(3), study_id=study.id, name=name, participation=participation)
        for name, participation in [
            ("Entrepreneur·es salarié·es", ["guide", "results"]),
            ("Équipe d'accompagnement", ["guide", "codebook", "results"]),
            ("Financeurs publics", ["results"]),
        ]
    ]
    vocabulary = [
        VocabularyItem(**made(4), study_id=study.id, kind=kind, key=key, label=label, position=position)
        for kind, entries in VOCABULARY.items()
        for position, (key, label) in enumerate(entries)
    ]
    indicators = [
        Indicator(**made(5), study_id=study.id, code=code, label=label, level=level, dimension=dimension,
                  source_kind=source_kind, source_ref=source_ref, unit=unit, target=target, direction=direction,
                  position=position,
                  source_params={"aggregate": "share_at_least", "threshold": 4} if source_kind == "survey_item" else {})
        for position, (code, label, level, dimension, source_kind, source_ref, unit, target, direction)
        in enumerate(INDICATORS)
    ]
    indicator_ids = {indicator.code: indicator.id for indicator in indicators}
    guide = Guide(**made(10), study_id=study.id, title="Guide d'entretien — vague 1", frozen_at=iso(origin + timedelta(days=7)))
    sections, questions, probes, links = [], [], [], []
    for section_position, (title, entries) in enumerate(GUIDE):
        section = GuideSection(**made(11), guide_id=guide.id, title=title, position=section_position)
        sections.append(section)
        for position, (text, sensitive, codes) in enumerate(entries):
            question = Question(
                **made(12), section_id=section.id, text=text + NBSP + "?", position=position,
                intent="closing" if section_position == len(GUIDE) - 1 and position == len(entries) - 1 else "main",
                is_sensitive=sensitive, estimated_minutes=float(rng.randint(3, 8)),
                reminder="Rappeler que la personne peut ne pas répondre." if sensitive else "",
            )
            questions.append(question)
            links += [(question.id, indicator_ids[code]) for code in codes]
            for probe_position, probe in enumerate(rng.sample(PROBES, 2)):
                probes.append(Probe(**made(13), question_id=question.id, text=probe + NBSP + "?", position=probe_position))
    questionnaire = Questionnaire(**made(20), study_id=study.id, title="Questionnaire court — vague 1")
    items = [
        QuestionnaireItem(**made(21), questionnaire_id=questionnaire.id, name=name, label=label, item_type=item_type,
                          choices=choices, position=position, indicator_id=indicator_ids.get(code) if code else None)
        for position, (name, label, item_type, choices, code) in enumerate(ITEMS)
    ]
    quotas = [
        Quota(**made(30), study_id=study.id, territory_id=territory.id, profile=profile, target=rng.randint(3, 8))
        for territory in territories
        for profile in field_texts.PROFILES
    ]
    return StudyDefinition(study, waves, territories, groups, vocabulary, indicators, guide, sections, questions,
                           probes, links, questionnaire, items, quotas, origin)


def create_study_project(path: Path, definition: StudyDefinition) -> Project:
    """A new project file holding the study definition, as unpacking a study package would leave it."""
    study_fields = {key: value for key, value in dataclasses.asdict(definition.study).items() if key != "title"}
    project = Project.create(path, definition.study.title, **study_fields)
    try:
        with project.transaction():
            project.waves.insert_many(definition.waves)
            project.territories.insert_many(definition.territories)
            project.stakeholder_groups.insert_many(definition.stakeholder_groups)
            project.vocabulary.insert_many(definition.vocabulary)
            project.indicators.insert_many(definition.indicators)
            project.guides.insert(definition.guide)
            project.sections.insert_many(definition.sections)
            project.questions.insert_many(definition.questions)
            project.probes.insert_many(definition.probes)
            for question_id, indicator_id in definition.question_indicators:
                project.link_question_indicator(question_id, indicator_id)
            project.questionnaires.insert(definition.questionnaire)
            project.questionnaire_items.insert_many(definition.items)
            project.quotas.insert_many(definition.quotas)
    except BaseException:
        project.close()
        raise
    return project
