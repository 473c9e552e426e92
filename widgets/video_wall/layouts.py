"""Wall layouts: a grid of rows × columns and the cells that tiles fill, some spanning several.

The presets are the usual 1, 4, 9 and 16 equal tiles and two "one large" layouts; a custom
layout is any set of non-overlapping cells on a grid up to 8 × 8, stored as plain data.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_GRID = 8


@dataclass(frozen=True)
class Cell:
    row: int
    col: int
    rows: int = 1
    cols: int = 1


@dataclass(frozen=True)
class LayoutSpec:
    name: str
    rows: int
    cols: int
    cells: tuple[Cell, ...]

    def __post_init__(self):
        if not (1 <= self.rows <= MAX_GRID and 1 <= self.cols <= MAX_GRID):
            raise ValueError(f"a wall layout grid is 1–{MAX_GRID} rows and columns, not {self.rows}×{self.cols}")
        if not self.cells:
            raise ValueError("a wall layout needs at least one tile")
        taken: set[tuple[int, int]] = set()
        for c in self.cells:
            if c.row < 0 or c.col < 0 or c.rows < 1 or c.cols < 1 or c.row + c.rows > self.rows \
                    or c.col + c.cols > self.cols:
                raise ValueError(f"tile at row {c.row}, column {c.col} does not fit the {self.rows}×{self.cols} grid")
            covered = {(r, k) for r in range(c.row, c.row + c.rows) for k in range(c.col, c.col + c.cols)}
            if covered & taken:
                raise ValueError(f"tiles overlap at row {c.row}, column {c.col}")
            taken |= covered

    @property
    def tiles(self) -> int:
        return len(self.cells)

    def as_dict(self) -> dict:
        return {"name": self.name, "rows": self.rows, "cols": self.cols,
                "cells": [[c.row, c.col, c.rows, c.cols] for c in self.cells]}

    @classmethod
    def from_dict(cls, d: dict) -> LayoutSpec:
        try:
            cells = tuple(Cell(*(int(v) for v in cell)) for cell in d["cells"])
            return cls(str(d.get("name", "")), int(d["rows"]), int(d["cols"]), cells)
        except (KeyError, TypeError) as exc:
            raise ValueError(f"not a wall layout: {exc}") from None


def grid(n: int) -> LayoutSpec:
    """n equal tiles on a square grid (n = 1, 4, 9, 16, …)."""
    side = int(round(n ** 0.5))
    if side * side != n:
        raise ValueError(f"{n} tiles do not make a square grid")
    return LayoutSpec(str(n), side, side, tuple(Cell(r, c) for r in range(side) for c in range(side)))


def one_plus(n: int) -> LayoutSpec:
    """One large tile in the top-left corner and ``n`` small ones around it (1+5, 1+7)."""
    side = {5: 3, 7: 4}.get(n)
    if side is None:
        raise ValueError("one large tile goes with 5 or 7 small ones")
    big = side - 1
    cells = [Cell(0, 0, big, big)]
    cells += [Cell(r, big) for r in range(big)]
    cells += [Cell(big, c) for c in range(side)]
    return LayoutSpec(f"1+{n}", side, side, tuple(cells))


PRESETS: dict[str, LayoutSpec] = {s.name: s for s in (grid(1), grid(4), grid(9), grid(16), one_plus(5), one_plus(7))}


def preset(name: str | int) -> LayoutSpec:
    try:
        return PRESETS[str(name)]
    except KeyError:
        raise ValueError(f"unknown wall layout {name!r}; presets: {', '.join(PRESETS)}") from None
