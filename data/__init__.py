"""Everything that touches DuckDB, in rooms that import one way only:

    cli → write → {ingest, figures, demo} → queries → store

A room imports itself and the rooms to its right, never one to its left or beside it (``tests/test_architecture.py``
checks it, imports inside functions included). ``data/`` never imports ``ui/``, ``pages/`` or streamlit;
``indicators/`` (pure calculations) never imports ``data/``.

- ``store``   the DuckDB file: connect, errors, transactions, quoting, the write lock, migrations, the dataset row,
              generic table writes, reference CSVs, the ``agg`` schema of stored figures (no figures logic)
- ``queries`` every SELECT, returning frames, applying no rules (the SQL emission sums are the one exception)
- ``figures`` read via ``queries``, compute via ``indicators``; the only place that decides "stored copy if
              current, else compute"; ``refresh`` calls the calculations, never the reverse
- ``ingest``  import kinds and columns, templates, reading and validating a file; writes nothing
- ``demo``    the synthetic demo generators
- ``write``   init, import, rollback/supersede, export/restore; every write ends with the figures refresh
- ``cli``     one module per command of ``python -m data`` (``__main__`` only calls ``data.cli.main``)

docs/architecture.md explains where each kind of change goes and traces one figure from an imported row to a
page, a report and the summary JSON.
"""
