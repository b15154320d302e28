"""Pure calculations on pandas DataFrames: no Streamlit, no SQL, no files."""
