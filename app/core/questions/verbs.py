"""Just enough verb morphology to rewrite a question: French infinitives, English past forms.

« vous sortez » → « sortir », « vous prenez » → « prendre »; "have you seen" → "you saw". Regular
verbs follow the rule; the common irregular ones are listed. An unknown irregular form gives
None, and the caller then offers no rewrite rather than a wrong one.
"""

from __future__ import annotations

_FRENCH_IRREGULAR = {
    "êtes": "être", "avez": "avoir", "faites": "faire", "dites": "dire", "allez": "aller",
    "sortez": "sortir", "partez": "partir", "repartez": "repartir", "ressortez": "ressortir",
    "sentez": "sentir", "ressentez": "ressentir", "dormez": "dormir", "servez": "servir", "mentez": "mentir",
    "venez": "venir", "revenez": "revenir", "devenez": "devenir", "tenez": "tenir", "obtenez": "obtenir",
    "maintenez": "maintenir", "appartenez": "appartenir", "parvenez": "parvenir", "intervenez": "intervenir",
    "souvenez": "souvenir", "prenez": "prendre", "apprenez": "apprendre", "comprenez": "comprendre",
    "reprenez": "reprendre", "voyez": "voir", "revoyez": "revoir", "buvez": "boire", "recevez": "recevoir",
    "devez": "devoir", "pouvez": "pouvoir", "voulez": "vouloir", "savez": "savoir", "mettez": "mettre",
    "remettez": "remettre", "permettez": "permettre", "promettez": "promettre", "suivez": "suivre",
    "poursuivez": "poursuivre", "vivez": "vivre", "lisez": "lire", "écrivez": "écrire", "connaissez": "connaître",
    "reconnaissez": "reconnaître", "attendez": "attendre", "rendez": "rendre", "répondez": "répondre",
    "perdez": "perdre", "entendez": "entendre", "descendez": "descendre", "vendez": "vendre",
    "dépendez": "dépendre", "courez": "courir", "parcourez": "parcourir", "ouvrez": "ouvrir", "offrez": "offrir",
    "souffrez": "souffrir", "couvrez": "couvrir", "découvrez": "découvrir", "croyez": "croire", "riez": "rire",
    "conduisez": "conduire", "produisez": "produire", "construisez": "construire", "plaignez": "plaindre",
    "craignez": "craindre", "joignez": "joindre", "rejoignez": "rejoindre", "battez": "battre",
    "combattez": "combattre", "interrompez": "interrompre", "plaisez": "plaire", "taisez": "taire",
    "asseyez": "asseoir", "mourez": "mourir", "acquérez": "acquérir",
}

_ENGLISH_PARTICIPLE_TO_PAST = {
    "been": "were", "seen": "saw", "taken": "took", "done": "did", "gone": "went", "given": "gave",
    "known": "knew", "spoken": "spoke", "written": "wrote", "eaten": "ate", "fallen": "fell",
    "driven": "drove", "ridden": "rode", "risen": "rose", "chosen": "chose", "forgotten": "forgot",
    "gotten": "got", "begun": "began", "drunk": "drank", "sung": "sang", "swum": "swam", "shown": "showed",
    "grown": "grew", "thrown": "threw", "flown": "flew", "worn": "wore", "broken": "broke", "woken": "woke",
    "become": "became", "come": "came", "run": "ran", "hidden": "hid", "stolen": "stole",
}
_ENGLISH_IRREGULAR_PARTICIPLES = frozenset(_ENGLISH_PARTICIPLE_TO_PAST) | frozenset(
    "had made felt thought found heard kept left lost met paid said sent spent told understood bought "
    "brought caught taught sold held built meant slept stood sat led read put set let cut hit hurt "
    "shut quit".split())


def french_infinitive(form: str) -> str | None:
    """Infinitive of a verb in the « vous » present (« participez » → « participer »)."""
    form = form.lower()
    if form in _FRENCH_IRREGULAR:
        return _FRENCH_IRREGULAR[form]
    if form.endswith("issez") and len(form) > 6:
        return form[:-5] + "ir"
    if form.endswith("ez") and len(form) > 3:
        return form[:-2] + "er"
    return None


def english_past(participle: str) -> str | None:
    """Simple past for a past participle ("thought" → "thought", "seen" → "saw")."""
    participle = participle.lower()
    if participle in _ENGLISH_PARTICIPLE_TO_PAST:
        return _ENGLISH_PARTICIPLE_TO_PAST[participle]
    if participle.endswith("ed") or participle in _ENGLISH_IRREGULAR_PARTICIPLES:
        return participle
    return None
