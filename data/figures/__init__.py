"""Figures per municipality and year: read through ``queries``, computed through ``indicators``; the only place
that decides "stored copy if current, else compute" (``freshness``) and the refresh of the stored copy.
"""
