NL = {
    # Sync over the API and laptop instances (issue 15)
    "address": "adres",
    "received up to (its journal)": "ontvangen tot (zijn journaal)",
    "sent up to (this journal)": "verzonden tot (dit journaal)",
    "position in the peer's journal": "positie in het journaal van de andere instantie",
    "position in this journal": "positie in dit journaal",
    "%(peer)s: %(received)s changes received, %(merged)s merged (%(created)s new records, %(conflicts)s conflicts); %(sent)s sent, %(merged_there)s merged there (%(conflicts_there)s conflicts).": "%(peer)s: %(received)s wijzigingen ontvangen, %(merged)s samengevoegd (%(created)s nieuwe records, %(conflicts)s conflicten); %(sent)s verzonden, %(merged_there)s daar samengevoegd (%(conflicts_there)s conflicten).",
    "%(peer)s: %(received)s changes received, %(merged)s merged (%(created)s new records, %(conflicts)s conflicts).": "%(peer)s: %(received)s wijzigingen ontvangen, %(merged)s samengevoegd (%(created)s nieuwe records, %(conflicts)s conflicten).",
    "This is now the laptop of %(coordination_point)s (region %(region)s): %(rows)s rows and %(changes)s changes from %(peer)s.": "Dit is nu de laptop van %(coordination_point)s (regio %(region)s): %(rows)s rijen en %(changes)s wijzigingen van %(peer)s.",
}
