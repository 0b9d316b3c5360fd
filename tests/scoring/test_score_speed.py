"""The scoring benchmark's own logic (not its timings: those are for benchmarks/, never tests)."""

from __future__ import annotations

import json
import os

import pytest

from benchmarks import score_speed


def test_one_run_reports_itself(capsys: pytest.CaptureFixture[str]) -> None:
    cores = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    try:
        assert score_speed.main(["--count", "4", "--turns", "6", "--json"]) == 0
    finally:
        if cores is not None:
            os.sched_setaffinity(0, cores)  # the benchmark pins itself; the test worker must not stay pinned
    report = json.loads(capsys.readouterr().out)
    assert report["runs_wall_s"] == [report["wall_s"]]
    assert report["transcripts"] == 4 and report["per_transcript_ms"]["n"] == 4


def test_repeat_runs_fresh_processes_and_reports_the_fastest(capsys: pytest.CaptureFixture[str]) -> None:
    assert score_speed.main(["--count", "4", "--turns", "6", "--repeat", "2", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert len(report["runs_wall_s"]) == 2
    assert report["wall_s"] == min(report["runs_wall_s"])
    assert report["transcripts"] == 4


def test_the_pool_is_fixed_and_chosen_by_text() -> None:
    collector, _ = score_speed.corpus_lines("en", 50)
    again, _ = score_speed.corpus_lines("en", 50)
    assert collector == again and len(collector) == len(set(collector)) == 50


def test_the_run_pauses_the_cyclic_collector_as_score_many_does(capsys: pytest.CaptureFixture[str]) -> None:
    import gc

    cores = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    try:
        assert score_speed.main(["--count", "2", "--turns", "4", "--json"]) == 0
        assert json.loads(capsys.readouterr().out)["collector"] == "paused"
        assert gc.isenabled()
        assert score_speed.main(["--count", "2", "--turns", "4", "--collector", "on", "--json"]) == 0
        assert json.loads(capsys.readouterr().out)["collector"] == "on"
    finally:
        if cores is not None:
            os.sched_setaffinity(0, cores)
