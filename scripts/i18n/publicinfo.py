NL = {
    "Public information": "Publieksinformatie",
    "Any emergency": "Elke noodsituatie",
    "Cyber attack or payment outage": "Cyberaanval of uitval van betalen",
    "Extreme heat": "Extreme hitte",
    "Storm": "Storm",
    "Smoke or hazardous substances": "Rook of gevaarlijke stoffen",
    "Infectious disease outbreak": "Uitbraak van een besmettelijke ziekte",
    "Before: be prepared": "Vooraf: wees voorbereid",
    "During": "Tijdens",
    "After": "Daarna",
    "Open, with limits": "Open, met beperkingen",
    "Being opened": "Gaat open",
    "Not opened": "Niet open",
    "Long sentence (%(n)s words): “%(sentence)s”. Split it in two.": (
        "Lange zin (%(n)s woorden): “%(sentence)s”. Maak er twee zinnen van."
    ),
    "Sentences have %(n)s words on average; aim for 12 or fewer.": (
        "Zinnen hebben gemiddeld %(n)s woorden; probeer 12 of minder."
    ),
    "Reading ease score %(score)s is below %(min)s: use shorter words and sentences.": (
        "Leesbaarheidsscore %(score)s is lager dan %(min)s: gebruik kortere woorden en zinnen."
    ),
    "Long words: %(words)s. Use shorter, common words where you can.": (
        "Lange woorden: %(words)s. Gebruik waar het kan kortere, gewone woorden."
    ),
    "Phone number of %(name)s": "Telefoonnummer van %(name)s",
    "Website of %(name)s": "Website van %(name)s",
    "risk": "risico",
    "language": "taal",
    "Short sentences in plain words. A line that starts with '- ' is a list item; "
    "an empty line starts a new paragraph.": (
        "Korte zinnen in gewone woorden. Een regel die begint met '- ' is een opsomming; "
        "een lege regel begint een nieuwe alinea."
    ),
    "sources": "bronnen",
    "updated at": "bijgewerkt op",
    "action advice": "handelingsperspectief",
    "phone number for residents": "telefoonnummer voor inwoners",
    "website": "website",
    "municipality contact": "contactgegevens gemeente",
    "municipality contacts": "contactgegevens gemeenten",
    "your region": "uw regio",
    "a crisis": "een crisis",
    "TEST": "TEST",
    "Not open now. In a crisis, this is where you go.": (
        "Nu niet open. Bij een crisis gaat u hierheen."
    ),
    "The point is being opened. Staff are on their way.": (
        "Het punt gaat open. De mensen van het punt zijn onderweg."
    ),
    "Go to another point if you can.": "Ga naar een ander punt als dat kan.",
    "Go to another point.": "Ga naar een ander punt.",
    "Not every service is available.": "Niet alle hulp is er.",
    "%(m)s m": "%(m)s m",
    "%(km)s km": "%(km)s km",
    "%(n)s minute on foot": "%(n)s minuut lopen",
    "%(n)s minutes on foot": "%(n)s minuten lopen",
    "about %(amount)s (%(walk)s)": "ongeveer %(amount)s (%(walk)s)",
    "Available now": "Nu beschikbaar",
    "In a crisis this point offers": "Bij een crisis vindt u hier",
    "Last report: %(when)s. This may have changed.": (
        "Laatste melding: %(when)s. Dit kan veranderd zijn."
    ),
    "Reported by the point at %(when)s.": "Gemeld door het punt om %(when)s.",
    "Coordination point (fire station)": "Coördinatiepunt (brandweerkazerne)",
    "Map: %(place)s and the nearest points, numbered as in the list": (
        "Kaart: %(place)s en de dichtstbijzijnde punten, genummerd zoals in de lijst"
    ),
    "Distances are walking distances over the street network.": (
        "Afstanden zijn loopafstanden over de straten."
    ),
    "Distances are estimates: the straight-line distance times 1.2, because streets do not "
    "run straight. The real walk can be longer, for example along a canal.": (
        "Afstanden zijn een schatting: de afstand in een rechte lijn keer 1,2, omdat straten "
        "niet recht lopen. De echte route kan langer zijn, bijvoorbeeld langs een kanaal."
    ),
    "We looked up the area of the first 4 digits, %(pc4)s.": (
        "We hebben het gebied van de eerste 4 cijfers opgezocht: %(pc4)s."
    ),
    "Postcode %(code)s": "Postcode %(code)s",
    "Emergency support points near postcode %(code)s": "Noodsteunpunten bij postcode %(code)s",
    "This place seems to be outside %(region)s. Look at crisis.nl for the safety region "
    "where you are.": (
        "Deze plek ligt waarschijnlijk buiten %(region)s. Kijk op crisis.nl voor de "
        "veiligheidsregio waar u bent."
    ),
    "Emergency support points near your location": "Noodsteunpunten bij uw locatie",
    "Your location": "Uw locatie",
    "We do not know postcode %(code)s in %(region)s. Check the number, or look at crisis.nl "
    "for the safety region where you live.": (
        "Postcode %(code)s kennen we niet in %(region)s. Kijk of het nummer klopt. Of kijk op "
        "crisis.nl voor de veiligheidsregio waar u woont."
    ),
    "Numbers to remember": "Belangrijke nummers",
    "Emergency: danger to people or animals": "Spoed: gevaar voor mensen of dieren",
    "Power or gas outage": "Storing van stroom of gas",
    "Municipality of %(name)s": "Gemeente %(name)s",
    "Blue square: your area. Numbers: the points in the list.": (
        "Blauw vierkant: uw gebied. Nummers: de punten in de lijst."
    ),
    "District %(name)s (%(municipality)s)": "Wijk %(name)s (%(municipality)s)",
    "Postcode %(code)s (%(municipality)s)": "Postcode %(code)s (%(municipality)s)",
    "Where do I go in a crisis?": "Waar moet ik heen bij een crisis?",
    "Are power, phone or internet down for a long time? Go to an emergency support point. "
    "There you get news and help, and you can report an emergency.": (
        "Doen stroom, telefoon of internet het lang niet? Ga naar een noodsteunpunt. Daar krijgt "
        "u nieuws en hulp. En u kunt er een noodgeval melden."
    ),
    "Nearest emergency support points": "Noodsteunpunten dichtbij",
    "If the power is out for a long time": "Als de stroom lang uitvalt",
    "%(region)s · made %(date)s. Print this poster and hang it where your household sees it. "
    "Points and advice can change: look at the website of your municipality.": (
        "%(region)s · gemaakt %(date)s. Print deze poster en hang hem op een plek waar iedereen "
        "in huis hem ziet. Punten en adviezen kunnen veranderen: kijk op de website van uw "
        "gemeente."
    ),
    "As reported at %(when)s": "Zo gemeld om %(when)s",
    "Full or closed? The nearest other points:": "Vol of dicht? Andere punten dichtbij:",
    "%(region)s · made %(date)s.": "%(region)s · gemaakt %(date)s.",
    "Write a title.": "Schrijf een titel.",
    "Write the advice.": "Schrijf het advies.",
    "Use only digits, spaces, hyphens and +.": "Gebruik alleen cijfers, spaties, streepjes en +.",
    "More advice": "Meer adviezen",
    "Your postcode (4 digits, or 4 digits and 2 letters)": (
        "Uw postcode (4 cijfers, of 4 cijfers en 2 letters)"
    ),
    "Your postcode (4 digits)": "Uw postcode (4 cijfers)",
    "Search": "Zoeken",
    "Use my location": "Gebruik mijn locatie",
    "About this site": "Over deze site",
    "This site shows the emergency support points of %(region)s (%(n)s points).": (
        "Deze site toont de noodsteunpunten van %(region)s (%(n)s punten)."
    ),
    "Distances": "Afstanden",
    "Postcode areas: %(pc4)s with 4 digits and %(pc6)s with 6 digits.": (
        "Postcodegebieden: %(pc4)s met 4 cijfers en %(pc6)s met 6 cijfers."
    ),
    "Is a point open?": "Is een punt open?",
    "During a crisis, the points report whether they are open. A report older than "
    "%(minutes)s minutes is marked: it may have changed.": (
        "Tijdens een crisis melden de punten of ze open zijn. Is een melding ouder dan "
        "%(minutes)s minuten? Dan ziet u dat erbij staan: het kan veranderd zijn."
    ),
    "Without internet": "Zonder internet",
    "You can install this site on your phone. It then keeps a copy of the advice and of the "
    "last known points, for when the internet is down. Print the poster for your postcode "
    "as well.": (
        "U kunt deze site op uw telefoon zetten. Hij bewaart dan de adviezen en de laatst "
        "bekende punten, voor als het internet uitvalt. Print ook de poster voor uw postcode."
    ),
    "Points as of %(when)s.": "Punten bijgewerkt op %(when)s.",
    "Sources": "Bronnen",
    "What to do in a crisis": "Wat doet u bij een crisis?",
    "Choose a situation. For each one you read what to do before, during and after.": (
        "Kies een situatie. U leest wat u vooraf, tijdens en daarna doet."
    ),
    "now": "nu",
    "Version %(version)s, changed %(when)s.": "Versie %(version)s, gewijzigd %(when)s.",
    "Other situations": "Andere situaties",
    "Look up your emergency support point": "Zoek uw noodsteunpunt op",
    "Where do I go?": "Waar moet ik heen?",
    "Emergency support points near you, whether they are open, and what you can do in a crisis.": (
        "Noodsteunpunten bij u in de buurt, of ze open zijn, en wat u kunt doen bij een crisis."
    ),
    "Now": "Nu",
    "Now: %(label)s": "Nu: %(label)s",
    "since %(since)s": "sinds %(since)s",
    "What to do:": "Wat moet u doen:",
    "sent %(when)s": "verstuurd %(when)s",
    "valid until %(when)s": "geldig tot %(when)s",
    "Alerts as a feed (Atom, with CAP documents)": "Berichten als feed (Atom, met CAP-bestanden)",
    "Public pages": "Pagina's voor inwoners",
    "Prepare for 72 hours": "Voorbereid voor 72 uur",
    "All postcodes": "Alle postcodes",
    "Information as of %(when)s.": "Informatie van %(when)s.",
    "In danger? Call 112.": "In gevaar? Bel 112.",
    "In a crisis, help may take time. Make sure you and your household can manage on your own "
    "for 3 days. This is what you need at home.": (
        "Bij een crisis komt hulp soms later. Zorg dat u en uw huisgenoten 3 dagen zelf kunnen "
        "redden. Dit heeft u thuis nodig."
    ),
    "This text may be too hard to read for many residents (language level B1):": (
        "Deze tekst is misschien te moeilijk voor veel inwoners (taalniveau B1):"
    ),
    "You can still save it.": "U kunt hem toch opslaan.",
    "Version %(version)s.": "Versie %(version)s.",
    "Advice texts for residents": "Adviezen voor inwoners",
    "What residents of %(region)s read per risk and phase, in Dutch and English. Texts should "
    "be at language level B1: short sentences and common words.": (
        "Wat inwoners van %(region)s lezen per risico en fase, in het Nederlands en Engels. "
        "Teksten horen op taalniveau B1: korte zinnen en gewone woorden."
    ),
    "Open the public site": "Open de site voor inwoners",
    "Municipal phone numbers on posters": "Telefoonnummers van gemeenten op posters",
    "%(n)s text may be too hard to read.": "%(n)s tekst is misschien te moeilijk.",
    "%(n)s texts may be too hard to read.": "%(n)s teksten zijn misschien te moeilijk.",
    "Advice texts": "Adviezen",
    "Risk": "Risico",
    "Language": "Taal",
    "Readability": "Leesbaarheid",
    "%(n)s warning": "%(n)s waarschuwing",
    "%(n)s warnings": "%(n)s waarschuwingen",
    "OK": "In orde",
    "Residents see these numbers and websites on the public pages and on the posters.": (
        "Inwoners zien deze nummers en websites op de publiekspagina's en op de posters."
    ),
    "Prepare now: the 72-hour checklist": "Bereid u nu voor: de lijst voor 72 uur",
    "Postcode not found": "Postcode niet gevonden",
    "Choose your postcode to see the nearest emergency support points.": (
        "Kies uw postcode. U ziet dan de noodsteunpunten dichtbij."
    ),
    "There are no postcode areas yet.": "Er zijn nog geen postcodegebieden.",
    "Poster of %(name)s (PDF)": "Poster van %(name)s (pdf)",
    "The blue square is %(place)s; the numbers are the points in the list.": (
        "Het blauwe vierkant is %(place)s. De nummers zijn de punten in de lijst."
    ),
    "We do not know any emergency support points here yet.": (
        "We kennen hier nog geen noodsteunpunten."
    ),
    "Poster for this postcode to print (PDF)": "Poster voor deze postcode om te printen (pdf)",
    "Another postcode": "Andere postcode",
    "Enter a postcode of 4 digits, for example 5211.": (
        "Vul een postcode van 4 cijfers in, bijvoorbeeld 5211."
    ),
    "We could not use your location. Enter your postcode instead.": (
        "We konden uw locatie niet gebruiken. Vul uw postcode in."
    ),
    "The text is saved. Residents see it within a minute.": (
        "De tekst is opgeslagen. Inwoners zien hem binnen een minuut."
    ),
    "The numbers are saved.": "De nummers zijn opgeslagen.",
    "Posters to print": "Posters om te printen",
    "A poster per district, with the nearest points and what to do.": (
        "Een poster per wijk, met de punten dichtbij en wat u moet doen."
    ),
    "More information": "Meer informatie",
}
