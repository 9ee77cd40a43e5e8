"""`showprep add` through the real entry point, against a real server on 127.0.0.1."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import frontmatter
import pytest
from fixtures.server import LocalSite, html, page_bytes, refused_port, unaccepting_port

SHOWPREP = shutil.which("showprep", path=str(Path(sys.executable).parent)) or "showprep"


def showprep(*args: str, root: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "SHOWPREP_EPISODES"}
    return subprocess.run(
        [SHOWPREP, "--episodes-dir", str(root), *args], env=env, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def episode(tmp_path: Path) -> str:
    created = showprep("new", "Reel Talk 43", "--date", "2026-11-30", root=tmp_path)
    assert created.returncode == 0, created.stderr
    return Path(created.stdout.strip().splitlines()[-1]).name


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_every_bad_input_gets_one_line_and_the_good_links_are_saved(
    tmp_path: Path, episode: str, local_site: LocalSite
) -> None:
    folder = tmp_path / episode
    first = showprep(
        "add", episode, local_site.article("jsonld-only.html"), "--segment", "Music", root=tmp_path
    )
    assert first.returncode == 0, first.stderr
    before = snapshot(folder)
    plan_before = frontmatter.load(folder / "episode.md").metadata

    with unaccepting_port() as silent_port:
        bad = {
            "http//127.0.0.1/story": "malformed link",
            "http://[::1/story": "malformed link",
            "file:///etc/passwd": "unsupported link type 'file:'",
            "ftp://127.0.0.1/story.html": "unsupported link type 'ftp:'",
            "javascript:alert(1)": "unsupported link type 'javascript:'",
            "http://no-such-outlet.invalid/story": "unknown host: no-such-outlet.invalid",
            f"http://127.0.0.1:{refused_port()}/story": "connection refused by 127.0.0.1:",
            f"http://127.0.0.1:{silent_port}/story": "timed out connecting to 127.0.0.1:",
            local_site.url("/stall/headers"): "timed out: 127.0.0.1:",
            local_site.url("/status/404"): "HTTP 404 Not Found",
            local_site.url("/status/500"): "HTTP 500 Internal Server Error",
            local_site.url("/loop/a"): "redirect loop:",
            local_site.url("/chain/9"): "too many redirects (more than 5)",
            local_site.url("/files/report.pdf"): "not a web page: the server sent a PDF document",
            local_site.url("/files/poster.png"): "not a web page: the server sent an image",
            local_site.url("/api/story.json"): "not a web page: the server sent JSON data",
            local_site.url("/empty"): "the page is empty",
            local_site.url("/huge/streamed"): "the page is larger than the 5 MB limit",
            local_site.url("/gzip-bomb"): "the page is larger than the 5 MB limit",
            local_site.url("/broken"): "broken HTML: the page could not be parsed",
            local_site.url("/no-article"): "no article text found on the page",
        }
        good = [
            local_site.article(name) for name in ("byline-pipe.html", "syndicated.html", "windows-1252.html")
        ]
        links = [*list(bad)[:10], *good[:2], *list(bad)[10:], good[2]]
        result = showprep("add", episode, *links, "--segment", "Headlines", "--timeout", "2", root=tmp_path)

    assert result.returncode == 1
    errors = result.stderr.splitlines()
    assert len(errors) == len(bad)
    for url, reason in bad.items():
        [line] = [e for e in errors if e.startswith(f"showprep: {url}: ")]
        assert reason in line, line
    added = result.stdout.splitlines()
    assert len(added) == len(good)
    ids = []
    for url in good:
        [line] = [a for a in added if a.startswith(f"{url}: added as ")]
        ids.append(re.match(r".*: added as ([a-z0-9-]+): ", line).group(1))  # type: ignore[union-attr]

    after = snapshot(folder)
    assert {k: after[k] for k in before if k != "episode.md"} == {
        k: v for k, v in before.items() if k != "episode.md"
    }
    plan = frontmatter.load(folder / "episode.md").metadata
    assert plan["segments"][0] == plan_before["segments"][0]
    assert plan["segments"][1] == {"id": "headlines", "title": "Headlines", "points": [], "sources": ids}
    assert sorted(p.stem for p in (folder / "sources").glob("*.md")) == sorted(
        [*ids, "orchestra-scores-silent-classic-live-for-its-centenary"]
    )
    french = frontmatter.load(folder / "sources" / f"{ids[2]}.md")
    assert french["title"] == "Le café-cinéma de Rennes rouvre ses portes"
    assert "120 000 €" in french.content


def test_duplicate_is_said_on_stdout_and_is_no_failure(
    tmp_path: Path, episode: str, local_site: LocalSite
) -> None:
    link = local_site.article("meta-only.html")
    assert showprep("add", episode, link, root=tmp_path).returncode == 0
    again = showprep("add", episode, f"{link}?utm_source=newsletter", root=tmp_path)
    assert again.returncode == 0
    source_id = "soap-opera-ferry-lane-to-end-after-31-years"
    assert again.stdout == f"{link}?utm_source=newsletter: already in the episode as {source_id}\n"
    assert again.stderr == ""


def test_refresh_fetches_again_and_keeps_the_old_copy_on_failure(
    tmp_path: Path, episode: str, local_site: LocalSite
) -> None:
    link = local_site.route("/live/story", html(page_bytes("byline-pipe.html")))
    assert showprep("add", episode, link, root=tmp_path).returncode == 0
    source_id = "streaming-service-glimmer-raises-prices-for-the-second-time"
    file = tmp_path / episode / "sources" / f"{source_id}.md"

    local_site.route("/live/story", html(page_bytes("byline-pipe.html").replace(b"$15.99", b"$16.99")))
    fresh = showprep("add", "--refresh", episode, source_id, root=tmp_path)
    assert fresh.returncode == 0, fresh.stderr
    assert fresh.stdout.startswith(f"{link}: refreshed {source_id}: ")
    kept = file.read_bytes()
    assert b"$16.99 a month" in kept

    local_site.route("/live/story", local_site.routes["/status/404"])
    failed = showprep("add", "--refresh", episode, source_id, "no-such-source", root=tmp_path)
    assert failed.returncode == 1
    lines = failed.stderr.splitlines()
    assert len(lines) == 2
    assert f"showprep: {link}: HTTP 404 Not Found (kept the copy fetched " in failed.stderr
    assert any(line.endswith("no-such-source.md: does not exist") for line in lines)
    assert file.read_bytes() == kept


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("add", "EPISODE"), "Missing argument 'URL...'"),
        (("add", "EPISODE", "http://127.0.0.1/x", "--segment", " "), "the segment title is empty"),
        (("add", "EPISODE", "--refresh", "x", "--segment", "S"), "--segment cannot be used with --refresh"),
        (("add", "EPISODE", "http://127.0.0.1/x", "--timeout", "0"), "--timeout"),
    ],
)
def test_wrong_usage_exits_2(tmp_path: Path, episode: str, args: tuple[str, ...], message: str) -> None:
    result = showprep(*(episode if a == "EPISODE" else a for a in args), root=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr


def test_unknown_episode_is_one_line(tmp_path: Path) -> None:
    result = showprep("add", "no-such-episode", "http://127.0.0.1/x", root=tmp_path)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("showprep: no-such-episode: no episode here")


def test_help_explains_refresh() -> None:
    result = subprocess.run([SHOWPREP, "add", "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert "--refresh" in result.stdout
    assert "--segment TITLE" in result.stdout


def test_ctrl_c_stops_with_one_line_and_keeps_what_was_added(
    tmp_path: Path, episode: str, local_site: LocalSite
) -> None:
    env = {k: v for k, v in os.environ.items() if k != "SHOWPREP_EPISODES"}
    links = [local_site.article("byline-pipe.html"), local_site.url("/stall/headers")]
    command = [SHOWPREP, "--episodes-dir", str(tmp_path), "add", episode, *links]
    with subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as process:
        deadline = time.monotonic() + 60
        while "/stall/headers" not in local_site.requests or not list(
            (tmp_path / episode).glob("sources/*.md")
        ):
            assert time.monotonic() < deadline, "the command never reached the stalling page"
            time.sleep(0.05)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    assert process.returncode == 130
    assert err == "showprep: interrupted; the articles added so far are kept\n"
    assert out.startswith(f"{links[0]}: added as streaming-service-glimmer-raises-prices-for-the-second-time")
    assert [p.stem for p in (tmp_path / episode).glob("sources/*.md")] == [
        "streaming-service-glimmer-raises-prices-for-the-second-time"
    ]
