"""Explaining: what resolution decided about an entry, said for people (hover, code lens, CLI).

`facts` turns a ResolutionState into per-entry facts; `report` is the explain command's text.
"""
