import pytest

from paraat.sync import hlc


class Wall:
    def __init__(self, ms: int) -> None:
        self.ms = ms

    def __call__(self) -> int:
        return self.ms


def test_it_orders_stamps_as_their_text_sorts() -> None:
    wall = Wall(1_000)
    clock = hlc.Clock("a", wall=wall)
    stamps = [clock.now() for _ in range(5)]
    wall.ms = 2_000
    stamps.append(clock.now())
    assert stamps == sorted(stamps)
    assert [str(s) for s in stamps] == sorted(str(s) for s in stamps)
    assert len(set(stamps)) == 6


def test_it_stays_monotonic_when_the_wall_clock_jumps_back() -> None:
    wall = Wall(10_000_000)
    clock = hlc.Clock("a", wall=wall)
    first = clock.now()
    wall.ms -= 3 * 3600 * 1000  # someone sets the laptop three hours back
    second = clock.now()
    third = clock.now()
    assert first < second < third
    assert second.wall_ms == first.wall_ms


def test_it_moves_past_a_received_stamp_from_a_clock_ahead() -> None:
    laptop = hlc.Clock("laptop", wall=Wall(1_000))
    region = hlc.Clock("region", wall=Wall(1_000 + 3 * 3600 * 1000))
    remote = region.now()
    laptop.receive(str(remote))
    assert laptop.now() > remote


def test_it_keeps_counting_within_one_millisecond_of_a_received_stamp() -> None:
    clock = hlc.Clock("a", wall=Wall(500))
    merged = clock.receive(hlc.Stamp(500, 7, "b"))
    assert merged == hlc.Stamp(500, 8, "a")


def test_it_parses_what_it_writes() -> None:
    stamp = hlc.Stamp(1733140800000, 12, "a1b2")
    assert hlc.Stamp.parse(str(stamp)) == stamp
    with pytest.raises(hlc.ClockError):
        hlc.Stamp.parse("yesterday")


def test_it_refuses_a_stamp_far_in_the_future() -> None:
    clock = hlc.Clock("a", wall=Wall(0))
    with pytest.raises(hlc.ClockError):
        clock.receive(hlc.Stamp(hlc.MAX_DRIFT_MS + 1, 0, "b"))
