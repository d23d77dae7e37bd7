"""Skip logic for framework files: the ``relevant:`` expression language.

A small, safe language parsed to an immutable AST and evaluated by walking it;
user text is never passed to ``eval``, ``exec`` or ``ast.literal_eval``.
Grammar (keywords ``and or not in true false null`` are case-sensitive)::

    expr       := or
    or         := and ('or' and)*
    and        := not ('and' not)*
    not        := 'not' not | comparison
    comparison := operand [('=='|'!='|'<'|'<='|'>'|'>='|'in'|'not' 'in') operand]
    operand    := literal | name | list | '(' expr ')'
    list       := '[' [literal (',' literal)*] ']'
    literal    := string | number | 'true' | 'false' | 'null'
    name       := [a-z_][a-z0-9_]*('.'[a-z_][a-z0-9_]*)*    (not a keyword)

Strings use single or double quotes; a backslash may escape only the quote
character or a backslash. Numbers are ``-?[0-9]+(.[0-9]+)?([eE][+-]?[0-9]+)?``;
with a ``.`` or an exponent they are floats. Comparisons do not chain. Texts are
limited to :data:`MAX_LENGTH` characters and :data:`MAX_DEPTH` levels of nesting
(each ``(``, ``[`` and ``not`` opens a level).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple, Union

__all__ = ["And", "Compare", "Expr", "ListLit", "Literal", "Not", "Or", "Ref",
           "RelevanceSyntaxError", "compile_relevance", "evaluate", "parse",
           "references", "unparse"]

MAX_LENGTH = 2000
MAX_DEPTH = 50
KEYWORDS = frozenset({"and", "or", "not", "in", "true", "false", "null"})
COMPARE_OPS = ("==", "!=", "<", "<=", ">", ">=", "in", "not in")
_CONSTANTS = {"true": True, "false": False, "null": None}


class RelevanceSyntaxError(ValueError):
    """A relevance expression that does not parse.

    ``position`` is the 0-based offset into the source where the problem is;
    ``reason`` a short message; ``str(err)`` is ``"<reason> at column <position+1>"``.
    """

    def __init__(self, reason: str, position: int) -> None:
        super().__init__(f"{reason} at column {position + 1}")
        self.reason, self.position = reason, position


# --------------------------------------------------------------------- AST

@dataclass(frozen=True, eq=False)
class Literal:
    """A constant: str, int, finite float, bool or None.

    Equality includes the value's type (``Literal(1) != Literal(1.0)``,
    ``Literal(True) != Literal(1)``), matching what :func:`unparse` prints.
    """

    value: str | int | float | bool | None

    def __post_init__(self) -> None:
        if type(self.value) not in (str, int, float, bool, type(None)):
            raise TypeError(f"unsupported literal type: {type(self.value).__name__}")
        if isinstance(self.value, float) and not math.isfinite(self.value):
            raise ValueError("float literals must be finite")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Literal):
            return NotImplemented
        return type(self.value) is type(other.value) and self.value == other.value

    def __hash__(self) -> int:
        return hash((type(self.value), self.value))


@dataclass(frozen=True)
class Ref:
    """A dotted name (``profile.gender``, ``answer.q1``): a non-keyword match of the name rule."""

    name: str


@dataclass(frozen=True)
class ListLit:
    """A list literal ``[a, b, c]``; ``items`` is a tuple of :class:`Literal`."""

    items: tuple[Literal, ...]


@dataclass(frozen=True)
class Compare:
    """``left op right``, with ``op`` one of :data:`COMPARE_OPS`."""

    op: str
    left: Expr
    right: Expr


@dataclass(frozen=True)
class _NAry:
    operands: tuple[Expr, ...]  # at least two

    def __post_init__(self) -> None:
        if len(self.operands) < 2:
            raise ValueError(f"{type(self).__name__} needs at least two operands")


class And(_NAry):
    """Conjunction of two or more operands: ``a and b and c`` is one node."""


class Or(_NAry):
    """Disjunction of two or more operands: ``a or b or c`` is one node."""


@dataclass(frozen=True)
class Not:
    """Negation of the operand's truthiness."""

    operand: Expr


Expr = Union[Literal, Ref, ListLit, Compare, And, Or, Not]


# ------------------------------------------------------------------ parsing

_TOKEN_RE = re.compile(r"""
    (?P<str>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
  | (?P<num>-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)(?![A-Za-z0-9_.])
  | (?P<name>[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)*)
  | (?P<op>==|!=|<=|>=|<|>|[()\[\],])
  | (?P<eof>\Z)""", re.VERBOSE | re.DOTALL)


class _Tok(NamedTuple):
    kind: str  # "str", "num", "name", "kw", "op", "eof", or "bad" (value: the error)
    value: object
    pos: int
    text: str

    def describe(self) -> str:
        if self.kind == "eof":
            return "end of input"
        text = self.text if len(self.text) <= 20 else self.text[:17] + "..."
        return f"string {text}" if self.kind == "str" else f"'{text}'"


def _token(kind: str, text: str, pos: int) -> _Tok:
    if kind == "str":
        for esc in re.finditer(r"\\(.)", text[1:-1], re.DOTALL):
            if esc.group(1) not in (text[0], "\\"):
                reason = f"invalid escape {esc.group()!r}"
                raise RelevanceSyntaxError(reason, pos + 1 + esc.start())
        return _Tok(kind, re.sub(r"\\(.)", r"\1", text[1:-1], flags=re.DOTALL), pos, text)
    if kind == "num":
        value = float(text) if any(c in text for c in ".eE") else int(text)
        if isinstance(value, float) and not math.isfinite(value):
            raise RelevanceSyntaxError("number out of range", pos)
        return _Tok(kind, value, pos, text)
    return _Tok("kw" if text in KEYWORDS else kind, text, pos, text)


def _tokenize(src: str) -> list[_Tok]:
    """All tokens, ending with "eof" or with a "bad" token holding the error, which
    the parser raises only when it gets there: the first error in reading order wins."""
    toks, i = [], 0
    while True:
        while i < len(src) and src[i] in " \t\r\n":
            i += 1
        if (m := _TOKEN_RE.match(src, i)) is None:
            ch = src[i]
            reason = ("unclosed string" if ch in "'\"" else
                      "invalid number" if re.match(r"-?[0-9]", src[i:i + 2]) else
                      "unexpected '=' (use '==')" if ch == "=" else
                      f"unexpected character {ch!r}")
            return toks + [_Tok("bad", RelevanceSyntaxError(reason, i), i, ch)]
        kind, i = m.lastgroup or "", m.end()
        if kind == "eof":
            return toks + [_Tok("eof", None, i, "")]
        try:
            toks.append(_token(kind, m.group(), m.start()))
        except RelevanceSyntaxError as exc:
            return toks + [_Tok("bad", exc, m.start(), m.group())]


class _Parser:
    """Recursive descent. Recursion is bounded by MAX_DEPTH; and/or chains are loops."""

    def __init__(self, src: str) -> None:
        self.toks, self.i, self.depth = _tokenize(src), 0, 0

    def peek(self, k: int = 0) -> _Tok:
        tok = self.toks[min(self.i + k, len(self.toks) - 1)]
        if tok.kind == "bad":
            raise tok.value
        return tok

    def take(self) -> _Tok:
        tok = self.peek()
        self.i += tok.kind != "eof"
        return tok

    def at(self, *texts: str, k: int = 0) -> bool:
        tok = self.peek(k)
        return tok.kind in ("kw", "op") and tok.text in texts

    def enter(self) -> _Tok:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.error(f"nesting deeper than {MAX_DEPTH} levels")
        return self.take()

    def error(self, reason: str) -> RelevanceSyntaxError:
        return RelevanceSyntaxError(reason, self.peek().pos)

    def no_value(self) -> RelevanceSyntaxError:
        if self.i == 0:
            return self.error(f"unexpected {self.peek().describe()}")
        return self.error(f"expected a value after '{self.toks[self.i - 1].text}'")

    def parse(self) -> Expr:
        if self.peek().kind == "eof":
            raise RelevanceSyntaxError("empty expression", 0)
        expr = self.or_()
        if self.peek().kind != "eof":
            raise self.error(f"unexpected {self.peek().describe()}")
        return expr

    def or_(self) -> Expr:
        return self.chain("or", Or, lambda: self.chain("and", And, self.not_))

    def chain(self, word: str, cls: type, sub: Callable[[], Expr]) -> Expr:
        items = [sub()]
        while self.at(word):
            self.take()
            items.append(sub())
        return items[0] if len(items) == 1 else cls(tuple(items))

    def not_(self) -> Expr:
        if not self.at("not"):
            return self.comparison()
        self.enter()
        inner = self.not_()
        self.depth -= 1
        return Not(inner)

    def compare_op(self) -> str | None:
        if self.at("==", "!=", "<", "<=", ">", ">=", "in"):
            return self.peek().text
        return "not in" if self.at("not") and self.at("in", k=1) else None

    def comparison(self) -> Expr:
        left = self.operand()
        if (op := self.compare_op()) is None:
            return left
        for _ in op.split():
            self.take()
        right = self.operand()
        if self.compare_op() is not None:
            raise self.error("comparisons cannot be chained")
        return Compare(op, left, right)

    def literal(self) -> Literal | None:
        tok = self.peek()
        if tok.kind in ("str", "num") or (tok.kind == "kw" and tok.text in _CONSTANTS):
            self.take()
            return Literal(_CONSTANTS[tok.text] if tok.kind == "kw" else tok.value)
        return None

    def operand(self) -> Expr:
        if (lit := self.literal()) is not None:
            return lit
        tok = self.peek()
        if tok.kind == "name":
            self.take()
            return Ref(tok.text)
        if not self.at("(", "["):
            raise self.no_value()
        self.enter()
        if tok.text == "(":
            inner = self.or_()
            self.close(tok, ")")
            return inner
        items: list[Literal] = []
        while items or not self.at("]"):
            if (lit := self.literal()) is None:
                if self.peek().kind == "name" or self.at("(", "["):
                    raise self.error("list items must be literal values")
                raise self.no_value()
            items.append(lit)
            if not self.at(","):
                break
            self.take()
        self.close(tok, "]")
        return ListLit(tuple(items))

    def close(self, opener: _Tok, closer: str) -> None:
        if self.peek().kind == "eof":
            raise RelevanceSyntaxError(f"unclosed '{opener.text}'", opener.pos)
        if not self.at(closer):
            raise self.error(f"unexpected {self.peek().describe()}")
        self.take()
        self.depth -= 1


def parse(text: str) -> Expr:
    """Parse ``text`` into an :data:`Expr`.

    Raises :class:`RelevanceSyntaxError`, and nothing else, for any bad input:
    non-string or empty text, text longer than :data:`MAX_LENGTH` (reported at
    position ``MAX_LENGTH``), nesting deeper than :data:`MAX_DEPTH`, bad tokens.
    """
    if not isinstance(text, str):
        raise RelevanceSyntaxError("expression must be text", 0)
    if len(text) > MAX_LENGTH:
        raise RelevanceSyntaxError(f"expression longer than {MAX_LENGTH} characters", MAX_LENGTH)
    return _Parser(text).parse()


# ------------------------------------------------------- unparse, references

def _literal_text(value: object) -> str:
    if isinstance(value, str):
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
    if value is None or isinstance(value, bool):
        return {None: "null", True: "true", False: "false"}[value]
    return repr(value)  # int, or a finite float: repr round-trips exactly


def unparse(expr: Expr) -> str:
    """Canonical text for ``expr``, with parentheses only where precedence needs them.

    ``parse(unparse(e)) == e`` for every AST whose text stays within
    :data:`MAX_LENGTH` and :data:`MAX_DEPTH`. Strings use single quotes.
    """
    def wrap(e: Expr, needs: tuple[type, ...]) -> str:
        return f"({unparse(e)})" if isinstance(e, needs) else unparse(e)

    if isinstance(expr, Literal):
        return _literal_text(expr.value)
    if isinstance(expr, Ref):
        return expr.name
    if isinstance(expr, ListLit):
        return "[" + ", ".join(_literal_text(i.value) for i in expr.items) + "]"
    if isinstance(expr, Compare):
        needs = (And, Or, Not, Compare)
        return f"{wrap(expr.left, needs)} {expr.op} {wrap(expr.right, needs)}"
    if isinstance(expr, Not):
        return "not " + wrap(expr.operand, (And, Or))
    if isinstance(expr, And):
        return " and ".join(wrap(e, (And, Or)) for e in expr.operands)
    if isinstance(expr, Or):
        return " or ".join(wrap(e, (Or,)) for e in expr.operands)
    raise TypeError(f"not a relevance expression: {expr!r}")


def references(expr: Expr) -> frozenset[str]:
    """The dotted names referenced anywhere in ``expr``."""
    names, stack = set(), [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, Ref):
            names.add(node.name)
        elif isinstance(node, Compare):
            stack += (node.left, node.right)
        elif isinstance(node, _NAry):
            stack += node.operands
        elif isinstance(node, Not):
            stack.append(node.operand)
    return frozenset(names)


# --------------------------------------------------------------- evaluation

def _orderable(a: object, b: object) -> bool:
    """Both numbers (a bool is not a number) or both strings."""
    if isinstance(a, str) or isinstance(b, str):
        return isinstance(a, str) and isinstance(b, str)
    return all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (a, b))


def _equal(a: object, b: object) -> bool:
    """Value equality: ``1 == 1.0``; a bool never equals a number; lists element-wise."""
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(map(_equal, a, b))
    if _orderable(a, b):
        return a == b
    return (a is None or isinstance(a, bool)) and type(a) is type(b) and a == b


def _in(item: object, container: object) -> bool:
    return isinstance(container, (list, tuple)) and any(_equal(item, x) for x in container)


def _compare(op: str, a: object, b: object) -> bool:
    if op in ("==", "!="):
        return _equal(a, b) == (op == "==")
    if op in ("in", "not in"):
        return _in(a, b) if op == "in" else b is not None and not _in(a, b)
    if not _orderable(a, b):
        return False
    return bool({"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[op])  # type: ignore[operator]


def _truthy(value: object) -> bool:
    try:
        return bool(value)
    except Exception:  # an odd env value must not break a case read
        return False


def _value(expr: Expr, env: Mapping[str, object]) -> object:
    if isinstance(expr, Literal):
        return expr.value
    if isinstance(expr, Ref):
        return env.get(expr.name)
    if isinstance(expr, ListLit):
        return [i.value for i in expr.items]
    if isinstance(expr, Compare):
        return _compare(expr.op, _value(expr.left, env), _value(expr.right, env))
    if isinstance(expr, Not):
        return not _truthy(_value(expr.operand, env))
    if isinstance(expr, (And, Or)):
        check = all if isinstance(expr, And) else any
        return check(_truthy(_value(e, env)) for e in expr.operands)
    raise TypeError(f"not a relevance expression: {expr!r}")


def evaluate(expr: Expr, env: Mapping[str, object]) -> bool:
    """Evaluate ``expr`` against ``env`` (dotted name -> value); always returns a bool.

    A missing name is None. Never raises on type mismatch: ``==``/``!=`` compare
    values (``1 == 1.0``; a bool never equals a number); ``<``, ``<=``, ``>``,
    ``>=`` are False unless both sides are numbers or both are strings; ``in`` is
    membership of a list and False for a None or non-list right side; ``not in``
    is the negation of ``in``, but False when the right side is None (unanswered
    stays unknown). ``and``/``or``/``not`` and bare operands use truthiness.
    """
    return _truthy(_value(expr, env))


@lru_cache(maxsize=512)
def compile_relevance(text: str) -> Callable[[Mapping[str, object]], bool]:
    """Parse ``text`` once (LRU-cached on the text) and return ``env -> bool``.

    Raises :class:`RelevanceSyntaxError` as :func:`parse` does.
    """
    expr = parse(text)
    return lambda env: evaluate(expr, env)
