"""Korean that reads as translated English, caught where a pattern can catch it.

WRITING.ko.md is the Korean style guide; this module checks the part of it a regular expression can
check, on every Korean text a reader sees (tests/korean_texts.py): the Korean pages, the Korean
notebooks (markdown cells, and the comments and strings of their code cells) and the Korean label
tables of the figure scripts. Each rule names the habit and the Korean way to write it instead.

A second check looks at the particle after a number the build computes: ``{{claim:NAME}}로`` is
right or wrong depending on the value's last sound (0.5로, 0.3으로), so a particle there must not
depend on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from korean_texts import HANGUL, korean_texts, prose, where

from nnnotes.experiments.claims import all_claims, all_settings

NOT_AFTER = rf"(?<![{HANGUL}])"     # the match starts a word
WORD_END = rf"(?![{HANGUL}])"       # the match ends a word


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern
    fix: str


def rule(name: str, pattern: str, fix: str) -> Rule:
    return Rule(name, re.compile(pattern), fix)


RULES = [
    rule("스텝을 밟다", r"스텝을\s+밟", "'take a step' calque: 학습을 시작하다, 한 번 갱신하다"),
    rule("발이 묶이다", r"발이\s+묶", "'stranded' calque: say what decides it (수렴 속도는 조건수가 정한다)"),
    rule("손잡이", r"손잡이", "'knob' calque: 조절하다, 조절할 수 있는 값, 하이퍼파라미터"),
    rule("덜컥", r"덜컥", "onomatopoeia: 크게 달라진다, 갑자기 바뀐다"),
    rule("재다", NOT_AFTER + r"(?:잰다|잰|잴|쟀[가-힣]*|재(?:다|고|어|서|면|며|는|야|려고|려면)|재(?=\s+[보본봤볼]))"
         + WORD_END, "재다 for 'measure': 측정한다, 계산한다, 살펴본다"),
    rule("곧 (i.e.)", r",\s*곧(?=\s)|" + NOT_AFTER + r"곧\s*,",
         "곧 for 'i.e.': 즉 (for 'soon', 머지않아 or 이내)"),
    rule("그/그들", NOT_AFTER + r"(?:그(?:가|는|의|를|에게)|그녀[가-힣]*|그들[가-힣]*)" + WORD_END,
         "a pronoun for an author: name them (Nielsen은, Glorot과 Bengio는)"),
    rule("가져다주다", r"가져다\s*주", "'what it buys' calque: 왜 필요한지, 무엇을 얻는지"),
    rule("값을 치르다", r"값을\s+치[르른렀러를]", "'pay a price' calque: 대가, 비용이 든다"),
    rule("엄지 규칙", r"엄지\s*(?:손가락\s*)?규칙", "'rule of thumb' calque: 경험칙"),
    rule("동물원", r"동물원", "'zoo' calque: 종류, 모음"),
    rule("쓰레기 값", r"쓰레기", "'garbage' calque: 의미 없는 값"),
    rule("스위트 스팟", r"스위트\s*스팟", "'sweet spot' calque: 가장 알맞은 범위, 적당한 값"),
    rule("구어체", rf"[{HANGUL}]*(?:거든|잖아|죠|[{HANGUL}](?<![필주중개수강동소])요)" + WORD_END,   # not 필요, 주요, …
         "a spoken ending: write the plain written register (-다, -한다)"),
    rule("검증 데이터", r"검증\s*(?:데이터|정확도|오류율|용)",
         "held-out data is 평가 데이터 (평가 정확도, 평가 오류율); 검증 세트 is only the validation set"),
]


def find_habits(path: Path, text: str, rules: list[Rule] = RULES) -> list[str]:
    """One message per match in the prose of ``text``: file:line, what was written, the fix."""
    clean = prose(text)
    found = [(m.start(), f"'{' '.join(m.group(0).split())}' — {r.fix}") for r in rules for m in r.pattern.finditer(clean)]
    return [f"{where(path, text, start)}: {message}" for start, message in sorted(found)]


# --- particles after computed numbers -----------------------------------------------------

MARKER = re.compile(r"\{\{(?:claim|setting):(?P<name>[^}]+)\}\}(?P<after>[가-힣]*)")
# A particle whose form depends on the last sound of the word before it: 은/는, 이/가, 을/를, 과/와,
# 으로/로, 이나/나, 였다/이었다, 여서/이어서, 다/이다. The copula 이다 (이며, 이고, 인, 이면, …) fits after
# any number, and so do 에, 에서, 까지, 보다, 부터, 의, 도, 만, counters (개, 배, 번) and nouns such as
# 가량, 이상, 이하.
SOUND_DEPENDENT = re.compile(r"(?:은|는|을|를|과|와|으로|로|가(?!량|까)|나|였|여서|다|이(?![다며고면므어었지라인자상하내후전외]))")
AFTER_VOWEL = re.compile(r"(?:는|를|와|로|가|나|였|여서|다)")     # the forms after 퍼센트


def find_particles(path: Path, text: str, formats: dict[str, str]) -> list[str]:
    """Particles after ``{{claim:…}}``/``{{setting:…}}`` that depend on the number's last sound.

    A value formatted as a percentage always ends in 퍼센트, so the vowel forms are right after it.
    """
    found = []
    for m in MARKER.finditer(prose(text)):
        after = m["after"]
        if not after or not SOUND_DEPENDENT.match(after):
            continue
        percent = formats.get(m["name"], "").endswith("%")
        if percent and AFTER_VOWEL.match(after):
            continue
        fix = ("after a percentage (퍼센트) write the vowel form: 는, 가, 를, 와, 로" if percent else
               "the right form depends on the value's last sound (0.5로, 0.3으로): write 이다, 이며, 인, "
               "까지, 에서 or a counter (개, 배), or put the number where no particle follows")
        found.append(f"{where(path, text, m.start())}: '{m.group(0)}' — {fix}")
    return found


@pytest.fixture(scope="module")
def formats() -> dict[str, str]:
    """The format of every claim and setting, by name."""
    return {name: c.fmt for name, c in {**all_claims(), **all_settings()}.items()}


# --- the site -------------------------------------------------------------------------------

def test_no_korean_text_has_a_known_translated_habit():
    texts = korean_texts(code=True)
    assert {kind for _, text, kind in texts if text.strip()} == {"page", "notebook", "notebook code", "labels"}
    found = [message for path, text, _ in texts for message in find_habits(path, text)]
    assert found == [], "\n" + "\n".join(found)


def test_no_particle_after_a_computed_number_depends_on_its_value(formats):
    found = [message for path, text, kind in korean_texts() if kind == "page"
             for message in find_particles(path, text, formats)]
    assert found == [], "\n" + "\n".join(found)


# --- the checks themselves, on small synthetic texts ------------------------------------------

def messages(text: str) -> list[str]:
    return find_habits(Path("p.ko.md"), text)


def test_a_habit_is_reported_with_file_line_and_fix():
    text = "첫 줄이다.\n정확도를 잰다. 조건수에 발이\n묶인다.\n"
    assert messages(text) == [
        "p.ko.md:2: '잰다' — 재다 for 'measure': 측정한다, 계산한다, 살펴본다",
        "p.ko.md:2: '발이 묶' — 'stranded' calque: say what decides it (수렴 속도는 조건수가 정한다)",
    ]


@pytest.mark.parametrize("bad, name", [
    ("경사 하강법 스텝을 밟기 전에", "스텝을 밟다"),
    ("연속적으로 돌릴 수 있는 손잡이다", "손잡이"),
    ("덜컥덜컥 바뀐다", "덜컥"),
    ("기울기를 재어 본다", "재다"), ("다시 재 보면", "재다"), ("경계에서 잰 거리", "재다"), ("정확도를 쟀다", "재다"),
    ("`MLP([2, 1])`, 곧 뉴런 하나다", "곧 (i.e.)"), ("곧, 두 값이 같다", "곧 (i.e.)"),
    ("그가 보고한 비는 그의 값과 가깝다", "그/그들"), ("그들은 이렇게 썼다", "그/그들"),
    ("은닉층이 무엇을 가져다주는지", "가져다주다"),
    ("속도의 값을 치른다", "값을 치르다"),
    ("엄지 규칙으로는", "엄지 규칙"), ("활성화 함수 동물원", "동물원"), ("조용한 쓰레기 값", "쓰레기 값"),
    ("학습률의 스위트 스팟", "스위트 스팟"),
    ("이건 죽은 유닛이거든", "구어체"), ("줄어들잖아", "구어체"), ("빠르네요.", "구어체"), ("빨라요.", "구어체"),
    ("해 봐요", "구어체"), ("줄어들어요", "구어체"), ("그렇죠?", "구어체"),
    ("검증 데이터에서", "검증 데이터"), ("검증 정확도는", "검증 데이터"), ("검증용 점 200개", "검증 데이터"),
])
def test_each_rule_catches_its_habit(bad, name):
    caught = {r.name for r in RULES if r.pattern.search(prose(bad))}
    assert caught == {name}


@pytest.mark.parametrize("good", [
    "학습률이 크면 유닛이 곧 죽는다.",           # 곧 = soon
    "그래서 곧바로 수렴한다.",
    "그 값은 현재 측정한 값이다. 존재하는 모든 점을 재사용하고 재학습한다.",
    "그림에서 그 차이를 볼 수 있다. 그와 같이 그런 경우에 그리고 그러면",
    "Nielsen이 보고한 비는 Nielsen의 값과 가깝다.",
    "이 값이 필요하다. 주요 결과를 요약한다. 개요와 요소.",
    "평가 데이터에서 평가 정확도를 측정한다. 검증 세트에서 고르고, 인공 검증 오차를 만들었다.",
    "경험칙으로는 충분하다.",
    "코드 `x = '잰다'`는 산문이 아니다.",
])
def test_good_korean_passes(good):
    assert messages(good) == []


FORMATS = {"a.ratio": ".2f", "a.share": ".0%", "a.count": "d"}


@pytest.mark.parametrize("text, ok", [
    ("비는 {{claim:a.ratio}}이다.", True),
    ("비는 {{claim:a.ratio}}이며, {{claim:a.ratio}}인 경우 {{claim:a.ratio}}까지 {{claim:a.count}}개", True),
    ("{{claim:a.ratio}}에서 {{claim:a.ratio}}보다 {{claim:a.count}}배, {{claim:a.ratio}}의", True),
    ("{{claim:a.share}}가 죽고 {{claim:a.share}}로 떨어지며 {{claim:a.share}}를 맞힌다", True),
    ("{{claim:a.ratio}}가량, {{claim:a.ratio}}이하, {{claim:a.count}}이상", True),
    ("비가 {{claim:a.ratio}}로 줄었다", False),
    ("{{claim:a.ratio}}가 된다", False),
    ("{{claim:a.count}}이 남는다", False),
    ("{{claim:a.share}}으로 떨어진다", False),
    ("{{setting:a.ratio}}와 같다", False),
])
def test_a_particle_after_a_number_must_not_depend_on_its_value(text, ok):
    found = find_particles(Path("p.ko.md"), text, FORMATS)
    assert (found == []) == ok, found


def test_a_particle_finding_names_file_line_and_marker():
    found = find_particles(Path("p.ko.md"), "첫 줄\n손실은 {{claim:a.ratio}}로 줄었다.\n", FORMATS)
    assert len(found) == 1 and found[0].startswith("p.ko.md:2: '{{claim:a.ratio}}로' — the right form depends")


def test_notebook_code_comments_and_strings_are_read_on_their_lines(tmp_path):
    (tmp_path / "docs" / "notebooks").mkdir(parents=True)
    (tmp_path / "docs" / "notebooks" / "demo.ko.py").write_text(
        '# %% [markdown]\n# 정확도를 잰다.\n\n# %%\nx = 1  # 곧, 하나다\n'
        'def f():\n    """여러 줄\n\n    검증 데이터에서."""\nprint(f"값 {x}을 쟀다")\ny = x  # 코드 x = 2는 읽지 않는다\n',
        encoding="utf-8")
    texts = korean_texts(tmp_path, code=True)
    assert [kind for _, _, kind in texts] == ["notebook", "notebook code"]
    (path, markdown, _), (_, code, _) = texts
    assert [m.split(": ")[0].rsplit(":", 1)[1] for m in find_habits(path, markdown)] == ["2"]
    assert [m.split(": ")[0].rsplit(":", 1)[1] for m in find_habits(path, code)] == ["5", "9", "10"]
