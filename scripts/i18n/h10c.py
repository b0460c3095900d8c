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
    # Region identity for CAP alerts (areas)
    "The region's domain or an address at it, e.g. vrbn.nl or alerts@vrbn.nl.": "Het domein van de regio of een adres daarop, bijvoorbeeld vrbn.nl of alerts@vrbn.nl.",
    "web page for alerts": "webpagina voor waarschuwingen",
    "Where residents read more about an alert, when the alert names no page.": "Waar inwoners meer lezen over een waarschuwing, als de waarschuwing zelf geen pagina noemt.",
    "contact for alerts": "contact voor waarschuwingen",
    "How residents reach the region about an alert, e.g. a phone number.": "Hoe inwoners de regio bereiken over een waarschuwing, bijvoorbeeld een telefoonnummer.",
    "Use the region's domain or an address at it, e.g. vrbn.nl or alerts@vrbn.nl.": "Gebruik het domein van de regio of een adres daarop, bijvoorbeeld vrbn.nl of alerts@vrbn.nl.",
    "Give the full address of the page, starting with https://.": "Geef het volledige adres van de pagina, beginnend met https://.",
    "At most 200 characters.": "Hoogstens 200 tekens.",
}
