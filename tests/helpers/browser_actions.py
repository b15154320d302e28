"""What a person does in the browser that a rerun can interrupt, done the way a person recovers."""
from __future__ import annotations

from playwright.sync_api import TimeoutError as PlaywrightTimeout

IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"


def choose(page, label: str, option: str, attempts: int = 3) -> None:
    """Pick ``option`` in the select box ``label``. When a rerun closes the list before the click lands (signing
    in reruns the page), open it again, at most ``attempts`` times; nothing to do if it is already chosen."""
    box = page.get_by_test_id("stSelectbox").filter(has_text=label)
    for _ in range(attempts):
        page.wait_for_selector(IDLE, timeout=120_000)
        if option in box.inner_text():
            return
        box.click()
        try:
            page.get_by_role("option", name=option).click(timeout=10_000)
            return
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    raise AssertionError(f"could not choose {option!r} in {label!r}: {box.inner_text()!r}")
