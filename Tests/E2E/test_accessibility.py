"""axe-core on the main pages at phone and desktop widths: no serious or critical violations. Each page
is also photographed at both widths into Tests/E2E/screenshots/ for review (not committed)."""

import re
import urllib.request

import pytest
from accessibility import assert_accessible
from conftest import WIDTHS, set_width
from pages import next_month


@pytest.fixture(scope="module")
def pages(server):
    """Name → path of every page checked."""
    check_in, check_out = next_month()
    search = f"/search?city=Bengaluru&from={check_in}&to={check_out}&budgetMax=20000"
    with urllib.request.urlopen(server + search) as response:
        html = response.read().decode()
    property_path = re.search(r'href="(/properties/[0-9a-f]{24}[^"]*)"', html).group(1).replace("&amp;", "&")
    return {
        "home": "/",
        "results": search,
        "property": property_path,
        "login": "/login",
        "signup": "/signup",
        "search-error": "/search?budgetMin=cheap",
        "not-found": "/no-such-page",
    }


@pytest.mark.parametrize("width", sorted(WIDTHS))
@pytest.mark.parametrize("name", ["home", "results", "property", "login", "signup", "search-error", "not-found"])
def test_no_serious_accessibility_violations(fresh_browser, server, pages, name, width):
    browser = fresh_browser
    set_width(browser, WIDTHS[width])
    browser.get(server + pages[name])
    assert_accessible(browser, name, WIDTHS[width])
