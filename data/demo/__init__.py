"""The synthetic demo data set (fixed seed): municipalities, activity rows, indicator values, actions and
scorecards. Every value is synthetic.
"""
