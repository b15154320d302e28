"""Buddhist-Era (พ.ศ.) years: the one definition of the conversion used by the pages, reports, CLI and import."""
from __future__ import annotations

BE_OFFSET = 543          # พ.ศ. = ค.ศ. + 543
BE_FROM = 2400           # a year given as 2400 or more is read as Buddhist Era (no CE year of ours is that late)


def be(year_ce: int) -> int:
    """Buddhist-Era year of a CE year (พ.ศ. = ค.ศ. + 543)."""
    return int(year_ce) + BE_OFFSET


def to_ce(year: int) -> int:
    """A year in CE; a year >= 2400 is read as Buddhist Era (CE + 543)."""
    return year - BE_OFFSET if year >= BE_FROM else year
