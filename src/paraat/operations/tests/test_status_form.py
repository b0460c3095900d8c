"""The phone form copies only the fields it changes for each form (issue 16), and shows and
checks itself exactly as a form whose fields were all copied in depth."""

from __future__ import annotations

import copy

from paraat.operations.forms import StatusForm

POSTED = {
    "idempotency_key": "web-1", "point": "OSS-02", "state": "limited", "visitors": "-3",
    "services_available": ["drinking_water", "nonsense"], "comms_working": "true", "note": "koud",
    "fuel_hours_left": "12,5",
}  # fmt: skip


def _deep(points: list[tuple[str, str]], data: dict[str, object] | None) -> StatusForm:
    """The same form with every field copied in depth, as Django copies them."""
    form = StatusForm(data, points=points)
    form.fields = copy.deepcopy(dict(StatusForm.base_fields))
    form.fields["point"].choices = points  # type: ignore[attr-defined]
    return form


def test_it_keeps_each_forms_points_to_itself() -> None:
    first = StatusForm(points=[("OSS-01", "OSS-01 Sporthal")])
    second = StatusForm(points=[("OSS-02", "OSS-02 Kerk")])
    assert list(first.fields["point"].choices) == [("OSS-01", "OSS-01 Sporthal")]  # type: ignore[attr-defined]
    assert list(second.fields["point"].choices) == [("OSS-02", "OSS-02 Kerk")]  # type: ignore[attr-defined]
    assert list(StatusForm.base_fields["point"].choices) == []  # type: ignore[attr-defined]
    assert first.fields["note"] is not StatusForm.base_fields["note"]


def test_it_checks_and_shows_a_post_as_a_form_with_deep_copied_fields() -> None:
    points = [("OSS-01", "OSS-01 Sporthal"), ("OSS-02", "OSS-02 Kerk")]
    ours, theirs = StatusForm(POSTED, points=points), _deep(points, POSTED)
    assert ours.is_valid() is theirs.is_valid() is False
    assert ours.errors == theirs.errors and "visitors" in ours.errors
    assert ours.as_div() == theirs.as_div()
    valid = {**POSTED, "visitors": "3", "services_available": ["drinking_water"]}
    ours, theirs = StatusForm(valid, points=points), _deep(points, valid)
    assert ours.is_valid() and theirs.is_valid()
    assert ours.cleaned_data == theirs.cleaned_data
    # A form shown afterwards is as new: nothing of the posts stayed on the shared fields.
    assert "checked" not in StatusForm(points=points).as_div()
