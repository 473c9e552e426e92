"""What a details view shows, as plain data: the application fills it from wherever it reads
(a worker thread may build it), the view only lays it out.

A ``Details`` has a title, an optional subtitle and badge, and sections. A section holds rows of
three kinds: ``Row`` (a key and its value, optionally a tone and a link the user can follow),
``StarRow`` (named stars, each lit or not) and ``Note`` (a line of text).
"""

from __future__ import annotations

from dataclasses import dataclass, field

TONES = ("", "good", "bad", "warn", "muted")


@dataclass(frozen=True)
class Row:
    key: str
    value: str
    tone: str = ""  # "", "good", "bad", "warn" or "muted"
    link: object = None  # given back by DetailsView.linkActivated when the row is clicked

    def __post_init__(self):
        if self.tone not in TONES:
            raise ValueError(f"unknown tone {self.tone!r}; use one of {', '.join(repr(t) for t in TONES)}")


@dataclass(frozen=True)
class StarRow:
    """Stars in the order they are published: (name, lit)."""

    stars: tuple[tuple[str, bool], ...]

    @property
    def count(self) -> int:
        return sum(1 for _, lit in self.stars if lit)


@dataclass(frozen=True)
class Note:
    text: str
    tone: str = ""

    def __post_init__(self):
        if self.tone not in TONES:
            raise ValueError(f"unknown tone {self.tone!r}")


@dataclass(frozen=True)
class Section:
    title: str
    rows: tuple[Row | StarRow | Note, ...] = ()

    def __post_init__(self):
        bad = [r for r in self.rows if not isinstance(r, (Row, StarRow, Note))]
        if bad:
            raise ValueError(f"section {self.title!r}: {bad[0]!r} is not a Row, StarRow or Note")


@dataclass(frozen=True)
class Action:
    """A button under the title; ``key`` comes back through DetailsView.actionTriggered."""

    title: str
    key: object


@dataclass(frozen=True)
class Details:
    title: str
    subtitle: str = ""
    badge: str = ""  # short text in a coloured box beside the title (a risk grade, a state)
    badge_colour: str = "#64748b"
    sections: tuple[Section, ...] = ()
    actions: tuple[Action, ...] = field(default=())

    def with_sections(self, more) -> Details:
        """The same details with extra sections appended (from other parts of the application)."""
        return Details(self.title, self.subtitle, self.badge, self.badge_colour, self.sections + tuple(more),
                       self.actions)
