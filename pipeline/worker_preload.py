"""Imported once by a batch's forkserver (pipeline/batch.py), before it forks any worker, when
the batch has enough files to read that its workers share one tokenizer.

It loads the Korean tokenizer there, so every worker forked from the server starts with it
loaded and shares its pages, instead of each worker spending 1.9 s CPU and some hundred MB on
its own copy. Kiwi runs without threads (rules/korean.py), which is what makes the fork safe.
"""

from kplan.rules import korean

try:
    korean.kiwi()
except Exception:  # noqa: BLE001 (the server must start: each worker then loads its own and
    pass  # says why it cannot; multiprocessing's forkserver ignores only ImportError)
