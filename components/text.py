"""Untrusted text (quotes, names, URLs from uploads) made safe for Markdown and HTML output."""

from __future__ import annotations

import html
import re
from urllib.parse import urlparse

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$])")


def escape_markdown(text: str) -> str:
    """Backslash every Markdown control character, so text shows as typed and never as markup."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def escape_html(text: object) -> str:
    """HTML-escape anything (None -> '')."""
    return "" if text is None else html.escape(str(text), quote=True)


def safe_url(url: object) -> str | None:
    """The URL when it is http(s), else None: no javascript:, data: or relative links."""
    if not isinstance(url, str):
        return None
    parsed = urlparse(url.strip())
    if parsed.scheme in ("http", "https") and parsed.netloc:
        return url.strip()
    return None
