"""Dutch for the change history as sentences (paraat.core.history)."""

NL = {
    "(personal data)": "(persoonsgegevens)",
    "system": "systeem",
    "by %(name)s": "door %(name)s",
    "and %(n)s more": "en nog %(n)s",
}
