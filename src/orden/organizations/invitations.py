"""The e-mail a person gets when a coordinator adds them to an organisation (in the UI or the API).

Someone new to Orden (no password yet) gets a link to choose their password: Django's password-reset token
and the ``password_reset_confirm`` page. Someone who already has a password is told that they were added,
in which role, with a link to log in. The e-mail is written in the recipient's language; links use
``ORDEN_BASE_URL``.
"""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


def send_invitation(membership, invited_by=None, base_url: str | None = None) -> bool:
    """E-mail ``membership.user`` that they were added to ``membership.organization``; False when the
    person has no e-mail address or cannot log in."""
    person = membership.user
    if not person.email or not person.is_active:
        return False
    base_url = (base_url or settings.ORDEN_BASE_URL).rstrip("/")
    new_user = not person.has_usable_password()
    if new_user:
        uid = urlsafe_base64_encode(force_bytes(person.pk))
        link = base_url + reverse("password_reset_confirm", args=[uid, default_token_generator.make_token(person)])
    else:
        link = base_url + reverse("login")
    with translation.override(person.language):
        context = {
            "person": person,
            "organization": membership.organization,
            "role": membership.get_role_display(),
            "invited_by": invited_by,
            "new_user": new_user,
            "link": link,
            "login_url": base_url + reverse("login"),
            "password_reset_url": base_url + reverse("password_reset"),
        }
        subject = render_to_string("organizations/email/invitation_subject.txt", context).strip()
        body = render_to_string("organizations/email/invitation.txt", context)
    send_mail(subject, body, None, [person.email])
    return True


def invite_on_commit(membership, invited_by=None):
    """Send the invitation once the transaction that saves ``membership`` has committed (at once outside one).

    A failure to send is logged, not raised: the membership stays saved, and the person can still use
    "Forgot password?"."""
    transaction.on_commit(lambda: send_invitation(membership, invited_by), robust=True)
