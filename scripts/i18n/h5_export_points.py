NL = {
    "%(dir)s holds no public export to update: run export-public without --points first.": "%(dir)s bevat geen publieke export om bij te werken: voer eerst export-public uit zonder --points.",
    "Unknown point code (or not active): %(codes)s": "Onbekende puntcode (of niet actief): %(codes)s",
}
