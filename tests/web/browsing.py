"""What the browser tests share besides the fixtures: the demo's county, screenshots, signing in,
and the two checks every page passes at both sizes (it fits the viewport; it reads in Chinese)."""

from __future__ import annotations

import re

from ingest.demo import SAMPLE_CHECKLISTS
from pufa.config import PROJECT_ROOT
from tests.accounts import PASSWORD

REGION = "示例市澄河县"
TOKEN = "browser-test-token"
SCREENSHOTS = PROJECT_ROOT / "test-artifacts" / "screenshots"
DESKTOP, PHONE = {"width": 1366, "height": 768}, {"width": 390, "height": 844}
SIZES = {"desktop": DESKTOP, "phone": PHONE}
ALLOWED_LATIN = frozenset({"PDF", "Excel", "Word", "CSV", "PNG", "JPEG", "JPG", "DOCX", "XLSX", "XLS", "HEIC", "TXT", "KB",
                           "MB", "API", "SVG", "txt", "docx",
                           "xlsx", "xls", "csv", "pdf", "png", "jpg", "jpeg", "LED"})
"""Latin words a clerk knows: file kinds, units of size, LED (屏) in the units' own rows."""
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z_]+")
FILE_NAME_WORDS = frozenset(word for path in SAMPLE_CHECKLISTS.iterdir() for word in LATIN_WORD.findall(path.stem))
"""Latin in the names the sample units gave their files (2026-tjj.csv): their words, shown as theirs."""


def open_tab(browser, base_url: str, viewport: dict[str, int]):
    """A tab of its own (its own cookies: one person) that answers yes to the pages' confirmations."""
    context = browser.new_context(base_url=base_url, locale="zh-CN", viewport=viewport, accept_downloads=True)
    tab = context.new_page()
    tab.on("dialog", lambda dialog: dialog.accept())
    return tab


def shot(page, name: str, *, full_page: bool = True) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=full_page)


def sign_in_page(page, username: str, password: str = PASSWORD) -> None:
    page.goto("/login")
    page.fill("#login-form input[name=username]", username)
    page.fill("#login-form input[name=password]", password)
    page.click("#login-form button[type=submit]")
    page.wait_for_load_state()


def fits(page) -> None:
    """Nothing on the page is wider than the viewport (a table scrolls inside its box, or reflows)."""
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.viewport_size["width"]
    assert width <= viewport, f"{page.url} is {width} px wide at {viewport} px"


PROGRAM_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}|\b[A-Z]?[0-9a-f]{12,}\b|/(?:work|tmp|var|home)/|\.lbug\b")
"""What only a program writes: ISO dates and times, record ids (U6d56f66d62be), server paths."""


def shows_no_codes(page) -> None:
    """Dates read 2026年12月6日, units and laws by name, no path of the server."""
    text = page.evaluate("() => document.body.innerText")
    found = [match.group(0) for match in PROGRAM_TEXT.finditer(text)]
    assert not found, f"{page.url} shows {found[:8]}"


def reads_in_chinese(page, *, allowed: frozenset[str] = frozenset()) -> None:
    """No English or program words in what the page shows (ids, codes, messages), bar a few names:
    login names (`.username`), e-mail addresses (`.email`) and the names units gave their uploaded files."""
    text = page.evaluate("""() => { const shown = document.body.cloneNode(true);
        shown.querySelectorAll('.username, .email, script, style').forEach((e) => e.remove()); return shown.innerText; }""")
    words = {word for word in LATIN_WORD.findall(text) if word not in ALLOWED_LATIN | FILE_NAME_WORDS | allowed}
    assert not words, f"{page.url} shows {sorted(words)[:12]}"
