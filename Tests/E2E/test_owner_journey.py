"""An owner lists a property in the browser and an admin approves it: the owner signs up, verifies the
e-mail address with the link from the outbox, fills in the property form, uploads a photo (a PNG made
here), adds a room; the seeded admin approves the listing in the verification queue; a seeker finds it
by city. Then the seeker books and pays, and the owner sees the request and the revenue on the
dashboard. The dashboard, property form, rooms page and verification queue pass axe at both widths."""

import json
import re
import urllib.parse
import urllib.request
import uuid

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from accessibility import assert_accessible_at_both_widths
from pages import (PASSWORD, click_and_wait, fill_property_form, header_text, log_in, log_out, next_month, open_a_free_room,
                   set_value, sign_up, submit, type_into, unique_email, wait_until, write_png)

ADMIN_EMAIL = "admin@bookmysleep.demo"
ADMIN_PASSWORD = "bookmysleep-demo-1"


def _api(server: str, path: str, token: str | None = None, body: dict | None = None) -> dict:
    request = urllib.request.Request(server + path, data=json.dumps(body).encode() if body is not None else None)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request) as response:
        return json.load(response)["data"]


def _verification_path(server: str, email: str) -> str:
    """The path of the newest verification link mailed to `email`, read from the outbox as an admin."""
    token = _api(server, "/api/auth/login", body={"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD})["accessToken"]
    link, cursor = None, ""
    while True:
        page = _api(server, "/api/admin/outbox?limit=100" + (f"&after={cursor}" if cursor else ""), token)
        for message in page["messages"]:
            if message["recipient"] == email and "/verify-email/" in (message.get("link") or ""):
                link = message["link"]
        cursor = page.get("nextCursor")
        if not cursor:
            break
    assert link, f"no verification link for {email} in the outbox"
    return urllib.parse.urlsplit(link).path


def test_owner_lists_a_property_admin_approves_seeker_finds_and_books_it(fresh_browser, server, tmp_path):
    browser = fresh_browser
    email = unique_email("lister")
    # A city no demo property is in, so that the search can only find this one.
    city = "Shillong " + uuid.uuid4().hex[:6]
    name = "Pine View PG " + uuid.uuid4().hex[:4]
    sign_up(browser, server, email, first_name="Kabir", role="owner")
    browser.get(server + _verification_path(server, email))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Your e-mail address is verified"

    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "Dashboard"))
    assert browser.current_url == server + "/owner"
    assert "You have not listed a property yet." in browser.page_source
    assert_accessible_at_both_widths(browser, "owner-dashboard-empty")
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "List a property"))
    assert browser.find_element(By.CSS_SELECTOR, "fieldset.location[data-map-pin] input[name=latitude]")
    assert_accessible_at_both_widths(browser, "property-form")

    # A refused form keeps what was typed and says what is wrong next to the field.
    fill_property_form(browser, name, city)
    browser.find_element(By.ID, "street").clear()
    submit(browser, "form.property-form")
    assert browser.find_element(By.ID, "street-error").text == "Is required."
    assert browser.find_element(By.ID, "propertyName").get_attribute("value") == name
    type_into(browser, "street", "7 Laitumkhrah Main Road")
    submit(browser, "form.property-form")
    assert re.search(r"/owner/properties/[0-9a-f]{24}/edit\?created=1$", browser.current_url)
    assert "Waiting for verification" in browser.find_element(By.ID, "verification").text
    edit_url = browser.current_url.split("?")[0]

    photo = tmp_path / "room.png"
    write_png(photo)
    browser.find_element(By.ID, "images").send_keys(str(photo))
    # owner.js previews the chosen file before it is sent.
    wait_until(browser, lambda driver: driver.find_elements(By.CSS_SELECTOR, ".photo-previews img"))
    assert browser.find_element(By.CSS_SELECTOR, ".photo-previews img").get_attribute("alt") == "Preview of room.png"
    submit(browser, "form.photo-upload")
    assert browser.current_url.endswith("?photos=1#photos")
    cover = browser.find_element(By.CSS_SELECTOR, ".photo-list img")
    assert cover.get_attribute("alt") == f"Photo 1 of {name} (cover)"
    assert browser.execute_script("return arguments[0].naturalWidth", cover) == 8
    assert_accessible_at_both_widths(browser, "property-edit")

    click_and_wait(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "Rooms ("))
    type_into(browser, "roomNumber", "A1")
    Select(browser.find_element(By.ID, "roomType")).select_by_visible_text("Double")
    type_into(browser, "price", "7,500")
    type_into(browser, "securityDeposit", "5000")
    type_into(browser, "capacity", "2")
    submit(browser, "form.stacked-form")
    assert "The room is added." in browser.page_source
    assert "₹7,500 a bed a month" in browser.find_element(By.CSS_SELECTOR, ".owner-cards").text
    assert_accessible_at_both_widths(browser, "owner-rooms")
    log_out(browser)

    log_in(browser, server, ADMIN_EMAIL, ADMIN_PASSWORD)
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "Verification"))
    card = next(card for card in browser.find_elements(By.CSS_SELECTOR, ".queue-card") if name in card.text)
    assert city in card.text and "Room A1: Double, 2 beds, ₹7,500 a bed a month" in card.text
    assert card.find_element(By.CSS_SELECTOR, "img").get_attribute("alt") == f"Photo 1 of {name}"
    assert_accessible_at_both_widths(browser, "admin-verification")
    card = next(card for card in browser.find_elements(By.CSS_SELECTOR, ".queue-card") if name in card.text)
    click_and_wait(browser, card.find_element(By.XPATH, ".//button[starts-with(normalize-space(.), 'Approve')]"))
    assert f"{name} is verified" in browser.page_source
    assert name not in " ".join(card.text for card in browser.find_elements(By.CSS_SELECTOR, ".queue-card"))
    log_out(browser)

    sign_up(browser, server, unique_email("finder"), first_name="Asha")
    check_in, check_out = next_month()
    browser.get(server + "/")
    type_into(browser, "city", city)
    set_value(browser, "from", check_in)
    set_value(browser, "to", check_out)
    submit(browser, "form.search-form")
    results = browser.find_elements(By.CSS_SELECTOR, ".result-card")
    assert [name in result.text for result in results] == [True]
    click_and_wait(browser, results[0].find_element(By.CSS_SELECTOR, "a"))
    open_a_free_room(browser)
    submit(browser, "form.stacked-form")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form[action$='/pay'] button"))
    type_into(browser, "card", "4242 4242 4242 4242")
    submit(browser, "form.pay-form")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Payment received"
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "See your booking"))
    booking_path = re.search(r"/bookings/[0-9a-f]{24}", browser.current_url).group(0)
    total = browser.find_element(By.CSS_SELECTOR, "dd strong").text
    log_out(browser)

    # The property asks the owner to approve each booking: the paid one waits on the dashboard.
    log_in(browser, server, email, PASSWORD)
    browser.get(server + "/owner")
    assert "Hello, Kabir" in header_text(browser)
    requests = browser.find_element(By.CSS_SELECTOR, "section[aria-labelledby=requests-title]")
    link = requests.find_element(By.CSS_SELECTOR, f"a[href='{booking_path}']")
    assert name in link.text
    assert total in requests.text and "Paid, waiting for the owner to confirm" in requests.text
    assert total in browser.find_element(By.ID, "revenue").text
    assert "Verified: seekers can find it." in browser.page_source
    assert "1 room" in browser.page_source and "0 of 2 beds held tonight" in browser.page_source
    assert_accessible_at_both_widths(browser, "owner-dashboard")
    click_and_wait(browser, link)
    assert "Confirm the booking" in browser.page_source
    browser.get(edit_url)
    assert browser.find_element(By.ID, "propertyName").get_attribute("value") == name
