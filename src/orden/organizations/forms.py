"""The forms of organisations, memberships, units, contacts and the user's profile; model forms take their
fields from the model's ``edit_fields``."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from orden.core.forms import OrdenFormMixin, OrdenModelForm
from orden.core.permissions import is_platform_admin
from orden.core.roles import Role
from orden.core.widgets import SearchableSelect

from .invitations import invite_on_commit
from .models import Membership, Organization, Unit, person_with_email


class OrganizationSettingsForm(OrdenModelForm):
    class Meta:
        model = Organization
        fields = ["review_interval_months"]


def check_role_grant(role, granted_by):
    """The catalogue editor role acts on the national catalogue: only platform admins grant it."""
    if role == Role.CATALOGUE_EDITOR and not is_platform_admin(granted_by):
        raise forms.ValidationError(_("Only a platform administrator can make someone a catalogue editor."))
    return role


class MembershipForm(OrdenModelForm):
    """Add a person to the organisation by e-mail address; a new address creates the user account, in the
    language of the coordinator who adds them. Either way the person gets an invitation e-mail once the
    membership is saved (a new user: with a link to choose their password)."""

    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_(
            "They get an e-mail saying they were added. Someone new to Orden gets a link to choose a password."
        ),
    )

    class Meta:
        model = Membership
        fields = ["role"]  # the person is given by e-mail address (above), not chosen from every user

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["email"]
        else:
            self.order_fields(["email", "role"])
        self.style_fields()

    def clean_role(self):
        return check_role_grant(self.cleaned_data["role"], self.user)

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        self.existing_user = person_with_email(email)
        if (
            self.existing_user
            # unscoped: a yes/no check that the person is not already a member
            and Membership.objects.filter(organization=self.organization, user=self.existing_user).exists()
        ):
            raise forms.ValidationError(_("This person is already a member of the organisation."))
        return email

    def save(self, commit=True):
        if not self.instance.pk:
            self.instance.user = self.existing_user or person_with_email(
                self.cleaned_data["email"], getattr(self.user, "language", None), create=True
            )
            # Sent once the membership is saved; nothing is sent when saving fails.
            invite_on_commit(self.instance, self.user)
        return super().save(commit)


class LoginForm(OrdenFormMixin, AuthenticationForm):
    """Django's login form with Designsystemet fields."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style_fields()


class ProfileForm(OrdenModelForm):
    class Meta:
        model = get_user_model()
        fields = ["first_name", "last_name", "email", "language"]


class OrganizationSwitchForm(forms.Form):
    organization = forms.ModelChoiceField(queryset=Organization.objects.none(), label=_("Organisation"))


class UnitForm(OrdenModelForm):
    class Meta:
        model = Unit
        widgets = {"leader": SearchableSelect("organizations:member_options")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["parent"].queryset = self.fields["parent"].queryset.exclude(pk=self.instance.pk)


class UnitDeleteForm(OrdenFormMixin, forms.Form):
    """Where the services and sub-units of a unit go when it is deleted: the user decides."""

    move_to = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        required=False,
        label=_("Move its services and sub-units to"),
        help_text=_("Leave empty to leave them without a responsible unit (sub-units become top-level units)."),
    )
    confirm_orphans = forms.BooleanField(required=False, label=_("Yes, leave the services without a responsible unit"))

    def __init__(self, *args, unit, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = unit
        self.fields["move_to"].queryset = (
            Unit.objects.restrict(user).filter(organization=unit.organization).exclude(pk__in=unit.subtree_ids())
        )
        self.style_fields()

    def clean(self):
        cleaned = super().clean()
        has_dependants = self.unit.services.exists() or self.unit.children.exists()
        if has_dependants and not cleaned.get("move_to") and not cleaned.get("confirm_orphans"):
            message = _(
                "The unit has services or sub-units. Choose where they go, or confirm that they are left without a unit."  # noqa: E501
            )
            raise forms.ValidationError(message)
        return cleaned
