"""Dutch for the msgids of branch h10c (standards and interop)."""

NL = {
    "The layer “%(kind)s” has no areas in %(count)d of %(total)d municipalities (%(names)s): their residents are not counted, so the coverage is not that of the whole region.": "De laag “%(kind)s” heeft geen gebieden in %(count)d van de %(total)d gemeenten (%(names)s): hun inwoners tellen niet mee, dus de dekking is niet die van de hele regio.",
    "The areas of the layer “%(kind)s” hold %(share)s%% of the residents of the municipalities: the others are not counted.": "De gebieden van de laag “%(kind)s” bevatten %(share)s%% van de inwoners van de gemeenten: de anderen tellen niet mee.",
    "Areas with figures (GeoJSON)": "Gebieden met cijfers (GeoJSON)",
    "All tables (Excel)": "Alle tabellen (Excel)",
    "Proposed sites (GeoJSON)": "Voorgestelde locaties (GeoJSON)",
    "Generator: %(kw)s kW is less than the %(need)s kW needed, so its fuel does not count": "Aggregaat: %(kw)s kW is minder dan de benodigde %(need)s kW, dus de brandstof telt niet mee",
    # API conventions (core/api.py)
    "The request is not valid.": "Het verzoek is niet geldig.",
    "Choose one of: %(choices)s.": "Kies een van: %(choices)s.",
    "Give this parameter once.": "Geef deze parameter één keer.",
    "Use a whole number from %(low)d to %(high)d.": "Gebruik een heel getal van %(low)d tot en met %(high)d.",
    "There is no API endpoint at this address.": "Op dit adres is geen API-endpoint.",
}
