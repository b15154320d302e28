"""The one test for a missing value, used wherever a figure may be absent (never shown or counted as 0)."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd


def is_missing(x) -> bool:
    """True for None, pandas NA and NaT, and a float NaN (Python or numpy)."""
    if x is None or x is pd.NA or x is pd.NaT:
        return True
    return isinstance(x, (float, np.floating)) and math.isnan(x)
