"""Dutch for the sitrep's content, shared by its page and its PDF (operations/sitrep.py)."""

NL = {
    "%(minutes)s min ago": "%(minutes)s min geleden",
    "Fuel below 12 hours": "Brandstof < 12 uur",
}
