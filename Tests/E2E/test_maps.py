"""The maps (Leaflet, compiled into bms from Debian's libjs-leaflet): the results map with a marker per
place and popups linking to them, the property's location map, the owner's pin picker kept in step with
its inputs, and "Near me". Tiles never load here (the server's MAP_TILE_URL points at a closed local
port): every page must still work and run its scripts without errors."""

import re
from pathlib import Path

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

from pages import click_and_wait, script_errors, wait_until


def _map_ready(element_id: str):
    return lambda driver: driver.find_element(By.ID, element_id).get_attribute("data-map-ready") == "yes"


def test_results_map_has_a_marker_per_place_linking_to_it(fresh_browser, server):
    browser = fresh_browser
    script_errors(browser)
    browser.get(server + "/search?city=Bengaluru")
    wait_until(browser, _map_ready("results-map"))
    cards = browser.find_elements(By.CSS_SELECTOR, "[data-map-results] .result-card")
    markers = browser.find_elements(By.CSS_SELECTOR, "#results-map .leaflet-marker-icon")
    assert cards and len(markers) == len(cards)
    # The tiles cannot load: the map says so, and the list is all there.
    wait_until(browser, lambda driver: driver.find_elements(By.CSS_SELECTOR, "#results-map .map-note"))
    assert "Map tiles could not load" in browser.find_element(By.CSS_SELECTOR, "#results-map .map-note").text
    markers[0].click()
    link = browser.find_element(By.CSS_SELECTOR, "#results-map .leaflet-popup-content a")
    name = link.text
    assert re.search(r"/properties/[0-9a-f]{24}$", link.get_attribute("href"))
    assert name in [card.find_element(By.CSS_SELECTOR, ".result-name").text for card in cards]
    click_and_wait(browser, link)
    assert browser.find_element(By.TAG_NAME, "h1").text == name
    assert script_errors(browser) == []


def test_property_page_shows_its_location(fresh_browser, server):
    browser = fresh_browser
    browser.get(server + "/search?city=Bengaluru")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, ".result-card a"))
    script_errors(browser)
    browser.refresh()
    wait_until(browser, _map_ready("property-map"))
    assert len(browser.find_elements(By.CSS_SELECTOR, "#property-map .leaflet-marker-icon")) == 1
    assert not browser.find_elements(By.CSS_SELECTOR, "#property-map .map-fallback")
    assert script_errors(browser) == []


def _pin_fixture(server: str, tiles: str, folder: Path) -> str:
    """A page with exactly the markup the owner's property form carries, loading our map script."""
    page = folder / "pin-picker.html"
    page.write_text(f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Pin picker</title>
<link rel="stylesheet" href="{server}/assets/vendor/leaflet/leaflet.css">
<link rel="stylesheet" href="{server}/assets/css/site.css">
<script src="{server}/assets/vendor/leaflet/leaflet.js" defer></script>
<script src="{server}/assets/js/map.js" defer></script>
</head><body data-map-tiles="{tiles}" data-map-attribution="test tiles"><main><form>
<fieldset class="location" data-map-pin><legend>Location</legend>
<label for="latitude">Latitude</label><input id="latitude" name="latitude" type="number" step="any" value="12.971600">
<label for="longitude">Longitude</label><input id="longitude" name="longitude" type="number" step="any" value="77.594600">
</fieldset></form></main></body></html>
""")
    return page.as_uri()


def _inputs(driver) -> tuple[float, float]:
    return (float(driver.find_element(By.ID, "latitude").get_attribute("value")),
            float(driver.find_element(By.ID, "longitude").get_attribute("value")))


def _marker_position(driver) -> tuple[float, float]:
    box = driver.find_element(By.CSS_SELECTOR, ".map-picker .leaflet-marker-icon").rect
    return box["x"], box["y"]


def test_pin_picker_keeps_marker_and_inputs_in_step(fresh_browser, server, tmp_path):
    browser = fresh_browser
    browser.get(server + "/")
    tiles = browser.find_element(By.TAG_NAME, "body").get_attribute("data-map-tiles")
    script_errors(browser)
    browser.get(_pin_fixture(server, tiles, tmp_path))
    wait_until(browser, lambda driver: driver.find_elements(By.CSS_SELECTOR, ".map-picker[data-map-ready=yes]"))
    start = _inputs(browser)
    assert start == (12.9716, 77.5946)

    # Dragging the pin right and down moves the point east and south.
    marker = browser.find_element(By.CSS_SELECTOR, ".map-picker .leaflet-marker-icon")
    ActionChains(browser).click_and_hold(marker).move_by_offset(20, 10).move_by_offset(40, 30).release().perform()
    wait_until(browser, lambda driver: _inputs(driver) != start)
    dragged = _inputs(browser)
    assert dragged[0] < start[0] and dragged[1] > start[1]

    # Clicking the map puts the pin there.
    holder = browser.find_element(By.CSS_SELECTOR, ".map-picker")
    before = _marker_position(browser)
    ActionChains(browser).move_to_element_with_offset(holder, -100, -60).click().perform()
    wait_until(browser, lambda driver: _inputs(driver) != dragged)
    clicked = _inputs(browser)
    assert clicked[0] > dragged[0] and clicked[1] < dragged[1]
    assert _marker_position(browser) != before

    # Typing coordinates moves the pin.
    moved_from = _marker_position(browser)
    latitude = browser.find_element(By.ID, "latitude")
    latitude.clear()
    latitude.send_keys(str(round(clicked[0] + 0.002, 6)))
    wait_until(browser, lambda driver: _marker_position(driver) != moved_from)
    assert script_errors(browser) == []


def test_near_me_searches_around_the_browsers_location(fresh_browser, server):
    browser = fresh_browser
    browser.get(server + "/search?city=Bengaluru")
    first = browser.find_element(By.CSS_SELECTOR, "[data-map-results] .result-card")
    lat, lng = float(first.get_attribute("data-lat")), float(first.get_attribute("data-lng"))
    name = first.get_attribute("data-name")
    browser.execute_cdp_cmd("Browser.grantPermissions", {"origin": server, "permissions": ["geolocation"]})
    browser.execute_cdp_cmd("Emulation.setGeolocationOverride", {"latitude": lat, "longitude": lng, "accuracy": 20})
    try:
        browser.get(server + "/")
        button = browser.find_element(By.CSS_SELECTOR, "[data-near-me]")
        assert button.is_displayed()
        click_and_wait(browser, button)
        assert "sort=distance" in browser.current_url and "lat=" in browser.current_url
        nearest = browser.find_element(By.CSS_SELECTOR, ".result-card")
        assert nearest.get_attribute("data-name") == name
        assert re.search(r"\b\d+ m away|\d+(\.\d)? km away", nearest.text)
        assert script_errors(browser) == []
    finally:
        browser.execute_cdp_cmd("Emulation.clearGeolocationOverride", {})
