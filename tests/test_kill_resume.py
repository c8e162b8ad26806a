"""kill -9 and Ctrl-C at random moments, then --resume (issue 13): every article exactly once, no
torn line, the same bytes as an uninterrupted run. Slow: it starts berita five times."""

import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "kill_resume.py"


@pytest.mark.slow
def test_killed_and_resumed_runs_lose_and_duplicate_nothing():
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--articles", "400", "--kills", "3", "--no-ner"],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "lost 0, duplicated 0, torn lines 0, byte-identical to an uninterrupted run: True" in result.stdout
