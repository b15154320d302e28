"""Entry point: language, navigation over pages/, the shared sidebar. Nothing else."""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from ui import auth, layout, url_state
from ui.i18n import DEFAULT_LANG, LANGS, set_lang, t
from ui.router import routing
from ui import upload_guard

st.set_page_config(page_title="LCRS", page_icon=str(Path(__file__).parent / "static" / "favicon.png"), layout="wide")
upload_guard.install()   # files are stored only for signed-in editors, within a memory budget

# language first: page titles are translated. The address holds the code (lang=th|en) and wins over the
# session's last choice, so a copied link opens in the language it was copied in.
st.session_state["lang"] = url_state.resolve("lang", list(LANGS), remember=False,
                                            default=st.session_state.get("lang", DEFAULT_LANG))
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
# the choices that follow the user from page to page, carried in the menu's links
SHARED_PARAMS = ("m", "year", "theme")


def _switch_language() -> None:
    lang = st.session_state[url_state.widget_key("lang")]
    st.session_state["lang"] = lang
    url_state.write("lang", lang)


# The default page always lives at "/", so the overview is listed at /overview and also run, unlisted, at "/".
# The menu is drawn below with page links (instead of Streamlit's own) so that each link carries the language,
# municipality and year: the address of every page is then complete from the first click.
pages = {section: [st.Page(path, title=t(title), url_path=url, icon=icon)
                   for path, title, url, icon in entries if (Path(__file__).parent / path).exists()]
         for section, entries in PAGES.items()}
nav = st.navigation([p for entries in pages.values() for p in entries]
                    + [st.Page("pages/overview.py", title=t("page.overview"), url_path="home", default=True,
                               visibility="hidden")],
                    position="hidden")

# printing (a mentor's handout): the page only, no sidebar, header or toolbars
st.html("<style>@media print{[data-testid='stSidebar'],[data-testid='stSidebarCollapsedControl'],"
        "header[data-testid='stHeader'],[data-testid='stElementToolbar'],[data-testid='stDownloadButton']"
        "{display:none !important}.block-container{max-width:100% !important;padding:0 !important}}</style>")
# phones: smaller headings, KPI tiles two to a row instead of one per screen line, no chart toolbars over titles
# and a compact header (title, demo badge, source line) so that the first screen reaches the answer and a chart
st.html("<style>@media (max-width:640px){h1{font-size:1.45rem !important;padding-top:.35rem !important;line-height:1.6 !important}"
        "h2{font-size:1.2rem !important}h3{font-size:1.2rem !important;padding:.25rem 0 0 !important}"
        "h4{font-size:1.05rem !important;padding:.25rem 0 !important}"
        ".block-container{padding-top:3.25rem !important}"
        "[data-testid='stAlertContentWarning'],[data-testid='stAlertContentInfo']{font-size:.85rem}"
        "[data-testid='stAlertContainer']{padding:.4rem .75rem !important}"
        "[data-testid='stCaptionContainer']{font-size:.78rem !important}"
        "[data-testid='stMetricLabel'] p{font-size:.78rem !important}"
        "[data-testid='stMetricDelta']{font-size:.72rem !important}"
        "[data-testid='stMetricValue']{font-size:1.2rem !important}"
        "[data-testid='stHorizontalBlock']:has(>[data-testid='stColumn'] [data-testid='stMetric']):not(:has([data-testid='stHorizontalBlock']))"
        "{flex-flow:row wrap !important;gap:.25rem .75rem !important}"
        "[data-testid='stHorizontalBlock']:has(>[data-testid='stColumn'] [data-testid='stMetric']):not(:has([data-testid='stHorizontalBlock']))"
        ">[data-testid='stColumn']{flex:1 1 calc(50% - .75rem) !important;min-width:calc(50% - .75rem) !important;"
        "width:calc(50% - .75rem) !important}"
        ".modebar-container{display:none !important}}</style>")
layout.uploader_in_language()
layout.set_filter_box(None)
if nav.url_path == "showcase":
    auth.public_only()   # the kiosk shows published figures only, whoever is signed in
else:
    with st.sidebar:
        st.markdown(f"**{t('app.title')}**")
        st.caption(t("app.subtitle"))
        lang_key = url_state.prepare("lang", st.session_state["lang"], remember=False)
        st.segmented_control(t("lang.label"), list(LANGS), key=lang_key, required=True,
                             on_change=_switch_language,
                             format_func=lambda x: {"th": "ไทย", "en": "English"}[x])
        url_state.show_notices()
        auth.sidebar()
        # the page's own selectors (municipality, year, theme) go here, above the menu, visible without scrolling
        layout.set_filter_box(st.container())
        st.divider()
        links = {**url_state.link_params(SHARED_PARAMS), "lang": st.session_state["lang"],
                 **{p: st.query_params[p] for p in SHARED_PARAMS if st.query_params.get(p)}}
        for section, entries in pages.items():
            st.caption(t(section))
            for page in entries:
                st.page_link(page, query_params=links)

try:
    with routing():
        nav.run()
finally:
    url_state.flush()
