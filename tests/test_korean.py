"""The tokenizer layer (rules/korean.py): spans the rules read stay whole tokens, with offsets;
the model is loaded once per process and never by commands that do not tokenize."""

import subprocess
import sys

import pytest

from kplan.rules import korean

# (text as the seed prints it, the whole token expected, its tag)
WHOLE_TOKENS = [
    ("- [초등 집합] 유치원 1급 정교사 자격연수 2과정, 358명", "358명", "QTY"),
    # The brief's '9 과정': a space between count and counter, as other reports print it.
    ("- [초등] 신규임용예정교사 직무연수 등 9 과정, 1,079명", "9 과정", "QTY"),
    ("교원학습공동체 활동 지원 등) 60교, 60회", "60교", "QTY"),
    ("평가’등 총 14개 과정 80차시 개발", "80차시", "QTY"),
    ("마이크로러닝 콘텐츠 공모전 개최 및 공모작 선정 36편", "36편", "QTY"),
    ("직무교육 표준교재 제작 및 활용(5종)", "5종", "QTY"),
    ("◦ 특수분야연수기관 운영: 상반기 43개 기관 64개 과정, 하반기 40개", "43개 기관", "QTY"),
    ("1-1-1 교원 자격단계별 핵심역량 강화 자격연수", "1-1-1", "CODE"),
    ("456.", "456.", "PCODE"),
    ("※ 학교로 찾아가는 맞춤형 원격연수 210과정 운영('25.4~10월)", "'25.4~10월", "DATE"),
    (
        "초등 AI·디지털 우리학교 연수원 직무연수: 30과정, 400명('25.4~11월 예정)",
        "'25.4~11월",
        "DATE",
    ),
    ("(단위: 천원, ’25. 1. 10.기준)", "천원", "UNIT"),
    ("(단위: 백만원, %)", "백만원", "UNIT"),
    ("◦ 수영장 리모델링 건축기획 용역 실시(54,486천원)", "54,486천원", "QTY"),
]


@pytest.mark.parametrize("text, form, tag", WHOLE_TOKENS)
def test_spans_stay_whole_tokens_with_their_offsets(text, form, tag):
    tokens = korean.tokenize(text)
    hit = [t for t in tokens if t.form == form]
    assert [t.tag for t in hit] == [tag]
    assert text[hit[0].start : hit[0].end] == form


QUANTITIES = [
    ("등 9과정, 1,079명", [(9, "과정"), (1079, "명")]),
    ("총 14개 과정 80차시", [(14, "과정"), (80, "차시")]),
    ("상반기 43개 기관 64개 과정", [(43, "기관"), (64, "과정")]),
    ("연수협력학교 24개교 확대", [(24, "교")]),
    ("실시(146,100천원)", [(146100, "천원")]),
    # Words that begin with a counter's syllable are not counts: 5교시, 3회의 (none here).
    ("5교시 교육, 교육공무원법 제6장 연수 제37~42조", []),
]


@pytest.mark.parametrize("text, expected", QUANTITIES)
def test_quantities_read_from_tokens(text, expected):
    assert [(q.value, q.counter) for q in korean.quantities(korean.tokenize(text))] == expected


def test_one_tokenizer_per_process():
    assert korean.kiwi() is korean.kiwi()
    assert korean.tokenize_many(["", "연수원 접근성"])[0] == []


@pytest.mark.parametrize("argv", [["--help"], ["sql", "--help"]])
def test_commands_that_do_not_tokenize_never_import_kiwipiepy(argv):
    code = (
        "import sys\n"
        "import kplan.pipeline.cli as cli\n"
        "assert 'kiwipiepy' not in sys.modules, 'imported by the CLI module'\n"
        "try:\n"
        f"    cli.main({argv!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "assert 'kiwipiepy' not in sys.modules, 'imported by the command'\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


SEED_ITEM = "- [초등 집합] 유치원 1급 정교사 자격연수 2과정, 358명"


def _tokenize_into(queue) -> None:
    queue.put(korean.tokenize(SEED_ITEM))
    queue.put(korean.tokenize_many([SEED_ITEM, "연수운영"])[0])  # the batch call hung


def test_a_process_forked_after_the_load_tokenizes_alike():
    """The batch's forkserver loads Kiwi and forks the workers (pipeline/worker_preload.py): a
    Kiwi with a thread pool hung in such a child on a batch call, one in single-thread mode
    must not."""
    import multiprocessing

    here = korean.tokenize(SEED_ITEM)
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_tokenize_into, args=(queue,))
    child.start()
    try:
        there = queue.get(timeout=60)  # a hang fails here, not the suite
        there_many = queue.get(timeout=60)
    finally:
        child.join(timeout=10)
        if child.is_alive():
            child.kill()
    assert there == there_many == here
    assert [t.form for t in there if t.tag == "QTY"] == ["2과정", "358명"]


def test_the_batch_forkserver_preloads_the_tokenizer():
    code = (
        "import sys\n"
        "import kplan.pipeline.worker_preload\n"
        "from kplan.rules import korean\n"
        "assert korean.kiwi.cache_info().currsize == 1, 'not loaded at import'\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


def test_many_texts_in_one_call_are_each_analysed_as_alone():
    # A family plug-in may hand Kiwi many texts at once, as kiwipiepy documents it. Kiwi sends
    # them to its thread pool, which single-thread mode lacks: the call raised
    # `asyncAnalyze doesn't work at single thread mode`. Each text is now analysed by one call.
    model = korean.kiwi()
    many = model.tokenize(iter([SEED_ITEM, "연수운영"]))
    assert not isinstance(many, list)  # lazy, as Kiwi's own many-text result
    first, second = list(many)

    def read(tokens):
        return [(t.form, t.tag, t.start, t.len) for t in tokens]

    assert read(first) == read(model.tokenize(SEED_ITEM))
    assert (
        read(second)
        == read(model.tokenize("연수운영"))
        == [("연수", "NNG", 0, 2), ("운영", "NNG", 2, 2)]
    )
    assert [t.form for t in first if t.tag == "QTY"] == ["2과정", "358명"]
    [(tokens, text)] = list(model.tokenize(["358명"], echo=True))
    assert (text, [(t.form, t.tag) for t in tokens]) == ("358명", [("358명", "QTY")])
    [sentences] = list(model.split_into_sents(["연수를 운영한다. 과정을 만든다."]))
    assert [s.text for s in sentences] == ["연수를 운영한다.", "과정을 만든다."]
