"""The region code in /public/<code>/ URLs, registered once however often the URLconf loads."""

from django.urls import register_converter
from django.urls.converters import get_converters


class RegionCodeConverter:
    """A region's code as ``paraat region create`` allows it (areas.regions.CODE_PATTERN):
    upper case, so it never takes a page's own lower-case path (en/, postcode/, ...)."""

    regex = "[A-Z][A-Z0-9-]{1,9}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


def register() -> None:
    if "region" not in get_converters():
        register_converter(RegionCodeConverter, "region")
