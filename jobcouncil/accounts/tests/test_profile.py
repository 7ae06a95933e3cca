"""The profile page: create, edit, validation next to each field, and who may see it."""

import pytest

from jobcouncil.accounts.models import Profile

VALID = {
    "display_name": "Ada L.",
    "timezone": "Europe/London",
    "seeker_type": "slow",
    "seniority": "4",
    "function": "engineering",
    "function_other": "",
    "industry": "other",
    "industry_other": "Space",
    "location": "London",
    "linkedin_url": "https://www.linkedin.com/in/ada",
    "volunteers_to_moderate": "",
}


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get("/me/profile/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_newcomer_creates_a_profile_and_moves_to_availability(newcomer, as_user):
    response = as_user(newcomer).post("/me/profile/", VALID)
    assert response.status_code == 302
    assert response["Location"] == "/me/availability/"
    profile = Profile.objects.get(user=newcomer)
    assert (profile.timezone, profile.seeker_type, profile.seniority) == (
        "Europe/London",
        "slow",
        4,
    )
    assert profile.industry == "Space"


def test_bad_input_is_shown_next_to_each_field_and_nothing_is_saved(newcomer, as_user):
    bad = VALID | {
        "timezone": "Mars/Olympus",
        "linkedin_url": "https://evil.example.com/ada",
        "seniority": "9",
        "industry_other": "",
    }
    response = as_user(newcomer).post("/me/profile/", bad)
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"timezone", "linkedin_url", "seniority", "industry_other"}
    html = response.content.decode()
    assert 'id="id_linkedin_url_error"' in html
    assert 'aria-invalid="true"' in html
    assert 'value="Ada L."' in html  # what they typed is kept
    assert not Profile.objects.filter(user=newcomer).exists()


def test_a_seeker_sees_and_edits_only_their_own_profile(seeker, stranger, as_user):
    client = as_user(stranger)
    page = client.get("/me/profile/").content.decode()
    assert "Stella Stranger" in page
    assert "Sam Seeker" not in page
    client.post("/me/profile/", VALID | {"display_name": "Changed"})
    assert Profile.objects.get(user=seeker).display_name == "Sam Seeker"
    assert Profile.objects.get(user=stranger).display_name == "Changed"


def test_private_pages_are_not_cached(seeker, as_user):
    response = as_user(seeker).get("/me/profile/")
    assert response["Cache-Control"] == "no-store"
    assert "script-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.parametrize(
    "url",
    [
        "https://evil.example\\@www.linkedin.com/in/x",  # a browser goes to evil.example
        "https://evil.example%5C@www.linkedin.com/in/x",
        "https://someone@www.linkedin.com/in/x",
        "ftp://linkedin.com/in/x",
        "http://www.linkedin.com/in/x",
        "https://www.linkedin.com:8443/in/x",
        "https://linkedin.com.evil.example/in/x",
        "https://evil.example/#.linkedin.com",
        "https://evil.example/?.linkedin.com",
        "https://notlinkedin.com/in/x",
    ],
)
def test_only_https_linkedin_addresses_are_taken(newcomer, as_user, url):
    response = as_user(newcomer).post("/me/profile/", VALID | {"linkedin_url": url})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"linkedin_url"}
    assert not Profile.objects.filter(user=newcomer).exists()


@pytest.mark.parametrize(
    "url", ["https://www.linkedin.com/in/ada", "https://linkedin.com/in/ada", "linkedin.com/in/ada"]
)
def test_linkedin_addresses_are_taken(newcomer, as_user, url):
    assert as_user(newcomer).post("/me/profile/", VALID | {"linkedin_url": url}).status_code == 302
    assert Profile.objects.get(user=newcomer).linkedin_url.startswith("https://")
