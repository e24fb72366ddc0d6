"""The id of the request being served, for logs and the audit trail."""

import re
import uuid
from contextvars import ContextVar

_request_id: ContextVar[str | None] = ContextVar("star_request_id", default=None)
_ACCEPTABLE = re.compile(r"^[A-Za-z0-9\-]{8,64}$")


def new_request_id(incoming: str | None = None) -> str:
    """Use a well-formed id from a trusted proxy header, otherwise make one."""
    if incoming and _ACCEPTABLE.match(incoming):
        return incoming
    return uuid.uuid4().hex


def set_request_id(value: str | None):
    return _request_id.set(value)


def reset_request_id(token) -> None:
    _request_id.reset(token)


def get_request_id() -> str | None:
    return _request_id.get()
