"""Dutch for the command-line output of the community commands (callout, certificates, imports)."""

NL = {
    "Nothing imported:": "Niets geïmporteerd:",
    "{created} volunteer imported": "{created} vrijwilliger geïmporteerd",
    "{created} volunteers imported": "{created} vrijwilligers geïmporteerd",
    "{created} initiative imported": "{created} initiatief geïmporteerd",
    "{created} initiatives imported": "{created} initiatieven geïmporteerd",
    "#%(volunteer)s %(municipality)s %(skill)s until %(expires_on)s": (
        "#%(volunteer)s %(municipality)s %(skill)s tot %(expires_on)s"
    ),
    "%(count)d certificate expires within %(days)d days": (
        "%(count)d certificaat verloopt binnen %(days)d dagen"
    ),
    "%(count)d certificates expire within %(days)d days": (
        "%(count)d certificaten verlopen binnen %(days)d dagen"
    ),
    "%(notified)d notified, %(erased)d erased": "%(notified)d gewaarschuwd, %(erased)d gewist",
    "Give --point CODE (or --advance).": "Geef --point CODE (of --advance).",
    "There is no point %(point)s in %(region)s.": "Punt %(point)s bestaat niet in %(region)s.",
    "There is no open incident or exercise for this point.": (
        "Er is geen open incident of oefening voor dit punt."
    ),
    "Call-out %(callout)s for %(point)s: %(accepted)s/%(needed)s %(skill)s, "
    "radius %(radius_m)s m, %(state)s": (
        "Oproep %(callout)s voor %(point)s: %(accepted)s/%(needed)s %(skill)s, "
        "straal %(radius_m)s m, %(state)s"
    ),
    "volunteer #%(volunteer)s %(distance_m)s m (ring %(ring)s, %(channel)s): %(state)s": (
        "vrijwilliger #%(volunteer)s %(distance_m)s m (ring %(ring)s, %(channel)s): %(state)s"
    ),
}
