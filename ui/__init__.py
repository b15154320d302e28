"""Streamlit helpers shared by pages: translations, Thai/BE formatting, chart builders."""
