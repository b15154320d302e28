"""Every SELECT the figures and pages need, returning frames and applying no rules (the SQL emission sums of
``emission_rows`` are the one documented exception: they run where they are fastest). Imports only ``store``.
"""
