"""Global-warming potentials and the emission factor expressed under a chosen GWP set.

TGO publishes its factors as totals under IPCC AR5 (``kgco2e_per_unit``); the per-gas columns (``co2``, ``ch4``,
``n2o``, ``ghg_gas``/``ghg_kg``) let the same factor be re-expressed under AR4 or AR6. Factors published only as
a total (life-cycle factors: grid electricity, tap water, paper, landfill) cannot be split by gas and keep their
published value under every set.
"""
from __future__ import annotations

import pandas as pd

GWP_SETS = ("AR4", "AR5", "AR6")
DEFAULT_GWP_SET = "AR5"  # what TGO uses

# Refrigerant blends, mass fractions of their components (ASHRAE Standard 34 compositions). A blend's GWP is
# the mass-weighted sum of its components' GWPs (the method of EU Regulation 517/2014 Annex IV).
BLENDS: dict[str, dict[str, float]] = {
    "R-410A": {"HFC-32": 0.50, "HFC-125": 0.50},
    "R-404A": {"HFC-125": 0.44, "HFC-143a": 0.52, "HFC-134a": 0.04},
    "R-407C": {"HFC-32": 0.23, "HFC-125": 0.25, "HFC-134a": 0.52},
}
# single-component refrigerants: trade name -> chemical name
ALIASES: dict[str, str] = {"R-22": "HCFC-22", "R-32": "HFC-32", "R-134a": "HFC-134a"}

# how a factor's value under the chosen set was obtained
BASIS_PUBLISHED = "published"        # the set the factor was published in: published total used as is
BASIS_RECOMPUTED = "recomputed"      # recomputed from its per-gas columns with the chosen set's GWPs
BASIS_TOTAL_ONLY = "published_total_only"  # no per-gas split (LCA factor): published total under every set


class UnknownGwpSet(ValueError):
    """A GWP set that is not in the reference table."""


def gwp_values(gwp: pd.DataFrame, gwp_set: str) -> dict[str, float]:
    """The GWP-100 of every gas in ``gwp_set`` from the reference table (columns gwp_set, gas, value)."""
    rows = gwp[gwp["gwp_set"] == gwp_set]
    if rows.empty:
        raise UnknownGwpSet(f"unknown GWP set {gwp_set!r}; known: {', '.join(sorted(gwp['gwp_set'].unique()))}")
    return {str(g): float(v) for g, v in zip(rows["gas"], rows["value"])}


def blend_gwp(composition: dict[str, float], gwp: dict[str, float]) -> float:
    """GWP of a refrigerant blend: sum of mass fraction x component GWP (EU Reg. 517/2014 Annex IV)."""
    total = sum(composition.values())
    if abs(total - 1.0) > 1e-9:
        raise ValueError(f"blend mass fractions must sum to 1, got {total}")
    return sum(share * gwp[gas] for gas, share in composition.items())


def refrigerant_gwp(gas: str, gwp: dict[str, float]) -> float:
    """GWP of a refrigerant by trade or chemical name; blends are computed from their components."""
    if gas in BLENDS:
        return blend_gwp(BLENDS[gas], gwp)
    return gwp[ALIASES.get(gas, gas)]


def _has_per_gas(factors: pd.DataFrame) -> pd.Series:
    cols = ["co2", "ch4", "n2o", "ghg_kg"]
    return factors[cols].notna().any(axis=1)


def per_gas_total(factors: pd.DataFrame, gwp: dict[str, float]) -> pd.Series:
    """kgCO2e per unit recomputed from per-gas columns: CO2 + CH4 x GWP(CH4 or CH4_fossil) + N2O x GWP(N2O)
    + ghg_kg x GWP(ghg_gas) (GHG Protocol / IPCC 2006 Vol.2 Eq. 2.1 summed over gases). NA where the factor
    has no per-gas split."""
    fossil = factors["ch4_fossil"].fillna(False).astype(bool)
    ch4_gwp = fossil.map({True: gwp["CH4_fossil"], False: gwp["CH4"]}).astype(float)
    other = factors["ghg_gas"].map(lambda g: refrigerant_gwp(g, gwp) if isinstance(g, str) and g else 0.0)
    total = (factors["co2"].astype("Float64").fillna(0.0)
             + factors["ch4"].astype("Float64").fillna(0.0) * ch4_gwp
             + factors["n2o"].astype("Float64").fillna(0.0) * gwp["N2O"]
             + factors["ghg_kg"].astype("Float64").fillna(0.0) * other.astype(float))
    return total.where(_has_per_gas(factors))


def factors_under_gwp(factors: pd.DataFrame, gwp: pd.DataFrame, gwp_set: str = DEFAULT_GWP_SET) -> pd.DataFrame:
    """The factor library expressed under ``gwp_set``.

    Adds ``kgco2e`` (the value to multiply activity amounts by), ``gwp_basis`` (published / recomputed /
    published_total_only) and ``published_kgco2e`` / ``published_gwp_set`` (the factor as published).
    A factor published in ``gwp_set`` keeps its published total (TGO's figure, rounding included); otherwise it
    is recomputed from its per-gas columns; a total-only factor stays as published under every set.
    """
    values = gwp_values(gwp, gwp_set)
    out = factors.copy()
    out["published_kgco2e"] = out["kgco2e_per_unit"].astype(float)
    out["published_gwp_set"] = out["gwp_set"]
    recomputed = per_gas_total(out, values)
    same_set = out["gwp_set"] == gwp_set
    per_gas = _has_per_gas(out)
    out["kgco2e"] = out["published_kgco2e"].where(same_set | ~per_gas, recomputed).astype(float)
    out["gwp_basis"] = BASIS_RECOMPUTED
    out.loc[~per_gas, "gwp_basis"] = BASIS_TOTAL_ONLY
    out.loc[same_set, "gwp_basis"] = BASIS_PUBLISHED
    out["gwp_set"] = gwp_set
    return out
