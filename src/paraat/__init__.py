"""Paraat."""
