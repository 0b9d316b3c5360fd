"""Safe YAML loading that remembers where every key and value came from.

Scenarios, lexicons and rule packs are data written by people; a validator must point at
the exact line and column of a mistake. PyYAML's nodes carry marks, but the plain Python
objects it builds do not, so mappings and sequences are built as ``MDict``/``MList``
that keep the 1-based marks of their keys and items.

Hostile input is refused before construction: files over a size cap, and documents whose
aliases would expand past a node budget (the "billion laughs" bomb), measured on the
composed node graph in linear time.
"""

from __future__ import annotations

from collections.abc import Hashable
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

from scoring.diagnostics import Diagnostic, DiagnosticList

Mark = tuple[int, int]

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_EXPANDED_NODES = 200_000


class MDict(dict[Any, Any]):
    """A mapping that knows the 1-based (line, col) of itself, its keys and its values."""

    start: Mark | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.key_marks: dict[Hashable, Mark] = {}
        self.value_marks: dict[Hashable, Mark] = {}

    def key_mark(self, key: Hashable) -> Mark | None:
        return self.key_marks.get(key, self.start)

    def mark_of(self, key: Hashable) -> Mark | None:
        return self.value_marks.get(key, self.key_mark(key))


class MList(list[Any]):
    """A sequence that knows the 1-based (line, col) of itself and of each item."""

    start: Mark | None = None

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.item_marks: list[Mark] = []

    def mark_of(self, index: int) -> Mark | None:
        if 0 <= index < len(self.item_marks):
            return self.item_marks[index]
        return self.start


def mark_at(data: Any, path: tuple[Hashable, ...]) -> Mark | None:
    """The mark of the deepest node of ``path`` that exists (a missing key points at its parent)."""
    node = data
    best: Mark | None = getattr(data, "start", None)
    for step in path:
        in_dict = isinstance(node, MDict) and step in node
        in_list = isinstance(node, MList) and isinstance(step, int) and 0 <= step < len(node)
        if not (in_dict or in_list):
            break
        best = node.mark_of(step)
        node = node[step]
    return best


def _mark(node: Node) -> Mark:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


class _Marking:
    """Constructors that build MDict/MList and report duplicate keys instead of hiding them."""

    diags: DiagnosticList

    def construct_marked_mapping(self, node: MappingNode) -> MDict:
        loader: Any = self
        result = MDict()
        result.start = _mark(node)
        loader.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, Hashable):
                self.diags.error(_mark(key_node), "yaml-key", "a mapping key must be a plain value")
                continue
            if key in result.key_marks:
                first = result.key_marks[key]
                self.diags.error(
                    _mark(key_node),
                    "duplicate-key",
                    f"duplicate key {key!r} (first defined at line {first[0]})",
                )
            result[key] = loader.construct_object(value_node, deep=True)
            result.key_marks[key] = _mark(key_node)
            result.value_marks[key] = _mark(value_node)
        return result

    def construct_marked_sequence(self, node: SequenceNode) -> MList:
        loader: Any = self
        result = MList()
        result.start = _mark(node)
        for child in node.value:
            result.append(loader.construct_object(child, deep=True))
            result.item_marks.append(_mark(child))
        return result


def marked_loader_class(base: type[yaml.SafeLoader]) -> type[Any]:
    """A safe loader on ``base`` (libyaml's or the pure-Python parser) that builds marked containers."""
    cls: Any = type(f"Marked{base.__name__}", (_Marking, base), {})
    cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _Marking.construct_marked_mapping)
    cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _Marking.construct_marked_sequence)
    return cls


# libyaml's parser gives the same marks about six times faster than the pure-Python one.
_MarkedLoader = marked_loader_class(getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _expanded_size(root: Node, budget: int) -> int:
    """Number of nodes the document would have with every alias expanded (memoised, linear)."""
    sizes: dict[int, int] = {}
    # Iterative post-order walk: deep documents must not hit the recursion limit.
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in sizes:
            continue
        children: list[Node]
        if isinstance(node, MappingNode):
            children = [n for pair in node.value for n in pair]
        elif isinstance(node, SequenceNode):
            children = list(node.value)
        else:
            children = []
        if children_done or not children:
            total = 1 + sum(sizes.get(id(c), 0) for c in children)
            sizes[id(node)] = min(total, budget + 1)
            continue
        stack.append((node, True))
        stack.extend((c, False) for c in children if id(c) not in sizes)
    return sizes[id(root)]


def _syntax_diagnostic(path: str, exc: yaml.YAMLError, text: str) -> Diagnostic:
    if isinstance(exc, yaml.MarkedYAMLError) and exc.problem_mark is not None:
        mark = exc.problem_mark
        problem = exc.problem or "invalid YAML"
        context = f" ({exc.context})" if exc.context else ""
        return Diagnostic(path, mark.line + 1, mark.column + 1, "error", "yaml-syntax", problem + context)
    if isinstance(exc, yaml.reader.ReaderError):
        before = text[: exc.position]
        line = before.count("\n") + 1
        col = exc.position - (before.rfind("\n") + 1) + 1
        message = f"unacceptable character {exc.character!r}"
        return Diagnostic(path, line, col, "error", "yaml-syntax", message)
    return Diagnostic(path, None, None, "error", "yaml-syntax", str(exc))


def load_yaml_text(
    text: str, path: str = "<string>", *, max_nodes: int = MAX_EXPANDED_NODES
) -> tuple[Any, list[Diagnostic]]:
    """Parse one YAML document into MDict/MList/scalars; problems come back as diagnostics."""
    diags = DiagnosticList(path)
    try:
        # The pure-Python reader checks every character up front, so even construction can fail.
        loader = _MarkedLoader(text)
    except yaml.YAMLError as exc:
        return None, [_syntax_diagnostic(path, exc, text)]
    loader.diags = diags
    try:
        node = loader.get_single_node()
        if node is None:
            return None, diags.sorted()
        size = _expanded_size(node, max_nodes)
        if size > max_nodes:
            diags.error(
                _mark(node),
                "yaml-too-large",
                f"document expands to more than {max_nodes:,} nodes (alias bomb?); refused",
            )
            return None, diags.sorted()
        data = loader.construct_document(node)
    except yaml.YAMLError as exc:
        return None, [*diags.sorted(), _syntax_diagnostic(path, exc, text)]
    except RecursionError:
        diags.error(None, "yaml-too-deep", "document nests too deeply; refused")
        return None, diags.sorted()
    finally:
        loader.dispose()
    return data, diags.sorted()


def read_text_file(path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> tuple[str | None, list[Diagnostic]]:
    """Read a UTF-8 text file under a size cap; unreadable files become one diagnostic."""
    name = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        return None, [Diagnostic(name, None, None, "error", "unreadable", exc.strerror or str(exc))]
    if size > max_bytes:
        return None, [
            Diagnostic(
                name, None, None, "error", "file-too-large",
                f"file is {size:,} bytes; the limit is {max_bytes:,}",
            )
        ]
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Diagnostic(name, None, None, "error", "unreadable", exc.strerror or str(exc))]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        return None, [Diagnostic(name, line, col, "error", "encoding", "file is not valid UTF-8")]


def load_yaml_file(
    path: str | Path, *, max_bytes: int = MAX_FILE_BYTES, max_nodes: int = MAX_EXPANDED_NODES
) -> tuple[Any, list[Diagnostic]]:
    p = Path(path)
    text, diags = read_text_file(p, max_bytes=max_bytes)
    if text is None:
        return None, diags
    return load_yaml_text(text, str(path), max_nodes=max_nodes)


def plain(data: Any) -> Any:
    """Strip marks: MDict/MList -> dict/list, recursively (for pydantic or JSON)."""
    if isinstance(data, dict):
        return {k: plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [plain(v) for v in data]
    return data
