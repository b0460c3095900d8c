NL = {
    # core: paraat backup and paraat restore
    "%(file)s: file not found": "%(file)s: bestand niet gevonden",
    "%(file)s: not a Paraat backup (neither an SQLite file nor a pg_dump archive)": "%(file)s: geen back-up van Paraat (geen SQLite-bestand en geen pg_dump-archief)",
    "cannot back up a database of engine %(engine)s": "kan geen back-up maken van een database van het type %(engine)s",
    "%(file)s: is a directory; name the backup file": "%(file)s: is een map; geef de naam van het back-upbestand",
    "%(file)s: a %(found)s backup cannot be restored into a %(kind)s database; set DATABASE_URL to a %(found)s database": "%(file)s: een back-up van %(found)s kan niet worden teruggezet in een %(kind)s-database; zet DATABASE_URL op een %(found)s-database",
    "%(file)s: the database file does not exist": "%(file)s: het databasebestand bestaat niet",
    "the copy failed its integrity check: %(result)s": "de kopie doorstaat de integriteitscontrole niet: %(result)s",
    "%(file)s: the backup is damaged: %(result)s": "%(file)s: de back-up is beschadigd: %(result)s",
    "database %(name)s is not empty (%(count)d tables, e.g. %(table)s): restore only into a new, empty database": "database %(name)s is niet leeg (%(count)d tabellen, bijv. %(table)s): zet een back-up alleen terug in een nieuwe, lege database",
    "%(program)s not found: install PostgreSQL's client tools (apt-get install postgresql-client)": "%(program)s niet gevonden: installeer de clientprogramma's van PostgreSQL (apt-get install postgresql-client)",
    "%(program)s failed: %(error)s": "%(program)s mislukt: %(error)s",
    "Backup written to %(file)s (%(size)s bytes)": "Back-up geschreven naar %(file)s (%(size)s bytes)",
    "Restored %(file)s into %(database)s": "%(file)s teruggezet in %(database)s",
}
