"""Dutch for the demo package (paraat demo, demo accounts)."""

NL = {
    "Demo region": "Demoregio",
    "region coordinator (the whole region)": "regiocoördinator (hele regio)",
    "officer of the municipality of Oss": "ambtenaar gemeente Oss",
    "officer of the municipality of Vught": "ambtenaar gemeente Vught",
    "crisis operator": "crisisfunctionaris",
    "lead of a noodsteunpunt": "leider van een noodsteunpunt",
    "read only": "alleen lezen",
    "%(count)s demo accounts made": "%(count)s demo-accounts aangemaakt",
    "Updating the database (%(name)s)…": "Database bijwerken (%(name)s)…",
    "Loading the demo region Brabant-Noord (about a minute)…": (
        "Demoregio Brabant-Noord laden (ongeveer een minuut)…"
    ),
    "done in %(seconds)s s": "klaar in %(seconds)s s",
    "Collecting static files and starting the web server (Ctrl-C stops it)…": (
        "Statische bestanden verzamelen en de webserver starten (Ctrl-C stopt hem)…"
    ),
    "Paraat is running on %(url)s": "Paraat draait op %(url)s",
    "Demo accounts (the password for all of them: %(password)s):": (
        "Demo-accounts (wachtwoord voor allemaal: %(password)s):"
    ),
    "Two-factor login is off in the demo (PARAAT_REQUIRE_2FA=false); in production it is "
    "required.": (
        "Twee-factor-inloggen is in de demo uit (PARAAT_REQUIRE_2FA=false); in productie is het "
        "verplicht."
    ),
}
