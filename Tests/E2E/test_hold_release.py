"""A bed held by a booking whose card was declined comes free again when the hold ends: on a server whose
holds last one minute, the seeker sees the declined card's message, the room shows one bed fewer free
for the dates while the booking holds it, and the bed is back (and the booking no longer payable) once the
minute is over."""

import re
import time

from selenium.webdriver.common.by import By

from pages import click_and_wait, next_month, sign_up, submit, type_into, unique_email

# The hold is one minute; the page is read again until the bed is back, for at most this long.
RELEASE_WAIT_SECONDS = 150


def _beds_free(browser, room_number: str) -> int:
    """The beds of room `room_number` free for the page's dates ("No bed free …" is 0)."""
    card = next(card for card in browser.find_elements(By.CSS_SELECTOR, ".room-card")
                if card.find_element(By.TAG_NAME, "h3").text.startswith(f"Room {room_number}"))
    text = card.find_element(By.CSS_SELECTOR, ".beds-free").text
    found = re.match(r"(\d+) of \d+ free", text)
    return int(found.group(1)) if found else 0


def test_a_declined_bookings_bed_is_free_again_after_the_hold(fresh_browser, short_hold_server):
    browser = fresh_browser
    server = short_hold_server
    sign_up(browser, server, unique_email("held"), first_name="Ravi")
    check_in, check_out = next_month()
    browser.get(f"{server}/search?city=Bengaluru&from={check_in}&to={check_out}")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, ".result-card a"))
    property_url = browser.current_url
    room = next(card for card in browser.find_elements(By.CSS_SELECTOR, ".room-card")
                if card.find_elements(By.CSS_SELECTOR, ".beds-free:not(.beds-full)"))
    room_number = re.match(r"Room (\S+)", room.find_element(By.TAG_NAME, "h3").text).group(1)
    free_before = _beds_free(browser, room_number)

    click_and_wait(browser, room.find_element(By.CSS_SELECTOR, "a.button"))
    submit(browser, "form.stacked-form")
    booking_url = browser.current_url.split("?")[0]
    assert "Your beds are held until" in browser.find_element(By.TAG_NAME, "main").text
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form[action$='/pay'] button"))
    type_into(browser, "card", "4000 0000 0000 0002")
    submit(browser, "form.pay-form")
    assert "declined" in browser.find_element(By.ID, "card-error").text.lower()

    browser.get(property_url)
    assert _beds_free(browser, room_number) == free_before - 1, "the unpaid booking holds its bed"

    deadline = time.monotonic() + RELEASE_WAIT_SECONDS
    while _beds_free(browser, room_number) != free_before and time.monotonic() < deadline:
        time.sleep(5)
        browser.get(property_url)
    assert _beds_free(browser, room_number) == free_before, "the bed is free again after the hold"
    browser.get(booking_url)
    assert not browser.find_elements(By.CSS_SELECTOR, "form[action$='/pay']"), "past its hold, the booking cannot be paid"
