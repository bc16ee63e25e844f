from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from orden.core.models import OrdenModel, TenantModel
from orden.core.permissions import PlatformPolicy, TenantPolicy, is_platform_admin
from orden.core.roles import Role
from orden.core.validators import validate_municipality_number, validate_organization_number


class User(AbstractUser):
    """A person who logs in. What they may do is given by their memberships (one role per organisation)."""

    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE)

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"

    def __str__(self):
        return self.get_full_name() or self.username

    @cached_property
    def organization_roles(self) -> dict[int, str]:
        """The user's role in each active organisation they belong to: what every policy asks about.

        Read once per user object, so once per request (the UI and the API both authenticate into one)."""
        return dict(self.memberships.filter(organization__is_active=True).values_list("organization_id", "role"))


def person_with_email(email: str, language: str | None = None, *, create: bool = False):
    """The user with this e-mail address; with ``create``, a new account (no password yet, the given language)
    when there is none. People join an organisation by e-mail address, never by choosing among all users."""
    email = email.strip().lower()
    person = User.objects.filter(email__iexact=email).first()
    if person is None and create:
        person = User.objects.create_user(
            username=email, email=email, language=language or settings.LANGUAGE_CODE, password=None
        )
    return person


class OrganizationKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    COUNTY = "county", _("County")
    INTERMUNICIPAL = "intermunicipal", _("Inter-municipal company")


class Organization(OrdenModel):
    """A tenant: a municipality, a county or an inter-municipal company."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganizationKind.choices)
    municipality_number = models.CharField(
        _("municipality number"),
        max_length=4,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_municipality_number],
        help_text=_("Kommunenummer (4 digits). Counties: the 2-digit county number followed by 00, e.g. 4000."),
    )
    organization_number = models.CharField(
        _("organisation number"),
        max_length=9,
        unique=True,
        validators=[validate_organization_number],
        help_text=_("Organisasjonsnummer from the Central Coordinating Register (9 digits)."),
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    county = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        limit_choices_to={"kind": OrganizationKind.COUNTY},
        related_name="municipalities",
        verbose_name=_("county"),
    )
    website = models.URLField(_("website"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    review_interval_months = models.PositiveSmallIntegerField(
        _("review interval (months)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("How often system owners confirm that their systems' facts are still correct."),
    )

    policy = PlatformPolicy()
    edit_fields = (
        "name",
        "kind",
        "municipality_number",
        "organization_number",
        "population",
        "county",
        "website",
        "is_active",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name

    @property
    def organization_id_for_history(self):
        return self.pk

    def members(self):
        """The users who may be named in the organisation's rows (owner, leader, ...): its members."""
        return User.objects.filter(memberships__organization=self).order_by("first_name", "last_name", "username")


def member_organizations(user):
    """The organisations whose private rows the user may see: their own (a platform admin: every one)."""
    if is_platform_admin(user):
        return Organization.objects.all()
    return Organization.objects.filter(pk__in=user.organization_roles if user.is_authenticated else [])


class Region(OrdenModel):
    """A group of organisations that compare and share, e.g. Vest-Telemark."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    organizations = models.ManyToManyField(
        Organization, related_name="regions", blank=True, verbose_name=_("organisations")
    )

    policy = PlatformPolicy()
    edit_fields = ("name", "description", "organizations")

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return self.name


class Membership(TenantModel):
    """A user's role in one organisation. Managed by the organisation's system coordinator."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    policy = TenantPolicy()
    edit_fields = ("user", "role")

    class Meta:
        ordering = ["organization__name", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "user"], name="membership_one_role_per_organization")
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self):
        return f"{self.user} ({self.get_role_display()}, {self.organization})"


class Unit(TenantModel):
    """An organisational unit (sector, unit, sub-unit): a tree within one organisation."""

    name = models.CharField(_("name"), max_length=120)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("part of"),
        help_text=_("Leave empty for a sector or other top-level unit."),
    )
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_units",
        verbose_name=_("leader"),
    )
    description = models.TextField(_("description"), blank=True)

    policy = TenantPolicy(owner_fields=["leader"], owner_roles=[Role.SERVICE_LEADER])
    edit_fields = ("name", "parent", "leader", "description")
    same_organization = ("parent", "leader")

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organization", "name"], name="unit_unique_name")]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self):
        return self.name

    def ancestors(self):
        """The units above this one, nearest first (one query per level; trees are shallow)."""
        seen, unit = [], self.parent
        while unit is not None and unit not in seen:
            seen.append(unit)
            unit = unit.parent
        return seen

    @property
    def path(self) -> str:
        """Where the unit sits: "Oppvekst › Barnehagar" (its ancestors, top first)."""
        return " › ".join(unit.name for unit in reversed([self, *self.ancestors()]))

    def subtree_ids(self) -> list[int]:
        """This unit and every unit below it (one query: the organisation's tree is walked in Python)."""
        children = {}
        # unscoped: the same organisation as this unit, which the caller already may see
        for pk, parent_id in Unit.objects.filter(organization=self.organization_id).values_list("pk", "parent_id"):
            children.setdefault(parent_id, []).append(pk)
        found, stack = [], [self.pk]
        while stack:
            pk = stack.pop()
            found.append(pk)
            stack.extend(children.get(pk, []))
        return found

    def clean(self):
        errors = self.organization_errors()
        if not errors and self.pk and self.parent_id and (self.parent_id == self.pk or self in self.parent.ancestors()):
            errors["parent"] = _("A unit cannot be placed under itself or one of its own sub-units.")
        if errors:
            raise ValidationError(errors)


class Contact(TenantModel):
    """A person who is not a user: a vendor contact, a super user, an external operator."""

    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    employer = models.CharField(_("organisation"), max_length=120, blank=True, help_text=_("E.g. the vendor."))
    title = models.CharField(_("role or title"), max_length=120, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    policy = TenantPolicy(editors=[Role.ARCHITECT])
    edit_fields = ("name", "email", "phone", "employer", "title", "notes")

    class Meta:
        ordering = ["name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self):
        return f"{self.name} ({self.employer})" if self.employer else self.name
