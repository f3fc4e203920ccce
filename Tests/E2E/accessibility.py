"""The accessibility check every page gets: axe-core with no serious or critical violations, nothing
overflowing sideways, and a screenshot for review, at phone and desktop widths."""

from axe_selenium_python import Axe

from conftest import WIDTHS, screenshot, set_width


def assert_accessible(driver, name: str, width: int) -> None:
    """Checks the page loaded in `driver` at `width` CSS pixels and photographs it as `name-width`."""
    set_width(driver, width)
    screenshot(driver, f"{name}-{width}")
    axe = Axe(driver)
    axe.inject()
    results = axe.run()
    serious = [v for v in results["violations"] if v["impact"] in ("serious", "critical")]
    report = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — {[node['target'] for node in v['nodes']][:5]}" for v in serious)
    assert not serious, f"{name} at {width} px:\n{report}"
    # Nothing may overflow sideways on a phone.
    assert driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1")


def assert_accessible_at_both_widths(driver, name: str) -> None:
    for width in sorted(WIDTHS.values()):
        assert_accessible(driver, name, width)
