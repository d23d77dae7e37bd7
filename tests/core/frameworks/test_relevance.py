"""Tests for the ``relevant:`` skip-logic language (parse, unparse, evaluate)."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from hmip_desktop.core.frameworks.relevance import (
    COMPARE_OPS,
    KEYWORDS,
    MAX_DEPTH,
    MAX_LENGTH,
    And,
    Compare,
    ListLit,
    Literal,
    Not,
    Or,
    Ref,
    RelevanceSyntaxError,
    compile_relevance,
    evaluate,
    parse,
    references,
    unparse,
)

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def lit(v):
    return Literal(v)


def ref(name):
    return Ref(name)


# ------------------------------------------------------------------ parsing

def test_parse_typical_conditions():
    assert parse("profile.disposal_type in ['licence', 'post_sentence_supervision']") == Compare(
        "in", ref("profile.disposal_type"),
        ListLit((lit("licence"), lit("post_sentence_supervision"))),
    )
    assert parse("answer.assess_risk == 'no' and not (profile.risk_level in ['low'])") == And((
        Compare("==", ref("answer.assess_risk"), lit("no")),
        Not(Compare("in", ref("profile.risk_level"), ListLit((lit("low"),)))),
    ))
    assert parse("profile.age >= 18") == Compare(">=", ref("profile.age"), lit(18))
    assert parse("'other' in answer.needs") == Compare("in", lit("other"), ref("answer.needs"))
    assert parse("answer.q1 not in [1, -2, 4.5, true, false, null]") == Compare(
        "not in", ref("answer.q1"),
        ListLit((lit(1), lit(-2), lit(4.5), lit(True), lit(False), lit(None))),
    )
    assert parse('"say \\"hi\\"" != \'it\\\'s \\\\\'') == Compare(
        "!=", lit('say "hi"'), lit("it's \\"))
    assert parse("[]") == ListLit(())
    assert parse("  answer.q1\n") == ref("answer.q1")


def test_literal_types_are_kept_apart():
    assert parse("1") == lit(1) and parse("1.0") == lit(1.0)
    assert parse("1") != parse("1.0")
    assert type(parse("1").value) is int and type(parse("1.0").value) is float
    assert parse("true") != lit(1)
    assert parse("1e3") == lit(1000.0)
    assert {parse("a == 1"), parse("a  ==  1")} == {Compare("==", ref("a"), lit(1))}


def test_precedence():
    a, b, c = ref("a"), ref("b"), ref("c")
    assert parse("a or b and c") == Or((a, And((b, c))))
    assert parse("a and b or c") == Or((And((a, b)), c))
    assert parse("not a == b") == Not(Compare("==", a, b))
    assert parse("not a and b") == And((Not(a), b))
    assert parse("(a or b) and c") == And((Or((a, b)), c))
    assert parse("a and b and c") == And((a, b, c))
    assert parse("a and (b and c)") == And((a, And((b, c))))
    assert parse("not not a") == Not(Not(a))
    assert parse("a == (b < c)") == Compare("==", a, Compare("<", b, c))


def test_keywords_are_lower_case_and_names_are_dotted():
    assert parse("answer.in") == ref("answer.in")  # only a whole name can be a keyword
    assert parse("_x.y_2") == ref("_x.y_2")
    for bad in ("True", "a AND b", "Profile.age"):
        with pytest.raises(RelevanceSyntaxError):
            parse(bad)


@pytest.mark.parametrize(("text", "position", "reason"), [
    ("profile.sex == 'male", 15, "unclosed string"),
    ("answer.q1 ==", 12, "expected a value after '=='"),
    ("answer.q1 == 'yes' and", 22, "expected a value after 'and'"),
    ("not", 3, "expected a value after 'not'"),
    ("a not in", 8, "expected a value after 'in'"),
    ("answer.q1 == 'yes')", 18, "unexpected ')'"),
    ("answer.q1 'yes'", 10, "unexpected string 'yes'"),
    ("a not b", 2, "unexpected 'not'"),
    ("and a", 0, "unexpected 'and'"),
    ("profile.age < 18 < 30", 17, "comparisons cannot be chained"),
    ("a == b not in c", 7, "comparisons cannot be chained"),
    ("profile.age $ 3", 12, "unexpected character '$'"),
    ("True", 0, "unexpected character 'T'"),
    ("a.", 1, "unexpected character '.'"),
    ("answer.q1 = 'yes'", 10, "unexpected '=' (use '==')"),
    ("a == == 'x", 5, "expected a value after '=='"),  # first error in reading order
    ("a == b $ 'unclosed", 7, "unexpected character '$'"),
    ('"a\\n"', 2, "invalid escape '\\\\n'"),
    ('"it\\\'s"', 3, "invalid escape \"\\\\'\""),
    ("12abc", 0, "invalid number"),
    ("1.5.3", 0, "invalid number"),
    ("1e999", 0, "number out of range"),
    ("(answer.q1 == 'yes'", 0, "unclosed '('"),
    ("a == ['x', 'y'", 5, "unclosed '['"),
    ("(a b)", 3, "unexpected 'b'"),
    ("()", 1, "expected a value after '('"),
    ("[1,]", 3, "expected a value after ','"),
    ("['x', answer.q1]", 6, "list items must be literal values"),
    ("[[1]]", 1, "list items must be literal values"),
    ("", 0, "empty expression"),
    (" \n\t", 0, "empty expression"),
    ("__import__('os')", 10, "unexpected '('"),
])
def test_error_positions(text, position, reason):
    with pytest.raises(RelevanceSyntaxError) as info:
        parse(text)
    err = info.value
    assert (err.position, err.reason) == (position, reason)
    assert str(err) == f"{reason} at column {position + 1}"
    assert isinstance(err, ValueError)


def test_non_text_input_is_a_syntax_error():
    with pytest.raises(RelevanceSyntaxError):
        parse(None)  # type: ignore[arg-type]


def test_length_limit():
    parse("a" * MAX_LENGTH)
    with pytest.raises(RelevanceSyntaxError) as info:
        parse("a" * (MAX_LENGTH + 1))
    assert info.value.position == MAX_LENGTH == 2000


def test_nesting_limit():
    assert parse("(" * MAX_DEPTH + "a" + ")" * MAX_DEPTH) == ref("a")
    assert parse("not " * MAX_DEPTH + "a") is not None
    with pytest.raises(RelevanceSyntaxError) as info:
        parse("(" * (MAX_DEPTH + 1) + "a" + ")" * (MAX_DEPTH + 1))
    assert info.value.position == MAX_DEPTH and "nesting" in info.value.reason
    with pytest.raises(RelevanceSyntaxError) as info:
        parse("not " * (MAX_DEPTH + 1) + "a")
    assert info.value.position == 4 * MAX_DEPTH
    with pytest.raises(RelevanceSyntaxError):
        parse("not (" * 30 + "a" + ")" * 30)


@pytest.mark.parametrize("text", [
    "(" * 10000 + "true" + ")" * 10000,
    "not " * 10000 + "true",
    "[" * 10000,
    "a and " * 300 + "b",
    "(" * 900,
])
def test_deep_or_long_input_fails_fast(text):
    start = time.perf_counter()
    try:
        parse(text)
    except RelevanceSyntaxError:
        pass
    assert time.perf_counter() - start < 1.0


def test_long_flat_chains_do_not_recurse():
    expr = parse(" and ".join(f"x{i} == 1" for i in range(140)))
    assert isinstance(expr, And) and len(expr.operands) == 140
    assert evaluate(expr, {f"x{i}": 1 for i in range(140)}) is True
    assert evaluate(expr, {f"x{i}": 1 for i in range(139)}) is False
    assert parse(unparse(expr)) == expr


# ---------------------------------------------------------------- unparsing

@pytest.mark.parametrize(("text", "canonical"), [
    ("a or b and c", "a or b and c"),
    ("(a or b) and c", "(a or b) and c"),
    ("a and (b and c)", "a and (b and c)"),
    ("not (a and b)", "not (a and b)"),
    ("not (a == b)", "not a == b"),
    ("((a))", "a"),
    ('x in ["p", "q\'s"]', "x in ['p', 'q\\'s']"),
    ("a == (b == c)", "a == (b == c)"),
    ("(not a) == b", "(not a) == b"),
    ("x>=-2.50", "x >= -2.5"),
    ("x == 1e20", "x == 1e+20"),
])
def test_unparse_is_canonical(text, canonical):
    assert unparse(parse(text)) == canonical
    assert parse(canonical) == parse(text)


def test_references():
    expr = parse("answer.a == 'x' and (profile.b in [1] or not answer.c) or 'z' in answer.a")
    assert references(expr) == frozenset({"answer.a", "profile.b", "answer.c"})
    assert references(parse("true")) == frozenset()


# --------------------------------------------------------------- evaluation

@pytest.mark.parametrize(("text", "env", "expected"), [
    ("profile.disposal_type in ['licence', 'post_sentence_supervision']",
     {"profile.disposal_type": "licence"}, True),
    ("profile.disposal_type in ['licence', 'post_sentence_supervision']",
     {"profile.disposal_type": "community"}, False),
    ("profile.disposal_type in ['licence']", {}, False),
    ("answer.assess_risk == 'no' and not (profile.risk_level in ['low'])",
     {"answer.assess_risk": "no", "profile.risk_level": "high"}, True),
    ("answer.assess_risk == 'no' and not (profile.risk_level in ['low'])",
     {"answer.assess_risk": "no", "profile.risk_level": "low"}, False),
    ("profile.age >= 18", {"profile.age": 18}, True),
    ("profile.age >= 18", {"profile.age": 17.5}, False),
    ("profile.age >= 18", {"profile.age": None}, False),
    ("profile.age >= 18", {"profile.age": "20"}, False),
    ("profile.age < 18", {}, False),
    ("profile.age >= 18", {"profile.age": True}, False),
    ("'b' > 'a'", {}, True),
    ("'other' in answer.needs", {"answer.needs": ["housing", "other"]}, True),
    ("'other' in answer.needs", {"answer.needs": ["housing"]}, False),
    ("'other' in answer.needs", {"answer.needs": None}, False),
    ("'other' in answer.needs", {"answer.needs": "other"}, False),
    ("'other' not in answer.needs", {"answer.needs": ["housing"]}, True),
    ("'other' not in answer.needs", {"answer.needs": ["other"]}, False),
    ("'other' not in answer.needs", {}, False),
    ("'other' not in answer.needs", {"answer.needs": "x"}, True),
    ("answer.q not in ['yes']", {}, True),
    ("1 == 1.0", {}, True),
    ("true == 1", {}, False),
    ("false == 0", {}, False),
    ("true in [1]", {}, False),
    ("1 in [true, 1.0]", {}, True),
    ("null == answer.missing", {}, True),
    ("answer.missing != 'yes'", {}, True),
    ("answer.q == ['a', 'b']", {"answer.q": ["a", "b"]}, True),
    ("answer.q == ['a', 'b']", {"answer.q": ["b", "a"]}, False),
    ("answer.q", {"answer.q": "yes"}, True),
    ("answer.q", {"answer.q": ""}, False),
    ("answer.q", {"answer.q": []}, False),
    ("answer.q", {}, False),
    ("not answer.q", {}, True),
    ("answer.a or answer.b", {"answer.b": 1}, True),
    ("answer.a and answer.b", {"answer.a": 1}, False),
    ("[]", {}, False),
    ("['x']", {}, True),
    ("(1 < 2) == true", {}, True),
    ("answer.q < 3", {"answer.q": float("nan")}, False),
    ("answer.q > 3", {"answer.q": float("inf")}, True),
    ("answer.q == 3", {"answer.q": {"odd": "value"}}, False),
])
def test_evaluate_semantics(text, env, expected):
    result = evaluate(parse(text), env)
    assert result is expected


def test_evaluate_survives_odd_env_values():
    class Bad:
        def __bool__(self):
            raise RuntimeError("no")

        def __eq__(self, other):
            raise RuntimeError("no")

        __hash__ = object.__hash__

    env = {"answer.q": Bad()}
    for text in ("answer.q", "answer.q == 1", "answer.q in ['a']", "'a' in answer.q",
                 "answer.q < 2", "not answer.q", "answer.q not in [1]"):
        assert isinstance(evaluate(parse(text), env), bool)


def test_compile_relevance_caches_and_evaluates():
    check = compile_relevance("profile.age >= 18")
    assert compile_relevance("profile.age >= 18") is check
    assert check({"profile.age": 30}) is True and check({}) is False
    with pytest.raises(RelevanceSyntaxError):
        compile_relevance("profile.age >=")


# --------------------------------------------------------------- properties

names = st.from_regex(r"[a-z_][a-z0-9_]{0,5}(\.[a-z_][a-z0-9_]{0,5}){0,2}", fullmatch=True) \
    .filter(lambda n: n not in KEYWORDS)
literal_values = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=8),
)
literals = literal_values.map(Literal)
leaves = st.one_of(
    literals, names.map(Ref), st.lists(literals, max_size=4).map(lambda xs: ListLit(tuple(xs))),
)


def _extend(kids):
    return st.one_of(
        st.builds(Compare, st.sampled_from(COMPARE_OPS), kids, kids),
        kids.map(Not),
        st.lists(kids, min_size=2, max_size=3).map(lambda xs: And(tuple(xs))),
        st.lists(kids, min_size=2, max_size=3).map(lambda xs: Or(tuple(xs))),
    )


exprs = st.recursive(leaves, _extend, max_leaves=10)


def _height(e) -> int:
    kids = {Compare: lambda: (e.left, e.right), Not: lambda: (e.operand,),
            And: lambda: e.operands, Or: lambda: e.operands}.get(type(e), lambda: ())()
    return 1 + max((_height(k) for k in kids), default=0)


def _refs(e) -> set[str]:
    if isinstance(e, Ref):
        return {e.name}
    kids = {Compare: lambda: (e.left, e.right), Not: lambda: (e.operand,),
            And: lambda: e.operands, Or: lambda: e.operands}.get(type(e), lambda: ())()
    return set().union(*(_refs(k) for k in kids))


def _check_error(text: str, err: RelevanceSyntaxError) -> None:
    assert 0 <= err.position <= len(text)
    assert str(err) == f"{err.reason} at column {err.position + 1}"


TOKENS = [
    "profile.age", "answer.q1", "answer.needs", "'x'", '"y"', "'it\\'s'", "1", "-2", "4.5",
    "1e3", "true", "false", "null", "==", "!=", "<", "<=", ">", ">=", "in", "not", "and",
    "or", "(", ")", "[", "]", ",", "'", '"', "\\", "$", "=", "-", ".", "A", "1.", "_",
]
token_texts = st.lists(
    st.tuples(st.sampled_from(TOKENS), st.sampled_from(["", " ", " ", "\n"])), max_size=25,
).map(lambda parts: "".join(t + s for t, s in parts))


@FAST
@given(st.one_of(st.text(max_size=200), token_texts))
def test_parse_raises_only_syntax_errors(text):
    try:
        expr = parse(text)
    except RelevanceSyntaxError as err:
        _check_error(text, err)
        return
    canonical = unparse(expr)
    assert parse(canonical) == expr
    assert unparse(parse(canonical)) == canonical
    assert isinstance(evaluate(expr, {}), bool)


@FAST
@given(st.text(alphabet="()[]not a=<>!'\"\\,.-1$", max_size=60))
def test_parse_dense_punctuation(text):
    try:
        parse(text)
    except RelevanceSyntaxError as err:
        _check_error(text, err)


@FAST
@given(exprs)
def test_unparse_round_trips(expr):
    assume(_height(expr) <= 15)
    text = unparse(expr)
    assume(len(text) <= MAX_LENGTH)
    assert parse(text) == expr
    assert unparse(parse(text)) == text
    assert references(expr) == frozenset(_refs(expr))


def _sloppy(e, draw) -> str:
    """Non-canonical text for ``e``: random spacing, quotes and redundant parentheses."""
    sp = lambda: draw(st.sampled_from(["", " ", "\n  "]))  # noqa: E731
    kw = lambda: draw(st.sampled_from([" ", "  ", "\t", "\n"]))  # noqa: E731

    def text(x, needs=()):
        s = _sloppy(x, draw)
        return f"({sp()}{s}{sp()})" if isinstance(x, needs) or draw(st.integers(0, 7)) == 0 else s

    def literal(v):
        if not isinstance(v, str):
            return unparse(Literal(v))
        q = draw(st.sampled_from("'\""))
        return q + v.replace("\\", "\\\\").replace(q, "\\" + q) + q

    if isinstance(e, Literal):
        return literal(e.value)
    if isinstance(e, Ref):
        return e.name
    if isinstance(e, ListLit):
        return "[" + sp() + ("," + sp()).join(literal(i.value) for i in e.items) + sp() + "]"
    if isinstance(e, Compare):
        gap = kw if e.op in ("in", "not in") else sp
        op = e.op.replace(" ", kw())
        need = (And, Or, Not, Compare)
        return f"{text(e.left, need)}{gap()}{op}{gap()}{text(e.right, need)}"
    if isinstance(e, Not):
        return "not" + kw() + text(e.operand, (And, Or))
    word, need = ("and", (And, Or)) if isinstance(e, And) else ("or", (Or,))
    return (kw() + word + kw()).join(text(x, need) for x in e.operands)


@FAST
@given(exprs, st.data())
def test_parse_accepts_non_canonical_spellings(expr, data):
    assume(_height(expr) <= 12)
    text = _sloppy(expr, data.draw)
    assume(len(text) <= MAX_LENGTH)
    assert parse(text) == expr


env_values = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=5),
    st.lists(st.text(max_size=3), max_size=3),
    st.lists(st.one_of(st.none(), st.integers(), st.booleans(), st.text(max_size=2)), max_size=3),
)


@FAST
@given(exprs, st.data())
def test_evaluate_always_returns_bool(expr, data):
    env = {name: data.draw(env_values) for name in references(expr) if data.draw(st.booleans())}
    assert isinstance(evaluate(expr, env), bool)


@FAST
@given(env_values, env_values)
def test_not_in_is_in_negated_except_when_unknown(left, right):
    env = {"answer.a": left, "answer.b": right}
    is_in = evaluate(parse("answer.a in answer.b"), env)
    not_in = evaluate(parse("answer.a not in answer.b"), env)
    assert not_in is (False if right is None else not is_in)
    for op in ("<", "<=", ">", ">="):
        if left is None or right is None or isinstance(left, (bool, list)) \
                or isinstance(right, (bool, list)) or isinstance(left, str) != isinstance(right, str):
            assert evaluate(parse(f"answer.a {op} answer.b"), env) is False
