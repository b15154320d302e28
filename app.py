"""Entry point: language, navigation over pages/, the shared sidebar. Nothing else."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import streamlit as st

from ui import auth
from ui.i18n import LANGS, set_lang, t
from ui.router import routing
from ui import upload_guard

st.set_page_config(page_title="LCRS", page_icon=str(Path(__file__).parent / "static" / "favicon.png"), layout="wide")
upload_guard.install()   # files are stored only for signed-in editors, within a memory budget

# language first: page titles are translated
if st.query_params.get("lang") in LANGS and "lang" not in st.session_state:
    st.session_state["lang"] = st.query_params["lang"]
st.session_state.setdefault("lang", "th")
set_lang(st.session_state["lang"])

PAGES = {
    "nav.section.main": [("pages/overview.py", "page.overview", "overview", ":material/dashboard:"),
                         ("pages/profile.py", "page.profile", "profile", ":material/location_city:")],
    "nav.section.analysis": [("pages/compare.py", "page.compare", "compare", ":material/compare_arrows:"),
                             ("pages/map.py", "page.map", "map", ":material/map:"),
                             ("pages/trends.py", "page.trends", "trends", ":material/trending_down:"),
                             ("pages/actions.py", "page.actions", "actions", ":material/checklist:")],
    "nav.section.more": [("pages/showcase.py", "page.showcase", "showcase", ":material/tv:"),
                         ("pages/methodology.py", "page.methodology", "methodology", ":material/menu_book:"),
                         ("pages/data_admin.py", "page.data", "data", ":material/upload_file:"),
                         ("pages/review.py", "page.review", "review", ":material/fact_check:")],
}


# the wall screen has no menu at all (supported: position="hidden"); with ?embed=true no toolbar either
kiosk = urlsplit(st.context.url or "").path.rstrip("/").endswith("/showcase")
nav = st.navigation(
    {t(section): [st.Page(path, title=t(title), url_path=url, icon=icon, default=(url == "overview"))
                  for path, title, url, icon in pages
                  if (Path(__file__).parent / path).exists()]
     for section, pages in PAGES.items()},
    position="hidden" if kiosk else "sidebar",
)

if nav.url_path == "showcase":
    auth.public_only()   # the kiosk shows published figures only, whoever is signed in
else:
    with st.sidebar:
        st.markdown(f"**{t('app.title')}**")
        st.caption(t("app.subtitle"))
        st.segmented_control(t("lang.label"), list(LANGS), key="lang", bind="query-params",
                             format_func=lambda x: {"th": "ไทย", "en": "English"}[x], required=True)
        set_lang(st.session_state["lang"])
        auth.sidebar()

with routing():
    nav.run()
