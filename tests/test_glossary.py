"""The glossary fixes one Korean term per English term, and every Korean text on the site uses it.

The glossary pages (docs/glossary.ko.md, docs/glossary.en.md) are the data: sitebuild.glossary reads
their tables. Next to them, in this module, is the one list of known bad or mixed spellings (VARIANTS),
each mapped to the glossary's choice. The checks cover every Korean text a reader sees: the Korean pages,
the markdown cells of the Korean notebooks, and the Korean label tables of the figure scripts and the demos (read by
tests/korean_texts.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from korean_texts import HANGUL, IS_HANGUL, ROOT, korean_labels, korean_texts, mask, prose, where


from sitebuild.glossary import Entry, parse_glossary

DOCS = ROOT / "docs"
GLOSSARY = {"ko": DOCS / "glossary.ko.md", "en": DOCS / "glossary.en.md"}

# Known bad or mixed spellings -> the glossary's Korean choice. A space in a variant matches any run
# of whitespace, including a line break. A longer variant wins over a shorter one it contains
# ("히든 레이어" is reported as 은닉층, not as 층).
VARIANTS = {
    # layers
    "숨겨진 레이어": "은닉층", "숨겨진 층": "은닉층", "숨은 층": "은닉층", "히든 레이어": "은닉층",
    "히든 층": "은닉층", "은닉 레이어": "은닉층", "은닉 층": "은닉층",
    "입력 레이어": "입력층", "입력 층": "입력층", "출력 레이어": "출력층", "출력 층": "출력층",
    "완전 연결 레이어": "완전 연결층", "완전연결층": "완전 연결층", "완전 연결 층": "완전 연결층",
    "레이어": "층",
    # gradients
    "그래디언트 소실": "기울기 소실", "그라디언트 소실": "기울기 소실", "기울기 소멸": "기울기 소실",
    "역전파 소멸": "기울기 소실", "경사 소실": "기울기 소실",
    "그래디언트 폭발": "기울기 폭발", "그라디언트 폭발": "기울기 폭발", "경사 폭발": "기울기 폭발",
    "그래디언트": "기울기", "그라디언트": "기울기", "변화도": "기울기",
    "경사하강법": "경사 하강법",
    "백프로파게이션": "역전파", "포워드 패스": "순전파", "순방향 전파": "순전파",
    "체인 룰": "연쇄 법칙", "연쇄 규칙": "연쇄 법칙",
    # neurons, activations, parameters
    "뉴론": "뉴런", "뉴럴 네트워크": "신경망", "뉴럴넷": "신경망", "유니트": "유닛",
    "활성 함수": "활성화 함수", "활성함수": "활성화 함수", "활성화함수": "활성화 함수",
    "웨이트": "가중치", "바이어스": "편향", "가중치 감소": "가중치 감쇠",
    "하이퍼 파라미터": "하이퍼파라미터", "초매개변수": "하이퍼파라미터",
    "매개변수": "파라미터", "파라메터": "파라미터",
    # loanwords that stay in Latin letters
    "리키 렐루": "Leaky ReLU", "렐루": "ReLU", "맥스아웃": "Maxout", "하이퍼볼릭 탄젠트": "tanh",
    "자비에": "Xavier",
    # losses, training
    "크로스 엔트로피": "교차 엔트로피", "크로스엔트로피": "교차 엔트로피", "크로스-엔트로피": "교차 엔트로피",
    "손실함수": "손실 함수", "로스 함수": "손실 함수",
    "러닝 레이트": "학습률", "러닝레이트": "학습률",
    "에폭": "에포크", "미니 배치": "미니배치", "데이터셋": "데이터 세트", "라벨": "레이블",
    "훈련": "학습", "학습 세트": "학습 데이터", "학습 집합": "학습 데이터",
    "학습 오류율": "학습 오차", "학습 오류": "학습 오차",
    "시험 데이터": "테스트 세트", "시험 세트": "테스트 세트", "시험 집합": "테스트 세트",
    "테스트 데이터": "테스트 세트", "테스트 집합": "테스트 세트", "검증 집합": "검증 세트",
    "가우시안": "가우스",
    # regularization, normalization, preprocessing
    "오버피팅": "과적합", "과대적합": "과적합", "언더피팅": "과소적합", "정칙화": "규제",
    "드랍아웃": "드롭아웃", "드롭 아웃": "드롭아웃",
    "배치 노멀라이제이션": "배치 정규화", "배치 노말라이제이션": "배치 정규화", "배치놈": "배치 정규화",
    "배치 놈": "배치 정규화", "노멀라이제이션": "정규화", "노말라이제이션": "정규화",
    "백색화": "화이트닝", "프리프로세싱": "전처리",
    "지역 최솟값": "국소 최솟값", "로컬 미니멈": "국소 최솟값",
    "L1 정규화": "L1 규제", "L2 정규화": "L2 규제", "가중치 붕괴": "가중치 감쇠",
    "엘라스틱넷": "엘라스틱 넷", "일래스틱 넷": "엘라스틱 넷", "일래스틱넷": "엘라스틱 넷",
    "역드롭아웃": "역 드롭아웃", "인버티드 드롭아웃": "역 드롭아웃", "맥스 노름": "최대 노름 제약",
    "맥스놈": "최대 노름 제약", "맥스 놈": "최대 노름 제약",
    # losses
    "힌지 로스": "힌지 손실", "힌지로스": "힌지 손실", "스퀘어드 힌지": "제곱 힌지 손실",
    "후버 로스": "후버 손실", "휴버 손실": "후버 손실", "휴버 로스": "후버 손실",
    "아웃라이어": "이상치", "이상점": "이상치", "이상값": "이상치",
    "계층형 소프트맥스": "계층적 소프트맥스", "계층 소프트맥스": "계층적 소프트맥스",
    "구조화된 예측": "구조적 예측", "구조화 예측": "구조적 예측",
    "멀티 레이블": "다중 레이블", "멀티레이블": "다중 레이블", "다중 라벨": "다중 레이블",
    "멀티클래스 SVM": "다중 클래스 SVM", "멀티 클래스 SVM": "다중 클래스 SVM", "다중클래스": "다중 클래스",
    "로그섬익스프": "로그-합-지수", "로그 합 지수": "로그-합-지수",
}

# --- reading the glossary ---------------------------------------------------------------

@pytest.fixture(scope="module")
def glossary() -> dict[str, list[Entry]]:
    return {lang: parse_glossary(path.read_text(encoding="utf-8"), lang) for lang, path in GLOSSARY.items()}


def english_index(entries: list[Entry]) -> dict[str, Entry]:
    """Lower-cased English term or alias -> entry."""
    index = {}
    for entry in entries:
        for name in (entry.term, *entry.aliases):
            index[name.lower()] = entry
    return index


# --- check 1: known bad or mixed variants -----------------------------------------------

def variant_pattern(variants: dict[str, str]) -> re.Pattern:
    ordered = sorted(variants, key=len, reverse=True)
    return re.compile("|".join(r"\s+".join(map(re.escape, v.split())) for v in ordered))


def find_variants(path: Path, text: str, variants: dict[str, str] = VARIANTS) -> list[str]:
    """One message per bad variant in the prose of ``text``: file:line, the variant, the choice."""
    pattern, clean = variant_pattern(variants), prose(text)
    by_spelling = {" ".join(v.split()): choice for v, choice in variants.items()}
    return [
        f"{where(path, text, m.start())}: '{' '.join(m.group(0).split())}' -> "
        f"use the glossary's '{by_spelling[' '.join(m.group(0).split())]}'"
        for m in pattern.finditer(clean)
    ]


# --- check 2: glosses, the pattern 한국어(English term) ------------------------------------

NOT_GLOSSES = [  # also ignored when looking for glosses: math, claim markers, footnote definitions
    re.compile(r"\\\(.*?\\\)|\\\[.*?\\\]|\$\$.*?\$\$|\$[^$\n]+\$", re.DOTALL),
    re.compile(r"\{\{claim:[^}]*\}\}"),
    re.compile(r"^\[\^[^\]]+\]:.*$", re.MULTILINE),
]

EN = r"[A-Za-z][A-Za-z0-9'\-]*(?: [A-Za-z][A-Za-z0-9'\-]*)*"
ABBR = r"[A-Z]{2,}"
GLOSS_AFTER = re.compile(rf"(?P<en>{EN})(?:, (?P<abbr>{ABBR}))?")            # 은닉층(hidden layer)
GLOSS_THEN_REMARK = re.compile(rf"(?P<en>{EN}), (?P<rest>.*[{HANGUL}].*)")   # 힌지 손실(hinge loss, 이진 SVM)
# (기울기 소실, vanishing gradient)
GLOSS_INSIDE = re.compile(rf"(?P<ko>[^,]*[{HANGUL}][^,]*), (?P<en>{EN})(?:, (?P<abbr>{ABBR}))?")
PARENS = re.compile(r"\(([^()]{2,160})\)")


@dataclass(frozen=True)
class Gloss:
    place: str
    korean: str      # the Korean text before the parenthesis (its tail), or inside it
    english: str
    inside: bool = False   # the form (한국어, English)


def korean_tail(before: str) -> str:
    """The last few words before a parenthesis, emphasis removed, whitespace collapsed."""
    tail = " ".join(before[-80:].replace("*", "").split())
    return tail


def find_glosses(path: Path, text: str, korean_terms: set[str] = frozenset()) -> list[Gloss]:
    """Every English term glossed on a Korean page: 한국어(English), 한국어(English, 설명), (한국어, English).

    A parenthesis counts as a gloss after Korean text when the character before it (skipping
    whitespace and emphasis) is Hangul, or when the text before it ends with a Korean term of the
    glossary that contains Hangul ("죽은 ReLU(dead ReLU)").
    """
    clean = prose(text)
    for pattern in NOT_GLOSSES:
        clean = mask(clean, pattern)
    glosses = []
    for m in PARENS.finditer(clean):
        inner = " ".join(m.group(1).split())
        tail = korean_tail(clean[:m.start()])
        after_korean = bool(tail) and (IS_HANGUL.match(tail[-1]) is not None
                                       or any(tail.endswith(t) for t in korean_terms if IS_HANGUL.search(t)))
        place = where(path, text, m.start())
        if after_korean and (g := GLOSS_AFTER.fullmatch(inner) or GLOSS_THEN_REMARK.fullmatch(inner)):
            glosses.append(Gloss(place, tail, g["en"]))
        elif g := GLOSS_INSIDE.fullmatch(inner):
            glosses.append(Gloss(place, " ".join(g["ko"].split()), g["en"], inside=True))
    return glosses


def uses(korean: str, choice: str) -> bool:
    """Whether the Korean text ends with the glossary choice as a whole word (not inside a longer one)."""
    if not korean.endswith(choice):
        return False
    start = len(korean) - len(choice)
    return start == 0 or not IS_HANGUL.match(korean[start - 1])


def check_glosses(glosses: list[Gloss], entries: list[Entry]) -> tuple[list[str], list[str]]:
    """(glosses whose Korean is not the glossary's choice, glosses of English not in the glossary)."""
    index = english_index(entries)
    wrong, missing = [], []
    for g in glosses:
        entry = index.get(g.english.lower())
        words = re.split(r"[()\[\],.;:!?]", g.korean)[-1].split()   # the words since the last punctuation
        if entry is None:
            shown = " ".join(words[-2:])
            missing.append(f"{g.place}: '{shown}({g.english})' glosses '{g.english}', which is not in the glossary")
        elif g.inside and not IS_HANGUL.search(entry.korean):
            continue    # "(시그모이드, tanh)" lists two names; a name kept in Latin letters is not glossed
        elif not uses(g.korean, entry.korean):
            shown = " ".join(words[-max(2, len(entry.korean.split())):])
            wrong.append(f"{g.place}: '{shown}({g.english})' — the glossary's Korean for "
                         f"'{g.english}' is '{entry.korean}'")
    return wrong, missing


def all_glosses(entries: list[Entry], root: Path = ROOT) -> list[Gloss]:
    terms = {e.korean for e in entries}
    return [g for path, text, kind in korean_texts(root) if kind != "labels"
            for g in find_glosses(path, text, terms)]


# --- the glossary pages -----------------------------------------------------------------

def korean_order(term: str):
    """가나다 order, letter by letter (spaces ignored); terms in Latin letters or digits come last."""
    key = term.replace(" ", "")
    return (0, key) if IS_HANGUL.match(key) else (1, key.lower())


def english_order(term: str):
    return re.sub(r"[^a-z0-9]", "", term.lower())


def test_both_glossary_pages_have_a_table(glossary):
    assert len(glossary["ko"]) >= 50 and len(glossary["en"]) >= 50


def test_both_pages_hold_the_same_pairs(glossary):
    pairs = {lang: {(e.korean, e.english) for e in entries} for lang, entries in glossary.items()}
    assert pairs["ko"] - pairs["en"] == set(), "only on the Korean page"
    assert pairs["en"] - pairs["ko"] == set(), "only on the English page"


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_one_korean_choice_per_term(glossary, lang):
    entries = glossary[lang]
    for attribute in ("korean", "term"):
        seen: dict[str, Entry] = {}
        for e in entries:
            key = getattr(e, attribute).lower()
            assert key not in seen, (f"glossary.{lang}.md:{e.line}: '{getattr(e, attribute)}' is also on line "
                                     f"{seen[key].line} ({seen[key].korean} = {seen[key].english})")
            seen[key] = e
    names = [n.lower() for e in entries for n in (e.term, *e.aliases)]
    assert len(names) == len(set(names)), "an English alias repeats another term"


def test_korean_page_is_in_gana_order(glossary):
    terms = [e.korean for e in glossary["ko"]]
    assert terms == sorted(terms, key=korean_order)


def test_english_page_is_in_alphabetical_order(glossary):
    terms = [e.term for e in glossary["en"]]
    assert terms == sorted(terms, key=english_order)


def test_both_pages_link_a_term_to_the_same_section(glossary):
    links = {lang: {(e.korean, e.english): e.link for e in entries} for lang, entries in glossary.items()}
    assert {k: v for k, v in links["ko"].items() if links["en"].get(k) != v} == {}


def test_every_entry_has_a_definition(glossary):
    assert [e.line for entries in glossary.values() for e in entries if len(e.definition) < 10] == []


def test_every_variant_maps_to_a_glossary_choice(glossary):
    terms = {e.korean for e in glossary["ko"]}
    orphans = {v: c for v, c in VARIANTS.items() if c not in terms and not any(c in t for t in terms)}
    assert orphans == {}, "these variants point to no glossary term"
    assert not any(variant in terms for variant in VARIANTS), "a variant is itself a glossary term"


# --- the site against the glossary ------------------------------------------------------

def test_no_korean_text_uses_a_known_bad_variant():
    texts = korean_texts()
    assert any(kind == "labels" and text.strip() for _, text, kind in texts), "no Korean figure label was read"
    found = [message for path, text, _ in texts for message in find_variants(path, text)]
    assert found == [], "\n" + "\n".join(found)


def test_glossed_terms_use_the_glossary_choice(glossary):
    wrong, _ = check_glosses(all_glosses(glossary["ko"]), glossary["ko"])
    assert wrong == [], "\n" + "\n".join(wrong)


def test_every_glossed_term_is_in_the_glossary(glossary):
    glosses = all_glosses(glossary["ko"])
    assert len(glosses) > 100, "the gloss finder found almost nothing"
    _, missing = check_glosses(glosses, glossary["ko"])
    assert missing == [], "\n" + "\n".join(missing)


def test_every_glossary_term_appears_on_a_korean_page(glossary):
    texts = [prose(text) for path, text, kind in korean_texts() if kind != "labels" and path != GLOSSARY["ko"]]
    dead = [f"glossary.ko.md:{e.line}: {e.korean}" for e in glossary["ko"]
            if not any(re.search(r"\s+".join(map(re.escape, e.korean.split())), t) for t in texts)]
    assert dead == []


# --- the checkers themselves, on small synthetic texts -----------------------------------

SAMPLE = [Entry("은닉층", "hidden layer", "hidden layer", (), "", "", 1),
          Entry("배치 정규화", "batch normalization (BN)", "batch normalization", ("BN",), "", "", 2),
          Entry("죽은 ReLU", "dead ReLU", "dead ReLU", (), "", "", 3)]


def test_a_bad_variant_is_reported_with_file_line_and_choice():
    text = "첫 줄이다.\n여기에 히든 레이어가 둘 있고, 레이어마다 뉴런이 넷이다.\n"
    assert find_variants(Path("page.ko.md"), text) == [
        "page.ko.md:2: '히든 레이어' -> use the glossary's '은닉층'",
        "page.ko.md:2: '레이어' -> use the glossary's '층'",
    ]


def test_a_variant_split_by_a_line_break_is_caught():
    found = find_variants(Path("p.ko.md"), "이것은 러닝\n레이트다.")
    assert found == ["p.ko.md:1: '러닝 레이트' -> use the glossary's '학습률'"]


def test_code_urls_and_english_in_parentheses_are_not_prose():
    text = ("`레이어` 코드 스팬.\n```python\nlayer = '그래디언트'\n```\n"
            "<code>웨이트</code> [링크](https://example.com/레이어) <https://example.com/오버피팅>\n"
            "은닉층(hidden layer)은 괜찮다.\n")
    assert find_variants(Path("p.ko.md"), text) == []


def test_an_inconsistent_gloss_is_caught():
    text = "먼저\n숨은 뉴런층(hidden layer)을 본다. 배치\n정규화(batch normalization)는 맞다.\n"
    wrong, missing = check_glosses(find_glosses(Path("p.ko.md"), text), SAMPLE)
    assert wrong == ["p.ko.md:2: '숨은 뉴런층(hidden layer)' — the glossary's Korean for 'hidden layer' is '은닉층'"]
    assert missing == []


def test_gloss_forms_and_what_is_not_a_gloss():
    text = ("**은닉층**(hidden layer), 배치 정규화(batch normalization, BN), (은닉층, hidden layer), "
            "죽은 ReLU(dead ReLU), 은닉층(hidden layer, 숨은 층), 출력(dropout)\n"
            "그림 1(Fig. 1)과 \\(f(x)\\)와 `코드(code span)`와 `{{claim:a.b}}`.\n"
            "[^note]: 학위 논문(Diplomarbeit)\n")
    glosses = find_glosses(Path("p.ko.md"), text, {e.korean for e in SAMPLE})
    assert [(g.korean.split()[-1], g.english) for g in glosses] == [
        ("은닉층", "hidden layer"), ("정규화", "batch normalization"), ("은닉층", "hidden layer"),
        ("ReLU", "dead ReLU"), ("은닉층", "hidden layer"), ("출력", "dropout")]
    wrong, missing = check_glosses(glosses, SAMPLE)
    assert wrong == [] and missing == ["p.ko.md:1: '출력(dropout)' glosses 'dropout', which is not in the glossary"]


def test_a_list_of_two_names_is_not_a_gloss():
    entries = SAMPLE + [Entry("tanh", "tanh", "tanh", (), "", "", 4)]
    glosses = find_glosses(Path("p.ko.md"), "두 함수(시그모이드, tanh)와 (숨은 층, hidden layer)\n")
    wrong, missing = check_glosses(glosses, entries)
    assert missing == [] and wrong == [
        "p.ko.md:1: '숨은 층(hidden layer)' — the glossary's Korean for 'hidden layer' is '은닉층'"]


def test_a_term_inside_a_longer_word_is_not_the_choice():
    assert uses("이 층의 은닉층", "은닉층") and not uses("깊은닉층", "은닉층") and not uses("출력층", "층")


def test_notebooks_are_read_when_they_appear(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "page.ko.md").write_text("은닉층(hidden layer)\n", encoding="utf-8")
    assert [kind for _, _, kind in korean_texts(tmp_path)] == ["page"]      # no notebooks folder yet
    (tmp_path / "docs" / "notebooks").mkdir()
    (tmp_path / "docs" / "notebooks" / "demo.ko.py").write_text(
        "# ---\n# jupyter: {}\n# ---\n\n# %% [markdown]\n# # 제목\n# 히든 레이어(hidden layer)를 본다.\n\n"
        "# %%\n# 레이어 in a code comment\nx = '그래디언트'\n", encoding="utf-8")
    texts = korean_texts(tmp_path)
    assert [kind for _, _, kind in texts] == ["page", "notebook"]
    path, text, _ = texts[1]
    assert [m.split(": ", 1)[1] for m in find_variants(path, text)] == ["'히든 레이어' -> use the glossary's '은닉층'"]
    assert find_variants(path, text)[0].endswith("demo.ko.py:7: '히든 레이어' -> use the glossary's '은닉층'")
    assert [g.english for g in all_glosses(SAMPLE, tmp_path)] == ["hidden layer", "hidden layer"]


def test_figure_labels_are_read_from_the_korean_table_only():
    source = ('TEXT = {\n    "ko": {"x": "레이어 번호",\n           "y": ["층", "그래디언트"]},\n'
              '    "en": {"x": "레이어"},\n}\n')
    assert [m.split(": ", 1)[0] for m in find_variants(Path("plot_x.py"), korean_labels(source))] == [
        "plot_x.py:2", "plot_x.py:3"]
