"""Small helpers the end-to-end tests share: finding things on our pages the way a person would."""

import datetime
import struct
import uuid
import zlib

from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

PASSWORD = "Browser-Test-2026"


def unique_email(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}@example.com"


def next_month() -> tuple[str, str]:
    """A stay from the 1st to the 28th of next month, as YYYY-MM-DD."""
    today = datetime.date.today()
    first = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    return first.isoformat(), first.replace(day=28).isoformat()


def set_value(driver, element_id: str, value: str) -> None:
    """Sets an input's value as typing or a date picker would (date inputs take locale-specific keys)."""
    element = driver.find_element(By.ID, element_id)
    driver.execute_script(
        "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
        element, value)


def type_into(driver, element_id: str, text: str) -> None:
    element = driver.find_element(By.ID, element_id)
    element.clear()
    element.send_keys(text)


def replaced(page):
    """A wait condition: the old page's element is gone. Asked while the page is being torn down,
    chromedriver sometimes answers "unhandled inspector error" instead of "stale element": that, too,
    means the old page is going (the test then checks the new one's content)."""
    def check(_driver) -> bool:
        try:
            page.is_enabled()
            return False
        except (StaleElementReferenceException, WebDriverException):
            return True
    return check


def click_and_wait(driver, element) -> None:
    """Clicks a link or submit button and waits until the next page has replaced this one."""
    page = driver.find_element(By.TAG_NAME, "html")
    element.click()
    WebDriverWait(driver, 10).until(replaced(page))


def submit(driver, form_selector: str) -> None:
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, f"{form_selector} button[type=submit]"))


def log_out(driver) -> None:
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/logout'] button"))


def wait_until(driver, condition, timeout: float = 10) -> None:
    """Waits for `condition(driver)`, across page loads (an element of the old page goes stale)."""
    WebDriverWait(driver, timeout, ignored_exceptions=[StaleElementReferenceException]).until(condition)


def header_text(driver) -> str:
    return driver.find_element(By.CSS_SELECTOR, "header.site-header").text


def sign_up(driver, server: str, email: str, first_name: str = "Meera", role: str = "seeker") -> None:
    driver.get(server + "/signup")
    driver.find_element(By.CSS_SELECTOR, f"input[name=role][value={role}]").click()
    type_into(driver, "firstName", first_name)
    type_into(driver, "lastName", "Iyer")
    type_into(driver, "email", email)
    type_into(driver, "phoneNumber", "+91 98450 12345")
    type_into(driver, "password", PASSWORD)
    submit(driver, "form.stacked-form")


def log_in(driver, server: str, email: str, password: str) -> None:
    driver.get(server + "/login")
    type_into(driver, "email", email)
    type_into(driver, "password", password)
    submit(driver, "form.stacked-form")


def open_a_free_room(driver) -> None:
    """On a property page with dates: follows the "Book" link of a room with a bed free for them."""
    room = next(room for room in driver.find_elements(By.CSS_SELECTOR, ".room-card")
                if room.find_elements(By.CSS_SELECTOR, ".beds-free:not(.beds-full)"))
    click_and_wait(driver, room.find_element(By.CSS_SELECTOR, "a.button"))


def write_png(path, colour: bytes = b"\x2f\x2a\x7a") -> None:
    """Writes a real 8×6 PNG of one RGB `colour`, made here so the tests need no image files."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    width, height = 8, 6
    rows = b"".join(b"\x00" + colour * width for _ in range(height))
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
    path.write_bytes(png)


def fill_property_form(browser, name: str, city: str) -> None:
    """Fills in every field of the owner's property form (a PG in `city`)."""
    type_into(browser, "propertyName", name)
    Select(browser.find_element(By.ID, "propertyType")).select_by_visible_text("PG")
    type_into(browser, "description", "Bright rooms five minutes from the tea gardens.")
    type_into(browser, "street", "7 Laitumkhrah Main Road")
    type_into(browser, "locality", "Laitumkhrah")
    type_into(browser, "city", city)
    type_into(browser, "state", "Meghalaya")
    type_into(browser, "zipCode", "793003")
    set_value(browser, "latitude", "25.5706")
    set_value(browser, "longitude", "91.8963")
    browser.find_element(By.CSS_SELECTOR, "input[name=amenities][value=wifi]").click()
    type_into(browser, "rules", "No smoking")


def script_errors(driver) -> list[str]:
    """The browser console's errors since the last call, other than failed network loads (the map tiles,
    which cannot load in these offline tests, are such loads and must not be what breaks a page)."""
    return [entry["message"] for entry in driver.get_log("browser")
            if entry["level"] == "SEVERE" and entry.get("source") != "network"]
