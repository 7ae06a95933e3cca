"""The workbook: each exercise a seeker works on, private to them unless they share it.

Every object has an `owner`; views reach objects only through `workbook/access.py`, which is
where privacy is decided. What a seeker shares with their council is a `Share` row naming the
item and the council; it is visible only while the owner is an active member of that council,
so leaving (or landing) ends the sharing without anyone having to remember to."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from jobcouncil.lib.dates import shifted


class Topic(models.TextChoices):
    ROLE = "role", _("Role")
    PEOPLE = "people", _("People")
    COMPANY = "company", _("Company")
    PLACE = "place", _("Place")
    MONEY = "money", _("Money")
    LEARNING = "learning", _("Learning")
    OTHER = "other", _("Other")


class TwoPager(models.Model):
    """What the seeker wants and does not want in their next job."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="two_pager"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"two-pager #{self.pk}"

    def snapshot(self) -> list[dict]:
        """The items as a version stores them, in reading order."""
        return [item.as_dict() for item in self.items.all()]


class TwoPagerItem(models.Model):
    class Side(models.TextChoices):
        WANT = "want", _("I want")
        DONT_WANT = "dont_want", _("I don't want")

    two_pager = models.ForeignKey(TwoPager, on_delete=models.CASCADE, related_name="items")
    side = models.CharField(max_length=10, choices=Side.choices)
    topic = models.CharField(max_length=10, choices=Topic.choices, default=Topic.OTHER)
    text = models.CharField(_("item"), max_length=200)
    why = models.CharField(_("why (optional)"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["side", "topic", "created_at", "pk"]

    def __str__(self) -> str:
        return self.text

    def as_dict(self) -> dict:
        return {"side": self.side, "topic": self.topic, "text": self.text, "why": self.why}


class TwoPagerVersion(models.Model):
    """A copy of the two-pager after a save that changed it, to compare with later."""

    two_pager = models.ForeignKey(TwoPager, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    items = models.JSONField(default=list)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["two_pager", "number"], name="one_two_pager_version")
        ]

    def __str__(self) -> str:
        return f"version {self.number}"


class Contact(models.Model):
    """A person in the seeker's network: typed in or imported from a CSV."""

    class Source(models.TextChoices):
        TYPED = "typed", _("typed in")
        LINKEDIN = "linkedin", _("LinkedIn export")
        CSV = "csv", _("CSV file")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"), blank=True)
    company = models.CharField(_("company"), max_length=200, blank=True)
    position = models.CharField(_("role"), max_length=200, blank=True)
    profile_url = models.URLField(_("profile link"), max_length=500, blank=True)
    connected_on = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.TYPED)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["owner", "company"], name="contact_owner_company")]

    def __str__(self) -> str:
        return self.name


class ContactImport(models.Model):
    """A file read and waiting for the seeker to confirm: the preview is exactly this."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contact_imports"
    )
    filename = models.CharField(max_length=200)
    source = models.CharField(max_length=10, choices=Contact.Source.choices)
    rows = models.JSONField(default=list)
    duplicates = models.JSONField(default=list)
    problems = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"import #{self.pk}"


class TourConversation(models.Model):
    """One conversation of the listening tour: advice on fit, never a request for a job."""

    class Relation(models.TextChoices):
        COLLEAGUE = "colleague", _("Former colleague")
        FRIEND = "friend", _("Friend")
        RECRUITER = "recruiter", _("Recruiter")
        OTHER = "other", _("Other")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tour_conversations"
    )
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="conversations")
    relation = models.CharField(
        _("how you know them"), max_length=10, choices=Relation.choices, default=Relation.OTHER
    )
    questions = models.JSONField(_("questions to ask"), default=list, blank=True)
    planned_on = models.DateField(_("planned for"), null=True, blank=True)
    held_on = models.DateField(_("held on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True, max_length=10_000)
    learned = models.CharField(_("what you learned"), max_length=300, blank=True)
    thank_you_sent = models.BooleanField(_("thank-you sent"), default=False)
    follow_up_on = models.DateField(_("follow up on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-planned_on", "-pk"]

    def __str__(self) -> str:
        return f"conversation #{self.pk}"


class FitStatement(models.Model):
    """Candidate-market fit: 3-4 attributes read as one line, narrowed as the tour teaches."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="fit_statement"
    )
    role = models.CharField(_("role"), max_length=120, blank=True)
    company_stage = models.CharField(_("company stage or size"), max_length=120, blank=True)
    industry = models.CharField(_("industry"), max_length=120, blank=True)
    location_culture = models.CharField(_("location or culture"), max_length=120, blank=True)
    linkedin_text = models.TextField(_("LinkedIn post"), blank=True, max_length=3000)
    lessons = models.ManyToManyField(TourConversation, blank=True, related_name="fit_statements")
    updated_at = models.DateTimeField(auto_now=True)

    ATTRIBUTES = ("role", "company_stage", "industry", "location_culture")

    def __str__(self) -> str:
        return self.one_liner

    @property
    def one_liner(self) -> str:
        return ", ".join(v.strip() for v in self.attributes().values() if v.strip())

    def attributes(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in self.ATTRIBUTES}


class FitStatementVersion(models.Model):
    statement = models.ForeignKey(FitStatement, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    attributes = models.JSONField(default=dict)
    one_liner = models.CharField(max_length=500)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["statement", "number"], name="one_fit_version")
        ]

    def __str__(self) -> str:
        return self.one_liner


class WorkbookSettings(models.Model):
    """A seeker's own rhythm for the workbook."""

    class Every(models.IntegerChoices):
        TWO = 2, _("every 2 weeks")
        THREE = 3, _("every 3 weeks")
        FOUR = 4, _("every 4 weeks")

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="workbook_settings"
    )
    update_note_every_weeks = models.PositiveSmallIntegerField(
        _("send an update note"), choices=Every.choices, default=Every.THREE
    )
    # Fellow members of the seeker's current council may see "a member knows someone at X"
    # for the companies of these contacts: never a name, never who.
    share_contact_companies = models.BooleanField(
        _("Let my council see which companies my contacts work at"), default=False
    )

    def __str__(self) -> str:
        return f"workbook settings #{self.pk}"


class UpdateNote(models.Model):
    """A short note to the network; sent from the seeker's own mail program, recorded here."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="update_notes"
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("note"), max_length=10_000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.subject


class UpdateNoteRecipient(models.Model):
    """Who got which note, and when the seeker said they sent it."""

    note = models.ForeignKey(UpdateNote, on_delete=models.CASCADE, related_name="recipients")
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="notes_received")
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["note", "contact"], name="one_recipient_per_note")
        ]

    def __str__(self) -> str:
        return f"recipient #{self.pk}"


class Share(models.Model):
    """An item the owner shared with their council for feedback.

    Visible to the council's active members while the owner is one of them; alumni of the
    council read it only if the owner allows (`alumni_may_read`). Unsharing sets `ended_at`,
    and the comments stay with the share, so sharing again brings them back."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    council = models.ForeignKey(
        "councils.Council", on_delete=models.CASCADE, related_name="workbook_shares"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    shared_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    alumni_may_read = models.BooleanField(default=False)
    # Shared with this one member of the council only (a debrief, with someone they trust);
    # empty: with the whole council.
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "council"], name="one_share_per_council"
            )
        ]
        indexes = [models.Index(fields=["council", "ended_at"], name="share_council_open")]

    def __str__(self) -> str:
        return f"share #{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.ended_at is None


class Comment(models.Model):
    """Feedback on a shared item; a reply points at a top-level comment (one level only)."""

    share = models.ForeignKey(Share, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="workbook_comments"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    body = models.TextField(_("comment"), max_length=4000)
    created_at = models.DateTimeField()
    addressed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"comment #{self.pk}"


# --- After landing: the first 90 days -------------------------------------------------------


class NinetyDayPlan(models.Model):
    """After landing: what the first 30, 60 and 90 days are for; its stages hold the detail."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ninety_day_plan"
    )
    role = models.CharField(_("role"), max_length=120, blank=True)
    company = models.CharField(_("company"), max_length=120, blank=True)
    starts_on = models.DateField(_("first day"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"90-day plan #{self.pk}"


class NinetyDayStage(models.Model):
    """One milestone of the plan: by day 30, 60 or 90."""

    class Day(models.IntegerChoices):
        D30 = 30, _("By day 30")
        D60 = 60, _("By day 60")
        D90 = 90, _("By day 90")

    plan = models.ForeignKey(NinetyDayPlan, on_delete=models.CASCADE, related_name="stages")
    day = models.PositiveSmallIntegerField(choices=Day.choices)
    goals = models.TextField(_("goals"), blank=True, max_length=2000)
    people = models.TextField(_("people to meet"), blank=True, max_length=1000)
    early_wins = models.TextField(_("early wins"), blank=True, max_length=1000)

    class Meta:
        ordering = ["day"]
        constraints = [models.UniqueConstraint(fields=["plan", "day"], name="one_stage_per_day")]

    def __str__(self) -> str:
        return f"day {self.day}"

    @property
    def is_empty(self) -> bool:
        return not (self.goals.strip() or self.people.strip() or self.early_wins.strip())


class NinetyDayCheckIn(models.Model):
    """How the plan is going, in the seeker's words, against one of its stages."""

    class Feeling(models.TextChoices):
        ON_TRACK = "on-track", _("On track")
        SOME_BEHIND = "some-behind", _("Some of it is behind, and that is fine")
        STUCK = "stuck", _("Stuck: I could use help")

    plan = models.ForeignKey(NinetyDayPlan, on_delete=models.CASCADE, related_name="check_ins")
    day = models.PositiveSmallIntegerField(_("which milestone"), choices=NinetyDayStage.Day.choices)
    feeling = models.CharField(
        _("how is it going?"), max_length=12, choices=Feeling.choices, default=Feeling.ON_TRACK
    )
    went_well = models.TextField(_("what went well"), blank=True, max_length=2000)
    next_steps = models.TextField(_("what you will do next"), blank=True, max_length=2000)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"check-in #{self.pk}"


class AlumniGroup(models.Model):
    """A small first-90-days peer-coaching group: alumni in one function and nearby timezones.

    `zone_band` is the members' UTC offset in whole hours, divided into bands of
    `ninety_days.BAND_HOURS`, so a group can meet at a humane hour for all."""

    function = models.CharField(max_length=80)
    zone_band = models.SmallIntegerField()
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["function", "zone_band", "created_at"], name="alumni_group_match")
        ]

    def __str__(self) -> str:
        return f"first-90-days group #{self.pk}"


class AlumniGroupMember(models.Model):
    group = models.ForeignKey(AlumniGroup, on_delete=models.CASCADE, related_name="members")
    # One group per person: a second join finds the first.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alumni_group_member"
    )
    joined_at = models.DateTimeField()

    class Meta:
        ordering = ["joined_at", "pk"]

    def __str__(self) -> str:
        return f"group member #{self.pk}"


class AlumniQuestion(models.Model):
    """A question posted to the group; only its members read it and answer."""

    group = models.ForeignKey(AlumniGroup, on_delete=models.CASCADE, related_name="questions")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alumni_questions"
    )
    body = models.TextField(_("your question"), max_length=2000)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"question #{self.pk}"


class AlumniAnswer(models.Model):
    question = models.ForeignKey(AlumniQuestion, on_delete=models.CASCADE, related_name="answers")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alumni_answers"
    )
    body = models.TextField(_("your answer"), max_length=2000)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"answer #{self.pk}"


class Stage(models.TextChoices):
    """Where an opportunity is: the board's columns, in order."""

    RESEARCHING = "researching", _("Researching")
    TALKING = "talking", _("Talking")
    INTERVIEWING = "interviewing", _("Interviewing")
    OFFER = "offer", _("Offer")
    ACCEPTED = "accepted", _("Accepted")
    CLOSED = "closed", _("Closed")


# The stages of a target still being pursued (the spear counts these).
ACTIVE_STAGES = (Stage.RESEARCHING, Stage.TALKING, Stage.INTERVIEWING, Stage.OFFER)


class Opportunity(models.Model):
    """A target on the seeker's spear: a company and a role, moving through the stages.

    `fit_matches` holds the fit statement's attributes the seeker ticked as matching, with the
    attribute's value when ticked ({"role": "Director of Product"}): a tick counts only while
    the current statement still says the same, so narrowing the fit asks for a fresh look."""

    Stage = Stage

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="opportunities"
    )
    company = models.CharField(_("company"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    link = models.URLField(_("link to the role (optional)"), max_length=500, blank=True)
    notes = models.TextField(_("notes"), blank=True, max_length=10_000)
    fit_matches = models.JSONField(default=dict, blank=True)
    stage = models.CharField(
        _("stage"), max_length=12, choices=Stage.choices, default=Stage.RESEARCHING
    )
    stage_changed_at = models.DateTimeField()
    applied_on = models.DateField(_("applied on"), null=True, blank=True)
    introduction_asked_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["owner", "stage"], name="opportunity_owner_stage")]
        verbose_name_plural = "opportunities"

    def __str__(self) -> str:
        return f"{self.role} at {self.company}" if self.role else self.company

    @property
    def is_active(self) -> bool:
        return self.stage in ACTIVE_STAGES


class Interview(models.Model):
    """One interview for an opportunity: stored in UTC, entered and shown in the seeker's zone."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interviews"
    )
    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="interviews"
    )
    starts_at = models.DateTimeField(_("starts at"))
    minutes = models.PositiveSmallIntegerField(_("how long (minutes)"), default=60)
    with_whom = models.CharField(_("who you meet"), max_length=300, blank=True)
    place = models.CharField(_("where (an address or a video link)"), max_length=500, blank=True)
    preparation = models.TextField(_("preparation notes"), blank=True, max_length=10_000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["owner", "starts_at"], name="interview_owner_starts")]

    def __str__(self) -> str:
        return f"interview #{self.pk}"

    @property
    def ends_at(self) -> dt.datetime:
        return shifted(self.starts_at, dt.timedelta(minutes=self.minutes))


class Debrief(models.Model):
    """Written right after an interview. The inner-critic lines are shared only if chosen."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="debriefs"
    )
    interview = models.OneToOneField(Interview, on_delete=models.CASCADE, related_name="debrief")
    how_it_went = models.TextField(_("How did it go?"), blank=True, max_length=5000)
    asked = models.TextField(_("What were you asked?"), blank=True, max_length=5000)
    landed = models.TextField(_("What landed well?"), blank=True, max_length=5000)
    change = models.TextField(_("What would you change next time?"), blank=True, max_length=5000)
    critic_says = models.TextField(
        _("What your inner critic is saying"), blank=True, max_length=3000
    )
    what_is_true = models.TextField(_("What is true"), blank=True, max_length=3000)
    share_critic = models.BooleanField(
        _("Include the inner-critic part when I share this debrief"), default=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"debrief #{self.pk}"


class InnerCritic(models.Model):
    """The voice that says "you'll never get this": named, answered, and the seeker's alone."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inner_critic"
    )
    name = models.CharField(_("Its name"), max_length=100, blank=True)
    says = models.TextField(_("What it says"), blank=True, max_length=3000)
    true_instead = models.TextField(_("What is true instead"), blank=True, max_length=3000)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"inner critic #{self.pk}"


class GratitudeEntry(models.Model):
    """Someone who helped the seeker get here, and how: the gratitude house."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="gratitude"
    )
    name = models.CharField(_("Who"), max_length=200)
    how = models.TextField(_("How they helped"), max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "gratitude entries"

    def __str__(self) -> str:
        return self.name


# --- An offer: the Job Mission with OKRs, and negotiating for success ----------------------


class JobMission(models.Model):
    """The seeker's own description of the job, with objectives and key results, to bring to
    the hiring manager as a PDF. `objectives` is a list of
    {"objective": str, "key_results": [str, ...]} in the order written (2 to 4)."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_missions"
    )
    opportunity = models.OneToOneField(
        "workbook.Opportunity", on_delete=models.CASCADE, related_name="job_mission"
    )
    name_on_page = models.CharField(_("your name on the page"), max_length=120)
    mission = models.TextField(_("the job's mission"), max_length=800)
    objectives = models.JSONField(default=list)
    questions = models.TextField(_("questions for the hiring manager"), blank=True, max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"job mission #{self.pk}"

    @property
    def question_list(self) -> list[str]:
        return [line.strip() for line in self.questions.splitlines() if line.strip()]


class Negotiation(models.Model):
    """Negotiate for success: an offer's numbers, the ask for more, what the role needs to
    succeed (each with why), and what came of it. The figures are the owner's alone: no staff
    page, admin page, council page or other person's export ever shows them; the programme
    counts only whether people asked and got more (through the landing form)."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="negotiations"
    )
    opportunity = models.OneToOneField(
        "workbook.Opportunity", on_delete=models.CASCADE, related_name="negotiation"
    )
    currency = models.CharField(
        _("currency"), max_length=3, help_text=_("Three letters, like EUR, USD or INR.")
    )
    base_salary = models.DecimalField(
        _("base salary offered, a year"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    bonus = models.DecimalField(
        _("bonus offered, a year"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    equity = models.CharField(
        _("equity offered"),
        max_length=200,
        blank=True,
        help_text=_("In your words: “0.1% over four years”, “2,000 options”."),
    )
    start_date = models.DateField(_("start date offered"), null=True, blank=True)
    ask_base_salary = models.DecimalField(
        _("the base salary you will ask for"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
    )
    ask_script = models.TextField(_("what you will say"), blank=True, max_length=2000)
    budget_what = models.CharField(_("budget"), max_length=300, blank=True)
    budget_why = models.TextField(_("why the role needs it"), max_length=600, blank=True)
    training_what = models.CharField(_("training"), max_length=300, blank=True)
    training_why = models.TextField(_("why the role needs it"), max_length=600, blank=True)
    hires_what = models.CharField(_("hires"), max_length=300, blank=True)
    hires_why = models.TextField(_("why the role needs them"), max_length=600, blank=True)
    tools_what = models.CharField(_("tools"), max_length=300, blank=True)
    tools_why = models.TextField(_("why the role needs them"), max_length=600, blank=True)
    asked_for_more = models.BooleanField(_("I asked for more"), default=False)
    got_more = models.BooleanField(_("and I got more"), default=False)
    final_base_salary = models.DecimalField(
        _("the base salary agreed"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    got_also = models.TextField(
        _("anything else you got"),
        max_length=600,
        blank=True,
        help_text=_("A training budget, a hire, an earlier review, a later start."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"negotiation #{self.pk}"

    @property
    def increase(self) -> Decimal | None:
        """How much more base salary the ask brought, when both figures are known."""
        if self.base_salary is None or self.final_base_salary is None:
            return None
        return self.final_base_salary - self.base_salary

    @property
    def increase_percent(self) -> Decimal | None:
        if self.increase is None or not self.base_salary:
            return None
        return (self.increase * 100 / self.base_salary).quantize(Decimal("0.1"))
