"""The benchmark's helpers that decide what it measures (the measuring itself is not a test)."""

from sitebuild import bench


def test_every_chapter_package_of_experiments_is_edited_by_the_chapter_benchmark():
    found = bench.chapter_experiments()
    packages = {path.parent.name for path in bench.EXPERIMENTS.glob("*/__init__.py")}
    assert {path.parent.name for path in found.values() if path.name == "__init__.py"} == packages
    assert found["neurons"] == bench.EXPERIMENTS / "neurons.py"  # a chapter in one module
    assert all((bench.ROOT / "docs" / f"{chapter}.ko.md").is_file() for chapter in found)


def test_job_times_reads_each_job_and_not_the_totals():
    log = ("INFO    -  figure activations                    1.17 s\n"
           "INFO    -  rendered 2 of 2 figure(s) in 3.40 s\n"
           "INFO    -  figure dead_relu                      6.91 s\n"
           "INFO    -  claims neurons                        0.19 s\n"
           "INFO    -  computed 1 of 8 claims(s) in 0.30 s\n")
    assert bench.job_times(log, "figure") == {"activations": 1.17, "dead_relu": 6.91}
    assert bench.job_times(log, "claims") == {"neurons": 0.19}
