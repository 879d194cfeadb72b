"""What the desk refuses, as exceptions that carry their HTTP status (the serve layer maps the
type to the answer; it never reads the message to decide)."""

from __future__ import annotations

from typing import Any

from docgen.errors import Code, DocgenError


class DeskProblem(DocgenError):
    exit_code = 2
    code = Code.DESK
    http_status = 400


class NotFound(DeskProblem):
    """No such project — or one the account may not see: the two are answered alike (404)."""

    http_status = 404

    def __init__(self, message: str = "没有这个项目（可能已被删除，或不属于您的单位）") -> None:
        super().__init__(message)


class Forbidden(DeskProblem):
    http_status = 403


class Unauthorized(DeskProblem):
    http_status = 401


class Unprocessable(DeskProblem):
    """The request is understood but its content cannot be taken (a value its field cannot hold)."""

    http_status = 422

    def __init__(self, message: str, field: str | None = None, extra: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.field = field
        self.extra = extra or {}


class Conflicted(DeskProblem):
    """The page or script acted on values that are no longer there; nothing was written."""

    http_status = 409

    def __init__(self, message: str, payload: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.payload = payload or {}


class PreconditionFailed(DeskProblem):
    """``If-Match`` named a version that is not the current one."""

    http_status = 412


class TooMany(DeskProblem):
    """Sign-in attempts must wait."""

    http_status = 429

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


__all__ = [
    "Conflicted",
    "DeskProblem",
    "Forbidden",
    "NotFound",
    "PreconditionFailed",
    "TooMany",
    "Unauthorized",
    "Unprocessable",
]
