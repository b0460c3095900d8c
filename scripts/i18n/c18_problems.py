"""Dutch for the messages of the file readers, the area importer, demand and walking networks."""

NL = {
    "unknown file type '%(suffix)s'; use %(supported)s": (
        "onbekend bestandstype '%(suffix)s'; gebruik %(supported)s"
    ),
    "the file is empty or does not exist": "het bestand is leeg of bestaat niet",
    "the file cannot be read (%(error)s)": "het bestand kan niet gelezen worden (%(error)s)",
    "the file names the coordinate reference system '%(crs)s', which Paraat does not know; use "
    "RD New (EPSG:28992) or WGS84 (EPSG:4326)": (
        "het bestand noemt coördinatenstelsel '%(crs)s', dat Paraat niet kent; gebruik RD New "
        "(EPSG:28992) of WGS84 (EPSG:4326)"
    ),
    "the file names the coordinate reference system EPSG:%(code)s, which Paraat does not know; "
    "use RD New (EPSG:28992) or WGS84 (EPSG:4326)": (
        "het bestand noemt coördinatenstelsel EPSG:%(code)s, dat Paraat niet kent; gebruik RD New "
        "(EPSG:28992) of WGS84 (EPSG:4326)"
    ),
    "the file has more than %(limit)s rows; split it into smaller files": (
        "het bestand heeft meer dan %(limit)s rijen; splits het in kleinere bestanden"
    ),
    "invalid geometry (%(error)s)": "ongeldige geometrie (%(error)s)",
    "the geometry has coordinates that are not numbers": (
        "de geometrie heeft coördinaten die geen getal zijn"
    ),
    "the value holds a NUL or other control character": (
        "de waarde bevat een NUL-teken of ander stuurteken"
    ),
    "this is not a valid zip file": "dit is geen geldig zip-bestand",
    "the zip file holds no shapefile (.shp)": "het zip-bestand bevat geen shapefile (.shp)",
    "the zip file holds more than one shapefile: %(names)s": (
        "het zip-bestand bevat meer dan één shapefile: %(names)s"
    ),
    "invalid UTF-16 text (%(error)s)": "ongeldige UTF-16-tekst (%(error)s)",
    "the file is UTF-8, but byte %(offset)s (0x%(byte)s) is not valid UTF-8; save the file again "
    "as UTF-8": (
        "het bestand is UTF-8, maar byte %(offset)s (0x%(byte)s) is geen geldige UTF-8; sla het "
        "bestand opnieuw op als UTF-8"
    ),
    "the CSV line cannot be read (%(error)s)": "de CSV-regel is niet te lezen (%(error)s)",
    "the file has no header row": "het bestand bevat geen kopregel",
    "the Excel file cannot be read (%(error)s)": "het Excel-bestand kan niet gelezen worden (%(error)s)",
    "the first sheet has no header row": "het eerste werkblad bevat geen kopregel",
    "the header row has duplicate column names": "de kopregel bevat dubbele kolomnamen",
    "%(values)s values but the header row has %(columns)s columns": (
        "%(values)s waarden maar de kopregel heeft %(columns)s kolommen"
    ),
    "not a valid WKT geometry (%(error)s)": "geen geldige WKT-geometrie (%(error)s)",
    "'%(value)s' is not a number": "'%(value)s' is geen getal",
    "'%(value)s' is too large": "'%(value)s' is te groot",
    "'%(value)s' is not a finite number": "'%(value)s' is geen eindig getal",
    "row %(row)s": "rij %(row)s",
    "field '%(field)s'": "veld '%(field)s'",
    "the file holds no geometries (no geometry, WKT or x/y column)": (
        "het bestand bevat geen geometrieën (geen geometrie, WKT- of x/y-kolom)"
    ),
    "the coordinate reference system cannot be recognised; give --crs 28992 (RD New) or --crs "
    "4326 (WGS84)": (
        "het coördinatenstelsel is niet te herkennen; geef --crs 28992 (RD New) of --crs 4326 "
        "(WGS84) op"
    ),
    "the file is given as %(given)s, but the coordinates look like %(found)s; give --crs "
    "%(code)s": (
        "het bestand is opgegeven als %(given)s, maar de coördinaten lijken %(found)s; geef --crs "
        "%(code)s op"
    ),
    "'%(value)s' is negative": "'%(value)s' is negatief",
    "'%(value)s' is improbably large: more than %(limit)s (the Netherlands has about 18 million "
    "inhabitants)": (
        "'%(value)s' is onwaarschijnlijk groot: meer dan %(limit)s (Nederland heeft ongeveer 18 "
        "miljoen inwoners)"
    ),
    "'%(value)s' is not a whole number of people": "'%(value)s' is geen heel aantal personen",
    "the kind of areas cannot be recognised; give --kind (municipality, wijk, buurt, pc4, pc6 or "
    "grid)": (
        "de soort gebieden is niet te herkennen; geef --kind op (municipality, wijk, buurt, pc4, "
        "pc6 of grid)"
    ),
    "no column with the code found; expected one of: %(names)s": (
        "geen kolom met de code gevonden; verwacht een van: %(names)s"
    ),
    "the code is missing": "de code ontbreekt",
    "'%(code)s' is not a valid code (example: %(example)s)": (
        "'%(code)s' is geen geldige code (voorbeeld: %(example)s)"
    ),
    "code %(code)s is also in row %(row)s": "code %(code)s staat ook in rij %(row)s",
    "percentage %(share)s is more than 100": "percentage %(share)s is groter dan 100",
    "%(value)s is more than the number of inhabitants (%(population)s); rounded to 5 by CBS, "
    "taken as published": (
        "%(value)s is meer dan het aantal inwoners (%(population)s); door CBS afgerond op 5, "
        "overgenomen zoals gepubliceerd"
    ),
    "%(value)s is more than the number of inhabitants (%(population)s)": (
        "%(value)s is meer dan het aantal inwoners (%(population)s)"
    ),
    "the file holds no rows": "het bestand bevat geen rijen",
    "the geometry is missing": "de geometrie ontbreekt",
    "expected an area (Polygon), not %(kind)s": "verwacht een vlak (Polygon), niet %(kind)s",
    "invalid geometry: %(reason)s": "ongeldige geometrie: %(reason)s",
    "the geometry lies (partly) outside the Netherlands; check the coordinate reference system "
    "(--crs)": (
        "de geometrie ligt (deels) buiten Nederland; controleer het coördinatenstelsel (--crs)"
    ),
    "area %(code)s: '%(key)s' is not a number (%(value)r)": (
        "gebied %(code)s: '%(key)s' is geen getal (%(value)r)"
    ),
    "area %(code)s: '%(key)s' must be 0 or more, not %(value)r": (
        "gebied %(code)s: '%(key)s' moet 0 of meer zijn, niet %(value)r"
    ),
    "the cell size must be more than 0 metres, not %(value)r": (
        "de celgrootte moet meer dan 0 meter zijn, niet %(value)r"
    ),
    "there are no areas to spread the residents over": (
        "er zijn geen gebieden om de inwoners over te verdelen"
    ),
    "area %(code)s: the area has no geometry": "gebied %(code)s: het gebied heeft geen geometrie",
    "no area has a number of residents": "geen enkel gebied heeft een aantal inwoners",
    "the areas have 0 residents together": "de gebieden hebben samen 0 inwoners",
    "x has %(x)s values but y has %(y)s": "x heeft %(x)s waarden maar y heeft er %(y)s",
    "the points have no weight 'residents'": "de punten hebben geen gewicht 'residents' (inwoners)",
    "point %(index)s has no valid coordinates": "punt %(index)s heeft geen geldige coördinaten",
    "weight '%(key)s' has %(values)s values for %(points)s points": (
        "gewicht '%(key)s' heeft %(values)s waarden voor %(points)s punten"
    ),
    "point %(index)s: weight '%(key)s' must be 0 or more, not %(value)r": (
        "punt %(index)s: gewicht '%(key)s' moet 0 of meer zijn, niet %(value)r"
    ),
    "area has %(values)s values for %(points)s points": (
        "area heeft %(values)s waarden voor %(points)s punten"
    ),
    "%(name)s: expected an (n, 2) table of x and y in metres, not shape %(shape)s": (
        "%(name)s: verwacht een (n, 2)-tabel met x en y in meters, niet de vorm %(shape)s"
    ),
    "%(name)s: point %(index)s has no valid coordinates": (
        "%(name)s: punt %(index)s heeft geen geldige coördinaten"
    ),
    "the distance limit must be more than 0 metres, not %(value)r": (
        "de afstandsgrens moet meer dan 0 meter zijn, niet %(value)r"
    ),
    "%(name)s: the file is empty or does not exist": "%(name)s: het bestand is leeg of bestaat niet",
    "%(name)s: the OpenStreetMap file cannot be read (%(error)s)": (
        "%(name)s: het OpenStreetMap-bestand kan niet gelezen worden (%(error)s)"
    ),
    "%(name)s: no walkable roads found": "%(name)s: geen begaanbare wegen gevonden",
    "%(name)s: no walkable roads (lines) found": "%(name)s: geen begaanbare wegen (lijnen) gevonden",
    "%(name)s: the coordinate reference system is unknown and the lines do not lie in the "
    "Netherlands": (
        "%(name)s: het coördinatenstelsel is onbekend en de lijnen liggen niet in Nederland"
    ),
    "%(name)s: unknown version %(version)s of the network": (
        "%(name)s: onbekende versie %(version)s van het netwerk"
    ),
    "%(name)s: not a saved walking network (%(error)s)": (
        "%(name)s: geen opgeslagen wandelnetwerk (%(error)s)"
    ),
}
