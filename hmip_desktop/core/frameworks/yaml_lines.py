"""Load YAML into plain data while remembering the line of every value.

PyYAML's ``safe_load`` forgets where things came from and silently keeps the last of
two duplicate keys. Framework authors need ``FILE:LINE: reason`` for every error, so
we compose the node graph ourselves (still with the safe constructor for scalars) and
record, for each path into the data, the 1-based line on which it starts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

Path = tuple[str | int, ...]

# libyaml's composer is about ten times faster and gives the same node marks.
_COMPOSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Located:
    """YAML data plus the line of every path into it and the problems found on the way."""

    data: Any
    lines: dict[Path, int]
    #: (line, reason) for duplicate keys and similar structural problems.
    problems: list[tuple[int, str]] = field(default_factory=list)
    _seen_nodes: set[int] = field(default_factory=set, repr=False)

    def line_of(self, path: Path) -> int:
        """The line of ``path``, or of its nearest ancestor that has one (1 at worst)."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


class YamlSyntaxError(ValueError):
    def __init__(self, line: int, reason: str):
        super().__init__(f"line {line}: {reason}")
        self.line = line
        self.reason = reason


def load(text: str) -> Located:
    """Parse ``text``; raise :class:`YamlSyntaxError` (with its line) if it is not YAML."""
    try:
        node = yaml.compose(text, Loader=_COMPOSER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        reason = exc.problem or str(exc)
        raise YamlSyntaxError(line, f"YAML syntax: {reason}") from None
    except yaml.YAMLError as exc:  # pragma: no cover - defensive: all PyYAML errors are marked
        raise YamlSyntaxError(1, f"YAML syntax: {exc}") from None
    located = Located(data=None, lines={})
    if node is None:
        return located
    constructor = yaml.SafeLoader("")
    located.data = _build(node, (), located, constructor)
    return located


def _build(node: yaml.Node, path: Path, out: Located, constructor: yaml.SafeLoader) -> Any:
    out.lines[path] = node.start_mark.line + 1
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        # An alias reuses a composed node. Refusing them keeps files explicit and
        # makes "billion laughs" expansion impossible.
        if id(node) in out._seen_nodes:
            out.problems.append((node.start_mark.line + 1, "aliases (*name) are not allowed"))
            return None
        out._seen_nodes.add(id(node))
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                out.problems.append((key_node.start_mark.line + 1, "merge keys (<<) are not allowed"))
                continue
            key = constructor.construct_object(key_node, deep=True)
            key_line = key_node.start_mark.line + 1
            if not isinstance(key, (str, int, float, bool)) or key is None:
                out.problems.append((key_line, f"unsupported mapping key {key!r}"))
                continue
            if key in seen:
                out.problems.append(
                    (key_line, f"duplicate key '{key}' (first given on line {seen[key]})")
                )
                continue
            seen[key] = key_line
            child = path + (key,)
            result[key] = _build(value_node, child, out, constructor)
            # Point unknown-key errors at the key itself, not at its value.
            out.lines[child] = key_line
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (i,), out, constructor) for i, item in enumerate(node.value)]
    return constructor.construct_object(node, deep=True)
