"""A newcomer signs up, confirms the address with the mailed code, signs out and in again, in a real Chromium."""

import json
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from playwright.sync_api import expect

from tests.browser.test_get_started import axe_violations
from tests.mailbox import code_in

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"


def test_sign_up_verify_sign_out_and_sign_in(page, curated_site, screenshot):
    console_errors = []
    page.on("console", lambda message: message.type == "error" and console_errors.append(message.text))

    page.goto(curated_site.url + "/")
    page.get_by_role("link", name="Sign up", exact=True).first.click()
    page.get_by_label("Email").fill("newcomer@example.com")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    screenshot("signup")
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Verification Code")

    assert len(mail.outbox) == 1
    screenshot("enter-code")
    assert axe_violations(page) == [], "the code page is accessible"
    page.get_by_label("Code").fill(code_in(mail.outbox[0]))  # typed into this browser, as the mail asks
    page.get_by_role("button", name="Confirm").click()
    # The first sign-in opens Get started, which the learner can leave for later.
    expect(page.get_by_role("heading", name="What are you aiming for?")).to_be_visible()
    page.get_by_role("link", name="Later: go to my dashboard").click()
    page.get_by_role("link", name="Change your goals").click()

    page.get_by_label("Display name").fill("Newcomer")
    page.get_by_label("Target role").select_option(label="Data scientist")
    page.get_by_label("I come from a tech field").check()
    page.get_by_label("Hours per week").fill("7")
    page.get_by_role("button", name="Save goals").click()
    expect(page.get_by_text("Your goals are saved.")).to_be_visible()
    screenshot("goals")

    page.get_by_role("button", name="Newcomer").click()
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in", exact=True).first).to_be_visible()

    page.goto(curated_site.url + "/accounts/login/")
    page.get_by_label("Email").fill("newcomer@example.com")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Data scientist")
    expect(page.get_by_text("The 7 h per week you said")).to_be_visible()
    page.get_by_role("link", name="Change your goals").click()
    expect(page.get_by_label("Hours per week")).to_have_value("7")

    # Download my data, then delete the account.
    page.get_by_role("navigation", name="Account").get_by_role("link", name="My data").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download everything (JSON)").click()
    exported = json.loads(Path(download_info.value.path()).read_text())
    assert exported["profile"][0]["display_name"] == "Newcomer"

    page.get_by_role("link", name="Delete my account…").click()
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account and data").click()
    expect(page.get_by_role("heading", name="Your account is deleted")).to_be_visible()
    assert not get_user_model().objects.filter(email="newcomer@example.com").exists()
    screenshot("account-deleted")

    assert console_errors == []
