"""How an action is classified, as a label: A-S-I for mitigation actions, UNDRR essential for resilience ones."""
from __future__ import annotations

import pandas as pd

from ui.i18n import t


def essential_label(essential, lang: str | None = None) -> str:
    """'n. name' of a UNDRR essential (1-10) in the current or given language."""
    n = int(essential)
    return f"{n}. {t(f'undrr.e{n}', lang=lang)}"


def class_label(asi, essential, lang: str | None = None) -> str:
    """The A-S-I type of a mitigation action, or 'UNDRR n. name' for a resilience action; '' when neither."""
    if isinstance(asi, str) and asi:
        return t(f"asi.{asi}", lang=lang)
    if essential is not None and not pd.isna(essential):
        return f"UNDRR {essential_label(essential, lang)}"
    return ""


def class_labels(actions: pd.DataFrame, lang: str | None = None) -> list[str]:
    """``class_label`` of every row of ``actions`` (rows without an undrr_essential column use A-S-I only)."""
    ess = actions["undrr_essential"] if "undrr_essential" in actions.columns else [None] * len(actions)
    pairs = [(a if isinstance(a, str) else None, None if e is None or pd.isna(e) else int(e))
             for a, e in zip(actions["asi"], ess)]
    # few distinct pairs; a registry of thousands of actions labels each pair once
    lookup = {p: class_label(p[0], p[1], lang) for p in set(pairs)}
    return [lookup[p] for p in pairs]


def essentials_table(by_essential: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """The resilience actions by UNDRR essential (``indicators.asi.by_essential``) as the actions page shows
    and downloads it: labelled essential, actions, ongoing or completed, budget (THB), headers translated."""
    return pd.DataFrame({
        t("actions.col.essential", lang=lang): [essential_label(e, lang) for e in by_essential["essential"]],
        t("asi.actions", lang=lang): by_essential["actions"].astype(int),
        t("actions.col.counting", lang=lang): by_essential["counting"].astype(int),
        t("actions.col.budget", lang=lang): by_essential["budget_thb"].astype(float),
    })
