"""Loading a bank pauses the cyclic garbage collector: safe only while loading makes no
reference cycles, which would pile up uncollected until the load ends."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from quizapp.core.gcpause import collector_paused
from quizapp.core.loader import load_bank
from tests.factories import ROOT


def test_loading_the_bank_leaves_no_cyclic_garbage() -> None:
    load_bank(ROOT / "quizzes", ROOT / "seeds")  # imports and first-use caches
    gc.collect()
    gc.disable()
    try:
        bank = load_bank(ROOT / "quizzes", ROOT / "seeds")
        assert gc.collect() == 0
    finally:
        gc.enable()
    assert len(bank.quizzes) == len(list((ROOT / "quizzes").glob("*.yaml")))
    assert not bank.errors


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_left_as_it_was(enabled: bool, tmp_path: Path) -> None:
    (gc.enable if enabled else gc.disable)()
    try:
        with pytest.raises(RuntimeError), collector_paused():
            assert not gc.isenabled()
            raise RuntimeError
        assert gc.isenabled() is enabled
        load_bank(tmp_path, tmp_path)
        assert gc.isenabled() is enabled
    finally:
        gc.enable()
