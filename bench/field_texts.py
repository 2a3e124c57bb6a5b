"""Fixed texts for the benchmark's field records: names, places, profiles, field-note phrases.

All invented for Terrain's benchmarks. The names only ever go into the identity table and the
interviewer table; participants are known everywhere else by their pseudonymous code.
"""

from __future__ import annotations

from app.core.interviews import INTERVIEW_MODES

FIRST_NAMES_FEMALE = [
    "Amélie", "Bérénice", "Camille", "Chloé", "Élodie", "Fatou", "Hélène", "Inès", "Josiane", "Karima",
    "Léa", "Maëlle", "Nadia", "Océane", "Pauline", "Rachida", "Sandrine", "Sylvie", "Thérèse", "Yasmine",
]
FIRST_NAMES_MALE = [
    "Antoine", "Bastien", "Cédric", "Damien", "Édouard", "Farid", "Gaëtan", "Hugo", "Jérôme", "Karim",
    "Loïc", "Mathieu", "Nicolas", "Olivier", "Patrice", "Rémi", "Stéphane", "Thierry", "Yannick", "Xavier",
]
LAST_NAMES = [
    "Arnaud", "Benali", "Caron", "Delmas", "Étienne", "Fabre", "Garnier", "Hoarau", "Jacquet", "Kerbrat",
    "Lefèvre", "Marchand", "N'Diaye", "Ollivier", "Perrin", "Quéré", "Roussel", "Sanchez", "Tessier", "Vidal",
]
STREETS = [
    "rue des Tanneurs", "avenue de la Libération", "chemin des Vignes", "place du Marché",
    "rue Émile-Zola", "impasse des Tilleuls", "boulevard de la République", "rue de la Forge",
]

PROFILES = ["entrepreneur_salarie", "associe", "porteur_projet", "permanent"]
PROFILE_WEIGHTS = [50, 25, 18, 7]
GENDERS = ["femme", "homme", "non_binaire", "non_dit"]
GENDER_WEIGHTS = [52, 44, 2, 2]
AGE_BANDS = ["18-29", "30-44", "45-59", "60+"]
AGE_BAND_WEIGHTS = [15, 42, 33, 10]
SENIORITIES = ["moins d'un an", "1 à 3 ans", "plus de 3 ans"]
SECTORS = [
    "bâtiment", "services à la personne", "artisanat", "conseil", "culture", "restauration",
    "numérique", "agriculture", "commerce", "formation",
]

# (place, mode): where an interview happened and how.
PLACES = [
    ("Local de la coopérative", "in_person"),
    ("Domicile de la personne", "in_person"),
    ("Café près de la gare", "in_person"),
    ("Atelier partagé", "in_person"),
    ("Salle de la mairie", "in_person"),
    ("Téléphone", "phone"),
    ("Visioconférence", "video"),
]
assert all(mode in INTERVIEW_MODES for _place, mode in PLACES)

REPRESENTATIVES = ["curatrice", "tuteur", "fille", "fils", "conjoint"]

SETTINGS = [
    "Dans le local de la coopérative, porte fermée, sans interruption.",
    "À son domicile, dans la cuisine ; la radio est restée allumée au début.",
    "Dans un café calme en fin de matinée, un peu de bruit vers midi.",
    "En visio, connexion instable par moments : quelques passages à vérifier à l'écoute.",
    "Dans l'atelier, entre deux commandes ; la personne s'est levée deux fois.",
    "Salle prêtée par la mairie, un peu froide mais tranquille.",
]
OTHERS_PRESENT = [
    "Personne.",
    "Personne.",
    "Sa fille est passée en début d'entretien, sans intervenir.",
    "Un collègue travaillait dans la pièce voisine.",
    "Le chien de la maison, rien d'autre.",
]
RAPPORTS = [
    "Bonne relation, ton détendu dès le début.",
    "Un peu de méfiance au départ, puis la parole s'est libérée.",
    "Nous nous connaissions déjà par la coopérative : proximité à garder en tête à l'analyse.",
    "Échange cordial mais assez formel ; réponses courtes sur la rémunération.",
    "Très à l'aise, beaucoup d'humour.",
]
STEERING = [
    "J'ai peut-être trop reformulé sur la rémunération.",
    "J'ai posé une question fermée sur la sécurité ; à relire avant le codage.",
    "Pas de relance suggestive repérée à la réécoute des notes.",
    "La personne semblait chercher la « bonne » réponse sur la gouvernance.",
    "J'ai laissé passer une généralisation sans demander d'exemple.",
]
PARTICIPANT_STATES = [
    "Fatiguée après une journée de chantier.",
    "À l'aise, bavard, beaucoup d'exemples.",
    "Émue en parlant de la période de chômage ; pause proposée et acceptée.",
    "Pressé, fin d'entretien un peu écourtée.",
    "Concentrée, réponses réfléchies.",
]
DEVIATIONS = [
    "Ordre des sections respecté.",
    "Section sur les revenus abordée avant le quotidien, à la demande de la personne.",
    "Questions sensibles reportées à la fin.",
    "Une question sautée faute de temps (perspectives).",
    "",
]
