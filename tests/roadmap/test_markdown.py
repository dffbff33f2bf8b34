"""Markdown renders in linear time and comes out sanitized, for editors' content and learners' notes alike."""

import time

import pytest

from roadmap.markdown import MAX_NESTING, markdown_to_safe_html

PATHOLOGICAL = {
    "brackets": "[",
    "images": "![",
    "emphasis": "*a ",
    "links": "[a](",
    "quotes": "> ",
    "html": "<a ",
    "backticks": "`",
}


def best_time(text: str, runs: int = 3) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        markdown_to_safe_html(text)
        timings.append(time.perf_counter() - start)
    return min(timings)


@pytest.mark.parametrize("unit", list(PATHOLOGICAL.values()), ids=list(PATHOLOGICAL))
def test_twice_the_input_takes_at_most_three_times_as_long(unit):
    """A ratio on this machine, not a time: linear parsing doubles, quadratic parsing quadruples."""
    size = 5000 // len(unit)
    small, large = best_time(unit * (size // 2)), best_time(unit * size)
    assert large <= 3 * small + 0.002, f"{unit!r}: {small * 1000:.1f} ms, then {large * 1000:.1f} ms"


def test_notes_and_content_are_sanitized():
    html = markdown_to_safe_html(
        "**Proud** <script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) "
        "<a href='https://ok.example' onclick='alert(1)'>fine</a>\n\n| a | b |\n|---|---|\n| 1 | 2 |"
    )
    assert "<strong>Proud</strong>" in html and "<table>" in html
    assert "<script" not in html and "onerror" not in html and "onclick" not in html
    assert 'href="javascript:' not in html
    assert 'href="https://ok.example"' in html and 'rel="noopener noreferrer nofollow"' in html


def test_containers_nested_past_the_limit_keep_their_text_but_not_their_tags():
    """2,500 nested quotes would make sanitizing quadratic; past MAX_NESTING only the text remains."""
    html = markdown_to_safe_html("> " * 2500 + "deepest thought")
    assert html.count("<blockquote>") == MAX_NESTING == html.count("</blockquote>")
    assert "deepest thought" in html
    shallow = markdown_to_safe_html("> outer\n>> inner\n\n- item\n  - sub-item")
    assert shallow.count("<blockquote>") == 2 and shallow.count("<ul>") == 2
