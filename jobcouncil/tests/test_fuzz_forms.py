"""Fuzzing every form of the app with hypothesis: text in every script, NULs, huge strings, odd
numbers and dates, in viewers' timezones from UTC-12 to UTC+14.

Two checks per form: validating it raises nothing but validation errors, and posting the same
data to the page that uses it, as the person who may, answers 200, 302 or 400, never 500. A new
form without a scene here fails test_every_form_of_the_app_is_fuzzed. Each example runs in a
transaction rolled back afterwards, so what one post changes (a council left, a round started)
does not change the next. Examples per test: the hypothesis profile (conftest.py)."""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import jobcouncil
from jobcouncil.accounts.models import Profile
from jobcouncil.councils.models import Commitment, Meeting
from jobcouncil.tests import factories

# The viewer's zone decides what "today" and a local time mean: both ends of the earth.
ZONES = ["UTC", "Etc/GMT+12", "Pacific/Kiritimati", "Asia/Tokyo", "America/St_Johns"]

ODD = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\u202e\u200b",
    "𝕏🙂",
    "²",
    "٣",
    "-0",
    "1e308",
    "NaN",
    "inf",
    "99999999999999999999",
    "-99999999999999999999",
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "2026-02-30",
    "2026-13-01",
    "1900-01-01",
    "31/12/9999",
    "00:00",
    "23:30",
    "24:00",
    "23:59:60",
    "02:30",
    "on",
    "true",
    "fast",
    "slow",
    "present",
    "done",
    "https://www.linkedin.com/in/x",
    "https://evil.example\\@www.linkedin.com/in/x",
    "https://www.linkedin.com:99999/in/x",
    "http://[::1",
    "https://" + "a" * 300 + ".linkedin.com/in/x",
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    "'; DROP TABLE accounts_user; --",
    "a-long-test-password-42",
]
# Sizes around the fields' limits and far past them (a request over 2.5 MB: see the last test).
HUGE = [81, 281, 301, 501, 1001, 10_000, 100_000]
FILL = ["x", "é", "🙂", "\x00", "a "]

values = st.one_of(
    st.sampled_from(ODD),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=10).map(lambda t: t + "\x00"),
    st.builds(
        lambda c, n: c * n, st.sampled_from(["x", "é", "🙂", "\x00", "a "]), st.sampled_from(HUGE)
    ),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.dates().map(dt.date.isoformat),
    st.times().map(lambda t: t.isoformat(timespec="minutes")),
)


@dataclass
class Cast:
    seeker: Any  # a member of the council
    moderator: Any
    waiting: Any  # in the pool, no council
    volunteer: Any  # trained, waiting for staff
    staff: Any
    council: Any
    started: Meeting  # open, started: attendance, check-ins, closing
    ahead: Meeting  # open, still to come: moving
    commitment: Commitment  # the seeker's, to review at `started`
    workbook: Workbook  # the seeker's own workbook, shared with the council
    alumni_group: Any  # the alumnus' first-90-days group, with a question in it
    alumni_question: Any


@dataclass
class Workbook:
    note: Any  # an update note, to send
    share: Any  # the two-pager, shared with the council; the moderator comments on it


@pytest.fixture
def cast(db, seeker, moderator, staff, council, alumnus) -> Cast:
    now = timezone.now()
    started = (
        Meeting.objects.filter(council=council, starts_at__lt=now).order_by("-starts_at").first()
    )
    earlier = (
        Meeting.objects.filter(council=council, starts_at__lt=started.starts_at)
        .order_by("-starts_at")
        .first()
    )
    commitment = Commitment.objects.create(
        council=council,
        user=seeker,
        made_at=earlier,
        text="Call Ana",
        due_at=started.starts_at,
    )
    volunteer = factories.make_seeker(
        volunteers_to_moderate=True, moderator_training_completed_at=now
    )
    return Cast(
        workbook=_workbook(seeker, now),
        **_after_landing(alumnus, council, now),
        seeker=seeker,
        moderator=moderator,
        waiting=factories.make_seeker(volunteers_to_moderate=True),
        volunteer=volunteer,
        staff=staff,
        council=council,
        started=started,
        ahead=Meeting.objects.filter(council=council, starts_at__gt=now).first(),
        commitment=commitment,
    )


def _workbook(seeker, now) -> Workbook:
    from jobcouncil.workbook import services
    from jobcouncil.workbook.models import TwoPager

    services.two_pager_add_item(
        owner=seeker, side="want", topic="role", text="Coach people", why="", now=now
    )
    contact = services.contact_add(owner=seeker, name="Ana", email="ana@example.org")
    services.conversation_save(owner=seeker, conversation=None, contact=contact, relation="friend")
    note = services.update_note_save(owner=seeker, note=None, subject="News", body="Hello")
    share = services.share_open(owner=seeker, item=TwoPager.objects.get(owner=seeker), now=now)
    return Workbook(note=note, share=share)


def _after_landing(alumnus, council, now) -> dict:
    from jobcouncil.councils.models import Landing
    from jobcouncil.workbook import ninety_days

    Landing.objects.create(
        user=alumnus, council=council, role="Analyst", company="Acme", start_date=now.date()
    )
    group = ninety_days.alumni_group_join(user=alumnus, now=now)
    question = ninety_days.question_ask(group=group, author=alumnus, body="Lunch?", now=now)
    return {"alumni_group": group, "alumni_question": question}


def _offer_target(x: Cast):
    """The seeker's target at the offer stage (made the first time a scene asks)."""
    from jobcouncil.workbook.models import Opportunity

    target = Opportunity.objects.filter(owner=x.seeker, stage="offer").first()
    return target or Opportunity.objects.create(
        owner=x.seeker, company="Acme", role="Lead", stage="offer", stage_changed_at=timezone.now()
    )


def _meeting_url(name: str, meeting: Meeting, *extra: int) -> str:
    return reverse(f"councils:{name}", args=[meeting.council_id, meeting.pk, *extra])


@dataclass(frozen=True)
class Scene:
    """Where a form is posted, by whom (None: signed out), and how its view builds it."""

    url: Callable[[Cast], str]
    user: Callable[[Cast], Any]
    build: Callable[[Cast, MultiValueDict], forms.BaseForm]
    # Names the view reads from the POST besides the form's fields (which button was pressed).
    extra: tuple[str, ...] = ()
    # Fields sent as uploaded files: the drawn text is the file's content.
    files: tuple[str, ...] = ()


def _uploads(data: MultiValueDict, names: tuple[str, ...]) -> MultiValueDict:
    """The drawn values of file fields as the files a browser would upload."""
    files = MultiValueDict()
    for name in names:
        for i, text in enumerate(data.getlist(name)):
            upload = SimpleUploadedFile(f"contacts-{i}.csv", text.encode("utf-8", "surrogatepass"))
            files.appendlist(name, upload)
    return files


def _members(cast: Cast) -> list:
    from jobcouncil.councils.meeting_page import member_rows

    rows, _names = member_rows(cast.started, cast.moderator)
    return [r for r in rows if r.is_active]


def _scenes() -> dict[str, Scene]:
    from jobcouncil.accounts import forms as a
    from jobcouncil.councils import forms as c
    from jobcouncil.councils import forms_meeting as m
    from jobcouncil.councils.meetings import default_due_at
    from jobcouncil.pool.forms import PoolEntryForm
    from jobcouncil.programme import forms as p
    from jobcouncil.rounds.views import StartRoundForm
    from jobcouncil.workbook import forms as w
    from jobcouncil.workbook import forms_ninety as w90
    from jobcouncil.workbook import forms_offer as wo
    from jobcouncil.workbook import ninety_days
    from jobcouncil.workbook.models import FitStatement, NinetyDayPlan
    from jobcouncil.workbook.services import workbook_settings_for

    def member(x: Cast):
        return x.seeker

    def mod(x: Cast):
        return x.moderator

    def council_url(name: str) -> Callable[[Cast], str]:
        return lambda x: reverse(f"councils:{name}", args=[x.council.pk])

    return {
        "ProfileForm": Scene(
            lambda x: "/me/profile/",
            lambda x: x.waiting,
            lambda x, d: a.ProfileForm(d, instance=x.waiting.profile),
        ),
        "AvailabilityForm": Scene(
            lambda x: "/me/availability/",
            lambda x: x.waiting,
            lambda x, d: a.AvailabilityForm(
                d, seeker_type=x.waiting.profile.seeker_type, tzname=x.waiting.profile.timezone
            ),
        ),
        "OrientationCommitmentForm": Scene(
            lambda x: reverse("accounts:orientation", args=[4]),
            lambda x: x.waiting,
            lambda x, d: a.OrientationCommitmentForm(d),
        ),
        "ModeratorTrainingForm": Scene(
            lambda x: reverse("accounts:moderator-training", args=[3]),
            lambda x: x.waiting,
            lambda x, d: a.ModeratorTrainingForm(d),
        ),
        "DeleteAccountForm": Scene(
            lambda x: "/me/delete/",
            lambda x: x.waiting,
            lambda x, d: a.DeleteAccountForm(d, user=x.waiting),
        ),
        "SignupForm": Scene(
            lambda x: "/accounts/signup/", lambda x: None, lambda x, d: a.SignupForm(d)
        ),
        "ResetPasswordForm": Scene(
            lambda x: "/accounts/password/reset/",
            lambda x: None,
            lambda x, d: a.ResetPasswordForm(d),
        ),
        "LeaveForm": Scene(council_url("council-leave"), member, lambda x, d: c.LeaveForm(d)),
        "LandingForm": Scene(council_url("council-land"), member, lambda x, d: c.LandingForm(d)),
        "HandoverForm": Scene(
            council_url("council-handover"),
            mod,
            lambda x, d: c.HandoverForm(
                d, council=x.council, exclude=x.council.memberships.get(user=x.moderator)
            ),
        ),
        "CouncilSettingsForm": Scene(
            council_url("council-settings"),
            mod,
            lambda x, d: c.CouncilSettingsForm(d, instance=x.council),
        ),
        "CheckInForm": Scene(
            lambda x: _meeting_url("meeting-checkin", x.started, x.seeker.pk),
            member,
            lambda x, d: m.CheckInForm(d),
        ),
        "CheckoutForm": Scene(
            lambda x: _meeting_url("meeting-checkout", x.started, x.seeker.pk),
            member,
            lambda x, d: m.CheckoutForm(d),
        ),
        "ReviewForm": Scene(
            lambda x: _meeting_url("meeting-commitment-review", x.started, x.commitment.pk),
            mod,
            lambda x, d: m.ReviewForm(d),
        ),
        "AskForm": Scene(
            lambda x: _meeting_url("meeting-ask-create", x.started),
            member,
            lambda x, d: m.AskForm(d),
        ),
        "CommitmentForm": Scene(
            lambda x: _meeting_url("meeting-commitment-create", x.started),
            member,
            lambda x, d: m.CommitmentForm(d, default_due_at=default_due_at(x.started)),
        ),
        "AttendanceForm": Scene(
            lambda x: _meeting_url("meeting-attendance", x.started),
            mod,
            lambda x, d: m.AttendanceForm(d, members=_members(x), current={}),
        ),
        "ExerciseForm": Scene(
            lambda x: _meeting_url("meeting-exercise", x.started),
            mod,
            lambda x, d: m.ExerciseForm(d),
        ),
        "MoveForm": Scene(
            lambda x: _meeting_url("meeting-move", x.ahead), mod, lambda x, d: m.MoveForm(d)
        ),
        "PoolEntryForm": Scene(
            lambda x: "/pool/edit/",
            lambda x: x.waiting,
            lambda x, d: PoolEntryForm(d, instance=x.waiting.pool_entry),
        ),
        "StartRoundForm": Scene(
            lambda x: "/pool/rounds/", lambda x: x.staff, lambda x, d: StartRoundForm(d)
        ),
        "ApproveModeratorForm": Scene(
            lambda x: reverse("programme:moderator-review", args=[x.volunteer.profile.pk]),
            lambda x: x.staff,
            lambda x, d: p.ApproveModeratorForm(d),
        ),
        "NinetyDayPlanForm": Scene(
            lambda x: reverse("workbook:first-90"),
            member,
            lambda x, d: w90.NinetyDayPlanForm(
                d,
                instance=NinetyDayPlan(owner=x.seeker),
                stages=ninety_days.stages(NinetyDayPlan(owner=x.seeker)),
            ),
        ),
        "NinetyDayCheckInForm": Scene(
            # With a plan, so the post reaches the form (without one it goes to the plan).
            lambda x: ninety_days.plan_for(x.seeker) and reverse("workbook:first-90-check-in"),
            member,
            lambda x, d: w90.NinetyDayCheckInForm(d),
        ),
        "JobMissionForm": Scene(
            lambda x: reverse("workbook:job-mission", args=[_offer_target(x).pk]),
            member,
            lambda x, d: wo.JobMissionForm(d),
        ),
        "NegotiationForm": Scene(
            lambda x: reverse("workbook:negotiation", args=[_offer_target(x).pk]),
            member,
            lambda x, d: wo.NegotiationForm(d),
        ),
        "AlumniQuestionForm": Scene(
            lambda x: reverse("workbook:alumni-group", args=[x.alumni_group.pk]),
            lambda x: x.alumni_question.author,
            lambda x, d: w90.AlumniQuestionForm(d),
        ),
        "AlumniAnswerForm": Scene(
            lambda x: reverse("workbook:alumni-question", args=[x.alumni_question.pk]),
            lambda x: x.alumni_question.author,
            lambda x, d: w90.AlumniAnswerForm(d),
        ),
        "DeclineModeratorForm": Scene(
            lambda x: reverse("programme:moderator-decline", args=[x.volunteer.profile.pk]),
            lambda x: x.staff,
            lambda x, d: p.DeclineModeratorForm(d),
        ),
        "TwoPagerItemForm": Scene(
            lambda x: "/workbook/two-pager/", member, lambda x, d: w.TwoPagerItemForm(d)
        ),
        "GuideAnswerForm": Scene(
            lambda x: "/workbook/two-pager/guide/",
            member,
            lambda x, d: w.GuideAnswerForm(d),
            extra=("action",),
        ),
        "FitStatementForm": Scene(
            lambda x: "/workbook/fit/",
            member,
            lambda x, d: w.FitStatementForm(d, instance=FitStatement(owner=x.seeker)),
        ),
        "CommentForm": Scene(
            lambda x: reverse("workbook:shared", args=[x.workbook.share.pk]),
            mod,
            lambda x, d: w.CommentForm(d),
        ),
        "ContactForm": Scene(
            lambda x: "/workbook/contacts/", member, lambda x, d: w.ContactForm(d)
        ),
        "ContactImportForm": Scene(
            lambda x: "/workbook/contacts/import/",
            member,
            lambda x, d: w.ContactImportForm(d, _uploads(d, ("file",))),
            files=("file",),
        ),
        "ConversationForm": Scene(
            lambda x: "/workbook/tour/new/",
            member,
            lambda x, d: w.ConversationForm(d, owner=x.seeker),
        ),
        "UpdateNoteForm": Scene(
            lambda x: "/workbook/updates/new/", member, lambda x, d: w.UpdateNoteForm(d)
        ),
        "RecipientsForm": Scene(
            lambda x: reverse("workbook:update-note-send", args=[x.workbook.note.pk]),
            member,
            lambda x, d: w.RecipientsForm(d, owner=x.seeker),
        ),
        "CadenceForm": Scene(
            lambda x: "/workbook/updates/",
            member,
            lambda x, d: w.CadenceForm(d, instance=workbook_settings_for(x.seeker)),
        ),
        **_search_scenes(member),
    }


def _search_target(x: Cast) -> int:
    from jobcouncil.workbook.models import Opportunity

    target, _created = Opportunity.objects.get_or_create(
        owner=x.seeker, company="Globex", defaults={"stage_changed_at": timezone.now()}
    )
    return target.pk


def _search_interview(x: Cast) -> int:
    from jobcouncil.workbook.models import Interview

    interview = Interview.objects.filter(owner=x.seeker).first() or Interview.objects.create(
        owner=x.seeker, opportunity_id=_search_target(x), starts_at=timezone.now()
    )
    return interview.pk


def _search_scenes(member: Callable[[Cast], Any]) -> dict[str, Scene]:
    """The workbook's search: targets, the board, interviews, debriefs, gratitude, critic."""
    from jobcouncil.workbook import forms_search as w

    def url(name: str, arg: Callable[[Cast], int] | None = None) -> Callable[[Cast], str]:
        return lambda x: reverse(f"workbook:{name}", args=[arg(x)] if arg else [])

    return {
        "OpportunityForm": Scene(
            url("targets"), member,
            lambda x, d: w.OpportunityForm(d, attributes={"role": "Director", "industry": "x"}),
        ),
        "StageForm": Scene(
            url("target-stage", _search_target), member, lambda x, d: w.StageForm(d)
        ),
        "InterviewForm": Scene(
            url("interview-new", _search_target), member, lambda x, d: w.InterviewForm(d)
        ),
        "DebriefForm": Scene(
            url("debrief", _search_interview), member, lambda x, d: w.DebriefForm(d)
        ),
        "ShareWithForm": Scene(
            url("debrief-share", _search_interview), member,
            lambda x, d: w.ShareWithForm(d, members=[(x.moderator.pk, "Mo")]),
        ),
        "InnerCriticForm": Scene(url("inner-critic"), member, lambda x, d: w.InnerCriticForm(d)),
        "GratitudeForm": Scene(url("gratitude"), member, lambda x, d: w.GratitudeForm(d)),
        "CompaniesOptInForm": Scene(
            url("contact-companies"), member, lambda x, d: w.CompaniesOptInForm(d)
        ),
    }  # fmt: skip


SCENES = _scenes()
# Bases that are never shown on their own.
ABSTRACT = {"jobcouncil.councils.forms_meeting.MeetingForm"}


def _app_forms() -> set[str]:
    for module in pkgutil.walk_packages(jobcouncil.__path__, "jobcouncil."):
        if ".tests" not in module.name and not module.name.endswith((".cli", "migrations")):
            if ".migrations." not in module.name and "management" not in module.name:
                importlib.import_module(module.name)
    found, todo = set(), [forms.BaseForm]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith("jobcouncil.") and ".tests" not in cls.__module__:
            found.add(f"{cls.__module__}.{cls.__qualname__}")
    return found - ABSTRACT


def test_every_form_of_the_app_is_fuzzed():
    names = {name.rsplit(".", 1)[1] for name in _app_forms()}
    assert names == set(SCENES), f"without a scene: {names - set(SCENES)}"


def _typed(field: forms.Field) -> st.SearchStrategy[str]:
    """Values of the field's own kind, so examples also get past the first check."""
    if isinstance(field, forms.ModelChoiceField):
        keys = [str(pk) for pk in field.queryset.values_list("pk", flat=True)]
        return st.sampled_from(keys or ["1"])
    if isinstance(field, forms.ChoiceField):
        keys = [str(key) for key, _label in field.choices if not isinstance(_label, list | tuple)]
        return st.sampled_from(keys or [""])
    if isinstance(field, forms.DateField):
        near = timezone.localdate()
        edges = st.sampled_from([dt.date.min, dt.date.max, near])
        around = st.integers(-400, 400).map(lambda days: near + dt.timedelta(days=days))
        return (edges | edges | around | st.dates()).map(dt.date.isoformat)
    if isinstance(field, forms.TimeField):
        # Midnight and just after (a day earlier in UTC east of Greenwich), and the night
        # the clocks skip an hour.
        edges = st.sampled_from([dt.time(0), dt.time(0, 30), dt.time(2, 30), dt.time(23, 30)])
        return (edges | st.times()).map(lambda t: t.isoformat(timespec="minutes"))
    if isinstance(field, forms.IntegerField):
        return st.integers(-20, 20).map(str)
    if isinstance(field, forms.BooleanField):
        return st.sampled_from(["on", "", "false", "0"])
    if isinstance(field, forms.EmailField):
        return st.emails().map(str)
    return st.text(max_size=60)


@st.composite
def form_data(
    draw: st.DrawFn, fields: dict[str, forms.Field], extra: tuple[str, ...] = ()
) -> MultiValueDict:
    """Every field of the form and every other name its view reads (sometimes left out,
    sometimes a stray one), each once or a few times, with values of its kind or anything."""
    data = MultiValueDict()
    stray = draw(st.lists(st.sampled_from(["id", "user", "csrfmiddlewaretoken"]), max_size=1))
    for name in [*fields, *extra, *stray]:
        if draw(st.integers(0, 9)) == 0:
            continue
        field = fields.get(name)
        kind = _typed(field) if field is not None else values
        data.setlist(name, draw(st.lists(kind | kind | values, min_size=1, max_size=3)))
    return data


FUZZ = settings(
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)


def _fields(scene: Scene, cast: Cast) -> dict[str, forms.Field]:
    return dict(scene.build(cast, MultiValueDict()).fields)


@pytest.mark.parametrize("name", sorted(SCENES))
def test_a_form_given_anything_answers_with_validation_errors_only(name, cast):
    scene = SCENES[name]
    fields = _fields(scene, cast)

    @FUZZ
    @given(data=form_data(fields, scene.extra), zone=st.sampled_from(ZONES))
    def check(data, zone):
        with timezone.override(zone):
            form = scene.build(cast, data)
            if not form.is_valid():
                assert form.errors
            form.as_div()  # and it renders again with what was typed

    check()


# Each example of the page check is a whole request: a quarter of the profile's examples.
PAGE = settings(FUZZ, max_examples=max(1, settings.default.max_examples // 4))


@pytest.mark.parametrize("name", sorted(SCENES))
def test_posting_anything_to_a_forms_page_never_answers_500(name, cast):
    scene = SCENES[name]
    fields = _fields(scene, cast)
    url = scene.url(cast)
    user = scene.user(cast)
    client = Client(raise_request_exception=False)

    @PAGE
    @given(data=form_data(fields, scene.extra), zone=st.sampled_from(ZONES), htmx=st.booleans())
    def check(data, zone, htmx):
        with transaction.atomic():
            if user is not None:
                Profile.objects.filter(user=user).update(timezone=zone)
                client.force_login(user)
            headers = {"HX-Request": "true"} if htmx else {}
            post: dict[str, Any] = dict(data.lists())
            for name, uploads in _uploads(data, scene.files).lists():
                post[name] = uploads
            response = client.post(url, post, headers=headers)
            assert response.status_code in (200, 302, 400), (response.status_code, url)
            transaction.set_rollback(True)
        client.cookies.clear()

    check()


def test_a_post_larger_than_django_reads_answers_400(cast):
    client = Client(raise_request_exception=False)
    client.force_login(cast.seeker)
    url = reverse("councils:meeting-ask-create", args=[cast.council.pk, cast.started.pk])
    response = client.post(url, {"text": "x" * 3_000_000})
    assert response.status_code == 400
