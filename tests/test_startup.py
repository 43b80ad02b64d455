"""`kplan --help` and `kplan sql` start fast: the readers, the rules, pandas and DuckDB are
imported where they are used, not when the command line is built."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("pandas", "pdfplumber", "kiwipiepy", "hwp5", "lxml", "kplan.parsers", "kplan.rules")


def modules_after(code: str) -> set[str]:
    """The heavy modules a fresh interpreter holds after running `code`."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    loaded = set(json.loads(result.stdout.splitlines()[-1]))
    return {name for name in (*HEAVY, "duckdb") if name in loaded}


def test_importing_the_cli_loads_no_reader_rules_pandas_or_duckdb():
    assert modules_after("import kplan.pipeline.cli") == set()


def test_help_loads_no_reader_rules_pandas_or_duckdb():
    code = (
        "from kplan.pipeline.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "try:\n    main(['ingest', '--help'])\nexcept SystemExit:\n    pass"
    )
    assert modules_after(code) == set()


def test_sql_loads_duckdb_but_no_reader_rules_or_pandas(tmp_path):
    db = tmp_path / "w.duckdb"
    subprocess.run(
        [sys.executable, "-c", f"import duckdb; duckdb.connect({str(db)!r})"], check=True
    )
    code = f"from kplan.pipeline.cli import main\nmain(['sql', 'SELECT 1', '--db', {str(db)!r}])"
    assert modules_after(code) == {"duckdb"}
