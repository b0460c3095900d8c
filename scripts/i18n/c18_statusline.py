"""Dutch for the one-line status codec's refusals (operations/statusline.py, status_line)."""

NL = {
    "toilet": "toilet",
    "food and medicine": "voedsel en medicijnen",
    "fuel": "brandstof",
    "medical": "medisch",
    "transport": "vervoer",
    "staff": "personeel",
    "other": "overig",
    "The services field starts with the number of letters (0 if there are none).": (
        "Bij functies staat eerst het aantal letters (0 als er geen zijn)."
    ),
    "The needs field starts with the number of letters (0 if there are none).": (
        "Bij behoeften staat eerst het aantal letters (0 als er geen zijn)."
    ),
    "Unknown character '%(letter)s' in services; use %(allowed)s.": (
        "Onbekend teken '%(letter)s' bij functies; gebruik %(allowed)s."
    ),
    "Unknown character '%(letter)s' in needs; use %(allowed)s.": (
        "Onbekend teken '%(letter)s' bij behoeften; gebruik %(allowed)s."
    ),
    "The number of services (%(count)s) does not match the letters (%(letters)s): a character "
    "was dropped or added; read the field out again.": (
        "Het aantal functies (%(count)s) klopt niet met het aantal letters (%(letters)s): er is "
        "een teken weggevallen of bijgekomen; lees het veld opnieuw voor."
    ),
    "The number of needs (%(count)s) does not match the letters (%(letters)s): a character was "
    "dropped or added; read the field out again.": (
        "Het aantal behoeften (%(count)s) klopt niet met het aantal letters (%(letters)s): er is "
        "een teken weggevallen of bijgekomen; lees het veld opnieuw voor."
    ),
    "The number of visitors is always %(width)s digits (with leading zeros) or a dash, not "
    "'%(value)s'.": (
        "Het aantal bezoekers is altijd %(width)s cijfers (met voorloopnullen) of een streepje, "
        "niet '%(value)s'."
    ),
    "The hours of fuel are always %(width)s digits (with leading zeros) or a dash, not "
    "'%(value)s'.": (
        "Het aantal uren brandstof is altijd %(width)s cijfers (met voorloopnullen) of een "
        "streepje, niet '%(value)s'."
    ),
    "Character '%(char)s' is not allowed in a point code.": (
        "Teken '%(char)s' mag niet in de code van een punt."
    ),
    "The code may hold only capital letters, digits and hyphens (at most 20 characters).": (
        "De code mag alleen hoofdletters, cijfers en streepjes bevatten (hoogstens 20 tekens)."
    ),
    "The code '%(code)s' reads as a word of the status line; choose another code.": (
        "De code '%(code)s' leest als een woord van de statusregel; kies een andere code."
    ),
    "Unknown state %(state)s.": "Onbekende toestand %(state)s.",
    "Day out of range.": "Dag buiten bereik.",
    "%(field)s out of range.": "%(field)s buiten bereik.",
    "Letter '%(letter)s' appears twice.": "Letter '%(letter)s' staat er twee keer in.",
    "Day %(day)s does not exist in this or the previous month.": (
        "Dag %(day)s bestaat niet in deze of de vorige maand."
    ),
    "The line must start with %(version)s (format version).": (
        "De regel moet beginnen met %(version)s (versie van het formaat)."
    ),
    "The line is incomplete: field '%(field)s' is missing (expected 9 fields, got %(count)s).": (
        "De regel is onvolledig: het veld '%(field)s' ontbreekt (verwacht 9 velden, ontvangen "
        "%(count)s)."
    ),
    "The line has %(count)s fields; expected 9. Is there a space too many?": (
        "De regel heeft %(count)s velden; verwacht 9. Staat er een spatie te veel?"
    ),
    "'%(text)s' is not a code with its card mark (like OSS-03/9; both are on the card).": (
        "'%(text)s' is geen code met kaartteken (zoals OSS-03/9; beide staan op de kaart)."
    ),
    "The card mark does not belong to this code: the code or the letter was taken down wrongly. "
    "Read both out again from the card.": (
        "Het kaartteken hoort niet bij deze code: code of kaartteken is verkeerd overgenomen. Lees "
        "beide opnieuw voor van de kaart."
    ),
    "There is no point with code %(code)s.": "Er is geen punt met code %(code)s.",
    "The line is empty.": "De regel is leeg.",
    "The line is too long (%(length)s characters, at most %(limit)s).": (
        "De regel is te lang (%(length)s tekens, hoogstens %(limit)s)."
    ),
    "Time '%(time)s' must be DDHHMM: day, hour and minute, six digits.": (
        "Tijd '%(time)s' moet DDUUMM zijn: dag, uur en minuut, zes cijfers."
    ),
    "Time '%(time)s' does not exist.": "Tijd '%(time)s' bestaat niet.",
    "Unknown state '%(state)s'; use OPEN, BEPERKT, VOL or DICHT.": (
        "Onbekende toestand '%(state)s'; gebruik OPEN, BEPERKT, VOL of DICHT."
    ),
    "Field %(field)s must start with %(prefix)s followed by a value.": (
        "Veld %(field)s moet beginnen met %(prefix)s gevolgd door een waarde."
    ),
    "The last field is K with one digit.": "Het laatste veld is K met één cijfer.",
    "The check digit does not match: a digit or letter was taken down or added up wrongly. Add up "
    "again on the card and read the line out again.": (
        "Het controlecijfer klopt niet: er is een cijfer of letter verkeerd overgenomen of verkeerd "
        "opgeteld. Tel op de kaart opnieuw op en lees de regel opnieuw voor."
    ),
    "No point with code %(code)s": "Geen punt met code %(code)s",
    "Read out: %(spoken)s": "Voorlezen: %(spoken)s",
    "Blank: %(blank)s": "Leeg: %(blank)s",
    "Refused (%(field)s): %(message)s": "Geweigerd (%(field)s): %(message)s",
}
