"""Dutch for handing a help request to an initiative or to volunteers (community/views_handover)."""

NL = {
    "Hand over help request #%(n)s": "Hulpvraag #%(n)s overdragen",
    "This help request is closed and can no longer be handed over.": "Deze hulpvraag is afgesloten en kan niet meer worden overgedragen.",
    "To a citizen initiative": "Aan een burgerinitiatief",
    "Hand to the initiative": "Aan het initiatief overdragen",
    "The region has no approved initiatives yet.": "De regio heeft nog geen goedgekeurde initiatieven.",
    "To volunteers": "Aan vrijwilligers",
    "Paraat asks available volunteers with the skill, nearest the point first, and widens the radius when too few say yes in time.": "Paraat vraagt beschikbare vrijwilligers met de vaardigheid, dichtst bij het punt eerst, en vergroot de straal als te weinig mensen op tijd ja zeggen.",
    "Call out volunteers": "Vrijwilligers oproepen",
    "All help requests": "Alle hulpvragen",
    "Help request handed to the initiative.": "Hulpvraag overgedragen aan het initiatief.",
    "Help request handed to volunteers: the call-out runs.": "Hulpvraag overgedragen aan vrijwilligers: de oproep loopt.",
    "Hand to an initiative or volunteers": "Overdragen aan initiatief of vrijwilligers",
    "Initiative": "Initiatief",
    "Call out from point": "Oproepen vanaf punt",
    "Volunteers are asked nearest this point first.": "Vrijwilligers het dichtst bij dit punt worden het eerst gevraagd.",
}
