"""`paraat import-cap FILE... --region --user`: imports real alerts, refuses others by name."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from paraat.alerts.constants import Origin
from paraat.alerts.models import Alert
from paraat.testing.personas import Cast

pytestmark = pytest.mark.django_db
DATA = Path(__file__).with_name("data")


def test_it_imports_every_real_example_and_refuses_the_rest(cast: Cast) -> None:
    good = sorted(str(p) for p in (DATA / "real").iterdir())
    bad = sorted(str(p) for p in (DATA / "refused").iterdir())
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="3 of"):
        call_command("import_cap", *good, *bad, region="VR21", user="cas", stdout=out, stderr=err)
    assert Alert.objects.filter(origin=Origin.EXTERNAL).count() == len(good)
    assert out.getvalue().count(": imported ") == len(good)
    assert "CAP 1.1" in err.getvalue()
    assert "se_krisinformation_2018_not_schema_valid.cap is geweigerd" in err.getvalue()
