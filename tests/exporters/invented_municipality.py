"""A second municipality that shares nothing with the example: other names, other years, other counts.
Built through the models, as a municipality starting with the application would enter it."""

import datetime as dt

from models.activities import Goal, NetworkMeeting, NetworkTheme
from models.enterprises import Enterprise, Registration
from models.grants import Grant, GrantFunder
from models.placements import JobPlacement, PlacementType

YEAR = 2031
ENTERPRISES = ("Cykelværkstedet Egern", "Café Lindetræet", "Grønt Fællesskab Tved", "Genbrugsloftet Øst")
# placements in YEAR: (enterprise index, month, type, channel)
PLACEMENTS = [
    *[(0, m, "Ordinært job", "jobcenter") for m in (2, 5, 9)],
    *[(1, m, "Skånejob", "jobcenter") for m in (1, 3, 4, 6, 8, 10, 11)],
    *[(2, m, "Ordinært job", "own") for m in (3, 7)],
    (3, 12, "Skånejob", "own"),
]
JOBCENTER_TOTAL, OWN_TOTAL, JOBS_TARGET = 10, 3, 12
GRANT_DKK = 87_500


def build() -> None:
    """The invented municipality's data for YEAR, in the bound store."""
    enterprises = [
        Enterprise.create(name=name, opened=dt.date(2029, 3 + i, 1), report_order=i)
        for i, name in enumerate(ENTERPRISES)
    ]
    Enterprise.create(name="Lukket Værksted Nord", opened=dt.date(2028, 1, 1), closed=dt.date(2030, 6, 1))
    types = {name: PlacementType.create(name=name, position=i) for i, name in enumerate(("Ordinært job", "Skånejob"))}
    for index, month, type_name, channel in PLACEMENTS:
        JobPlacement.create(
            enterprise=enterprises[index], date=dt.date(YEAR, month, 14), type=types[type_name], channel=channel
        )
    Registration.create(enterprise=enterprises[0], status="registered", date=dt.date(2030, 2, 1))
    Registration.create(enterprise=enterprises[2], status="working", date=dt.date(YEAR, 4, 1))
    grant = Grant.create(enterprise=enterprises[1], year=YEAR, amount_dkk=GRANT_DKK, purpose="et nyt køkken")
    GrantFunder.create(grant=grant, name="Lindetræets Støttefond", position=0)
    NetworkMeeting.create(date=dt.date(YEAR, 3, 2), status="held")
    NetworkMeeting.create(date=dt.date(YEAR, 9, 7), status="held")
    NetworkMeeting.create(date=dt.date(YEAR, 10, 5), status="held")
    NetworkTheme.create(year=YEAR + 1, text="Indkøb hos lokale leverandører", position=0)
    Goal.create(name="Job gennem Jobcenteret", measure="jobs_jobcenter_year", target=JOBS_TARGET, yearly=True)
    Goal.create(
        name="Aktive virksomheder",
        short_name="aktive",
        measure="enterprises_active",
        target=6,
        deadline=dt.date(YEAR + 2, 12, 31),
    )
