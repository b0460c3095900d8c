"""Dutch for the texts of issue 18 (one home for each shared thing)."""

NL = {
    "%(file)s: give an .osm.pbf file or a line layer.": "%(file)s: geef een .osm.pbf-bestand of een lijnenlaag.",
}
