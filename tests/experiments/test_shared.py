"""@shared: one computation per call, in a process and across processes, and read-only results."""

import json
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from nnnotes.experiments import shared as shared_module
from nnnotes.experiments.activations import cost
from nnnotes.experiments.shared import read_only, shared

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Result:
    values: np.ndarray
    parts: dict


def counted(calls):
    @shared
    def experiment(n, scale=1.0, *, seed=0):
        calls.append((n, scale, seed))
        return Result(np.arange(n) * scale + seed, {"rows": [np.ones(2)], "pair": (np.zeros(1), "label")})

    return experiment


def test_a_call_is_computed_once_in_a_process_whatever_its_spelling(monkeypatch):
    monkeypatch.delenv(shared_module.FOLDER, raising=False)
    calls = []
    experiment = counted(calls)
    first = experiment(3)
    assert experiment(3, 1.0) is first and experiment(n=3, seed=0) is first and experiment(np.int64(3)) is first
    assert experiment(3, scale=2.0) is not first
    assert calls == [(3, 1.0, 0), (3, 2.0, 0)]
    experiment.cache_clear()
    experiment(3)
    assert len(calls) == 3


def test_results_are_read_only_all_the_way_down(monkeypatch):
    monkeypatch.delenv(shared_module.FOLDER, raising=False)
    result = counted([])(4)
    for array in (result.values, result.parts["rows"][0], result.parts["pair"][0]):
        with pytest.raises(ValueError, match="read-only"):
            array[0] = 1.0
    assert read_only(5) == 5


def index(folder: Path, **keys: str) -> Path:
    """What the build writes: ``keys.json`` giving each module the fingerprint of its code."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "keys.json").write_text(json.dumps(keys))
    shared_module._keys.cache_clear()
    return folder


def test_across_processes_a_call_is_one_pickle_read_instead_of_computed(monkeypatch, tmp_path):
    folder = index(tmp_path / "results", **{__name__: "code1"})
    monkeypatch.setenv(shared_module.FOLDER, str(folder))
    calls = []
    first = counted(calls)(5, seed=2)
    files = sorted(p.name for p in (folder / "code1").iterdir())
    pickles = [name for name in files if name.endswith(".pickle")]
    assert len(pickles) == 1 and pickles[0].startswith(f"{__name__}.counted.<locals>.experiment-")
    assert not [name for name in files if name.startswith(".")], "no temporary file is left behind"
    again = counted(calls)(5, 1.0, seed=2)  # a new function object: another process, as far as memory goes
    assert calls == [(5, 1.0, 2)]
    assert np.array_equal(again.values, first.values) and not again.values.flags.writeable


def test_results_are_kept_per_version_of_the_code_and_only_for_indexed_modules(monkeypatch, tmp_path):
    monkeypatch.setenv(shared_module.FOLDER, str(tmp_path))
    calls = []
    index(tmp_path, **{__name__: "code1"})
    counted(calls)(1)
    index(tmp_path, **{__name__: "code2"})  # the module's code changed: computed again
    counted(calls)(1)
    index(tmp_path)  # not indexed: computed in the process only
    counted(calls)(1)
    assert len(calls) == 3 and sorted(p.name for p in tmp_path.iterdir() if p.is_dir()) == ["code1", "code2"]


def test_a_failed_computation_leaves_nothing_and_is_tried_again(monkeypatch, tmp_path):
    monkeypatch.setenv(shared_module.FOLDER, str(index(tmp_path, **{__name__: "code"})))
    attempts = []

    @shared
    def flaky():
        attempts.append(1)
        if len(attempts) == 1:
            raise RuntimeError("first attempt fails")
        return np.ones(1)

    with pytest.raises(RuntimeError, match="first attempt"):
        flaky()
    assert not list(tmp_path.glob("code/*.pickle")) and not list(tmp_path.glob("code/.*"))
    assert flaky()[0] == 1.0 and len(attempts) == 2


def test_two_processes_asking_at_once_compute_once(tmp_path):
    (tmp_path / "slow_experiment.py").write_text(textwrap.dedent("""
        import os, sys, time
        from nnnotes.experiments.shared import shared

        @shared
        def slow(x):
            with open(os.environ["CALLS"], "a") as calls:
                calls.write(f"{os.getpid()}\\n")
            time.sleep(1.0)
            return [x, os.getpid()]

        print(slow(7))
    """))
    calls = tmp_path / "calls.txt"
    index(tmp_path / "results", __main__="code")  # the experiment runs as a script
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": f"{tmp_path}:{ROOT / 'src'}", "CALLS": str(calls),
           shared_module.FOLDER: str(tmp_path / "results")}
    runs = [subprocess.Popen([sys.executable, str(tmp_path / "slow_experiment.py")], env=env, stdout=subprocess.PIPE,
                             text=True) for _ in range(2)]
    outputs = [run.communicate(timeout=60)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0]
    assert len(calls.read_text().split()) == 1, "the second process waited for the first one's result"
    assert outputs[0] == outputs[1]


def test_the_cost_figure_and_the_cost_claims_read_one_measurement(monkeypatch, tmp_path):
    monkeypatch.setenv(shared_module.FOLDER, str(index(tmp_path, **{cost.__name__: "code"})))
    timings = []

    def time_once(argv, **kwargs):
        timings.append(argv)
        # round 2: ReLU slowed down by the machine's load, so only Leaky ReLU's bound holds there
        made_up = {name: [float(i + 1), float(i + 1)] for i, name in enumerate(cost.COST_NAMES)}
        made_up["relu"], made_up["leaky_relu"] = [1.0, 5.0], [1.5, 1.5]
        return subprocess.CompletedProcess(argv, 0, stdout=json.dumps(made_up), stderr="")

    monkeypatch.setattr(cost.subprocess, "run", time_once)
    cost.activation_costs.cache_clear()
    try:
        figure = cost.activation_costs()  # what plot_activation_cost.py draws, in its own process
        cost.activation_costs.cache_clear()  # the claims job: another process
        assert figure["relu"] == [1.0, 5.0]
        assert cost.cost_like_relu_rounds() == 2
        assert cost.cost_prelu_elu_rounds() == cost.cost_sigmoid_tanh_rounds() == 1
        assert len(timings) == 1
    finally:
        cost.activation_costs.cache_clear()
