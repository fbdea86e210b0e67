"""The patterns the spec states for text fields accept exactly what the fields accept.

JSON Schema cannot say "stripped, then not blank" or "no NUL", so validation.py and users/schemas.py
spell those rules as patterns for the spec; schemathesis generates from them. Here any string, the
whitespace and NUL a fuzzer favours included, gets the same verdict from the pattern and the field.
"""

from __future__ import annotations

import re

import marshmallow as ma
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.users.schemas import IMAGE_PATTERN, USERNAME_SPEC_PATTERN, UpdateUser, Username
from service.validation import NO_NUL_PATTERN, NOT_BLANK_PATTERN, Password, Text

pytestmark = pytest.mark.consumer

SPACES = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())
TRICKY = st.sampled_from([*SPACES, "\x00", "\ufeff", "\u200b", "a", "Z", "_", ".", "-", "/", ":", "é", "😀"])
TEXT = st.lists(st.one_of(TRICKY, st.characters(codec="utf-8")), max_size=12).map("".join)
URLS = st.tuples(
    st.sampled_from(["", " ", "\t", "http://", "HTTPS://", "ftp://", "javascript:"]),
    st.lists(TRICKY, max_size=6).map("".join),
    st.sampled_from(["", "/", "?q=1", "#x", " ", "/a b"]),
).map("".join)


def accepts(field: ma.fields.Field, value: str) -> bool:
    try:
        field.deserialize(value)
    except ma.ValidationError:
        return False
    return True


def pattern_accepts(pattern: str, value: str) -> bool:
    return re.search(pattern, value) is not None


@settings(max_examples=500, deadline=None, database=None, derandomize=True)
@given(TEXT)
def test_not_blank_text_pattern_matches_the_field(value: str) -> None:
    assert pattern_accepts(NOT_BLANK_PATTERN, value) == accepts(Text(max_length=50), value)


@settings(max_examples=500, deadline=None, database=None, derandomize=True)
@given(TEXT)
def test_blank_allowed_text_and_password_patterns_match_the_fields(value: str) -> None:
    assert pattern_accepts(NO_NUL_PATTERN, value) == accepts(Text(max_length=50, allow_blank=True), value)
    padded = value + "password"  # long enough for Password's minimum
    assert pattern_accepts(NO_NUL_PATTERN, padded) == accepts(Password(), padded)


@settings(max_examples=500, deadline=None, database=None, derandomize=True)
@given(TEXT)
def test_username_pattern_matches_the_field(value: str) -> None:
    assert pattern_accepts(USERNAME_SPEC_PATTERN, value) == accepts(Username(), value)


@settings(max_examples=500, deadline=None, database=None, derandomize=True)
@given(URLS)
def test_image_pattern_matches_the_update_schema(value: str) -> None:
    try:
        UpdateUser().load({"image": value})
        accepted = True
    except ma.ValidationError:
        accepted = False
    assert pattern_accepts(IMAGE_PATTERN, value) == accepted
