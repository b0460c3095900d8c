NL = {
    # Logins and the second factor (issue 11)
    "You already have an authenticator. Log in with its code first; if you lost it, ask your region coordinator to reset your second factor.": "U hebt al een authenticator. Log eerst in met de code daarvan; bent u die kwijt, vraag dan uw regiocoördinator uw tweede factor te herstellen.",
    # Alerts: the two-person rule
    "authors": "auteurs",
    "You cannot approve an alert you wrote or changed yourself.": "U kunt een waarschuwing die u zelf schreef of wijzigde niet goedkeuren.",
}
