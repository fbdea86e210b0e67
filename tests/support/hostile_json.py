"""Requests no schema describes, for every operation of the committed spec: hypothesis strategies
of hostile JSON (deep nesting, huge numbers, lone surrogates, NUL, odd unicode, duplicate keys,
wrong types, huge strings, invalid UTF-8) in bodies, and hostile query and path values. Sent raw
over HTTP (`send`), since no JSON library would write most of them.
"""

from __future__ import annotations

import http.client
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from hypothesis import strategies as st

SPEC = Path(__file__).resolve().parents[2] / "openapi" / "openapi.json"
TIMEOUT = 15  # seconds; far above any healthy answer
MAX_QUERY_CHARS = 2000  # gunicorn refuses request lines over 4094 bytes itself, before the app


@dataclass(frozen=True)
class Operation:
    method: str
    path: str  # the spec's template, {slug} and all
    envelope: str | None  # the body's one key (user, article, comment), when it takes a body
    fields: tuple[str, ...]  # the fields inside the envelope
    query: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.method} {self.path}"


def operations() -> list[Operation]:
    spec = json.loads(SPEC.read_text(encoding="utf-8"))
    schemas = spec["components"]["schemas"]
    found = []
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method == "parameters":
                continue
            query = tuple(p["name"] for p in operation.get("parameters", []) if p.get("in") == "query")
            envelope, fields = None, ()
            body = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
            if body:
                wrapper = schemas[body["$ref"].rsplit("/", 1)[1]]
                envelope = next(iter(wrapper["properties"]))
                inner = wrapper["properties"][envelope]
                if "$ref" in inner:  # an object in its envelope; a role, say, is a bare string
                    fields = tuple(schemas[inner["$ref"].rsplit("/", 1)[1]]["properties"])
            found.append(Operation(method.upper(), path, envelope, fields, query))
    return found


def _nested(depth: int, kind: str) -> str:
    return "[" * depth + "]" * depth if kind == "array" else '{"a":' * depth + "1" + "}" * depth


DEPTHS = st.sampled_from([100, 1_000, 20_000, 100_000])
DIGITS = st.sampled_from([19, 40, 400, 4_300, 4_301, 20_000])
ODD_STRINGS = st.sampled_from(
    [
        r'"\ud800"',  # a lone high surrogate, escaped
        r'"x\udfffy"',  # a lone low surrogate
        r'"\udc00\ud800"',  # a pair in the wrong order
        r'"\u0000"',
        r'"a\u0000b"',
        '"a\x00b"',  # a raw NUL: not JSON
        '"\x01\x1f"',  # raw control characters: not JSON
        '"\u202eevil\u202c"',  # right-to-left override
        '"\ufeffbom"',
        '"\uffff\ufffe"',  # noncharacters
        '"e' + "\u0301" * 2_000 + '"',  # a tower of combining accents
        '"' + "\U0001f600" * 1_000 + '"',
        '"' + "x" * 300_000 + '"',
        '"' + "é" * 150_000 + '"',
        '"\\',  # unterminated
    ]
)
WRONG_TYPES = st.sampled_from(["true", "false", "null", "[]", "{}", "0", "-1", "1.5", '[""]', '{"": ""}', '["x", 1]'])
ODD_NUMBERS = st.sampled_from(["1e400", "-1e400", "1e-400", "NaN", "Infinity", "-Infinity", "-0", "0x10", "01", "1."])
# Any JSON value at all, its strings free to hold any code point (surrogates too, escaped by json.dumps).
ANY_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=40)
ANY_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | ANY_TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(ANY_TEXT, inner, max_size=4),
    max_leaves=12,
)


@st.composite
def hostile_value(draw: st.DrawFn) -> str:
    """The text of one value, JSON or nearly."""
    kind = draw(st.sampled_from(["nested", "integer", "number", "string", "type", "any"]))
    if kind == "nested":
        return _nested(draw(DEPTHS), draw(st.sampled_from(["array", "object"])))
    if kind == "integer":
        return draw(st.sampled_from(["", "-"])) + "9" * draw(DIGITS)
    if kind == "number":
        return draw(ODD_NUMBERS | DIGITS.map(lambda n: "1" + "0" * n + ".5"))
    if kind == "string":
        return draw(ODD_STRINGS)
    if kind == "type":
        return draw(WRONG_TYPES)
    return json.dumps(draw(ANY_JSON), ensure_ascii=draw(st.booleans()))


@st.composite
def hostile_body(draw: st.DrawFn, operation: Operation) -> bytes:
    """A whole body: hostile in itself, in the envelope, in one field, or through duplicate keys."""
    value = draw(hostile_value())
    envelope = operation.envelope or "body"
    field = draw(st.sampled_from(operation.fields or ("field",)))
    shape = draw(st.sampled_from(["whole", "envelope", "field", "duplicate field", "duplicate envelope", "garbage"]))
    text = {
        "whole": value,
        "envelope": f'{{"{envelope}": {value}}}',
        "field": f'{{"{envelope}": {{"{field}": {value}}}}}',
        "duplicate field": f'{{"{envelope}": {{"{field}": "ok", "{field}": {value}}}}}',
        "duplicate envelope": f'{{"{envelope}": {{"{field}": "ok"}}, "{envelope}": {value}}}',
        "garbage": f'{{"{envelope}": {{}}}} {value}',
    }[shape]
    raw = text.encode("utf-8", "surrogatepass")  # a raw surrogate becomes bytes no UTF-8 decoder takes
    return draw(st.sampled_from([raw, b"\xef\xbb\xbf" + raw, raw.replace(b"o", b"\xff", 1)]))


HOSTILE_SEGMENTS = st.sampled_from(
    ["%00", "%ED%A0%80", "%FF%FE", "9" * 5_000, "-1", "0", "1e3", "%F0%9F%98%80", "e%CC%81" * 200, "x" * 1_500]
)


@st.composite
def hostile_url(draw: st.DrawFn, operation: Operation) -> str:
    """The operation's path, its parameters hostile, with hostile query values."""
    path = operation.path
    while "{" in path:
        start, end = path.index("{"), path.index("}")
        path = path[:start] + draw(HOSTILE_SEGMENTS | st.just("x")) + path[end + 1 :]
    names = draw(st.lists(st.sampled_from(operation.query or ("q",)), max_size=3))
    values = [draw(HOSTILE_SEGMENTS | ANY_TEXT.map(lambda t: quote(t, errors="surrogatepass"))) for _ in names]
    query = "&".join(f"{name}={value}" for name, value in zip(names, values, strict=True))[:MAX_QUERY_CHARS]
    return f"{path}?{query}" if query else path


@dataclass
class Answer:
    status: int
    content_type: str
    body: bytes


def send(base_url: str, method: str, url: str, body: bytes | None, token: str) -> Answer:
    """One raw request, the body's bytes as given."""
    parts = urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=TIMEOUT)
    headers = {"Authorization": f"Token {token}"}
    if body is not None:
        headers["Content-Type"] = "application/json"
    try:
        connection.request(method, url, body=body, headers=headers)
        response = connection.getresponse()
        return Answer(response.status, response.getheader("Content-Type", ""), response.read())
    finally:
        connection.close()


def is_error_envelope(answer: Answer) -> bool:
    try:
        parsed: Any = json.loads(answer.body)
    except ValueError:
        return False
    return answer.content_type.startswith("application/json") and isinstance(parsed.get("errors"), dict)
