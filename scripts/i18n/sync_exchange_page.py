"""Dutch for the exchange button on the instance page (sync/views.py, sync/tasks.py)."""

NL = {
    "%(received)s changes received, %(merged)s merged (%(conflicts)s conflicts); %(sent)s sent.": (
        "%(received)s wijzigingen ontvangen, %(merged)s samengevoegd (%(conflicts)s conflicten); "
        "%(sent)s verstuurd."
    ),
    "Coordination point (code)": "Coördinatiepunt (code)",
    "Exchange now": "Nu uitwisselen",
    "Exchange": "Uitwisselen",
    "Exchanging from this page needs the token of this instance: set PARAAT_SYNC_TOKEN (an API "
    "token of a coordinator or crisis operator on the other side) in the server's settings. "
    "Without a network, exchange bundles on a USB stick (paraat bundle export / import).": (
        "Uitwisselen vanaf deze pagina vraagt het token van deze installatie: zet PARAAT_SYNC_TOKEN "
        "(een API-token van een coördinator of crisismedewerker aan de andere kant) in de "
        "instellingen van de server. Zonder netwerk wisselt u bundels uit op een USB-stick "
        "(paraat bundle export / import)."
    ),
    "For example https://paraat.vr21.nl (the region's server).": (
        "Bijvoorbeeld https://paraat.vr21.nl (de server van de regio)."
    ),
    "Only this coordination point's records; empty: as at the last exchange.": (
        "Alleen de gegevens van dit coördinatiepunt; leeg: zoals bij de vorige uitwisseling."
    ),
    "Sends this instance's changes to the other Paraat and merges its changes here, over the "
    "network, in the background. Exchanging twice does no harm.": (
        "Stuurt de wijzigingen van deze installatie naar de andere Paraat en voegt die van daar "
        "hier samen, over het netwerk, op de achtergrond. Twee keer uitwisselen kan geen kwaad."
    ),
    "Address of the other Paraat": "Adres van de andere Paraat",
    "Exchanging with %(url)s": "Uitwisselen met %(url)s",
    "exchange with another Paraat": "uitwisseling met een andere Paraat",
}
