"""Keeping one row of the enterprise list current after an edit of the enterprise's own fields, without
reading the whole register again."""

import dataclasses
import datetime as dt

from models.queries import EnterpriseRow


def row_after_edit(row: EnterpriseRow, record, on: dt.date) -> EnterpriseRow:
    """``row`` with the enterprise's own fields taken from ``record`` (a row of models.enterprise_details), read
    on ``on``; its target groups and registration are what they were."""
    active = (record.opened is None or record.opened <= on) and (record.closed is None or record.closed > on)
    return dataclasses.replace(
        row,
        report_order=record.report_order,
        name=record.name,
        kind=record.kind,
        place=record.place,
        cvr=record.cvr or "",
        active=active,
        search_text=" ".join(
            (record.name, record.cvr or "", record.place, record.address, row.target_groups)
        ).casefold(),
    )
