import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from twinning.feedback.enums import QuestionKind, SurveyEvent

# The scale's ends, as the form and the results name them.
SCALE = range(1, 6)


def _new_token() -> str:
    return secrets.token_urlsafe(24)


class Survey(models.Model):
    """Questions a cohort's people are asked after one kind of event."""

    cohort = models.ForeignKey(
        "cohorts.Cohort", verbose_name=_("cohort"), on_delete=models.CASCADE, related_name="+"
    )
    event = models.CharField(_("sent after"), max_length=20, choices=SurveyEvent.choices)
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(
        _("introduction"), blank=True, help_text=_("Shown above the questions.")
    )
    is_open = models.BooleanField(
        _("open"),
        default=True,
        help_text=_("An open survey is sent after each event and takes answers; a closed one not."),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-cohort__number", "event", "id"]
        constraints = [
            # One survey follows each kind of event of a cohort: nobody is asked twice.
            models.UniqueConstraint(
                fields=["cohort", "event"], name="one_survey_per_cohort_and_event"
            )
        ]

    def __str__(self):
        return self.title


class Question(models.Model):
    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    text = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("kind of answer"), max_length=20, choices=QuestionKind.choices)
    options = models.JSONField(_("options"), default=list, blank=True)
    required = models.BooleanField(_("an answer is required"), default=False)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["survey", "position", "id"]

    def __str__(self):
        return self.text

    @property
    def choices(self) -> list[str]:
        """What can be answered, in order: 1 to 5 for a scale, the options for a choice."""
        if self.kind == QuestionKind.SCALE:
            return [str(value) for value in SCALE]
        if self.kind == QuestionKind.CHOICE:
            return list(self.options)
        return []


class SurveyInvitation(models.Model):
    """One person asked once about one event; the token in the mailed link opens the form.

    The answers hang on the invitation: when the person's account is deleted the
    link to them goes and the answers stay for the figures.
    """

    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="invitations"
    )
    # The workshop, Matchmaking Day, visit or cohort (end of the programme year) asked about.
    event_id = models.PositiveIntegerField(_("event"))
    event_title = models.CharField(_("event"), max_length=300)
    event_ended_at = models.DateTimeField(_("event ended"))
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="survey_invitations",
    )
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    created = models.DateTimeField(_("sent"))
    expires_at = models.DateTimeField(_("answers until"))
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        ordering = ["survey", "event_ended_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "event_id", "person"], name="one_invitation_per_event_and_person"
            )
        ]

    def __str__(self):
        return f"{self.survey} – {self.event_title}"


class Answer(models.Model):
    invitation = models.ForeignKey(
        SurveyInvitation,
        verbose_name=_("invitation"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="answers"
    )
    value = models.PositiveSmallIntegerField(_("value on the scale"), null=True, blank=True)
    text = models.TextField(_("answer"), blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["invitation", "question__position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["invitation", "question"], name="one_answer_per_question"
            )
        ]

    def __str__(self):
        return str(self.value) if self.value is not None else self.text[:60]
