"""A seeker books and pays in the browser: sign up → search → property → booking form with the server's
quote → the booking's page → the demo checkout, where a declined card shows its message and a good one
pays → the booking confirmed (Sunrise Ladies PG books instantly). Then a second booking is paid and
cancelled, the refund quoted first and then shown as refunded. The booking, checkout, my-bookings and
cancel pages pass axe at phone and desktop widths."""

import re

from selenium.webdriver.common.by import By

from accessibility import assert_accessible_at_both_widths
from pages import click_and_wait, next_month, open_a_free_room, set_value, sign_up, submit, type_into, unique_email


def _book_and_open_checkout(browser) -> str:
    """On the booking form: books, then presses Pay on the booking's page. Returns the booking's path."""
    assert browser.find_element(By.TAG_NAME, "h1").text == "Book a bed"
    assert "Total to pay" in browser.find_element(By.ID, "quote").text
    submit(browser, "form.stacked-form")
    assert re.search(r"/bookings/[0-9a-f]{24}\?booked=1$", browser.current_url), browser.find_element(By.TAG_NAME, "main").text
    booking_path = re.search(r"/bookings/[0-9a-f]{24}", browser.current_url).group(0)
    assert browser.find_element(By.ID, "booking-status").text == "Waiting for payment"
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form[action$='/pay'] button"))
    assert "/pay/" in browser.current_url
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("Pay ₹")
    return booking_path


def _pay(browser, card: str) -> None:
    type_into(browser, "card", card)
    submit(browser, "form.pay-form")


def test_book_pay_confirm_and_cancel_another(fresh_browser, server):
    browser = fresh_browser
    sign_up(browser, server, unique_email("booker"), first_name="Asha")
    check_in, check_out = next_month()
    browser.get(server + "/")
    type_into(browser, "city", "Bengaluru")
    set_value(browser, "from", check_in)
    set_value(browser, "to", check_out)
    type_into(browser, "budgetMax", "10000")
    submit(browser, "form.search-form")
    card = next(card for card in browser.find_elements(By.CSS_SELECTOR, ".result-card") if "Sunrise Ladies PG" in card.text)
    click_and_wait(browser, card.find_element(By.CSS_SELECTOR, "a"))
    property_url = browser.current_url
    open_a_free_room(browser)
    assert browser.find_element(By.ID, "from").get_attribute("value") == check_in
    assert_accessible_at_both_widths(browser, "book")

    booking_path = _book_and_open_checkout(browser)
    assert_accessible_at_both_widths(browser, "checkout")
    _pay(browser, "4000 0000 0000 0002")
    error = browser.find_element(By.ID, "card-error")
    assert "declined" in error.text.lower()
    browser.get(server + booking_path)
    assert browser.find_element(By.ID, "payment-status").text == "Payment failed"
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form[action$='/pay'] button"))
    _pay(browser, "4242 4242 4242 4242")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Payment received"
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "See your booking"))
    assert browser.find_element(By.ID, "booking-status").text == "Confirmed"
    assert browser.find_element(By.ID, "payment-status").text == "Paid"
    assert_accessible_at_both_widths(browser, "booking")

    browser.get(property_url)
    open_a_free_room(browser)
    second = _book_and_open_checkout(browser)
    _pay(browser, "4242424242424242")
    browser.get(server + second)
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "Cancel this booking…"))
    refund = browser.find_element(By.ID, "refund-amount").text
    assert refund.startswith("₹")
    assert_accessible_at_both_widths(browser, "cancel")
    submit(browser, "form.stacked-form")
    assert browser.find_element(By.ID, "booking-status").text == "Cancelled"
    assert browser.find_element(By.ID, "refunded").text == refund

    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "My bookings"))
    listed = browser.find_elements(By.CSS_SELECTOR, ".booking-list .booking-card")
    assert len(listed) == 2
    assert "Cancelled" in listed[0].text and "Confirmed" in listed[1].text
    assert_accessible_at_both_widths(browser, "my-bookings")
