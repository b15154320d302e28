"""Import kinds and their columns, templates, reading a file (sniffing, encodings, the zip guard) and validating
it. Writes nothing.
"""
