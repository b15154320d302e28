"""The DuckDB file: connect, errors, transactions, identifier quoting, the write lock, migrations and the
schema version, the dataset row, generic table writes, reference CSV loading, and the ``agg`` schema of stored
figures (fingerprint, read/write). Knows nothing about figures; imports no other room of ``data``.
"""
