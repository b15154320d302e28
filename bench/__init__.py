"""Benchmarks (not tests): ``python -m bench`` (``make bench``) prints one JSON line per figure.

Each line has ``name``, ``value``, ``unit``, ``target``, ``scale`` and ``ok`` (the value meets the target: at
most the target for s, ms, bytes and MB; at least the target for rows/s and x), plus ``runs`` (the median is
over that many measurements) and ``error`` or ``skipped`` when a figure could not be measured. Figures are
measured against a synthetic national database built once into ``bench/out/`` (git-ignored) and rebuilt when
the generator or the schema changes. Nothing here asserts on time; the test suite never runs it.
"""
