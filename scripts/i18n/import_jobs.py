"""Dutch for area imports in the background worker."""

NL = {
    "Reading %(file)s": "%(file)s lezen",
    "… and %(count)d more in the report %(report)s": "… en nog %(count)d in het verslag %(report)s",
}
