"""The measures a user can map or plot, with their labels and units (keys = columns of
``indicators.network.measure_table``)."""
from __future__ import annotations

from dataclasses import dataclass

from indicators.network import measure_frame, measure_table  # noqa: F401  (re-exported for pages)


@dataclass(frozen=True)
class Measure:
    label_key: str
    unit_key: str
    digits: int
    lower_is_better: bool


MEASURES = {
    "per_capita": Measure("ind.per_capita", "unit.tco2e_pc", 3, True),
    "cfo_total": Measure("ind.cfo_total", "unit.tco2e", 0, True),
    "reduction_pct": Measure("ind.reduction_pct", "unit.pct", 1, False),
    "activity_effect_pct": Measure("reduction.actions", "unit.pct", 1, False),
    "ccf_basic": Measure("ind.ccf_basic", "unit.tco2e", 0, True),
    "ccf_per_capita": Measure("ind.ccf_per_capita", "unit.tco2e_pc", 2, True),
    "overall": Measure("ind.overall", "unit.score", 1, False),
    "low_carbon": Measure("ind.low_carbon", "unit.score", 1, False),
    "bike_walk": Measure("ind.bike_walk", "unit.score", 1, False),
    "resilience": Measure("ind.resilience", "unit.score", 1, False),
}

# the glossary entry that explains each measure: the help of its chart title and its map legend
HELP = {"per_capita": "help.per_capita", "cfo_total": "help.cfo", "reduction_pct": "help.reduction",
        "activity_effect_pct": "help.award", "ccf_basic": "help.ccf", "ccf_per_capita": "help.ccf",
        "overall": "help.lcrs", "low_carbon": "help.wma", "bike_walk": "help.wma", "resilience": "help.undrr"}
