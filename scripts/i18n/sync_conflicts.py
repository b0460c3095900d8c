"""Dutch for the sync pages: the conflict log with its decisions, and this instance's page."""

NL = {
    "Conflict log": "Conflictlogboek",
    "This instance": "Deze installatie",
    "Keep this side's value": "Deze waarde houden",
    "Take the other value": "De andere waarde nemen",
    "The conflict is resolved.": "Het conflict is afgehandeld.",
    "When two instances changed the same field without seeing each other's change, the newest "
    "change won and the other value is kept here. A help request closed on one side and taken up "
    "on the other needs a decision: each side keeps its own status until the coordinator "
    "chooses.": (
        "Als twee installaties hetzelfde veld wijzigden zonder elkaars wijziging te zien, won de "
        "nieuwste wijziging en staat de andere waarde hier. Een hulpvraag die aan de ene kant is "
        "afgerond en aan de andere kant is opgepakt, vraagt een beslissing: elke kant houdt zijn "
        "eigen status tot de coördinator kiest."
    ),
    "Choose a decision for the conflict.": "Kies een beslissing voor het conflict.",
    "Open conflicts of your region": "Open conflicten van uw regio",
    "Record": "Gegeven",
    "This side": "Deze kant",
    "Other side": "Andere kant",
    "No open conflicts.": "Geen open conflicten.",
    "This laptop last exchanged a bundle with the region on %(when)s, more than 24 hours ago. "
    "Exchange bundles as soon as you can.": (
        "Deze laptop wisselde op %(when)s voor het laatst een bundel uit met de regio, meer dan "
        "24 uur geleden. Wissel zo snel mogelijk bundels uit."
    ),
    "This laptop has not exchanged a bundle with the region yet.": (
        "Deze laptop heeft nog geen bundel met de regio uitgewisseld."
    ),
    "Node id": "Knooppunt-id",
    "Instances this one exchanged bundles with": "Installaties waarmee deze bundels uitwisselde",
    "Last stamp received": "Laatst ontvangen klokstempel",
    "Last exchange": "Laatste uitwisseling",
    "(more than 24 hours ago)": "(meer dan 24 uur geleden)",
    "No exchanges yet.": "Nog geen uitwisselingen.",
}
