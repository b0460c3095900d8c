"""Dutch for the strings of branch h10b (issue 10: point leads, operators, accessibility)."""

NL = {
    # Error pages
    "No access to this page": "Geen toegang tot deze pagina",
    "Your role does not give access to this page. The menu above shows the pages you can open. Do you need this page for your work? Ask your region coordinator.": "Uw rol geeft geen toegang tot deze pagina. Het menu hierboven toont de pagina's die u kunt openen. Hebt u deze pagina nodig voor uw werk? Vraag het de regiocoördinator.",
    "The form has expired": "Het formulier is verlopen",
    "Paraat could not accept this form, usually because the page was open for a long time or you logged in again in between. Nothing has been stored. Go back, copy your text, reload the page and send it again.": "Paraat kon dit formulier niet aannemen, meestal omdat de pagina lang open stond of u tussendoor opnieuw bent ingelogd. Er is niets opgeslagen. Ga terug, kopieer uw tekst, laad de pagina opnieuw en verstuur het nog eens.",
    "Page not found": "Pagina niet gevonden",
    "This page does not exist (any more). Check the address, or use the menu to find what you are looking for.": "Deze pagina bestaat niet (meer). Controleer het adres, of zoek via het menu wat u nodig hebt.",
    "Something went wrong": "Er is iets misgegaan",
    "Paraat could not complete this request. What you sent may not have been stored: check it before you send it again. If it happens again, tell your administrator the time it happened.": "Paraat kon dit verzoek niet afmaken. Wat u verstuurde is misschien niet opgeslagen: controleer dat voordat u het opnieuw verstuurt. Gebeurt het weer, geef dan aan de beheerder door hoe laat het gebeurde.",
    "Go to your start page": "Naar uw startpagina",
    "Public pages for residents": "Pagina's voor inwoners",
    "Error code": "Foutcode",
    # Operations
    "Help request sent to the crisis team.": "Hulpvraag verstuurd naar het crisisteam.",
    # Support points
    "Only officers of the municipality, the region's coordinators and, while the point is activated, crisis operators see names and phone numbers.": "Alleen medewerkers van de gemeente, de regiocoördinatoren en, zolang het punt geactiveerd is, crisisoperators zien namen en telefoonnummers.",
}
