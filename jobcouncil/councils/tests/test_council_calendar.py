"""The calendar link on the council page: one click makes it, shows it once, and a new one
turns the old one off. Tokens stay hashed."""

from jobcouncil.councils.models import CalendarFeed
from jobcouncil.lib.tokens import secret_hash


def path(council):
    return f"/councils/{council.pk}/calendar/"


def _token(html: str) -> str:
    start = html.index("/councils/calendar/") + len("/councils/calendar/")
    return html[start : html.index(".ics", start)]


def test_the_council_page_offers_to_add_the_meetings_to_a_calendar(council, seeker, as_user):
    page = as_user(seeker).get(f"/councils/{council.pk}/").content.decode()
    assert "Add to my calendar" in page
    assert f'hx-post="{path(council)}"' in page
    assert "js/copy.js" in page


def test_one_click_shows_the_webcal_link_and_a_copy_field_right_there(
    council, seeker, as_user, client
):
    response = as_user(seeker).post(path(council), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html  # the fragment only, swapped into the council page
    token = _token(html)
    assert f'href="webcal://testserver/councils/calendar/{token}.ics"' in html
    assert f'value="http://testserver/councils/calendar/{token}.ics"' in html and "readonly" in html
    assert "data-copy=" in html and "hidden" in html  # the copy button needs JavaScript
    assert "Making a new link turns this one off" in html
    assert response["Cache-Control"] == "no-store"
    feed = CalendarFeed.objects.get(user=seeker, revoked_at__isnull=True)
    assert feed.token_hash == secret_hash(token) != token
    client.logout()
    assert client.get(f"/councils/calendar/{token}.ics").status_code == 200


def test_without_javascript_the_page_itself_shows_the_link(council, seeker, as_user):
    response = as_user(seeker).post(path(council))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>" in html and "webcal://" in html
    token = _token(html)
    assert CalendarFeed.objects.filter(token_hash=secret_hash(token)).exists()


def test_the_link_is_not_shown_again_and_a_new_one_turns_the_old_one_off(
    council, seeker, as_user, client
):
    c = as_user(seeker)
    old = _token(c.post(path(council), HTTP_HX_REQUEST="true").content.decode())
    page = c.get(f"/councils/{council.pk}/").content.decode()
    assert old not in page
    assert "You made a private calendar link on" in page
    assert "Make a new link (turns off the old one)" in page
    new = _token(c.post(path(council), HTTP_HX_REQUEST="true").content.decode())
    client.logout()
    assert client.get(f"/councils/calendar/{old}.ics").status_code == 404
    assert client.get(f"/councils/calendar/{new}.ics").status_code == 200


def test_strangers_alumni_and_visitors_cannot_make_one(council, outsider, alumnus, as_user, client):
    assert client.post(path(council)).status_code == 302
    assert as_user(outsider).post(path(council)).status_code == 404
    assert as_user(alumnus).post(path(council)).status_code == 403
    assert (
        "Add to my calendar"
        not in as_user(alumnus).get(f"/councils/{council.pk}/").content.decode()
    )
    assert not CalendarFeed.objects.exists()


def test_it_answers_only_to_post(council, seeker, as_user):
    assert as_user(seeker).get(path(council)).status_code == 405
