"""Signing up, logging in and out, and what a wrong password looks like."""

from selenium.webdriver.common.by import By

from pages import PASSWORD, click_and_wait, header_text, log_in, log_out, sign_up, submit, type_into, unique_email, wait_until


def test_sign_up_log_out_and_log_in_again(fresh_browser, server):
    browser = fresh_browser
    email = unique_email("seeker")
    sign_up(browser, server, email, first_name="Meera")
    assert browser.current_url == server + "/welcome"
    assert browser.find_element(By.TAG_NAME, "h1").text == "Welcome to BookMySleep, Meera"
    assert email in browser.page_source
    assert "Hello, Meera" in header_text(browser)

    log_out(browser)
    assert browser.current_url == server + "/login?loggedOut=1"
    assert "You have logged out." in browser.page_source
    assert "Log in" in header_text(browser) and "Hello" not in header_text(browser)

    log_in(browser, server, email, PASSWORD)
    assert browser.current_url == server + "/"
    assert "Hello, Meera" in header_text(browser)


def test_an_owner_signs_up(fresh_browser, server):
    browser = fresh_browser
    sign_up(browser, server, unique_email("owner"), first_name="Kabir", role="owner")
    assert browser.find_element(By.LINK_TEXT, "Go to your dashboard").get_attribute("href") == server + "/owner"
    assert "Hello, Kabir" in header_text(browser)


def test_a_wrong_password_shows_a_human_message(fresh_browser, server):
    browser = fresh_browser
    log_in(browser, server, "seeker1@bookmysleep.demo", "not-the-password-1")
    alert = browser.find_element(By.CSS_SELECTOR, "[role=alert]")
    assert alert.text == "The e-mail address or password is wrong."
    assert browser.find_element(By.ID, "email").get_attribute("value") == "seeker1@bookmysleep.demo"
    assert browser.find_element(By.ID, "password").get_attribute("value") == ""
    assert "{" not in alert.text


def test_sign_up_problems_are_shown_next_to_the_fields(fresh_browser, server):
    browser = fresh_browser
    browser.get(server + "/signup")
    type_into(browser, "firstName", "Asha")
    type_into(browser, "email", "not-an-address")
    type_into(browser, "password", "short")
    submit(browser, "form.stacked-form")
    assert browser.find_element(By.ID, "firstName").get_attribute("value") == "Asha"
    assert browser.find_element(By.ID, "email-error").is_displayed()
    assert browser.find_element(By.ID, "lastName-error").is_displayed()
    assert browser.find_element(By.ID, "password-error").is_displayed()
    assert browser.find_element(By.ID, "password").get_attribute("value") == ""


def test_an_expired_access_cookie_is_renewed_by_the_page(fresh_browser, server):
    """Without JavaScript the header would say "Log in" after 15 minutes; the page renews the login."""
    browser = fresh_browser
    sign_up(browser, server, unique_email("renew"), first_name="Nisha")
    browser.delete_cookie("bms_access")  # what the browser does when its 15 minutes are over
    browser.get(server + "/search")
    wait_until(browser, lambda driver: "Hello, Nisha" in header_text(driver))
    assert browser.get_cookie("bms_access")


def test_logging_in_from_a_page_comes_back_to_it(fresh_browser, server):
    browser = fresh_browser
    email = unique_email("back")
    sign_up(browser, server, email, first_name="Ira")
    log_out(browser)
    browser.get(server + "/search?city=Pune")
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "Log in"))
    type_into(browser, "email", email)
    type_into(browser, "password", PASSWORD)
    submit(browser, "form.stacked-form")
    assert browser.current_url == server + "/search?city=Pune"
    assert "Hello, Ira" in header_text(browser)
