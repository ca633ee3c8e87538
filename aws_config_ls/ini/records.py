"""`NamedTuple` for the package's records: `typing.NamedTuple` without its start-up cost.

typing's turns every field's annotation into a `ForwardRef`, compiling its text (some 270
fields on `check`'s path, a twentieth of its start); this one keeps the annotations as
written, which `typing.get_type_hints` reads alike. Otherwise the same: the fields, their
defaults (none may follow a field with one) and the class body's methods and docstring on a
`collections.namedtuple`. Type checkers see `typing.NamedTuple` itself.
"""

from __future__ import annotations

TYPE_CHECKING = False  # not typing's: this module is imported before anything needs typing
if TYPE_CHECKING:
    from typing import NamedTuple as NamedTuple
else:
    from collections import namedtuple

    # typing.NamedTupleMeta's: what a class body may not set, and what is not copied over
    _PROHIBITED = frozenset(
        {"__new__", "__init__", "__slots__", "__getnewargs__", "_fields", "_field_defaults"}
        | {"_make", "_replace", "_asdict", "_source"}
    )
    _SPECIAL = frozenset({"__module__", "__name__", "__annotations__"})

    class _RecordMeta(type):
        def __new__(cls, name, bases, namespace):
            if bases != (NamedTuple,):
                raise TypeError("a NamedTuple inherits from NamedTuple only")
            fields = namespace.get("__annotations__", {})
            defaulted = [field for field in fields if field in namespace]
            if defaulted != list(fields)[len(fields) - len(defaulted) :]:
                raise TypeError(f"{name}: a field without a default follows one with a default")
            record = namedtuple(
                name,
                fields,
                defaults=[namespace[field] for field in defaulted],
                module=namespace["__module__"],
            )
            record.__annotations__ = dict(fields)
            for key, value in namespace.items():
                if key in _PROHIBITED:
                    raise AttributeError(f"Cannot overwrite NamedTuple attribute {key}")
                if key not in _SPECIAL and key not in fields:
                    setattr(record, key, value)
            return record

    NamedTuple = type.__new__(_RecordMeta, "NamedTuple", (), {})
