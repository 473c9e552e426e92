"""Camera URLs carry passwords (``rtsp://admin:pass@host``); they are never shown or logged in clear.

``mask_url`` is what every log line, error message, status bar and export uses. Secrets in the
query string (``?password=…``, ``&token=…``), as some NVRs expect them, are masked too.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

MASK = "***"
_SECRET_KEYS = {"password", "passwd", "pwd", "pass", "token", "access_token", "key", "secret", "auth"}
# Fallback for strings urlsplit cannot take apart (odd schemes, stray spaces): scheme://user:pass@
_USERINFO = re.compile(r"(?P<head>[a-zA-Z][a-zA-Z0-9+.\-]*://[^/@:\s]*):(?P<pw>[^/@\s]*)@")


def mask_url(url: str | None) -> str:
    """The URL with the password of its user part and secret query values replaced by ``***``."""
    if not url:
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return _USERINFO.sub(lambda m: f"{m['head']}:{MASK}@", url)
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, host = netloc.rsplit("@", 1)
        if ":" in userinfo:
            user = userinfo.split(":", 1)[0]
            netloc = f"{user}:{MASK}@{host}"
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        if any(k.lower() in _SECRET_KEYS for k, _ in pairs):
            query = urlencode([(k, MASK if k.lower() in _SECRET_KEYS else v) for k, v in pairs], safe="*")
    masked = urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))
    # Anything urlsplit did not recognise as user info (e.g. a scheme-less string) gets the regex pass.
    return _USERINFO.sub(lambda m: f"{m['head']}:{MASK}@", masked)


def has_secret(url: str | None) -> bool:
    """True when the URL holds something ``mask_url`` would hide."""
    return bool(url) and mask_url(url) != url
