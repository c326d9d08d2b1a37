"""parallel.side_by_side: the same results in order, in threads only where it pays."""

import os
import threading

import pytest

from strikeledger.parallel import SMALL_INPUT_BYTES, side_by_side


def _thread_and_square(value: int) -> tuple[int, int]:
    return threading.get_ident(), value * value


def test_small_input_is_worked_on_in_the_calling_thread():
    results = side_by_side(_thread_and_square, range(6), size=SMALL_INPUT_BYTES - 1)
    assert [square for _, square in results] == [0, 1, 4, 9, 16, 25]
    assert {thread for thread, _ in results} == {threading.get_ident()}


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="threads are used only on 2+ cores")
def test_large_or_unsized_input_is_worked_on_in_threads_and_keeps_its_order():
    for size in (SMALL_INPUT_BYTES, None):
        results = side_by_side(_thread_and_square, range(40), size=size)
        assert [square for _, square in results] == [n * n for n in range(40)]
        assert threading.get_ident() not in {thread for thread, _ in results}


def test_a_single_item_needs_no_thread():
    assert side_by_side(_thread_and_square, [3]) == [(threading.get_ident(), 9)]


@pytest.mark.parametrize("size", [0, None])
def test_an_error_in_the_work_reaches_the_caller(size):
    def fail(value: int) -> int:
        raise ValueError(f"bad {value}")

    with pytest.raises(ValueError, match="bad 0"):
        side_by_side(fail, [0, 1], size=size)
