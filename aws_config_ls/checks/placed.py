"""Problems found block by block, placed in the file: the loop both local checks run.

A block's problems are kept with it at lines relative to the block (`BlockFact`); the file's
list is those placed at each block's first line, in block order. It is kept with the model,
and after an edit that kept the layout (`ini.model.Basis`) the earlier version's list gets
only the changed blocks' problems swapped in: a keystroke costs the blocks it touched.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable

from aws_config_ls.ini.model import Basis, Model
from aws_config_ls.ini.problems import Problem, Related
from aws_config_ls.ini.span import Span
from aws_config_ls.ini.syntax import Block

Local = Callable[[Block], tuple[Problem, ...]]


def in_blocks(model: Model, name: str, local: Local) -> list[Problem]:
    """Every block's problems (`local`, kept per block), placed, in block order. `name`
    names the list kept with the model (one per check and whatever `local` depends on)."""

    def compute(model: Model) -> list[Problem]:
        found: list[Problem] = []
        for _, block, start in model.tree.placed():
            problems = local(block)
            if problems:
                found.extend(shifted(p, start) for p in problems)
        return found

    def patch(model: Model, basis: Basis, before: list[Problem]) -> list[Problem]:
        tree, old = model.tree, basis.tree
        found = list(before)

        def block_of(problem: Problem) -> int:  # a block's problems lie within it
            return old.block_at(problem.span.start.line)

        for b in basis.blocks:
            lo = bisect_left(found, b, key=block_of)
            hi = bisect_right(found, b, key=block_of)
            if basis.shift:  # one block changed: those past it move
                found[hi:] = [relocated(p, basis) for p in found[hi:]]
            start = tree.block_start(b)
            found[lo:hi] = [shifted(p, start) for p in local(tree.blocks[b])]
        return found

    return model.derived(name, compute, patch)


def relocated(problem: Problem, basis: Basis) -> Problem:
    """A problem of the earlier version, outside the changed blocks, where it is now."""
    if not basis.shift:
        return problem
    span, related = problem.span, problem.related
    moved = _moved(span, basis)
    if moved == span and not related:
        return problem
    return problem._replace(
        span=moved,
        related=tuple(
            r if r.path is not None else r._replace(span=_moved(r.span, basis)) for r in related
        ),
    )


def _moved(span: Span, basis: Basis) -> Span:
    return span.shifted(basis.moved(span.start.line) - span.start.line)


def shifted(problem: Problem, lines: int) -> Problem:
    if not lines:
        return problem
    code, severity, span, message, related, fix = problem
    if related:
        related = tuple(Related(r.span.shifted(lines), r.message, r.path) for r in related)
    # Problem(...) at C speed: every problem of a file is placed through here
    return _new(Problem, (code, severity, span.shifted(lines), message, related, fix))


_new = tuple.__new__
