"""With JavaScript off, an owner can still list a property, add a room after a refused try, upload two
photos at once and put them in order or remove one: the owner's pages are plain forms."""

import re
import uuid

from selenium.webdriver.common.by import By

from pages import click_and_wait, fill_property_form, sign_up, submit, type_into, unique_email, write_png


def _photo_sources(browser) -> list[str]:
    return [image.get_attribute("src") for image in browser.find_elements(By.CSS_SELECTOR, ".photo-list img")]


def test_list_a_property_with_rooms_and_photos_without_javascript(browser_without_javascript, server, tmp_path):
    browser = browser_without_javascript
    browser.get(server + "/health")
    browser.delete_all_cookies()
    try:
        _list_a_property(browser, server, tmp_path)
    finally:
        # The browser is shared with the other tests without JavaScript, which start logged out.
        browser.delete_all_cookies()


def _list_a_property(browser, server, tmp_path) -> None:
    sign_up(browser, server, unique_email("nojs-owner"), first_name="Tara", role="owner")
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "Go to your dashboard"))
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "List a property"))
    fill_property_form(browser, "Quiet Corner PG", "Shillong " + uuid.uuid4().hex[:6])
    submit(browser, "form.property-form")
    assert re.search(r"/owner/properties/[0-9a-f]{24}/edit\?created=1$", browser.current_url)

    first, second = tmp_path / "first.png", tmp_path / "second.png"
    write_png(first, b"\x10\x80\x40")
    write_png(second, b"\xc0\x30\x20")
    browser.find_element(By.ID, "images").send_keys(f"{first}\n{second}")
    submit(browser, "form.photo-upload")
    before = _photo_sources(browser)
    assert len(before) == 2
    click_and_wait(browser, browser.find_element(By.XPATH, "//button[starts-with(normalize-space(.), 'Move down')]"))
    assert _photo_sources(browser) == [before[1], before[0]]
    click_and_wait(browser, browser.find_element(By.XPATH, "(//form[contains(@action, '/remove')]/button)[2]"))
    assert _photo_sources(browser) == [before[1]]

    click_and_wait(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "Rooms ("))
    type_into(browser, "roomNumber", "G1")
    type_into(browser, "price", "eight thousand")
    type_into(browser, "capacity", "3")
    submit(browser, "form.stacked-form")
    assert browser.find_element(By.ID, "price-error").text == "Must be an amount in rupees, such as 8000 or 8,000.50."
    assert browser.find_element(By.ID, "roomNumber").get_attribute("value") == "G1"
    type_into(browser, "price", "8000")
    submit(browser, "form.stacked-form")
    assert "The room is added." in browser.page_source
    assert "Room G1" in browser.find_element(By.CSS_SELECTOR, ".owner-cards").text
