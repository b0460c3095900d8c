"""The kit is made from the public side's test network: its fixtures, shared, not copied."""

from paraat.publicinfo.tests.conftest import fresh_snapshot, net  # noqa: F401  (fixtures)
