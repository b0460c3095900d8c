"""The radio line's letters and the stored choices name the same things, one to one.

The pure codec (``paraat.operations.statusline``) names services, needs and states in upper case;
``services.reports`` stores them lower-cased as ``Service``, ``Need`` and ``PointState``. A choice
without a letter cannot be sent by radio, a letter without a choice cannot be stored.
"""

from __future__ import annotations

from paraat.operations import statusline
from paraat.operations.constants import Need, PointState
from paraat.supportpoints.constants import Service


def _one_to_one(letters: dict[str, str], choices: list[str]) -> None:
    names = [name.lower() for name in letters.values()]
    assert len(set(names)) == len(names), "two letters for one choice"
    assert set(names) == set(choices)


def test_it_has_a_letter_for_every_service_and_a_service_for_every_letter() -> None:
    _one_to_one(statusline.SERVICE_LETTERS, Service.values)


def test_it_has_a_letter_for_every_need_and_a_need_for_every_letter() -> None:
    _one_to_one(statusline.NEED_LETTERS, Need.values)


def test_it_has_a_word_for_every_state_and_a_state_for_every_word() -> None:
    _one_to_one(statusline.STATES, PointState.values)
    assert set(statusline.STATE_ALIASES.values()) <= set(statusline.STATES)


def test_it_gives_every_letter_a_check_value_and_a_name_to_read_back() -> None:
    assert set(statusline.SERVICE_VALUES) == set(statusline.SERVICE_LETTERS)
    assert set(statusline.NEED_VALUES) == set(statusline.NEED_LETTERS)
    assert len(set(statusline.SERVICE_VALUES.values())) == len(statusline.SERVICE_VALUES)
    assert len(set(statusline.NEED_VALUES.values())) == len(statusline.NEED_VALUES)
    named = {*statusline.SERVICE_LETTERS.values(), *statusline.NEED_LETTERS.values()}
    assert named <= set(statusline.LETTER_NAMES)
