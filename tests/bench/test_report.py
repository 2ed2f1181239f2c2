"""A benchmark's section of BENCH.md: printed, appended when a file is named."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.report import emit


def test_a_section_is_printed_and_appended_after_what_the_file_holds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bench = tmp_path / "BENCH.md"
    bench.write_text("# Benchmarks\n", encoding="utf-8")
    emit("\n## Feed\n\n| stage | ms |\n", bench)
    emit("\n## OCR\n", bench)
    assert bench.read_text(encoding="utf-8") == "# Benchmarks\n\n## Feed\n\n| stage | ms |\n\n## OCR\n"
    assert "## Feed" in capsys.readouterr().out


def test_without_a_file_the_section_is_only_printed(capsys: pytest.CaptureFixture[str]) -> None:
    emit("\n## Feed\n", None)
    assert capsys.readouterr().out == "\n## Feed\n\n"
