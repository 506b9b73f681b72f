"""Consumer lag arithmetic: highwater minus the next offset to hand to the agents."""

from __future__ import annotations

from services.shared.lag import partition_lag


def test_lag_counts_records_after_the_last_one_read() -> None:
    assert partition_lag(highwater=10, read_offset=6, position=None) == 3
    assert partition_lag(highwater=10, read_offset=9, position=None) == 0


def test_lag_falls_back_to_the_fetch_position_before_anything_was_read() -> None:
    assert partition_lag(highwater=10, read_offset=None, position=4) == 6


def test_lag_is_unknown_without_a_highwater_and_never_negative() -> None:
    assert partition_lag(highwater=None, read_offset=3, position=3) is None
    assert partition_lag(highwater=5, read_offset=None, position=7) == 0
