"""The kplan command line: exact output, exit codes, one-line errors."""

import json
import shutil

import pytest

from kplan.pipeline.cli import format_table, kplan, main
from kplan.warehouse.load import connect


@pytest.fixture
def inbox(tmp_path, sample_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    shutil.copy(sample_path("txt"), folder / "plan.txt")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\nnot really a pdf")
    (folder / "page.hwp").write_bytes(b"<!DOCTYPE html><html><body>oops</body></html>")
    (folder / "notes.json").write_text("not looked at: not a report file ending")
    return folder


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_ingest_a_folder_with_bad_files(capsys, inbox, tmp_path):
    db = tmp_path / "w.duckdb"
    code, out, err = run(
        capsys, "ingest", str(inbox), "--db", str(db), "--workers", "1", "--no-quality"
    )
    assert code == 1
    assert err == ""
    lines = out.splitlines()
    # One line per file in the order the workers finish them, then the totals.
    assert sorted(lines[:3]) == [
        f"failed     {inbox}/broken.pdf: corrupt: not a readable PDF: No /Root object! - "
        "Is this really a PDF?",
        f"failed     {inbox}/page.hwp: unsupported_format: HTML page, not a report file",
        f"ok         {inbox}/plan.txt (txt, training_plan: 20 sections, 60 budget lines, "
        "236 training items)",
    ]
    assert lines[3:] == [
        f"Warehouse: {db}",
        "Documents: 3 (1 ok, 0 partial, 2 failed) · reports: 1",
        "Sections: 20 · budget lines: 60 · training items: 236 · findings: 0",
    ]
    code, out, _ = run(capsys, "ingest", str(inbox / "plan.txt"), "--db", str(db), "--no-quality")
    assert code == 0
    assert out.splitlines()[0] == f"unchanged  {inbox}/plan.txt"


def test_sql_formats(capsys, inbox, tmp_path):
    db = str(tmp_path / "w.duckdb")
    run(capsys, "ingest", str(inbox / "plan.txt"), "--db", db, "--no-quality")
    query = (
        "SELECT section_code, amount, q4 FROM budget_lines "
        "WHERE is_total AND section_code IN ('1-1-1', '2-1-1') ORDER BY section_code"
    )
    code, out, _ = run(capsys, "sql", query, "--db", db)
    assert code == 0
    assert out.splitlines() == [
        "section_code  amount      q4",
        "------------  ----------  --",
        "1-1-1         1078028000",
        "2-1-1         22900000",
    ]
    _, out, _ = run(capsys, "sql", query, "--db", db, "--format", "csv")
    assert out.splitlines() == ["section_code,amount,q4", "1-1-1,1078028000,", "2-1-1,22900000,"]
    _, out, _ = run(capsys, "sql", query, "--db", db, "--format", "json")
    assert json.loads(out) == [
        {"section_code": "1-1-1", "amount": 1078028000, "q4": None},
        {"section_code": "2-1-1", "amount": 22900000, "q4": None},
    ]


def test_table_output_aligns_hangul_by_display_width():
    assert format_table(["코드", "이름"], [("1-1-1", "자격연수"), ("2", "x")]).splitlines() == [
        "코드   이름",
        "-----  --------",
        "1-1-1  자격연수",
        "2      x",
    ]


@pytest.mark.parametrize(
    "argv, message",
    [
        (["ingest", "/no/such/folder"], "kplan: error: no such file or folder: /no/such/folder"),
        (
            ["sql", "SELECT 1", "--db", "/no/such.duckdb"],
            "kplan: error: no warehouse at /no/such.duckdb (run `kplan ingest PATH --db "
            "/no/such.duckdb`)",
        ),
    ],
)
def test_errors_are_one_line(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert (code, out, err.strip()) == (2, "", message)


def test_bad_sql_is_one_line(capsys, inbox, tmp_path):
    db = str(tmp_path / "w.duckdb")
    run(capsys, "ingest", str(inbox / "plan.txt"), "--db", db, "--no-quality")
    code, _, err = run(capsys, "sql", "SELECT nope FROM budget_lines", "--db", db)
    assert code == 2
    assert err.startswith("kplan: error: Binder Error: Referenced column \"nope\" not found")
    assert len(err.strip().splitlines()) == 1


def test_every_command_is_documented_with_an_example(capsys):
    assert list(kplan.commands) == [
        "ingest", "sql", "quality", "check", "diff", "export", "import", "search"
    ]  # fmt: skip
    for name, command in kplan.commands.items():
        assert command.help and command.short_help, name
        with pytest.raises(SystemExit) as exit:
            main([name, "--help"])
        assert exit.value.code == 0
        help_text = capsys.readouterr().out
        assert help_text.startswith(f"Usage: kplan {name} [OPTIONS]"), name
        assert help_text.rstrip().splitlines()[-1].startswith(f"example: kplan {name} "), name


def test_output_into_a_closed_pipe_ends_quietly(tmp_path, inbox):
    import subprocess
    import sys

    db = str(tmp_path / "w.duckdb")
    main(["ingest", str(inbox / "plan.txt"), "--db", db, "--no-quality"])
    script = (
        "import sys; from kplan.pipeline.cli import main; "
        "sys.exit(main(['sql', 'SELECT range AS n FROM range(300000)', '--db', sys.argv[1]]))"
    )
    proc = subprocess.run(
        f"{sys.executable} -c \"{script}\" {db} | head -1",
        shell=True,
        capture_output=True,
        text=True,
    )
    assert proc.stdout == "n\n"
    assert "Traceback" not in proc.stderr


@pytest.mark.corpus
def test_ingest_a_folder_mixing_good_encrypted_distribution_and_corrupt_files(
    capsys, tmp_path, sample_path
):
    from conftest import CORPUS

    folder = tmp_path / "inbox"
    folder.mkdir()
    shutil.copy(sample_path("hwpx"), folder / "plan.hwpx")
    for name in (
        "password_12345.hwp",
        "password_12345.hwpx",
        "distribution_tender_notice.hwp",
        "invalid_header_only.pdf",
        "hwp3_sample_lvs_article.hwp",
        "utf8_mangled_binary.hwp",
    ):
        shutil.copy(CORPUS / "bad" / name, folder / name)
    db = tmp_path / "w.duckdb"
    code, out, err = run(capsys, "ingest", str(folder), "--db", str(db), "--no-quality")
    assert (code, err) == (1, "")
    # One line per file as each is loaded: in the order the workers finish them.
    assert sorted(out.splitlines()[:7], key=lambda line: line[11:]) == [
        f"ok         {folder}/distribution_tender_notice.hwp (hwp, no family: 40 outline "
        "nodes, 1 table)",
        f"failed     {folder}/hwp3_sample_lvs_article.hwp: unsupported_version: HWP 3.x file: "
        "only HWP 5 and HWPX are supported",
        f"failed     {folder}/invalid_header_only.pdf: corrupt: not a readable PDF: No /Root "
        "object! - Is this really a PDF?",
        f"failed     {folder}/password_12345.hwp: encrypted: HWP document is password-protected",
        f"failed     {folder}/password_12345.hwpx: encrypted: HWPX document is "
        "password-protected (manifest lists encrypted parts)",
        f"ok         {folder}/plan.hwpx (hwpx, training_plan: 20 sections, 60 budget lines, "
        "236 training items)",
        f"failed     {folder}/utf8_mangled_binary.hwp: corrupt: HWP/OLE file damaged by a "
        "text-mode (UTF-8) transfer",
    ]
    code, out, _ = run(
        capsys,
        "sql",
        "SELECT status, count(*) FROM documents GROUP BY ALL ORDER BY 1",
        "--db",
        str(db),
        "--format",
        "csv",
    )
    assert out.splitlines() == ["status,count_star()", "failed,5", "ok,2"]


def test_an_unreadable_file_is_one_line_and_the_batch_goes_on(capsys, inbox, tmp_path):
    db = str(tmp_path / "w.duckdb")
    code, out, err = run(
        capsys, "ingest", "/proc/self/mem", str(inbox / "plan.txt"), "--db", db, "--no-quality"
    )
    assert (code, err) == (1, "")
    assert out.splitlines()[0].startswith("failed     /proc/self/mem: unreadable: cannot read")
    assert out.splitlines()[1].startswith(f"ok         {inbox}/plan.txt")


def test_quality_with_a_missing_checks_folder_is_one_line(capsys, inbox, tmp_path):
    db = str(tmp_path / "w.duckdb")
    run(capsys, "ingest", str(inbox / "plan.txt"), "--db", db, "--no-quality")
    code, out, err = run(capsys, "quality", "--db", db, "--checks", str(tmp_path / "none"))
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and err.startswith("kplan: error: ")
    assert "Traceback" not in err


def test_a_terminal_gets_a_rich_table_measuring_hangul_by_display_width():
    import io

    from rich.console import Console

    from kplan.pipeline.output import print_rows

    console = Console(file=io.StringIO(), width=40, color_system=None, force_terminal=True)
    # '[b]' is text from the warehouse, not rich markup.
    print_rows(["코드", "이름"], [("1-1-1", "자격연수"), ("2", "[b]x")], console=console)
    assert [line.rstrip() for line in console.file.getvalue().splitlines()] == [
        "코드    이름",
        "────────────────",
        "1-1-1   자격연수",
        "2       [b]x",
    ]


def test_a_command_line_that_does_not_parse_exits_2_with_its_usage(capsys):
    with pytest.raises(SystemExit) as exit:
        main(["sql", "SELECT 1", "--format", "xml"])
    assert exit.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines()[0] == "Usage: kplan sql [OPTIONS] QUERY"
    assert err.splitlines()[-1].startswith("Error: Invalid value for '--format': 'xml'")


def test_a_re_ingest_of_unchanged_files_runs_no_checks_while_their_findings_hold(
    capsys, inbox, tmp_path, monkeypatch
):
    import kplan.warehouse.quality as quality

    runs = []
    real = quality.run_checks
    monkeypatch.setattr(quality, "run_checks", lambda con, *a, **k: runs.append(1) or real(con))
    db = str(tmp_path / "w.duckdb")
    plan = str(inbox / "plan.txt")
    code, out, _ = run(capsys, "ingest", plan, "--db", db)
    assert (code, len(runs)) == (0, 1)
    checked = out.splitlines()[-1]
    code, out, _ = run(capsys, "ingest", plan, "--db", db)
    assert (code, len(runs)) == (0, 1)  # unchanged: the findings stay, counted the same
    assert out.splitlines()[-1] == checked and not checked.endswith("findings: 0")
    # A file changed under --no-quality: the findings no longer hold, the next run checks.
    edited = (inbox / "plan.txt").read_text("utf-8").replace("104,725", "104,700")
    (inbox / "plan.txt").write_text(edited, "utf-8")
    run(capsys, "ingest", plan, "--db", db, "--no-quality")
    code, _, _ = run(capsys, "ingest", plan, "--db", db)
    assert (code, len(runs)) == (0, 2)
    # A check run on some documents only (kplan quality does all) leaves them to be checked.
    con = connect(db)
    real(con, [1])
    con.close()
    run(capsys, "ingest", plan, "--db", db)
    assert len(runs) == 3
