"""Landfill methane (GPC III.1): IPCC 2006 first-order decay and the GPC methane-commitment alternative.

Equations (IPCC 2006 Guidelines, Vol.5 Ch.3, no six-month delay, one decay phase per waste type):
    Eq. 3.2  DDOCm_d(T)       = W(T) x DOC x DOCf x MCF                 (decomposable C deposited, t C)
    Eq. 3.4  DDOCma(T)        = DDOCm_d(T) + DDOCma(T-1) x e^-k           (accumulated at end of year T)
    Eq. 3.5  DDOCm_decomp(T)  = DDOCma(T-1) x (1 - e^-k)                  (decomposed in year T)
    Eq. 3.6  CH4_generated(T) = DDOCm_decomp(T) x F x 16/12
    Eq. 3.1  CH4_emitted(T)   = (sum over types of CH4_generated(T) - R(T)) x (1 - OX)
Waste deposited in year T starts decaying in year T+1. Defaults are IPCC tropical-wet values (Thailand: mean
annual temperature > 20 degC, precipitation >= 1000 mm) and the IPCC default MSW composition for South-Eastern
Asia; all are parameters. Sources: ``shared/reference/domain-facts.md`` section 3.

Methane commitment (GPC v1.1 ch. 8, used by CityCatalyst): all future CH4 of a year's waste is attributed to
the year of disposal, CH4 = W x MCF x DOC x DOCf x F x 16/12 x (1 - R) x (1 - OX).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Sequence

import numpy as np
import pandas as pd

C_TO_CH4 = 16.0 / 12.0

# Degradable organic carbon, fraction of wet weight (IPCC 2006 Vol.5 Table 2.4 defaults).
DOC_DEFAULT = {"food": 0.15, "garden": 0.20, "paper": 0.40, "wood": 0.43, "textiles": 0.24}
# Decay rate k (1/yr), tropical climate (MAT > 20 degC), IPCC 2006 Vol.5 Table 3.3.
K_TROPICAL_WET = {"food": 0.40, "garden": 0.17, "paper": 0.07, "wood": 0.035, "textiles": 0.07}
K_TROPICAL_DRY = {"food": 0.085, "garden": 0.065, "paper": 0.045, "wood": 0.025, "textiles": 0.045}
# IPCC 2006 default MSW composition, South-Eastern Asia (Vol.5 Table 2.3, as seeded for TH by CityCatalyst).
# Rubber/leather, plastics, metal, glass and other are treated as non-degradable (no DOC, no k): the IPCC
# Waste Model has no decay category for them.
MSW_COMPOSITION_SE_ASIA = {"food": 0.43, "paper": 0.13, "wood": 0.10, "textiles": 0.03, "rubber_leather": 0.01,
                           "plastics": 0.07, "metal": 0.03, "glass": 0.04, "other": 0.16, "garden": 0.0}
# Methane correction factor by site type (IPCC 2006 Vol.5 Table 3.1).
MCF_BY_SITE = {"managed_anaerobic": 1.0, "managed_semi_aerobic": 0.5, "unmanaged_deep": 0.8,
               "unmanaged_shallow": 0.4, "uncategorised": 0.6}
DOCF_DEFAULT = 0.5   # IPCC 2006 Vol.5 section 3.2.3 (CityCatalyst's commitment formula uses 0.6; we keep 0.5)
F_DEFAULT = 0.5      # fraction of CH4 in landfill gas
OX_DEFAULT = 0.0     # oxidation; 0.1 only for well-managed sites with an oxidising cover
# Years of disposal assumed before the first record (IPCC 2006 Vol.5 section 3.2.2: the FOD method needs
# disposal data for at least 3-5 half-lives, and advises 50 years of history; earlier years are estimated).
# Each is estimated at the first recorded amount and flagged as "estimated history".
BACKFILL_YEARS = 50


@dataclass(frozen=True)
class LandfillParams:
    """Parameters of the landfill model; defaults: tropical wet, SE-Asia MSW, managed anaerobic site."""
    composition: dict[str, float] = field(default_factory=lambda: dict(MSW_COMPOSITION_SE_ASIA))
    doc: dict[str, float] = field(default_factory=lambda: dict(DOC_DEFAULT))
    k: dict[str, float] = field(default_factory=lambda: dict(K_TROPICAL_WET))
    docf: float = DOCF_DEFAULT
    mcf: float = MCF_BY_SITE["managed_anaerobic"]
    f: float = F_DEFAULT
    ox: float = OX_DEFAULT

    def degradable(self) -> list[tuple[str, float, float, float]]:
        """(type, share of wet mass, DOC, k) for each waste type that decays."""
        return [(t, s, self.doc[t], self.k[t]) for t, s in self.composition.items()
                if s > 0 and self.doc.get(t, 0) > 0 and t in self.k]

    def with_(self, **changes) -> "LandfillParams":
        """A copy with some parameters changed."""
        return replace(self, **changes)


def single_type(waste_type: str, doc: float, k: float, **kw) -> LandfillParams:
    """Parameters for a stream of one waste type (e.g. food waste only)."""
    return LandfillParams(composition={waste_type: 1.0}, doc={waste_type: doc}, k={waste_type: k}, **kw)


def fod_generated(deposits_t: np.ndarray, params: LandfillParams) -> np.ndarray:
    """CH4 generated (t) per year from a matrix of deposits (t of waste; rows = sites/series, columns = consecutive
    years), IPCC 2006 Vol.5 Eqs. 3.2, 3.4, 3.5, 3.6 summed over waste types. Column T holds the CH4 from waste
    deposited in years before T. NaN deposits count as none."""
    w = np.nan_to_num(np.atleast_2d(np.asarray(deposits_t, dtype=float)))
    gen = np.zeros_like(w)
    for _type, share, doc, k in params.degradable():
        ddocm_d = w * share * doc * params.docf * params.mcf          # Eq. 3.2
        decay = np.exp(-k)
        ddocma = np.zeros(w.shape[0])
        for t in range(w.shape[1]):
            decomposed = ddocma * (1.0 - decay)                        # Eq. 3.5
            ddocma = ddocm_d[:, t] + ddocma * decay                    # Eq. 3.4
            gen[:, t] += decomposed * params.f * C_TO_CH4              # Eq. 3.6
    return gen


def fod_emitted(generated_t: np.ndarray, params: LandfillParams, recovered_t: np.ndarray | float = 0.0) -> np.ndarray:
    """CH4 emitted (t): (generated - recovered) x (1 - OX), IPCC 2006 Vol.5 Eq. 3.1; never below zero."""
    return np.maximum(np.asarray(generated_t) - recovered_t, 0.0) * (1.0 - params.ox)


def fod_single_deposit(deposit_t: float, years: int, params: LandfillParams) -> np.ndarray:
    """CH4 emitted (t) in years 1..``years`` after one deposit in year 0 (IPCC 2006 Vol.5 Ch.3)."""
    w = np.zeros((1, years + 1))
    w[0, 0] = deposit_t
    return fod_emitted(fod_generated(w, params), params)[0, 1:]


def methane_commitment(msw_t, params: LandfillParams, recovery_fraction: float = 0.0):
    """CH4 (t) eventually emitted by waste disposed in one year, all attributed to that year (GPC v1.1
    methane commitment): W x sum(share x DOC) x DOCf x MCF x F x 16/12 x (1 - R) x (1 - OX)."""
    doc_mix = sum(share * doc for _t, share, doc, _k in params.degradable())
    return (np.asarray(msw_t, dtype=float) * doc_mix * params.docf * params.mcf * params.f * C_TO_CH4
            * (1.0 - recovery_fraction) * (1.0 - params.ox))


def fod_series(years: Sequence[int], msw_t: Sequence[float], params: LandfillParams | None = None,
               recovered_ch4_t: Sequence[float] | None = None, backfill_years: int = 0) -> pd.DataFrame:
    """FOD landfill CH4 for one site's disposal history.

    Returns one row per year from the first to the last deposit year: ``msw_t`` (interior gaps filled by
    linear interpolation), ``history_years`` (years of deposits before that year), ``ch4_t`` (emitted; NaN when
    there is no earlier deposit, since emissions from waste before the record are not estimated).
    ``backfill_years`` > 0 assumes that many years of disposal at the first recorded amount before the record
    (IPCC 2006 Vol.5 section 3.2.2 advises >= 50 years of history and allows estimating it; the data layer
    uses ``BACKFILL_YEARS``; off by default here); ``estimated_history_years`` says how many years were
    estimated.
    """
    frame = pd.DataFrame({"key": 0, "year": list(years), "msw_t": list(msw_t)})
    if recovered_ch4_t is not None:
        frame["recovered_ch4_t"] = list(recovered_ch4_t)
    out = fod_frame(frame, ["key"], params, backfill_years=backfill_years)
    return out.drop(columns="key")


def fod_frame(deposits: pd.DataFrame, keys: list[str], params: LandfillParams | None = None,
              backfill_years: int = 0, running_max: str | None = None) -> pd.DataFrame:
    """FOD landfill CH4 for many disposal histories at once (vectorised over series).

    ``deposits`` has the ``keys`` columns, ``year`` and ``msw_t`` (tonnes deposited that year), optionally
    ``recovered_ch4_t``. Returns keys, year, msw_t, history_years, ch4_generated_t, ch4_t for every year from each
    series' first to last deposit year. See ``fod_series`` for the rules on gaps and missing history.
    ``running_max`` names a numeric column of ``deposits`` whose maximum over the deposits up to each year is
    returned too (e.g. a data-quality rank: a year's figure rests on every earlier deposit).
    ``estimated_history_years``: years of disposal estimated before the series' first record (0 or
    ``backfill_years``).
    """
    params = params or LandfillParams()
    cols = keys + ["year", "msw_t", "history_years", "ch4_generated_t", "ch4_t", "estimated_history_years"]
    if deposits.empty:
        return pd.DataFrame(columns=cols)
    groups = deposits.groupby(keys, sort=True, dropna=False)
    codes = groups.ngroup().to_numpy()
    key_frame = groups.size().index.to_frame(index=False)
    years = deposits["year"].to_numpy(dtype=int)
    y0, y1 = int(years.min()) - backfill_years, int(years.max())
    n, m = len(key_frame), y1 - y0 + 1
    yrs = np.arange(y0, y1 + 1)
    w = np.full((n, m), np.nan)
    seen = np.zeros((n, m), dtype=bool)
    seen[codes, years - y0] = True
    acc = np.zeros((n, m))
    np.add.at(acc, (codes, years - y0), deposits["msw_t"].to_numpy(dtype=float))
    w[seen] = acc[seen]
    first = seen.argmax(axis=1) + y0
    last = m - 1 - seen[:, ::-1].argmax(axis=1) + y0
    w = _interpolate_inside(w, seen)
    if backfill_years:
        first_amount = w[np.arange(n), first - y0]
        pre = (yrs[None, :] < first[:, None]) & (yrs[None, :] >= (first - backfill_years)[:, None])
        w = np.where(pre, first_amount[:, None], w)
    start = first - backfill_years
    gen = fod_generated(w, params)
    recovered = 0.0
    if "recovered_ch4_t" in deposits:
        recovered = np.zeros((n, m))
        np.add.at(recovered, (codes, years - y0), deposits["recovered_ch4_t"].fillna(0.0).to_numpy(dtype=float))
    emitted = fod_emitted(gen, params, recovered)
    history = yrs[None, :] - start[:, None]
    in_range = ((yrs[None, :] >= first[:, None]) & (yrs[None, :] <= last[:, None])).reshape(-1)
    emitted = np.where(history > 0, emitted, np.nan)
    gen = np.where(history > 0, gen, np.nan)
    extra = {}
    if running_max is not None:
        rmax = np.full((n, m), -np.inf)
        np.maximum.at(rmax, (codes, years - y0), deposits[running_max].astype(float).fillna(-np.inf).to_numpy())
        rmax = np.maximum.accumulate(rmax, axis=1)
        extra[running_max] = np.where(np.isfinite(rmax), rmax, np.nan).reshape(-1)[in_range]
    out = pd.DataFrame({
        **{k: np.repeat(key_frame[k].to_numpy(), m)[in_range] for k in keys},
        "year": np.tile(yrs, n)[in_range],
        "msw_t": w.reshape(-1)[in_range],
        "history_years": history.reshape(-1)[in_range],
        "ch4_generated_t": gen.reshape(-1)[in_range],
        "ch4_t": emitted.reshape(-1)[in_range],
        "estimated_history_years": int(backfill_years),
        **extra,
    })
    return out


def _interpolate_inside(w: np.ndarray, seen: np.ndarray) -> np.ndarray:
    """Fill missing years between two recorded years of a row by linear interpolation (IPCC 2006 Vol.1
    Ch.5 interpolation for gaps in a time series); leave years outside the record missing."""
    out = w.copy()
    cols = np.arange(w.shape[1])
    for i in np.flatnonzero((~seen).any(axis=1) & seen.any(axis=1)):
        known = cols[seen[i]]
        inside = (cols > known[0]) & (cols < known[-1]) & ~seen[i]
        if inside.any():
            out[i, inside] = np.interp(cols[inside], known, w[i, known])
    return out


def commitment_frame(deposits: pd.DataFrame, keys: list[str], params: LandfillParams | None = None,
                     recovery_fraction: float = 0.0) -> pd.DataFrame:
    """Methane commitment per series and year: keys, year, msw_t, ch4_t (GPC v1.1; see ``methane_commitment``)."""
    params = params or LandfillParams()
    d = deposits.groupby(keys + ["year"], as_index=False, dropna=False)["msw_t"].sum()
    d["ch4_t"] = methane_commitment(d["msw_t"].to_numpy(), params, recovery_fraction)
    return d
