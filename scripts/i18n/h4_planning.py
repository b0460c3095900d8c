"""Dutch for the planning pages in plain words (paraat.planning.explain)."""

NL = {
    "Fewest new sites to bring %(share)s of the %(whom)s within reach": "Zo min mogelijk nieuwe locaties om %(share)s van de %(whom)s binnen bereik te brengen",
    "Shortest average distance with %(k)d new site": "Kortste gemiddelde afstand met %(k)d nieuwe locatie",
    "Shortest average distance with %(k)d new sites": "Kortste gemiddelde afstand met %(k)d nieuwe locaties",
    "Shortest longest distance with %(k)d new site": "Kortste langste afstand met %(k)d nieuwe locatie",
    "Shortest longest distance with %(k)d new sites": "Kortste langste afstand met %(k)d nieuwe locaties",
    "Most %(whom)s within reach with %(k)d new site": "Meeste %(whom)s binnen bereik met %(k)d nieuwe locatie",
    "Most %(whom)s within reach with %(k)d new sites": "Meeste %(whom)s binnen bereik met %(k)d nieuwe locaties",
    "The %(counted)s residents counted here are %(difference)s %(direction)s than the CBS population of %(place)s (%(cbs)s): small counts are suppressed, figures are rounded per area, and areas outside the region or without figures are not counted.": "De %(counted)s inwoners die hier zijn geteld, zijn er %(difference)s %(direction)s dan het CBS-inwonertal van %(place)s (%(cbs)s): kleine aantallen zijn afgeschermd, cijfers zijn per gebied afgerond, en gebieden buiten de regio of zonder cijfers tellen niet mee.",
    "more": "meer",
    "fewer": "minder",
    "How it was calculated": "Hoe het is berekend",
    "Method": "Methode",
}
