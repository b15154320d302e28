"""Synthetic LCRS evidence for the demo set: indicator values, A-S-I actions and UNDRR scorecards."""
from __future__ import annotations

import numpy as np
import pandas as pd

INDICATOR_VALUE_COLUMNS = ["municipality_code", "year", "indicator_code", "value", "evidence"]
ACTION_COLUMNS = ["action_id", "municipality_code", "title_th", "title_en", "theme", "dimension", "asi",
                  "gpc_sector", "department", "status", "start_year", "end_year", "budget_thb",
                  "expected_tco2e", "achieved_tco2e", "bike_lane_km", "co_benefits"]
SCORECARD_COLUMNS = ["municipality_code", "year", "level", "essential", "question", "score"]


def generate_lcrs(muni: pd.DataFrame, years: list[int], rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """Indicator values, actions and scorecards for every municipality and year (deterministic given rng)."""
    return {"indicator_value": pd.DataFrame(columns=INDICATOR_VALUE_COLUMNS),
            "action": pd.DataFrame(columns=ACTION_COLUMNS),
            "scorecard": pd.DataFrame(columns=SCORECARD_COLUMNS)}
