from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from orden.core.forms import OrdenModelForm

from .models import Membership, Organization, Region


class OrganizationForm(OrdenModelForm):
    class Meta:
        model = Organization
        fields = [
            "name",
            "kind",
            "municipality_number",
            "organization_number",
            "population",
            "county",
            "website",
            "is_active",
        ]


class RegionForm(OrdenModelForm):
    class Meta:
        model = Region
        fields = ["name", "description", "organizations"]


class MembershipForm(OrdenModelForm):
    """Add a person to the organisation by e-mail address; a new address creates the user account
    (they set their password with “Forgot password?”)."""

    email = forms.EmailField(label=_("E-mail address"))

    class Meta:
        model = Membership
        fields = ["role"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["email"]
        else:
            self.order_fields(["email", "role"])
        self.style_fields()

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        self.existing_user = get_user_model().objects.filter(email__iexact=email).first()
        if (
            self.existing_user
            and Membership.objects.filter(organization=self.organization, user=self.existing_user).exists()
        ):
            raise forms.ValidationError(_("This person is already a member of the organisation."))
        return email

    def save(self, commit=True):
        if not self.instance.pk:
            user = self.existing_user
            if user is None:
                user = get_user_model().objects.create_user(
                    username=self.cleaned_data["email"], email=self.cleaned_data["email"]
                )
            self.instance.user = user
        return super().save(commit)


class ProfileForm(OrdenModelForm):
    class Meta:
        model = get_user_model()
        fields = ["first_name", "last_name", "email", "language"]


class OrganizationSwitchForm(forms.Form):
    organization = forms.ModelChoiceField(queryset=Organization.objects.none(), label=_("Organisation"))
