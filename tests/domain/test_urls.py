"""Links: which are fetchable, and one spelling per article for spotting duplicates."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from showprep.domain.urls import UrlError, check_url, normalize_url, same_site, site_of


@pytest.mark.parametrize(
    ("link", "reason"),
    [
        ("", "empty link"),
        ("   ", "empty link"),
        ("file:///etc/passwd", "unsupported link type 'file:'"),
        ("ftp://files.example/story.html", "unsupported link type 'ftp:'"),
        ("javascript:alert(1)", "unsupported link type 'javascript:'"),
        ("mailto:desk@paper.example", "unsupported link type 'mailto:'"),
        ("www.paper.example/story", "needs to start with http:// or https://"),
        ("http//paper.example/story", "needs to start with http:// or https://"),
        ("http:///story", "no host name"),
        ("http://paper.example/a story", "contains spaces"),
        ("http://[::1/story", "malformed link"),
        ("http://paper.example:99999/", "malformed link"),
    ],
)
def test_check_url_refuses_with_a_reason(link: str, reason: str) -> None:
    with pytest.raises(UrlError, match=reason.replace("(", r"\(")):
        check_url(link)


def test_check_url_accepts_web_links_and_trims_blanks() -> None:
    assert check_url("  https://Paper.example/story?id=3  ") == "https://Paper.example/story?id=3"
    assert check_url("HTTP://paper.example") == "HTTP://paper.example"


def test_normalize_drops_trackers_fragment_default_port_and_host_case() -> None:
    messy = (
        "HTTPS://WWW.Paper.Example:443/Film/Story-1?utm_source=tw&id=7&fbclid=abc&gclid=x"
        "&utm_campaign=y&mc_cid=1#comments"
    )
    assert normalize_url(messy) == "https://www.paper.example/Film/Story-1?id=7"


def test_normalize_keeps_the_query_that_names_the_article_in_order() -> None:
    assert normalize_url("http://paper.example/view?b=2&a=1") == "http://paper.example/view?b=2&a=1"
    assert normalize_url("http://paper.example") == "http://paper.example/"
    assert normalize_url("http://paper.example:8080/x") == "http://paper.example:8080/x"


def test_site_of_and_same_site_ignore_www_port_and_case() -> None:
    assert site_of("https://WWW.Variety.example:8443/x") == "variety.example"
    assert same_site("https://www.paper.example/a", "http://paper.example/b")
    assert not same_site("https://paper.example/a", "https://other.example/a")
    assert site_of("http://[::1/") == ""


TRACKERS = st.sampled_from(["utm_source", "utm_medium", "fbclid", "gclid", "msclkid", "igshid"])
TOKENS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=8)


@given(
    host=TOKENS,
    path=st.lists(TOKENS, max_size=3),
    trackers=st.lists(st.tuples(TRACKERS, TOKENS), max_size=3),
    fragment=st.one_of(st.none(), TOKENS),
)
def test_normalising_tracked_links_gives_the_clean_link(
    host: str, path: list[str], trackers: list[tuple[str, str]], fragment: str | None
) -> None:
    clean = f"https://{host}.example/{'/'.join(path)}"
    query = "&".join(f"{k}={v}" for k, v in trackers)
    tracked = f"https://{host.upper()}.example/{'/'.join(path)}" + (f"?{query}" if query else "")
    tracked += f"#{fragment}" if fragment else ""
    assert normalize_url(tracked) == normalize_url(clean)
    assert normalize_url(normalize_url(tracked)) == normalize_url(tracked)
