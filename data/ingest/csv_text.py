"""CSV text without pandas: its delimiter, and its cells read by Arrow's CSV reader.

The reference reading of CSV text is pandas' C reader (``data.ingest.validate._pandas_csv_grid``): every cell
a string, '' for empty, blank lines kept as empty rows, short rows padded with '', a longer row refused.
``arrow_table`` gives the same cells several times faster, or None where Arrow cannot stand in (then the
reference reader reads the text and words any error as before). This module imports no pandas, so the
isolated reader's child process (``data.ingest.read_worker``) reads an ordinary CSV without loading it.
"""
from __future__ import annotations

import csv
import io

DELIMITERS = (",", ";", "\t")
_END = "end"


def delimiter_of(text: str) -> str:
    """The delimiter the first line uses most (comma, semicolon or tab); a comma when it uses none."""
    first = text.split("\n", 1)[0]
    delimiter = max(DELIMITERS, key=first.count)
    return delimiter if first.count(delimiter) else ","


def first_row(text: str, delimiter: str) -> list[str]:
    """The cells of the first row (a quoted cell may span lines; CR, LF and CRLF all end a row)."""
    return next(csv.reader(io.StringIO(text[: 1 << 20], newline=""), delimiter=delimiter), [])


def arrow_table(text: str, delimiter: str):
    """The cells of CSV ``text`` as a ``pyarrow.Table`` of string columns named "0", "1", …, exactly as the
    pandas reference reader gives them, or None where Arrow cannot stand in: fewer than two columns, a row of
    another width, an unclosed quote, no text at all. Every column is read as text, so nothing is converted
    ('0012' stays '0012', '1,234' stays '1,234')."""
    import pyarrow as pa
    import pyarrow.csv as pcsv

    width = len(first_row(text, delimiter))
    if width < 2:
        return None
    names = [str(i) for i in range(width)]
    # Arrow closes a quoted cell left open at the end of the text; pandas refuses it. A last line of our own
    # tells them apart: it comes back as a row of its own only when no quote was left open.
    sentinel = delimiter * (width - 1) + _END
    ends_line = text.endswith(("\n", "\r"))
    try:
        table = pcsv.read_csv(
            io.BytesIO((text + ("" if ends_line else "\n") + sentinel).encode("utf-8")),
            read_options=pcsv.ReadOptions(column_names=names),
            parse_options=pcsv.ParseOptions(delimiter=delimiter, quote_char='"', double_quote=True,
                                            escape_char=False, newlines_in_values=True, ignore_empty_lines=False),
            convert_options=pcsv.ConvertOptions(column_types={n: pa.string() for n in names},
                                                strings_can_be_null=False, quoted_strings_can_be_null=False))
    except pa.ArrowException:     # ArrowInvalid (a row of another width, …), ArrowMemoryError
        return None
    if table.num_columns != width or any(not pa.types.is_string(t) for t in table.schema.types):
        return None
    if table.num_rows == 0 or table.slice(table.num_rows - 1).to_pylist()[0] != {
            n: (_END if i == width - 1 else "") for i, n in enumerate(names)}:
        return None
    return table.slice(0, table.num_rows - 1)
