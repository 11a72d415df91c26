"""The body of a job that never finishes, for the tests of the time limits.

It waits instead of spinning: a limit is wall-clock time, so the job is stopped at the same
moment either way, and the cores stay with the tests running beside it (spinning, the hung jobs
of one `make test` burnt about 33 core-seconds)."""

HANG = "import time\nwhile True:\n    time.sleep(1)\n"
