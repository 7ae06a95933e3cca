"""moderator_approve and moderator_decline: only volunteers who finished the training, once,
and the volunteer is emailed either way."""

from __future__ import annotations

import datetime as dt

import time_machine

from jobcouncil.accounts.models import Profile
from jobcouncil.accounts.services import moderator_approve, moderator_decline, moderators_approve
from jobcouncil.notifications.models import OutboxEmail
from jobcouncil.tests import factories

NOW = dt.datetime(2026, 12, 1, 15, 0, tzinfo=dt.UTC)


def _volunteer(**profile) -> Profile:
    profile.setdefault("moderator_approved_at", None)
    return factories.make_moderator(**profile).profile


@time_machine.travel(NOW, tick=False)
def test_approving_records_who_and_when_and_emails_the_volunteer(db, staff):
    profile = _volunteer(display_name="Vera Volunteer")
    assert moderator_approve(profile=profile, by=staff, note="  Welcome aboard!  ")
    profile.refresh_from_db()
    assert profile.moderator_approved_at == NOW
    assert profile.moderator_approved_by == staff
    assert profile.moderator_decision_note == "Welcome aboard!"
    assert profile.is_approved_moderator
    email = OutboxEmail.objects.get(user=profile.user)
    assert email.subject == "You are approved as a moderator"
    assert "Hello Vera Volunteer," in email.body_text
    assert "Welcome aboard!" in email.body_text and "Welcome aboard!" in email.body_html


def test_approving_twice_changes_nothing_and_mails_once(db, staff):
    profile = _volunteer()
    assert moderator_approve(profile=profile, by=staff)
    assert not moderator_approve(profile=profile, by=staff)
    assert OutboxEmail.objects.filter(user=profile.user).count() == 1


def test_only_volunteers_who_finished_the_training_can_be_approved(db, staff, seeker):
    untrained = _volunteer(moderator_training_completed_at=None)
    assert not moderator_approve(profile=untrained, by=staff)
    assert not moderator_approve(profile=seeker.profile, by=staff)
    assert Profile.objects.filter(moderator_approved_at__isnull=False).count() == 0
    assert not OutboxEmail.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_declining_keeps_the_note_emails_it_and_takes_them_off_the_list(db, staff):
    profile = _volunteer()
    assert moderator_decline(profile=profile, by=staff, note="We need moderators in APAC.")
    profile.refresh_from_db()
    assert profile.moderator_declined_at == NOW and profile.moderator_declined_by == staff
    assert profile.is_declined_moderator and not profile.is_approved_moderator
    assert not Profile.objects.awaiting_moderator_approval().exists()
    email = OutboxEmail.objects.get(user=profile.user)
    assert email.subject == "About your offer to moderate"
    assert "We need moderators in APAC." in email.body_text
    # Declined means declined: it cannot be approved by a stale page or the admin.
    assert not moderator_approve(profile=profile, by=staff)
    assert not moderator_decline(profile=profile, by=staff, note="again")
    assert OutboxEmail.objects.filter(user=profile.user).count() == 1


def test_a_volunteer_declined_before_who_trains_again_is_waiting_again(db, staff):
    profile = _volunteer()
    with time_machine.travel(NOW, tick=False):
        moderator_decline(profile=profile, by=staff, note="Not yet.")
    with time_machine.travel(NOW + dt.timedelta(days=30), tick=False):
        profile.complete_moderator_training()
        assert list(Profile.objects.awaiting_moderator_approval()) == [profile]
        assert moderator_approve(profile=profile, by=staff)
    profile.refresh_from_db()
    assert profile.is_approved_moderator and not profile.is_declined_moderator
    assert OutboxEmail.objects.filter(user=profile.user).count() == 2


def test_the_approval_email_is_not_html_escaped_in_plain_text(db, staff):
    profile = _volunteer(display_name="Seán O'Brien")
    moderator_approve(profile=profile, by=staff, note="Great answers & thanks")
    email = OutboxEmail.objects.get(user=profile.user)
    assert "Seán O'Brien" in email.body_text and "Great answers & thanks" in email.body_text
    assert "&amp;" in email.body_html


def test_both_emails_name_the_programme(db, staff, settings):
    settings.PROGRAMME_NAME = "Rivertown Job Councils"
    approved, declined = _volunteer(), _volunteer()
    moderator_approve(profile=approved, by=staff)
    moderator_decline(profile=declined, by=staff, note="Not this time.")
    for email in OutboxEmail.objects.all():
        assert "Rivertown Job Councils" in email.body_text
        assert "Rivertown Job Councils" in email.body_html
        assert email.unsubscribe_url in email.body_text


def test_approving_several_at_once_approves_those_waiting_and_counts_the_rest(db, staff, seeker):
    waiting = [_volunteer(), _volunteer()]
    untrained = _volunteer(moderator_training_completed_at=None)
    profiles = Profile.objects.filter(pk__in=[p.pk for p in [*waiting, untrained, seeker.profile]])
    assert moderators_approve(profiles=profiles, by=staff) == (2, 2)
    approved = Profile.objects.filter(moderator_approved_by=staff)
    assert sorted(approved.values_list("pk", flat=True)) == sorted(p.pk for p in waiting)
    assert OutboxEmail.objects.count() == 2
