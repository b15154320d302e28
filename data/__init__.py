"""Everything that touches DuckDB: storage, migrations, queries, import/export, the CLI and demo data."""
