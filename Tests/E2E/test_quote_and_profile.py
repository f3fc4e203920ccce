"""The booking form's live quote (changing dates or beds updates the price without a reload, and the
booking is made at the price shown), and the profile page: details with a field error, then a picture
previewed, uploaded and shown in the header. The profile page passes axe at phone and desktop widths."""

import re
import struct
import zlib

from selenium.webdriver.common.by import By

from accessibility import assert_accessible_at_both_widths
from pages import click_and_wait, next_month, open_a_free_room, script_errors, set_value, sign_up, submit, type_into, unique_email, wait_until


def _rupees(text: str) -> int:
    """"₹12,345.67" → 1234567 paise."""
    whole, _, paise = text.replace("₹", "").replace(",", "").partition(".")
    return int(whole) * 100 + int(paise or 0)


def test_live_quote_updates_without_reload_and_books_at_that_price(fresh_browser, server):
    browser = fresh_browser
    sign_up(browser, server, unique_email("quoter"), first_name="Ravi")
    check_in, check_out = next_month()
    browser.get(server + "/search?city=Bengaluru")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, ".result-card a"))
    browser.get(browser.current_url.split("?")[0] + f"?from={check_in}&to={check_out}")
    open_a_free_room(browser)
    script_errors(browser)
    before = browser.find_element(By.CSS_SELECTOR, "[data-quote-field=total]").text
    heading = browser.find_element(By.CSS_SELECTOR, "[data-quote-field=heading]").text
    browser.execute_script("window.stillTheSamePage = true")

    shorter = check_in[:8] + "15"
    set_value(browser, "to", shorter)
    wait_until(browser, lambda driver: driver.find_element(By.CSS_SELECTOR, "[data-quote-field=heading]").text != heading)
    after = browser.find_element(By.CSS_SELECTOR, "[data-quote-field=total]").text
    assert after != before
    assert "14 nights" in browser.find_element(By.CSS_SELECTOR, "[data-quote-field=heading]").text
    posted = browser.find_element(By.CSS_SELECTOR, "input[name=totalAmount]").get_attribute("value")
    assert int(posted) == _rupees(after)
    assert browser.find_element(By.CSS_SELECTOR, "[data-quote-field=button]").text == f"for {after}"
    assert browser.execute_script("return window.stillTheSamePage") is True

    submit(browser, "form.stacked-form")
    assert re.search(r"/bookings/[0-9a-f]{24}\?booked=1$", browser.current_url), browser.find_element(By.TAG_NAME, "main").text
    assert after in browser.find_element(By.TAG_NAME, "main").text
    assert script_errors(browser) == []


def _png(path) -> None:
    """A real 8×8 PNG (an orange square) for the avatar upload."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    rows = b"".join(b"\x00" + b"\xe0\x7a\x1f" * 8 for _ in range(8))
    header = struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def test_profile_edit_and_avatar_upload(fresh_browser, server, tmp_path):
    browser = fresh_browser
    sign_up(browser, server, unique_email("profile"), first_name="Nisha")
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "Profile"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Your profile"
    assert browser.find_element(By.ID, "email").get_attribute("readonly") is not None
    assert_accessible_at_both_widths(browser, "profile")

    type_into(browser, "firstName", " ")
    type_into(browser, "lastName", "Menon")
    submit(browser, "form[action='/profile']")
    assert browser.find_element(By.ID, "firstName-error").is_displayed()
    assert browser.find_element(By.ID, "lastName").get_attribute("value") == "Menon"
    type_into(browser, "firstName", "Nisha")
    submit(browser, "form[action='/profile']")
    assert "Your profile is saved." in browser.find_element(By.TAG_NAME, "main").text
    assert "Nisha Menon" in browser.find_element(By.CSS_SELECTOR, ".profile-head").text

    picture = tmp_path / "me.png"
    _png(picture)
    script_errors(browser)
    browser.find_element(By.ID, "avatar").send_keys(str(picture))
    wait_until(browser, lambda driver: driver.find_element(By.ID, "avatar-preview").is_displayed())
    assert browser.find_element(By.ID, "avatar-preview").get_attribute("src").startswith("data:image/png")
    submit(browser, "form[action='/profile/avatar']")
    assert "Your new picture is saved." in browser.find_element(By.TAG_NAME, "main").text
    header_picture = browser.find_element(By.CSS_SELECTOR, "header .nav-avatar")
    assert browser.execute_script("return arguments[0].complete && arguments[0].naturalWidth", header_picture) == 8
    assert browser.find_element(By.ID, "current-avatar").get_attribute("src") == header_picture.get_attribute("src")
    assert script_errors(browser) == []
    assert_accessible_at_both_widths(browser, "profile-with-picture")
