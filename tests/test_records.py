"""The package's NamedTuple makes the records typing.NamedTuple makes, without ForwardRefs."""

from __future__ import annotations

import pickle
import typing

import pytest

from aws_config_ls.ini import records


def _pair(base: typing.Any) -> typing.Any:
    class Point(base):
        """A point."""

        x: int
        y: int = 0
        label: str | None = None

        def moved(self, by: int) -> Point:
            return self._replace(x=self.x + by)

        @property
        def norm(self) -> int:
            return abs(self.x) + abs(self.y)

    return Point


Ours = _pair(records.NamedTuple)
Typing = _pair(typing.NamedTuple)


def test_same_record_as_typing() -> None:
    for made in (Ours(1), Ours(1, 2, "a"), Ours(x=3, label="b")):
        theirs = Typing(*made)
        assert tuple(made) == tuple(theirs) and repr(made) == repr(theirs)
        assert made.moved(2) == theirs.moved(2) and made.norm == theirs.norm
        assert made._asdict() == theirs._asdict()
    assert Ours._fields == Typing._fields and Ours._field_defaults == Typing._field_defaults
    assert (Ours.__doc__, Ours.__module__, Ours.__qualname__) == (
        Typing.__doc__,
        Typing.__module__,
        Typing.__qualname__,
    )
    assert typing.get_type_hints(Ours) == typing.get_type_hints(Typing)
    assert isinstance(Ours(1), tuple) and Ours(1) == (1, 0, None)


def test_annotations_stay_text() -> None:
    assert Ours.__annotations__ == {"x": "int", "y": "int", "label": "str | None"}


def test_refuses_what_typing_refuses() -> None:
    with pytest.raises(TypeError):

        class Late(records.NamedTuple):
            a: int = 0
            b: int

    with pytest.raises(AttributeError):

        class Own(records.NamedTuple):
            a: int

            def _replace(self) -> None: ...


class Kept(records.NamedTuple):  # at module level: pickle finds a class by module and name
    a: int
    b: str = ""


def test_pickles() -> None:
    kept = Kept(1, "b")
    assert pickle.loads(pickle.dumps(kept)) == kept
