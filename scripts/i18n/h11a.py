NL = {
    # Logins and the second factor (issue 11)
    "You already have an authenticator. Log in with its code first; if you lost it, ask your region coordinator to reset your second factor.": "U hebt al een authenticator. Log eerst in met de code daarvan; bent u die kwijt, vraag dan uw regiocoördinator uw tweede factor te herstellen.",
    # Alerts: the two-person rule
    "authors": "auteurs",
    "You cannot approve an alert you wrote or changed yourself.": "U kunt een waarschuwing die u zelf schreef of wijzigde niet goedkeuren.",
    # Login lockout (django-axes)
    "login gate": "inlogpoort",
    "login gates": "inlogpoorten",
    "The lockout is lifted.": "De blokkade is opgeheven.",
    "Login lockouts": "Inlogblokkades",
    "After repeated wrong passwords an account name is locked for the address it was tried from, and an address is locked for every account name. Lift a lockout here once you know who it was.": "Na herhaalde verkeerde wachtwoorden wordt een accountnaam geblokkeerd voor het adres waarvandaan het werd geprobeerd, en een adres voor alle accountnamen. Hef een blokkade hier op als u weet wie het was.",
    "Failed logins of account names in your region": "Mislukte inlogpogingen op accountnamen in uw regio",
    "Account name": "Accountnaam",
    "Address": "Adres",
    "Failures": "Mislukt",
    "Last attempt": "Laatste poging",
    "Unlock %(name)s": "%(name)s deblokkeren",
    "No failed logins.": "Geen mislukte inlogpogingen.",
    # Relayed emergency reports: personal data
    "personal data erased at": "persoonsgegevens gewist op",
    "These reports hold residents' personal data: your view of them is recorded in the audit trail, and their text is erased after the incident under the retention rule.": "Deze meldingen bevatten persoonsgegevens van inwoners: dat u ze inziet wordt vastgelegd in het auditlogboek, en hun tekst wordt na het incident gewist volgens de bewaartermijn.",
    "erased after the incident": "gewist na het incident",
}
