"""A seeker, as far as the web pages go today: home → search by city and budget → results → property
with its rooms and free beds → booking, which asks an anonymous visitor to log in first (the booking
itself is in test_booking_journey.py)."""

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from pages import click_and_wait, next_month, set_value, submit, type_into, wait_until


def test_search_by_city_and_budget_then_open_the_property(fresh_browser, server):
    browser = fresh_browser
    browser.get(server + "/")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Find a good bed in a PG home"

    check_in, check_out = next_month()
    type_into(browser, "city", "Bengaluru")
    set_value(browser, "from", check_in)
    set_value(browser, "to", check_out)
    type_into(browser, "budgetMax", "10000")
    submit(browser, "form.search-form")

    assert "/search?" in browser.current_url
    assert browser.find_element(By.ID, "results-title").text.startswith("Places in Bengaluru")
    cards = browser.find_elements(By.CSS_SELECTOR, ".result-card")
    assert cards, "a demo place in Bengaluru has a room within ₹10,000"
    names = [card.find_element(By.CSS_SELECTOR, ".result-name").text for card in cards]
    assert "Sunrise Ladies PG" in names
    card = cards[names.index("Sunrise Ladies PG")]
    assert "from ₹9,500" in card.text
    # The search form keeps what was asked.
    assert browser.find_element(By.ID, "budgetMax").get_attribute("value") == "10000"

    click_and_wait(browser, card.find_element(By.CSS_SELECTOR, "a"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Sunrise Ladies PG"
    rooms = browser.find_elements(By.CSS_SELECTOR, ".room-card")
    assert len(rooms) == 2
    assert any("₹9,500" in room.text for room in rooms)
    assert all("free for these dates" in room.find_element(By.CSS_SELECTOR, ".beds-free").text or
               "No bed free" in room.text for room in rooms)
    assert browser.find_element(By.ID, "from").get_attribute("value") == check_in
    assert browser.find_element(By.ID, "property-map").get_attribute("data-lat")

    click_and_wait(browser, rooms[0].find_element(By.CSS_SELECTOR, "a.button"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Log in"
    assert "/login?next=%2Fbook%3Froom%3D" in browser.current_url


def test_a_bad_budget_is_explained_next_to_the_field(fresh_browser, server):
    browser = fresh_browser
    browser.get(server + "/")
    type_into(browser, "budgetMin", "cheap")
    submit(browser, "form.search-form")
    error = browser.find_element(By.ID, "budgetMin-error")
    assert "whole number of rupees" in error.text
    assert browser.find_element(By.ID, "budgetMin").get_attribute("aria-invalid") == "true"
    assert "validation_failed" not in browser.page_source


def test_check_out_follows_check_in(fresh_browser, server):
    browser = fresh_browser
    browser.get(server + "/")
    set_value(browser, "from", "2031-03-10")
    assert browser.find_element(By.ID, "to").get_attribute("min") == "2031-03-11"


def test_unknown_page_is_designed(fresh_browser, server):
    browser = fresh_browser
    browser.get(server + "/no-such-page")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Not Found"
    assert browser.find_element(By.ID, "error-city")


def test_the_search_works_from_the_keyboard_with_visible_focus(fresh_browser, server):
    browser = fresh_browser
    browser.get(server + "/")
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    skip = browser.switch_to.active_element
    assert skip.text == "Skip to content"
    assert skip.value_of_css_property("outline-style") != "none"
    city = browser.find_element(By.ID, "city")
    city.send_keys("Pune")
    city.send_keys(Keys.ENTER)  # submits the search form, as a keyboard user would
    assert browser.find_element(By.ID, "results-title").text.startswith("Places in Pune")
    link = browser.find_element(By.CSS_SELECTOR, ".result-card a")
    link.send_keys(Keys.ENTER)
    wait_until(browser, lambda driver: driver.find_element(By.TAG_NAME, "h1").text == "Kothrud Green PG")
