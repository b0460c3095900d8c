NL = {
    "Since %(when)s, as reported by the point.": "Sinds %(when)s, volgens het punt.",
}
