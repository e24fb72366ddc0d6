"""Structured (JSON lines) logging with the request id and no personal data."""

import json
import logging

from .request_id import get_request_id

# Attributes of a LogRecord that must never reach the log: Django attaches the request object
# (with its session, user and body) to error records.
_DROPPED = {"request", "args", "msg"}
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request_id"}


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = get_request_id() or "-"
        return True


class StructuredFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", "-"),
            "message": record.getMessage(),
        }
        status = getattr(record, "status_code", None)
        if status is not None:
            entry["status"] = status
        for key, value in vars(record).items():
            plain = isinstance(value, (str, int, float, bool)) or value is None
            if plain and key not in _STANDARD and key not in _DROPPED and key != "status_code":
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry)
