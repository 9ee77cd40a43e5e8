"""The use-cases the command line and the terminal UI share.

Services take their adapters as arguments, so tests can hand in fakes or real local ones, and neither
front end holds any logic of its own.
"""
