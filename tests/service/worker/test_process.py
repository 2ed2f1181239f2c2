"""The worker child's own setup (its jobs are tested through the pool in test_pool.py)."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_warm_up_loads_the_pipeline_and_freezes_what_it_loaded() -> None:
    """After warm-up the loaded objects sit in the permanent generation, outside every collection."""
    script = textwrap.dedent(
        """
        import gc
        from extractor import nlp
        from service.worker.process import warm_up

        before = gc.get_freeze_count()
        warm_up()
        print(before, gc.get_freeze_count(), nlp.get_pipeline.cache_info().currsize)
        """
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120)
    before, frozen, pipelines = map(int, out.stdout.split())
    assert before == 0 and pipelines == 1
    assert frozen > 100_000  # the word lists and registries, not a handful of objects
