"""Dutch for the region, area, volunteer and point importers' messages and their commands."""

NL = {
    "'%(code)s' is not a region code (example: VR21)": "'%(code)s' is geen regiocode (voorbeeld: VR21)",
    "the name of the region is missing": "de naam van de regio ontbreekt",
    "code %(code)s is already the region %(name)s; choose another code or the same name": (
        "code %(code)s is al de regio %(name)s; kies een andere code of dezelfde naam"
    ),
    "municipality %(code)s already belongs to region %(region)s (%(name)s)": (
        "gemeente %(code)s hoort al bij regio %(region)s (%(name)s)"
    ),
    "load the region's municipalities first (--kind municipality)": (
        "laad eerst de gemeenten van de regio (--kind municipality)"
    ),
    "municipality %(code)s is not known in region %(region)s": (
        "gemeente %(code)s is niet bekend in regio %(region)s"
    ),
    "the area lies in no municipality of region %(region)s; give gm_code": (
        "het gebied ligt in geen gemeente van regio %(region)s; geef gm_code op"
    ),
    "column missing": "kolom ontbreekt",
    "unknown skill: %(skills)s": "onbekende vaardigheid: %(skills)s",
    "unknown organisation '%(name)s'": "onbekende organisatie '%(name)s'",
    "'%(value)s' is not skill:issuer:YYYY-MM-DD": "'%(value)s' is niet vaardigheid:uitgever:JJJJ-MM-DD",
    "unknown skill '%(skill)s'": "onbekende vaardigheid '%(skill)s'",
    "unknown point: %(codes)s": "onbekend punt: %(codes)s",
    "unknown municipality '%(code)s'": "onbekende gemeente '%(code)s'",
    "unknown area: %(codes)s": "onbekend gebied: %(codes)s",
    "unknown format %(suffix)s; use %(formats)s": "onbekend formaat %(suffix)s; gebruik %(formats)s",
    "'%(value)s' is not yes or no": "'%(value)s' is geen ja of nee",
    "'%(value)s' is not a date (use YYYY-MM-DD)": "'%(value)s' is geen datum (gebruik JJJJ-MM-DD)",
    "'%(value)s' is not a whole number": "'%(value)s' is geen heel getal",
    "'%(value)s' is unknown; choose from %(choices)s": "'%(value)s' is onbekend; kies uit %(choices)s",
    "not a valid list of contacts (JSON)": "geen geldige lijst contactpersonen (JSON)",
    "contact %(number)s: '%(key)s' must be text": "contactpersoon %(number)s: '%(key)s' moet tekst zijn",
    "contact %(number)s: 'available_24_7' must be true or false": (
        "contactpersoon %(number)s: 'available_24_7' moet true of false zijn"
    ),
    "the location is missing": "de locatie ontbreekt",
    "this point lies in a municipality you have no rights for": (
        "dit punt ligt in een gemeente waarvoor u geen rechten hebt"
    ),
    "row %(row)s: %(name)s is a mobile polling station, not a building": (
        "rij %(row)s: %(name)s is een mobiel stembureau, geen gebouw"
    ),
    "row %(row)s: %(name)s has no location": "rij %(row)s: %(name)s heeft geen locatie",
    "No municipality with code %(code)s in %(region)s": "Geen gemeente met code %(code)s in %(region)s",
    "%(file)s: file not found": "%(file)s: bestand niet gevonden",
    "--osm writes GeoJSON; use the extension .geojson": (
        "--osm schrijft GeoJSON; gebruik de extensie .geojson"
    ),
    "%(count)s points written to %(file)s": "%(count)s punten geschreven naar %(file)s",
}
