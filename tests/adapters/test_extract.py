"""Extraction from the fixture pages: metadata checked against the page, furniture gone, sources credited."""

from __future__ import annotations

import datetime as dt

import pytest
import trafilatura
from fixtures.server import PAGES

from showprep.adapters.extract import Article, BrokenHtmlError, NoArticleError, extract_article
from showprep.adapters.fetch import decode_html
from showprep.domain.source import Cite

SITE = "https://reelbuzz.example/news/"


def extract(name: str, url: str | None = None) -> Article:
    html, _ = decode_html((PAGES / name).read_bytes(), None)
    return extract_article(html, url or SITE + name)


def test_entertainment_post_keeps_the_story_and_drops_the_furniture() -> None:
    article = extract("byline-dash-boilerplate.html")
    assert article.title == "Director Walks Away From 'The Lantern Keeper' Sequel Weeks Before Shooting"
    assert article.authors == ("Theo Brandt",)
    assert article.publisher == "Reel Buzz"
    assert article.published == dt.date(2026, 11, 18)
    assert article.description == (
        "Mara Okonkwo has left the sequel to last year's surprise hit, "
        "citing creative differences with the studio."
    )
    assert article.image == "https://reelbuzz.example/wp-content/uploads/2026/11/lantern-keeper.jpg"
    assert article.language == "en"
    assert article.canonical == "https://reelbuzz.example/2026/11/18/lantern-keeper-sequel-director-exits/"
    assert article.cites == (
        Cite("The Morning Ledger", "https://morningledger.example/film/lantern-keeper-director-exit"),
    )
    paragraphs = article.text.strip().split("\n\n")
    assert len(paragraphs) == 5
    assert paragraphs[0].startswith(
        "Mara Okonkwo, who directed last year's surprise hit *The Lantern Keeper*"
    )
    assert paragraphs[-1].endswith("which fans were quick to read as a goodbye.")
    for furniture in (
        "Image via",
        "Share",
        "Theo Brandt",
        "Toronto",
        "newsletter",
        "Subscribe",
        "Related",
        "lighthouse films to watch",
        "filmfan88",
        "Leave a Reply",
        "cookies",
        "SOURCE",
        "November 18, 2026",
        "All rights reserved",
    ):
        assert furniture not in article.text
    assert article.word_count == len(article.text.replace("*", "").split())


def test_byline_with_pipe_and_date_and_no_metadata() -> None:
    article = extract("byline-pipe.html")
    assert article.authors == ("Devika Raman",)
    assert article.published == dt.date(2026, 11, 16)
    assert article.language == "en-US"
    assert article.publisher == "reelbuzz.example"
    assert article.title == "Streaming Service Glimmer Raises Prices for the Second Time This Year"
    assert "By Devika Raman" not in article.text
    assert article.text.startswith("Glimmer will charge subscribers $15.99 a month")


def test_json_ld_only() -> None:
    article = extract("jsonld-only.html")
    assert article.title == "Orchestra Scores Silent Classic Live for Its Centenary"
    assert article.authors == ("Lucia Fernández", "Omar Haddad")
    assert article.publisher == "Tune & Tale"
    assert article.published == dt.date(2026, 11, 9)
    assert article.description == (
        "The Harbour City Philharmonic will play a new score under a restored print of a 1926 silent comedy."
    )
    assert article.image == "https://tuneandtale.example/img/centenary-screening.jpg"
    assert article.language == "en-AU"
    assert article.cites == ()


def test_meta_tags_only() -> None:
    article = extract("meta-only.html")
    assert article.title == "Soap opera Ferry Lane to end after 31 years"
    assert article.authors == ("Harriet Cole",)
    assert article.publisher == "The Box Report"
    assert article.published == dt.date(2026, 11, 12)
    assert (
        article.description
        == "The long-running soap will film its final episode in the spring, its broadcaster confirmed."
    )
    assert article.image == "https://boxreport.example/media/ferry-lane-cast.jpg"
    assert article.language == "en-GB"
    assert article.canonical == "https://boxreport.example/tv/ferry-lane-to-end"
    assert article.cites == (), "og:url alone does not make a page a syndicated copy"
    assert not article.text.startswith("#")


def test_visible_text_only_in_a_layout_table() -> None:
    article = extract("visible-only.html")
    assert article.title == "Community cinema saved by last-minute donation"
    assert article.authors == ("Peter Lund", "Sara Ek")
    assert article.published == dt.date(2026, 11, 3)
    assert article.canonical is None
    assert "|" not in article.text
    assert article.text.count("\n\n") == 3
    assert "Written by" not in article.text and "Published 3 November" not in article.text


def test_syndicated_copy_credits_the_original() -> None:
    article = extract("syndicated.html")
    original = "https://framebyframe.example/news/2026/11/lost-kite-wins-grand-prize"
    assert article.canonical == original
    assert article.cites == (Cite("Frame by Frame", original),)
    assert article.publisher == "Cinema Roundup"
    assert article.authors == ("Nadia Okafor",)
    assert "originally appeared" not in article.text


def test_via_credit_and_photo_credit() -> None:
    article = extract("via-credit.html")
    assert article.authors == ("Gwen Park",)
    assert article.cites == (
        Cite("The Screen Ledger", "https://screenledger.example/tv/northern-lights-season-two-casting"),
    )
    assert "(via The Screen Ledger)" in article.text
    assert "Photo: Kestrel Studios" not in article.text
    assert "Share it with your friends" not in article.text
    assert "Arctic dramas" not in article.text


def test_windows_1252_page() -> None:
    article = extract("windows-1252.html")
    assert article.title == "Le café-cinéma de Rennes rouvre ses portes"
    assert article.authors == ("Amélie Durand",)
    assert article.publisher == "Écran Ouest"
    assert article.language == "fr"
    assert "120 000 €" in article.text
    assert "« Café Lumière » – une salle" in article.text


def test_unclosed_tags_still_give_the_article() -> None:
    article = extract("unclosed-tags.html")
    assert article.title == "Festival Cancels Midnight Screenings After Projector Fire"
    assert article.authors == ("Ines Calder",)
    assert article.text.count("\n\n") == 3


def test_broken_html_is_a_clear_error() -> None:
    with pytest.raises(BrokenHtmlError, match="broken HTML: the page could not be parsed"):
        extract("broken.html")


def test_page_without_article_text_is_a_clear_error() -> None:
    with pytest.raises(NoArticleError, match="no article text found on the page"):
        extract("no-article.html")


STORY = "".join(
    f"<p>The box office fell for a {nth} weekend in a row as audiences stayed home for the holiday.</p>"
    for nth in ("second", "third", "fourth", "fifth", "sixth")
)


def test_data_tables_stay_tables() -> None:
    table = (
        "<table><tr><th>Film</th><th>Weekend</th></tr>"
        "<tr><td>Paper Wind</td><td>$4.1m</td></tr><tr><td>The Hollow Orchard</td><td>$3.9m</td></tr></table>"
    )
    html = f"<html><body><article><h1>Box office</h1>{STORY}{table}</article></body></html>"
    article = extract_article(html, SITE)
    assert "| Paper Wind | $4.1m |" in article.text


def test_an_article_whose_class_mentions_comments_is_not_pruned() -> None:
    html = f'<html><body><div class="post has-comments">{STORY}</div></body></html>'
    assert extract_article(html, SITE).word_count == 90


def test_byline_beats_an_account_name_in_the_metadata() -> None:
    html = (
        '<html><head><meta name="author" content="webdesk"></head><body><article><h1>Headline</h1>'
        f'<p class="byline">By Rosa Quint | November 2, 2026</p>{STORY}</article></body></html>'
    )
    assert extract_article(html, SITE).authors == ("Rosa Quint",)


def test_an_article_box_whose_class_also_mentions_sharing_is_kept() -> None:
    html = (
        f'<html><body><div class="entry-content share-enabled">{STORY}</div>'
        f'<section class="comments-area">{"<p>Great film, loved every minute of it.</p>" * 40}</section>'
        "</body></html>"
    )
    assert extract_article(html, SITE).word_count == 90


def test_a_parser_crash_fails_this_page_only_with_a_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(*args: object, **kwargs: object) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(trafilatura, "bare_extraction", crash)
    with pytest.raises(BrokenHtmlError, match=r"could not be read \(RecursionError: maximum recursion depth"):
        extract_article(f"<html><body>{STORY}</body></html>", SITE)


def test_a_form_wrapping_the_whole_page_is_not_pruned() -> None:
    html = f'<html><body><form id="aspnetForm"><nav><a href="/">Home</a></nav>{STORY}</form></body></html>'
    article = extract_article(html, SITE)
    assert article.word_count == 90
    assert "Home" not in article.text
