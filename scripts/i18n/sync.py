"""Dutch for the sync core: the journal, the bundle command and the conflict log."""

NL = {
    "Region server": "Regioserver",
    "Laptop of a coordination point": "Laptop van een coördinatiepunt",
    "Append only: union by uid": "Alleen toevoegen: alles van beide kanten, één keer",
    "Field by field: newest clock wins": "Veld voor veld: de nieuwste klok wint",
    "State machine: opposite outcomes go to a person": (
        "Toestanden: tegenstrijdige uitkomsten gaan naar een mens"
    ),
    "Value overwritten by a newer change": "Waarde overschreven door een nieuwere wijziging",
    "Needs a decision": "Beslissing nodig",
    "Resolved": "Afgehandeld",
    "Could not write %(file)s: %(error)s": "Kon %(file)s niet schrijven: %(error)s",
    "%(file)s: %(count)s changes, journal %(since)s to %(until)s.": (
        "%(file)s: %(count)s wijzigingen, journaal %(since)s tot %(until)s."
    ),
    "%(file)s: %(applied)s changes merged (%(created)s new records), %(already)s already "
    "here, %(conflicts)s conflicts.": (
        "%(file)s: %(applied)s wijzigingen samengevoegd (%(created)s nieuwe gegevens), "
        "%(already)s al aanwezig, %(conflicts)s conflicten."
    ),
    "node id": "knooppunt-id",
    "instance": "installatie",
    "instances": "installaties",
    "change": "wijziging",
    "changes": "wijzigingen",
    "last stamp received": "laatst ontvangen klokstempel",
    "last exchange": "laatste uitwisseling",
    "peer instance": "andere installatie",
    "peer instances": "andere installaties",
    "record": "gegeven",
    "field": "veld",
    "value kept": "behouden waarde",
    "other value": "andere waarde",
    "from instance": "van installatie",
    "found at": "gevonden op",
    "sync conflict": "synchronisatieconflict",
    "conflict log": "conflictlogboek",
}
