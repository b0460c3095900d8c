"""Dutch for the norm engine's reasons and profile errors (supportpoints/norm_engine.py)."""

NL = {
    "information": "informatie",
    "emergency report": "noodmelding",
    "first aid": "eerste hulp",
    "drinking water": "drinkwater",
    "charging": "opladen",
    "warmth": "warmte",
    "toilet without mains water": "toilet zonder waterleiding",
    "food or medicine": "voedsel of medicijnen",
    "help desk": "hulpbalie",
    "missing persons": "vermiste personen",
    "fuel stock or consumption of the generator unknown": (
        "brandstofvoorraad of verbruik van het aggregaat onbekend"
    ),
    "power need unknown, so not checked whether the generator delivers enough": (
        "stroombehoefte onbekend, dus niet getoetst of het aggregaat genoeg levert"
    ),
    "the generator delivers %(kw)s kW, less than the power need of %(need)s kW, and so does not "
    "count": (
        "het aggregaat levert %(kw)s kW, minder dan de stroombehoefte van %(need)s kW, en telt "
        "daarom niet mee"
    ),
    "power need unknown, so battery time unknown": "stroombehoefte onbekend, dus accuduur onbekend",
    "only a connection for a mobile generator": "alleen een aansluitpunt voor een mobiel aggregaat",
    "no generator or battery": "geen aggregaat of accu",
    "no data on generator or battery": "geen gegevens over aggregaat of accu",
    "%(file)s: cannot be read (%(error)s)": "%(file)s: kan niet gelezen worden (%(error)s)",
    "norm profile": "normprofiel",
    "%(origin)s: 'rules' must be a non-empty list": (
        "%(origin)s: 'rules' moet een niet-lege lijst zijn"
    ),
    "%(origin)s, rule %(index)s": "%(origin)s, regel %(index)s",
    "%(where)s: must be an object": "%(where)s: moet een object zijn",
    "%(where)s, field 'id': missing": "%(where)s, veld 'id': ontbreekt",
    "%(where)s, field 'id': '%(id)s' occurs twice": "%(where)s, veld 'id': '%(id)s' komt twee keer voor",
    "%(where)s, field 'check': '%(check)s' is unknown; choose from %(choices)s": (
        "%(where)s, veld 'check': '%(check)s' is onbekend; kies uit %(choices)s"
    ),
    "%(where)s, field 'tiers': choose from %(choices)s": "%(where)s, veld 'tiers': kies uit %(choices)s",
    "%(where)s, field '%(field)s': must be a number of 0 or more": (
        "%(where)s, veld '%(field)s': moet een getal van 0 of meer zijn"
    ),
    "%(where)s, field '%(field)s': needed for '%(check)s'": (
        "%(where)s, veld '%(field)s': nodig voor '%(check)s'"
    ),
    "%(where)s, field 'service': '%(service)s' is unknown": (
        "%(where)s, veld 'service': '%(service)s' is onbekend"
    ),
    "unknown check %(check)s": "onbekende controle %(check)s",
    "fill in generator, fuel and consumption": "vul aggregaat, brandstof en verbruik in",
    "Unknown how long the power lasts (%(note)s).": "Onbekend hoe lang de stroom het houdt (%(note)s).",
    "Power for %(hours)s hours without refuelling%(extra)s (norm: at least %(min)s hours).": (
        "Stroom voor %(hours)s uur zonder bijtanken%(extra)s (norm: minstens %(min)s uur)."
    ),
    "Power for only %(hours)s hours without refuelling%(extra)s; the norm is at least %(min)s "
    "hours.": (
        "Stroom voor maar %(hours)s uur zonder bijtanken%(extra)s; de norm is minstens %(min)s uur."
    ),
    "%(count)s connection(s) without the power grid and telephone network (norm: at least "
    "%(min)s).": (
        "%(count)s verbinding(en) zonder stroomnet en telefoonnet (norm: minstens %(min)s)."
    ),
    "%(count)s connection(s) that work without the power grid and telephone network; the norm is "
    "at least %(min)s (C2000, satellite phone, amateur radio or runner).": (
        "%(count)s verbinding(en) die werken zonder stroomnet en telefoonnet; de norm is minstens "
        "%(min)s (C2000, satelliettelefoon, amateurradio of loper)."
    ),
    "%(count)s key holders reachable day and night (norm: at least %(min)s).": (
        "%(count)s sleutelhouders dag en nacht bereikbaar (norm: minstens %(min)s)."
    ),
    "%(count)s key holder(s) reachable day and night; the norm is at least %(min)s.": (
        "%(count)s sleutelhouder(s) dag en nacht bereikbaar; de norm is minstens %(min)s."
    ),
    "Unknown how quickly the point can open after activation.": (
        "Onbekend hoe snel het punt open kan na activering."
    ),
    "Open within %(minutes)s minutes (norm: within %(max)s minutes).": (
        "Open binnen %(minutes)s minuten (norm: binnen %(max)s minuten)."
    ),
    "Open only after %(minutes)s minutes; the norm is within %(max)s minutes.": (
        "Open pas na %(minutes)s minuten; de norm is binnen %(max)s minuten."
    ),
    "Unknown whether the building is accessible to wheelchair users.": (
        "Onbekend of het gebouw toegankelijk is voor rolstoelgebruikers."
    ),
    "Accessible to wheelchair users.": "Toegankelijk voor rolstoelgebruikers.",
    "Not accessible to wheelchair users.": "Niet toegankelijk voor rolstoelgebruikers.",
    "Unknown whether the point offers %(service)s.": "Onbekend of het punt %(service)s biedt.",
    "Offers %(service)s.": "Biedt %(service)s.",
    "Does not offer %(service)s.": "Biedt geen %(service)s.",
    "Unknown how much drinking water is in stock.": "Onbekend hoeveel drinkwater er op voorraad is.",
    "%(litres)s litres of drinking water in stock.": "%(litres)s liter drinkwater op voorraad.",
    "%(litres)s litres of drinking water in stock; the norm is at least %(min)s litres.": (
        "%(litres)s liter drinkwater op voorraad; de norm is minstens %(min)s liter."
    ),
    "No fixed generator to test.": "Geen vast aggregaat om proef te draaien.",
    "Unknown when the generator was last test-run.": (
        "Onbekend wanneer het aggregaat voor het laatst proef heeft gedraaid."
    ),
    "Generator test-run %(days)s days ago.": "Aggregaat %(days)s dagen geleden proef gedraaid.",
    "Generator test-run %(days)s days ago; the norm is within %(max)s days.": (
        "Aggregaat %(days)s dagen geleden proef gedraaid; de norm is binnen %(max)s dagen."
    ),
    "%(reason)s (Default value, not a national norm.)": (
        "%(reason)s (Standaardwaarde, geen landelijke norm.)"
    ),
}
