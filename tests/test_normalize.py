import pytest

from kplan.rules.budget import collapse_repeats, note_text
from kplan.rules.normalize import (
    collapse_repeated_title,
    fold_spaces,
    join_letter_spaced,
    join_wrapped,
    normalize_dots,
    normalize_line,
    parse_number,
    to_won,
    unit_factor,
)


@pytest.mark.parametrize("dot", ["･", "‧", "・", "ㆍ", "·", "∙", "․", "⋅", "\u119e"])
def test_every_middle_dot_variant_becomes_u00b7(dot):
    assert normalize_dots(f"유{dot}초{dot}중등") == "유·초·중등"


def test_letter_spaced_labels_are_joined_and_prose_is_not():
    assert join_letter_spaced("작 성 자") == "작성자"
    assert join_letter_spaced("기 획 평 가 부 장: 김종범") == "기획평가부장: 김종범"
    assert join_letter_spaced("기 획 평 가 부 수석연구사:김태은") == "기획평가부 수석연구사:김태은"
    assert (
        join_letter_spaced("신규 교육공무직원 직무적응 3과정") == "신규 교육공무직원 직무적응 3과정"
    )


def test_titles_drawn_many_times_collapse_to_one():
    drawn = "  ".join(["일"] * 24 + ["반"] * 24 + ["현"] * 24) + "황" * 24 + "일  반  현  황"
    assert collapse_repeated_title(drawn) == "일반현황"
    assert collapse_repeated_title("  교육연수원" * 6) == "교육연수원"
    # A note row says its phrase four times; that is data, not an artifact.
    assert collapse_repeated_title("연수운영 연수운영 연수운영 연수운영") is None
    assert collapse_repeated_title("교원 자격단계별 핵심역량 강화 자격연수") is None


def test_symbol_font_bullet_and_spaces():
    assert (
        normalize_line("m ’75. 05. 12. 『서울학생수련원』개원")
        == "❍ ’75. 05. 12. 『서울학생수련원』개원"
    )
    assert normalize_line("  담당: 조은  ☎ 8112 ") == "담당: 조은 ☎ 8112"
    # A word that starts with m is not a bullet.
    assert normalize_line("mobile 연수") == "mobile 연수"
    assert fold_spaces("a \u3000 b\t c") == "a b c"


@pytest.mark.parametrize(
    "token, value",
    [
        ("1,078,028", 1078028),
        ("-", None),
        ("", None),
        ("△120", -120),
        ("▲1,200", -1200),
        ("315", 315),
        ("0", 0),
    ],
)
def test_numbers(token, value):
    assert parse_number(token) == value


def test_text_is_never_a_number():
    with pytest.raises(ValueError):
        parse_number("연수운영")
    with pytest.raises(ValueError):
        parse_number("1,0780")


@pytest.mark.parametrize(
    "unit, factor",
    [
        ("천원", 1000),
        ("백만원", 1_000_000),
        ("억원", 100_000_000),
        ("원", 1),
        (None, 1),
        ("십억원", 1_000_000_000),
    ],
)
def test_units_to_won(unit, factor):
    assert unit_factor(unit) == factor
    assert to_won(1_078_028, unit_factor("천원")) == 1_078_028_000


def test_wrapped_lines_join_with_one_space():
    assert (
        join_wrapped(["교원 ", "자격단계별 ", "핵심역량 ", "강화 ", "", "자격연수"])
        == "교원 자격단계별 핵심역량 강화 자격연수"
    )


def test_note_rows_say_each_phrase_once():
    assert note_text(["연수 운영 연수 운영 연수 운영 -"]) == "연수 운영"
    assert (
        note_text(["특교편성", "예정", "연수운영 연수운영 연수운영 연수운영"])
        == "특교편성 예정 연수운영"
    )
    assert (
        note_text(["(재배정)", "재배정 재배정 재배정 재배정", "연수운영 연수운영"])
        == "재배정 연수운영"
    )
    assert note_text(["-", "- -"]) is None
    assert collapse_repeats(["과정확정", "콘텐츠개발", "콘텐츠개발", "심사및운영"]) == [
        "과정확정",
        "콘텐츠개발",
        "심사및운영",
    ]


def test_halfwidth_shapes_are_the_bullets_and_arrows_they_show():
    # lh_permanent_rental p.18 marks its items '￭' (U+FFED): NFKC's ■.
    assert normalize_line("￭ 확인방법") == "■ 확인방법"
    assert normalize_line("￮ 추진 ￫ 완료") == "○ 추진 → 완료"
