"""With JavaScript off, a seeker can still search, open a property and see its rooms, and book a bed;
an account holder can sign up, log out and log in: the pages are plain forms and links."""

from selenium.webdriver.common.by import By

from pages import (
    PASSWORD, click_and_wait, header_text, log_in, log_out, next_month, open_a_free_room, sign_up, submit, type_into, unique_email)


def test_search_and_property_without_javascript(browser_without_javascript, server):
    browser = browser_without_javascript
    browser.get(server + "/")
    type_into(browser, "city", "Pune")
    type_into(browser, "budgetMax", "9000")
    submit(browser, "form.search-form")
    cards = browser.find_elements(By.CSS_SELECTOR, ".result-card")
    assert [card.find_element(By.CSS_SELECTOR, ".result-name").text for card in cards] == ["Kothrud Green PG"]
    click_and_wait(browser, cards[0].find_element(By.CSS_SELECTOR, "a"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Kothrud Green PG"
    rooms = browser.find_elements(By.CSS_SELECTOR, ".room-card")
    assert rooms and "₹7,000" in browser.find_element(By.CSS_SELECTOR, ".rooms").text
    click_and_wait(browser, rooms[0].find_element(By.CSS_SELECTOR, "a.button"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Log in"  # booking needs a seeker's account


def test_sign_up_log_out_and_log_in_without_javascript(browser_without_javascript, server):
    browser = browser_without_javascript
    browser.get(server + "/health")
    browser.delete_all_cookies()
    email = unique_email("nojs")
    sign_up(browser, server, email, first_name="Dev")
    assert "Hello, Dev" in header_text(browser)
    log_out(browser)
    assert "Log in" in header_text(browser)
    log_in(browser, server, email, PASSWORD)
    assert "Hello, Dev" in header_text(browser)


def test_book_a_bed_without_javascript(browser_without_javascript, server):
    browser = browser_without_javascript
    browser.get(server + "/health")
    browser.delete_all_cookies()
    sign_up(browser, server, unique_email("nojs-book"), first_name="Tara")
    check_in, check_out = next_month()
    browser.get(f"{server}/search?city=Pune&from={check_in}&to={check_out}")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, ".result-card a"))
    open_a_free_room(browser)
    assert "Total to pay" in browser.find_element(By.ID, "quote").text
    submit(browser, "form.stacked-form")
    assert browser.find_element(By.ID, "booking-status").text == "Waiting for payment"
    assert browser.find_element(By.CSS_SELECTOR, "form[action$='/pay'] button").text.startswith("Pay ₹")
