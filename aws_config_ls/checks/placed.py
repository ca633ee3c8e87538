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
        tree = model.tree
        found = list(before)

        def block_of(problem: Problem) -> int:  # a block's problems lie within it
            return tree.block_at(problem.span.start.line)

        for b in basis.blocks:
            lo = bisect_left(found, b, key=block_of)
            hi = bisect_right(found, b, key=block_of)
            start = tree.block_start(b)
            found[lo:hi] = [shifted(p, start) for p in local(tree.blocks[b])]
        return found

    return model.derived(name, compute, patch)


def shifted(problem: Problem, lines: int) -> Problem:
    if not lines:
        return problem
    return Problem(
        problem.code,
        problem.severity,
        problem.span.shifted(lines),
        problem.message,
        tuple(Related(r.span.shifted(lines), r.message, r.path) for r in problem.related),
        problem.fix,
    )
