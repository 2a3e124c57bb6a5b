"""Every rule of the question checker, in French and in English, flags what it should and only that.

A question "is flagged" for a rule when a finding of that rule has severity caution or alert;
info findings are hints. Negative cases include the traps of real guide text: polite requests,
« Comment… ? », « Qu’est-ce qui… ? », « ou pas » tails, acknowledgements (« D’accord. Et… »),
echo probes and normalised sensitive questions.
"""

from __future__ import annotations

import pytest

from app.core.questions import RULES, check_question

NBSP = "\u00a0"

POSITIVE = {
    "leading": [
        ("fr", "Vous êtes content du nouveau planning, n’est-ce pas ?"),
        ("fr", "Ne trouvez-vous pas que l’équipe s’est soudée ?"),
        ("fr", "Je suppose que la formation vous a servi ?"),
        ("en", "The training was useful, wasn't it?"),
        ("en", "Don't you think the co-op treats people fairly?"),
        ("en", "Surely you felt supported by the other members?"),
    ],
    "loaded": [
        ("fr", "Que pensez-vous de cette formidable équipe ?"),
        ("fr", "Comment gérez-vous le fardeau des démarches ?"),
        ("en", "What do you think of our wonderful volunteers?"),
        ("en", "How do you cope with your helpless mother?"),
    ],
    "double_barreled": [
        ("fr", "La réunion était-elle claire et utile ?"),
        ("fr", "Que pensez-vous des horaires et de la rémunération ?"),
        ("fr", "Comment avez-vous connu la coopérative et pourquoi êtes-vous resté ?"),
        ("en", "Was the session clear and useful?"),
        ("en", "What do you think of the pay and the hours?"),
        ("en", "How did you hear about us and why did you join?"),
        ("fr", "Les outils et les locaux sont-ils adaptés ?"),
        ("en", "Are the tools and the premises suitable?"),
    ],
    "closed": [
        ("fr", "Est-ce que vous avez aimé l’atelier ?"),
        ("fr", "Avez-vous des collègues proches ?"),
        ("fr", "Le planning vous convient-il" + NBSP + "?"),
        ("fr", "Vous travaillez le samedi ?"),
        ("fr", "vous venez aux réunions du jeudi"),
        ("en", "Do you like your job?"),
        ("en", "Did the adviser help you?"),
        ("en", "Is the rota fair?"),
        ("en", "You work on Saturdays?"),
    ],
    "presupposition": [
        ("fr", "Combien la formation vous a-t-elle aidé ?"),
        ("fr", "Pourquoi avez-vous abandonné le projet ?"),
        ("fr", "Qu’avez-vous le plus apprécié dans l’atelier ?"),
        ("fr", "Quels traitements prenez-vous ?"),
        ("en", "How much did the course help you?"),
        ("en", "Why did you quit the board?"),
        ("en", "What did you like most about the workshop?"),
        ("en", "Which medicines do you take?"),
    ],
    "double_negative": [
        ("fr", "Vous n’êtes pas mécontent du service ?"),
        ("fr", "N’est-il pas vrai que vous ne sortez jamais ?"),
        ("fr", "Ce n’est pas impossible sans aide ?"),
        ("en", "Is it not unusual to feel unsupported?"),
        ("en", "Don't you think members are not heard?"),
        ("en", "Do you agree that carers should not be left without help?"),
    ],
    "jargon": [
        ("fr", "Que pensez-vous du plan d’aide APA ?"),
        ("fr", "Quel est l’impact social de la SCIC ?"),
        ("fr", "Comment le CCAS vous a-t-il orienté ?"),
        ("en", "How do you rate the SROI of the project?"),
        ("en", "Does your care package include respite provision?"),
        ("en", "What did the DWP say?"),
    ],
    "overlong": [
        ("fr", "En pensant à tout ce qui s’est passé depuis votre arrivée, avec les réunions, les ateliers, les visites "
               "et les échanges avec les autres associés, qu’est-ce qui vous semble avoir le plus changé pour vous ?"),
        ("fr", "Est-ce que ce sont les horaires qui vous gênent ou est-ce que c’est plutôt le transport ?"),
        ("en", "Thinking about everything since you joined, with the meetings, the workshops, the visits and the talks "
               "with other members, what seems to have changed the most for you and your family?"),
        ("en", "Is it the hours or the pay or something else that bothers you?"),
    ],
    "vague_quantifier": [
        ("fr", "Vous sortez souvent ?"),
        ("fr", "Récemment, avez-vous eu des soucis avec le planning ?"),
        ("fr", "Est-ce que vous voyez régulièrement vos collègues ?"),
        ("en", "Do you often feel tired after work?"),
        ("en", "Have you had problems recently?"),
    ],
    "social_desirability": [
        ("fr", "Vous prenez bien vos médicaments ?"),
        ("fr", "Vous remplissez correctement vos déclarations ?"),
        ("fr", "Vous buvez de l’alcool ?"),
        ("en", "You take your medication properly, right?"),
        ("en", "Do you always follow the safety rules?"),
        ("en", "Do you drink alcohol?"),
    ],
    "acquiescence": [
        ("fr", "Êtes-vous d’accord pour dire que l’équipe vous soutient ?"),
        ("fr", "C’est mieux maintenant, oui ?"),
        ("fr", "Vous êtes d’accord avec l’idée que le travail a changé ?"),
        ("en", "Do you agree that the co-op helps you?"),
        ("en", "Things are better now, yes?"),
        ("en", "To what extent do you agree that meetings are useful?"),
    ],
}

NEGATIVE = {
    "leading": [
        ("fr", "Comment décririez-vous le nouveau planning ?"),
        ("fr", "Pouvez-vous me raconter comment l’équipe s’est formée ?"),
        ("fr", "Qu’est-ce qui a changé, ou non, depuis votre arrivée ?"),
        ("en", "How did you feel about the training?"),
        ("en", "Could you tell me what happened next?"),
        ("en", "Did it change anything for you, or no?"),
    ],
    "loaded": [
        ("fr", "D’accord. Et comment cela se passe-t-il avec vos voisins ?"),
        ("fr", "Formidable. Et ensuite, que s’est-il passé ?"),
        ("fr", "Que pensez-vous de l’équipe de bénévoles ?"),
        ("en", "Great. How did the meeting go?"),
        ("en", "Great, and what happened next?"),
        ("en", "To a great extent, what shaped your choice?"),
    ],
    "double_barreled": [
        ("fr", "Qu’est-ce qui rend votre travail plus facile ou plus difficile ?"),
        ("fr", "Est-ce que cela vous convient, ou pas ?"),
        ("fr", "Que pensez-vous de la relation entre les salariés et les associés ?"),
        ("fr", "À quelle fréquence sortez-vous, et pour quoi faire ?"),
        ("fr", "D’accord. Et comment vous êtes-vous organisée ?"),
        ("fr", "Le salarié et l’associé ont-ils les mêmes droits ?"),
        ("en", "Are the staff and the members friends?"),
        ("en", "What makes your work easier or harder?"),
        ("en", "Did it help, or not?"),
        ("en", "How would you describe the relationship between staff and members?"),
        ("en", "OK. And how did you organise it?"),
    ],
    "closed": [
        ("fr", "Pouvez-vous me raconter votre première semaine ?"),
        ("fr", "Pourriez-vous décrire une journée type ?"),
        ("fr", "Vous pouvez me dire comment ça se passe le matin ?"),
        ("fr", "Est-ce que vous pourriez m’en dire plus ?"),
        ("fr", "Comment s’est passée la réunion ?"),
        ("fr", "Qu’est-ce qui vous a amené ici ?"),
        ("fr", "Racontez-moi votre arrivée."),
        ("fr", "Et le transport ?"),
        ("fr", "Vous faites quoi le week-end ?"),
        ("fr", "Y a-t-il autre chose que vous voudriez ajouter ?"),
        ("fr", "Diriez-vous que cela vous facilite les choses, ne change rien, ou vous les complique ?"),
        ("fr", "Quand vous êtes arrivée, qu’est-ce qui vous a surprise ?"),
        ("en", "Could you tell me about your first week?"),
        ("en", "Can you walk me through a typical day?"),
        ("en", "Would you tell me more about that?"),
        ("en", "How did the meeting go?"),
        ("en", "Tell me about your arrival."),
        ("en", "And your family?"),
        ("en", "Is there anything else you'd like to add?"),
        ("en", "Would you say it made things easier, made no difference, or made things harder?"),
        ("en", "When you think about it now, what stands out?"),
    ],
    "presupposition": [
        ("fr", "En quoi la formation vous a-t-elle été utile, ou pas ?"),
        ("fr", "Combien de réunions avez-vous eues ce mois-ci ?"),
        ("fr", "Pourquoi avez-vous choisi ce métier ?"),
        ("fr", "Qu’avez-vous pensé de l’atelier ?"),
        ("en", "What difference, if any, did the course make?"),
        ("en", "How many meetings did you attend this month?"),
        ("en", "Why did you choose this job?"),
        ("en", "What helps you when work gets busy?"),
    ],
    "double_negative": [
        ("fr", "Diriez-vous que cela vous aide, ne change rien, ou vous complique la vie ?"),
        ("fr", "Est-ce que ça vous convient ou pas ?"),
        ("fr", "Vous ne sortez jamais ?"),
        ("fr", "Ce n’est pas mal comme organisation ?"),
        ("en", "Would you say it helps, makes no difference, or makes things harder?"),
        ("en", "Did it help you or not?"),
        ("en", "Have you never been to a meeting?"),
    ],
    "jargon": [
        ("fr", "Comment avez-vous connu la coopérative ?"),
        ("fr", "Que vous a dit la CAF ?"),
        ("fr", "QUE PENSEZ-VOUS DE L’ÉQUIPE ?"),
        ("en", "What did your GP say about it?"),
        ("en", "WHAT DO YOU THINK OF THE TEAM?"),
        ("en", "Tell me about chapter II of the plan."),
    ],
    "overlong": [
        ("fr", "Depuis votre arrivée, qu’est-ce qui a changé pour vous ?"),
        ("fr", "Qu’est-ce qui rend vos sorties plus faciles ou plus difficiles ?"),
        ("fr", "Certaines personnes trouvent difficile de prendre leurs médicaments tous les jours ; comment ça se passe ?"),
        ("en", "Since you joined, what has changed for you?"),
        ("en", "What makes it easier or harder to go out?"),
    ],
    "vague_quantifier": [
        ("fr", "Racontez-moi la dernière fois que vous êtes sorti."),
        ("fr", "Beaucoup de gens trouvent cela difficile ; comment faites-vous ?"),
        ("fr", "Depuis l’été, comment se passent vos journées ?"),
        ("en", "Tell me about the last time you felt tired."),
        ("en", "A lot of people find this hard; how is it for you?"),
        ("en", "Since the summer, how have your days been?"),
    ],
    "social_desirability": [
        ("fr", "Certaines personnes trouvent difficile de prendre leurs médicaments ; comment ça se passe pour vous ?"),
        ("fr", "Comment s’organise la prise de vos médicaments ?"),
        ("fr", "Vous êtes bien arrivée ?"),
        ("en", "Some people find it hard to take their medication every day. How does it go for you?"),
        ("en", "How do you manage your medication?"),
        ("en", "Do you think members are consulted enough?"),
    ],
    "acquiescence": [
        ("fr", "D’accord. Comment cela s’est-il passé ensuite ?"),
        ("fr", "Qu’est-ce qui a changé avec le nouveau planning ?"),
        ("fr", "Sur quoi vous êtes-vous mis d’accord en réunion ?"),
        ("en", "OK. What happened then?"),
        ("en", "What did you agree on at the meeting?"),
        ("en", "What has changed with the new rota?"),
    ],
}


def flagged(text: str, lang: str) -> set[str]:
    return {f.rule for f in check_question(text, lang) if f.severity != "info"}


def cases(table):
    return [pytest.param(rule, lang, text, id=f"{rule}-{lang}-{text[:40]}") for rule, rows in table.items()
            for lang, text in rows]


@pytest.mark.parametrize("rule, lang, text", cases(POSITIVE))
def test_rule_flags_biased_question(rule, lang, text):
    assert rule in flagged(text, lang)


@pytest.mark.parametrize("rule, lang, text", cases(NEGATIVE))
def test_rule_leaves_good_question_alone(rule, lang, text):
    assert rule not in flagged(text, lang)


@pytest.mark.parametrize("table", [POSITIVE, NEGATIVE], ids=["positive", "negative"])
def test_every_rule_has_two_cases_per_language(table):
    for rule in RULES:
        for lang in ("fr", "en"):
            assert sum(1 for code, _text in table[rule] if code == lang) >= 2, (rule, lang)


@pytest.mark.parametrize("lang, text", [
    ("fr", "Comment se passent vos journées, en général ?"),
    ("fr", "Est-ce que vous avez aimé l’atelier ? Pourquoi ?"),
    ("en", "How useful was the workshop for you?"),
    ("en", "Do you take any medicines? If so, which ones?"),
])
def test_hints_are_only_info(lang, text):
    findings = check_question(text, lang)
    assert findings and all(f.severity == "info" for f in findings)


def test_polite_requests_and_open_questions_are_clean():
    clean = [
        ("fr", "Pouvez-vous me raconter comment s’est passée votre arrivée ?"),
        ("fr", "Pourriez-vous décrire une journée ordinaire ?"),
        ("fr", "Qu’est-ce qui a changé, ou pas, dans votre quotidien ?"),
        ("fr", "Certaines personnes ont du mal à boucler leurs fins de mois ; comment cela se passe-t-il pour vous ?"),
        ("en", "Could you tell me about a typical working day?"),
        ("en", "Can you walk me through how a decision gets made?"),
        ("en", "What, if anything, has changed since you joined?"),
        ("en", "Many carers juggle work and care. How do you manage it?"),
    ]
    for lang, text in clean:
        assert check_question(text, lang) == [], text
