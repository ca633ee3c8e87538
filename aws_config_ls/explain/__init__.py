"""Explaining: what resolution decided, said for people (hover, code lens, CLI).

`report` is the explain command's text, `summary` a profile's resolution in one line, `graph`
the profiles as a graph; the per-entry facts they say come from `resolution.shadows`.
"""
