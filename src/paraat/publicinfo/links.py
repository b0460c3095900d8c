"""Where the resident pages' links point (the live site or a static copy with relative links),
and the cache of rendered pages, kept per snapshot version."""

from __future__ import annotations

import posixpath
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.templatetags.static import static as static_url
from django.urls import reverse

LANGUAGES = ("nl", "en")


# Links -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Site:
    """Where links point: the live site, or a static copy with relative links from ``here``."""

    language: str = "nl"
    static: bool = False
    here: str = ""  # static only: this page's file, relative to the export root
    region: str = ""  # live only: a region's code for /public/<code>/; empty for /public/

    def page(self, path: str = "", language: str | None = None) -> str:
        prefix = "" if (language or self.language) == "nl" else "en/"
        if self.static:
            return self._relative(f"{prefix}{path}index.html")
        return f"{live_root(self.region)}{prefix}{path}"

    def shared(self, path: str) -> str:
        """Files that are the same in both languages: posters, data, manifest, service worker."""
        return self._relative(path) if self.static else f"{live_root(self.region)}{path}"

    def localized(self, path: str, language: str | None = None) -> str:
        """A file in this language's part of the site (posters): posters/... or en/posters/..."""
        prefix = "" if (language or self.language) == "nl" else "en/"
        return self.shared(f"{prefix}{path}")

    def asset(self, name: str) -> str:
        if self.static:
            return self._relative(f"static/publicinfo/{name}")
        return static_url(f"publicinfo/{name}")

    def _relative(self, target: str) -> str:
        start = posixpath.dirname(self.here) or "."
        return posixpath.relpath(target, start)


def live_root(region: str = "") -> str:
    """/public/ (the installation's default region) or /public/<code>/ (one of several)."""
    if region:
        return reverse("publicinfo:home", kwargs={"region": region})
    return reverse("publicinfo:home")


def page_file(path: str, language: str) -> str:
    """The export's file for a page path ("" for home, "postcode/5211/", ...)."""
    return f"{'' if language == 'nl' else 'en/'}{path}index.html"


# Rendered-page cache -------------------------------------------------------------------------

_cache: OrderedDict[Hashable, bytes] = OrderedDict()
_cache_lock = threading.Lock()
CACHE_SIZE = 4096


def cached(key: Hashable, build: Callable[[], bytes]) -> bytes:
    with _cache_lock:
        hit = _cache.get(key)
        if hit is not None:
            _cache.move_to_end(key)
            return hit
    made = build()
    with _cache_lock:
        _cache[key] = made
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return made


def clear_cache() -> None:
    with _cache_lock:
        _cache.clear()


def render(template: str, context: dict[str, Any]) -> bytes:
    return render_to_string(template, context).encode()
