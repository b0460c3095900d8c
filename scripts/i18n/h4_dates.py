"""Dutch for the date formats (paraat.core.when)."""

NL = {
    "just now": "zojuist",
    "%(n)d minute ago": "%(n)d minuut geleden",
    "%(n)d minutes ago": "%(n)d minuten geleden",
    "%(n)d hour ago": "%(n)d uur geleden",
    "%(n)d hours ago": "%(n)d uur geleden",
    "%(n)d day ago": "%(n)d dag geleden",
    "%(n)d days ago": "%(n)d dagen geleden",
}
