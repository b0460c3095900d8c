"""What the community commands share (region choice and JSON output come from supportpoints)."""

from paraat.supportpoints.management.commands._common import dump, refuse, region

__all__ = ["dump", "refuse", "region"]
