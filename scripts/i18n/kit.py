"""Dutch for the blackout kit, the paper forms of a point and the three apps registered empty."""

NL = {
    "Programme": "Programma",
    "Knowledge platform": "Kennisplatform",
    "Laptop instances and synchronisation": "Laptopinstallaties en synchronisatie",
    # operations/paper.py
    "Point %(code)s/%(mark)s — %(name)s": "Punt %(code)s/%(mark)s — %(name)s",
    "Say: %(spoken)s": "Zeg: %(spoken)s",
    "page": "pagina",
    "Status form": "Statusformulier",
    "Write one line per report, field by field, then read it out over the radio as it stands: "
    "%(pattern)s. Tick the last box when the operator has read it back correctly.": (
        "Schrijf per melding één regel, vak voor vak, en lees die zo voor over de portofoon: "
        "%(pattern)s. Zet een vinkje in het laatste vak als de meldkamer hem goed heeft "
        "teruggelezen."
    ),
    "read back": "teruggelezen",
    "Status form %(code)s": "Statusformulier %(code)s",
    "Help request form": "Hulpvraagformulier",
    "One block per request. Read the point code, the time, the letter of the kind and the "
    "priority out over the radio first, then the description.": (
        "Eén blok per hulpvraag. Lees over de portofoon eerst de puntcode, de tijd, de letter van "
        "de soort en de prioriteit voor, daarna de omschrijving."
    ),
    "Request %(n)s": "Hulpvraag %(n)s",
    "Time (DDUUMM)": "Tijd (DDUUMM)",
    "Asked by (name, how to reach)": "Gevraagd door (naam, hoe bereikbaar)",
    "Passed to (who, at what time)": "Doorgegeven aan (wie, hoe laat)",
    "Done (time, outcome)": "Afgehandeld (tijd, resultaat)",
    "Help request form %(code)s": "Hulpvraagformulier %(code)s",
    # sync/kit.py and the kit command
    "%(code)s is not a coordination point of %(region)s (known: %(known)s).": (
        "%(code)s is geen coördinatiepunt van %(region)s (bekend: %(known)s)."
    ),
    "Public site of the area…": "Publieke site van het gebied…",
    "Paper for %(code)s…": "Papier voor %(code)s…",
    "Could not write %(dir)s: %(error)s": "Kon %(dir)s niet schrijven: %(error)s",
    "%(target)s: kit of %(code)s with %(points)s points, %(files)s files.": (
        "%(target)s: noodpakket van %(code)s met %(points)s punten, %(files)s bestanden."
    ),
    # sync/templates/sync/kit_readme.txt
    "BLACKOUT KIT of coordination point %(name)s (%(code)s), %(region)s": (
        "NOODPAKKET BIJ STROOMUITVAL van coördinatiepunt %(name)s (%(code)s), %(region)s"
    ),
    "Made on %(date)s. Replace it with a new kit after every change of the points.": (
        "Gemaakt op %(date)s. Vervang het door een nieuw pakket na elke wijziging van de punten."
    ),
    "This stick works without Paraat, without internet and without a server. Open the files on "
    "any laptop.": (
        "Deze stick werkt zonder Paraat, zonder internet en zonder server. Open de bestanden op "
        "elke laptop."
    ),
    "The public information site of this area: open it in any web browser, straight from the "
    "stick. Residents find their nearest noodsteunpunt by postcode and what to do now. Copy the "
    "folder publiek to any web server, or show it on a screen at the point.": (
        "De publieksinformatie van dit gebied: open hem in elke webbrowser, rechtstreeks van de "
        "stick. Inwoners vinden op postcode hun dichtstbijzijnde noodsteunpunt en wat ze nu moeten "
        "doen. Kopieer de map publiek naar een webserver, of toon hem op een scherm bij het punt."
    ),
    "It holds %(n)s postcode or area page.": "Er staat %(n)s postcode- of gebiedspagina in.",
    "It holds %(n)s postcode and area pages.": "Er staan %(n)s postcode- en gebiedspagina's in.",
    "The poster for the door of the point, in Dutch and in English.": (
        "De poster voor de deur van het punt, in het Nederlands en in het Engels."
    ),
    "The radio card: how the point lead makes the one-line status report with a pencil and "
    "reads it out over the radio.": (
        "De portofoonkaart: hoe de puntleider met een potlood de statusmelding van één regel "
        "maakt en over de portofoon voorleest."
    ),
    "A blank form to write the status lines on, one row per report, with the boxes in the order "
    "of the radio line.": (
        "Een leeg formulier voor de statusregels, één rij per melding, met de vakken in de "
        "volgorde van de portofoonregel."
    ),
    "A blank form for help requests, with the same kinds and priorities the crisis staff use.": (
        "Een leeg formulier voor hulpvragen, met dezelfde soorten en prioriteiten als de "
        "crisisstaf gebruikt."
    ),
    "Points in this kit:": "Punten in dit pakket:",
    "A list of every file on the stick with its size and SHA-256 checksum, to check that a copy "
    "is complete.": (
        "Een lijst van elk bestand op de stick met grootte en SHA-256-controlegetal, om na te gaan "
        "of een kopie compleet is."
    ),
    "Print the radio cards and forms before the power goes out, and put one set at every point.": (
        "Druk de portofoonkaarten en formulieren af voordat de stroom uitvalt, en leg bij elk punt "
        "een set."
    ),
    "code": "code",
}
