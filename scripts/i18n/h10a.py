"""Dutch for the strings of branch h10a (one owner for a point's state; what residents see)."""

NL = {
    "No report yet": "Nog geen melding",
    "Current": "Actueel",
    "Stale": "Verouderd",
    "This key was already used for a report with a different content; send a new report with a new key.": (
        "Deze sleutel is al gebruikt voor een melding met een andere inhoud; "
        "stuur de nieuwe melding met een nieuwe sleutel."
    ),
    "The time of the report (%(when)s) is long before the incident started (%(start)s): check the date.": (
        "Het tijdstip van de melding (%(when)s) ligt ver voor het begin van het incident "
        "(%(start)s): controleer de datum."
    ),
    "Not opened for this incident. Go to a point that is open.": (
        "Niet geopend voor dit incident. Ga naar een punt dat open is."
    ),
    "%(n)s other alert in the region, not for this postcode": (
        "%(n)s andere waarschuwing in de regio, niet voor deze postcode"
    ),
    "%(n)s other alerts in the region, not for this postcode": (
        "%(n)s andere waarschuwingen in de regio, niet voor deze postcode"
    ),
    "No internet": "Geen internet",
    "No internet: this page is not saved on your phone": (
        "Geen internet: deze pagina staat niet op uw telefoon"
    ),
    "Without internet your phone can only show pages it saved before. Below are all emergency support points of the region as last known on this phone. Whether a point is open now is not known here.": (
        "Zonder internet kan uw telefoon alleen pagina's tonen die hij eerder heeft bewaard. "
        "Hieronder staan alle noodsteunpunten van de regio zoals deze telefoon ze het laatst "
        "kende. Of een punt nu open is, is hier niet bekend."
    ),
    "Nearest to postcode CODE first.": "Het dichtst bij postcode CODE eerst.",
    "To the home page": "Naar de startpagina",
    "What you can do": "Wat u kunt doen",
    "Is this point open now?": "Is dit punt nu open?",
    "Look on the website:": "Kijk op de website:",
    "Listen to the regional radio station, or ask at a coordination point.": (
        "Luister naar de regionale omroep, of vraag het bij een coördinatiepunt."
    ),
    "When it is open, this point offers": "Als het open is, biedt dit punt",
}
