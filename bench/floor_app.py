"""Streamlit's own floor: a page that draws one line of text and nothing else (``bench.browser`` serves it with
its own ``streamlit run`` and times it like every page of the app, so each page reads as a ratio to it)."""
import streamlit as st

st.markdown("LCRS floor")
