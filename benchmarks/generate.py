"""A deterministic synthetic dataset, loaded through the application's own store (its Peewee models):

| size     | enterprises | grants | placements | evaluations | years |
|----------|-------------|--------|------------|-------------|-------|
| example  | 20          | 4      | 64         | 2           | 2018  |
| region   | 500         | 5,000  | 50,000     | 500         | 5     |
| national | 5,000       | 50,000 | 500,000    | 5,000       | 10    |

Every size starts from the example data (so the 2018 report texts exist) and adds synthetic records with
Danish names and texts of realistic length; report texts for the later years are copied forward with
"Opret næste år". The same size always gives the same data (a fixed random seed).

    python -m benchmarks.generate SIZE PATH
"""

import datetime as dt
import random
import sys
from pathlib import Path

from models.agreements import Agreement, Evaluation, EvaluationOutcome, OutcomeCategory, Paradigm
from models.base import database_proxy
from models.enterprises import Enterprise, EnterpriseTargetGroup, EnterpriseText, Registration, TargetGroup
from models.example_data import load_example
from models.grants import Grant, GrantFunder
from models.placements import JobPlacement, PlacementType
from models.report_years import create_next_year
from models.store import close_database, open_database

SIZES = {
    "example": {"enterprises": 0, "grants": 0, "placements": 0, "evaluations": 0, "years": 1},
    "region": {"enterprises": 500, "grants": 5_000, "placements": 50_000, "evaluations": 500, "years": 5},
    "national": {"enterprises": 5_000, "grants": 50_000, "placements": 500_000, "evaluations": 5_000, "years": 10},
}
FIRST_YEAR = 2018
TOWNS = [
    "Slagelse",
    "Korsør",
    "Skælskør",
    "Næstved",
    "Ringsted",
    "Sorø",
    "Holbæk",
    "Kalundborg",
    "Roskilde",
    "Køge",
    "Odense",
    "Svendborg",
    "Aarhus",
    "Randers",
    "Viborg",
    "Aalborg",
    "Esbjerg",
    "Kolding",
    "Vejle",
    "Horsens",
    "Herning",
    "Silkeborg",
    "Hjørring",
    "Thisted",
    "Rønne",
    "Nykøbing F",
    "Helsingør",
    "Hillerød",
]
WORDS = [
    "Værksted",
    "Café",
    "Genbrug",
    "Have",
    "Køkken",
    "Cykel",
    "Bod",
    "Hus",
    "Lab",
    "Makerspace",
    "Butik",
    "Bageri",
    "Gård",
    "Museum",
    "Værested",
    "Systue",
    "Trykkeri",
    "Rengøring",
    "Flyttehjælp",
    "Catering",
]
ADJECTIVES = ["Grøn", "Fælles", "Lokal", "Ny", "Gammel", "Åben", "Lille", "Store", "Blå", "Social"]
LEGAL = [
    "forening med erhvervsdrift",
    "erhvervsdrivende fond",
    "almennyttig erhvervsdrivende fond",
    "IVS",
    "ApS",
    "selvejende institution",
    "forening",
]
SENTENCES = [
    "Virksomheden skaber arbejdspladser for mennesker på kanten af arbejdsmarkedet.",
    "Her arbejdes med både en økonomisk og en social bundlinje.",
    "Medarbejderne er fleksjobbere, deltidsansatte og frivillige, som løser opgaver for lokale kunder.",
    "Overskuddet går til at udvikle tilbuddet og skabe flere timer til de ansatte.",
    "I samarbejde med Jobcenteret tilbydes forløb, hvor deltagerne prøver kræfter med praktiske opgaver.",
    "Produkterne sælges i egen butik, på markeder og til virksomheder i området.",
    "Der er fokus på mødestabilitet, ansvar og fællesskab i hverdagen.",
    "Virksomheden samarbejder med en større virksomhed med CSR-profil om faste opgaver.",
    "Lokale råvarer og genbrugsmaterialer er omdrejningspunktet for produktionen.",
    "Flere tidligere deltagere er i dag ansat i ordinære job eller i fleksjob.",
]
PLANS = [
    "I det kommende år arbejdes der videre med registrering som socialøkonomisk virksomhed.",
    "Der er fokus på at udvide markedet og skabe flere fleksjob.",
    "Samarbejdet med Jobcenteret om forløb udbygges.",
    "Der søges fondsmidler til nye lokaler og maskiner.",
]
FUNDERS = [
    "A.P. Møllers støttefond",
    "Velux Fonden",
    "Nordea-fonden",
    "Trygfonden",
    "Lokale og Anlægsfonden",
    "Rotary",
    "Lions Club",
    "Kommunens puljemidler",
    "Socialstyrelsen",
    "STAR (Satspuljen)",
]


def _paragraphs(rng: random.Random, count: int) -> str:
    return "\n\n".join(" ".join(rng.sample(SENTENCES, k=rng.randint(3, 6))) for _ in range(count))


def _chunks(rows: list, size: int = 5_000):
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _insert(model, rows: list[dict]) -> None:
    with database_proxy.atomic():
        for chunk in _chunks(rows, 999 // max(len(rows[0]), 1) if rows else 1):
            model.insert_many(chunk).execute()


def generate(size: str, path: Path) -> Path:
    """Create the dataset of ``size`` at ``path`` (which must not exist)."""
    spec = SIZES[size]
    rng = random.Random(f"socialokonomi-{size}")
    open_database(path)
    try:
        load_example()
        years = [FIRST_YEAR + i for i in range(spec["years"])]
        for year in years[1:]:
            create_next_year(year - 1)
        if spec["enterprises"]:
            _synthetic(rng, spec, years)
    finally:
        close_database()
    return path


def _synthetic(rng: random.Random, spec: dict, years: list[int]) -> None:
    first_id = (Enterprise.select(Enterprise.id).order_by(Enterprise.id.desc()).scalar() or 0) + 1
    enterprises = []
    for n in range(spec["enterprises"]):
        town = rng.choice(TOWNS)
        opened = dt.date(years[0] - rng.randint(0, 15), rng.randint(1, 12), 1)
        closed = dt.date(rng.choice(years), 12, 31) if rng.random() < 0.08 else None
        enterprises.append(
            {
                "name": f"{rng.choice(ADJECTIVES)} {rng.choice(WORDS)} {town} {n + 1}",
                "kind": "enterprise" if rng.random() < 0.6 else "initiative",
                "legal_form": rng.choice(LEGAL),
                "cvr": None,
                "address": f"{rng.choice(['Torvet', 'Havnegade', 'Skolevej', 'Industrivej'])} {rng.randint(1, 120)}",
                "place": town,
                "opened": opened,
                "closed": closed,
                "employees": rng.randint(2, 90),
                "employees_qualifier": "",
                "employees_as_of": None,
                "contact": "",
                "website": "",
                "report_order": 100 + n,
            }
        )
    _insert(Enterprise, enterprises)
    ids = list(range(first_id, first_id + spec["enterprises"]))
    groups = [g.id for g in TargetGroup.select()]
    _insert(
        EnterpriseTargetGroup,
        [{"enterprise": e, "target_group": g} for e in ids for g in rng.sample(groups, k=rng.randint(1, 3))],
    )
    _insert(
        Registration,
        [
            {
                "enterprise": e,
                "status": rng.choice(["registered", "working", "not_registered"]),
                "date": dt.date(years[0] - 1, rng.randint(1, 12), 1),
                "note": "",
            }
            for e in ids
            if rng.random() < 0.5
        ],
    )
    _insert(
        EnterpriseText,
        [
            {
                "enterprise": e,
                "year": year,
                "presentation": _paragraphs(rng, rng.randint(2, 4)),
                "plans": " ".join(rng.sample(PLANS, k=2)),
                "target_group_line": "Fleksjobbere og deltidsansatte.",
                "revised": True,
            }
            for e in ids
            for year in years[-2:]
        ],
    )
    grants = [
        {
            "enterprise": rng.choice(ids),
            "year": rng.choice(years),
            "amount_dkk": rng.randint(10, 900) * 1_000,
            "approximate": rng.random() < 0.1,
            "covers_until_year": None,
            "purpose": rng.choice(SENTENCES),
            "note": "",
            "position": n,
        }
        for n in range(spec["grants"])
    ]
    _insert(Grant, grants)
    first_grant = Grant.select(Grant.id).order_by(Grant.id.desc()).scalar() - spec["grants"] + 1
    _insert(
        GrantFunder,
        [
            {"grant": first_grant + n, "name": rng.choice(FUNDERS), "purpose": "", "amount_dkk": None, "position": 0}
            for n in range(spec["grants"])
        ],
    )
    types = [t.id for t in PlacementType.select().order_by(PlacementType.position)]
    weights = [6, 2, 1, 1, 0][: len(types)]
    placements = []
    for _n in range(spec["placements"]):
        year = rng.choice(years)
        placements.append(
            {
                "enterprise": rng.choice(ids),
                "date": dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, 364)),
                "type": rng.choices(types, weights=weights or None)[0],
                "channel": "jobcenter" if rng.random() < 0.55 else "own",
                "hours_per_week": None,
                "note": "",
            }
        )
    _insert(JobPlacement, placements)
    paradigm = Paradigm.select().order_by(Paradigm.version.desc()).get()
    categories = [c.id for c in OutcomeCategory.select().where(OutcomeCategory.paradigm == paradigm)]
    agreements = spec["evaluations"] // len(years)
    first_number = (Agreement.select(Agreement.number).order_by(Agreement.number.desc()).scalar() or 0) + 1
    _insert(
        Agreement,
        [
            {
                "enterprise": rng.choice(ids),
                "number": first_number + n,
                "places": rng.randint(4, 20),
                "extra_places": 0,
                "framework_weeks": rng.choice([13, 26, 52]),
                "extendable": True,
                "plan_due_weeks": rng.choice([1, 2, 4]),
                "price_dkk": rng.randint(100, 900) * 1_000,
                "start": None,
                "end": None,
                "target_group": "",
                "note": "",
            }
            for n in range(agreements)
        ],
    )
    agreement_ids = [a for (a,) in Agreement.select(Agreement.id).where(Agreement.number >= first_number).tuples()]
    _insert(
        Evaluation,
        [
            {
                "agreement": a,
                "paradigm": paradigm.id,
                "date": dt.date(year, 6, 30),
                "places_in_use": rng.randint(2, 8),
                "plans_made": None,
                "plans_missing": None,
                "plans_in_progress": None,
                "completed": rng.randint(10, 40),
                "continuing": rng.randint(0, 9),
                "note": "",
            }
            for a in agreement_ids
            for year in years
        ],
    )
    evaluations = [
        e for (e,) in Evaluation.select(Evaluation.id).where(Evaluation.agreement.in_(agreement_ids)).tuples()
    ]
    _insert(
        EvaluationOutcome,
        [
            {"evaluation": e, "category": c, "count": rng.randint(1, 6)}
            for e in evaluations
            for c in rng.sample(categories, k=5)
        ],
    )


if __name__ == "__main__":
    generate(sys.argv[1], Path(sys.argv[2]))
