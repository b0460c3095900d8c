"""The first-run web setup page (/setup/), opened by the key from `paraat setup-token`."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from paraat.areas import firstrun
from paraat.areas.forms import FirstRunForm
from paraat.geo.readers import ReadError


def _save(folder: Path, upload: Any) -> Path | None:
    """Write an upload to its own folder under its own name (messages name the file)."""
    if not upload:
        return None
    folder.mkdir()
    path = folder / Path(upload.name).name
    with path.open("wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    return path


@require_http_methods(["GET", "POST"])
def setup_view(request: HttpRequest) -> HttpResponse:
    form = FirstRunForm(request.POST or None, request.FILES or None)
    problems = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            files = {key: _save(folder / key, data.get(key)) for key in FirstRunForm.FILE_FIELDS}
            municipalities = files["municipalities"]
            assert municipalities is not None
            try:
                result = firstrun.run_first_setup(
                    setup_key=data["setup_token"],
                    code=data["code"],
                    name=data["name"],
                    municipalities=municipalities,
                    areas=[p for k in FirstRunForm.AREA_FIELDS if (p := files[k]) is not None],
                    points=files["points"],
                    polling_places=files["polling_places"],
                    username=data["username"],
                    email=data["email"],
                    password=data["password1"],
                )
            except firstrun.SetupRefused:
                form.add_error(
                    "setup_token",
                    _(
                        "This key is unknown, used or expired: make a new one with `paraat setup-token`."
                    ),
                )
            except ReadError as error:
                problems = error.problems
            else:
                for line in result.summaries:
                    messages.info(request, line)
                messages.success(
                    request,
                    _("Region %(code)s is ready. Log in as %(name)s.")
                    % {"code": result.region.code, "name": result.coordinator.username},
                )
                return redirect("accounts:login")
    return render(
        request,
        "areas/setup.html",
        {"form": form, "problems": problems},
        status=400 if problems else 200,
    )
