"""Scenario, source and measure catalogues as TOML data (a package so the files ship in the wheel)."""
