"""Errors a user is shown. Each says what went wrong and what to do, and maps to an exit code."""

from __future__ import annotations


class ShianError(Exception):
    exit_code = 1


class UsageError(ShianError):
    exit_code = 2


class PermissionDenied(ShianError):
    exit_code = 3

    def __init__(self, actor: str, role: str, permission: str):
        super().__init__(f"{actor} ({role}) may not {permission.replace('_', ' ')}")
        self.actor, self.role, self.permission = actor, role, permission


class StaleEditError(ShianError):
    """Someone else changed the record since it was read; nothing was written."""

    exit_code = 4

    def __init__(self, entity: str, entity_id, by: str | None = None, at=None):
        who = f" by {by}" if by else ""
        when = f" at {at:%Y-%m-%d %H:%M:%S}" if at else ""
        super().__init__(
            f"{entity} {entity_id} was changed{who}{when} after you opened it; "
            "your change was not saved. Reload it and try again."
        )
        self.entity, self.entity_id, self.by, self.at = entity, entity_id, by, at


class NotFound(ShianError):
    exit_code = 5


class RowError(ShianError):
    pass


class ImportRejected(ShianError):
    """A file with bad rows: every bad row is listed and nothing was written."""

    exit_code = 2

    def __init__(self, path: str, problems: list[tuple[int, str]]):
        self.path = str(path)
        self.problems = problems
        lines = [f"{self.path}: {len(problems)} bad row(s); nothing was imported"]
        lines += [f"  row {row}: {reason}" for row, reason in problems[:200]]
        if len(problems) > 200:
            lines.append(f"  … and {len(problems) - 200} more")
        super().__init__("\n".join(lines))
