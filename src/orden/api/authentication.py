from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions

from .models import ApiToken, hash_token


class HashedTokenAuthentication(authentication.TokenAuthentication):
    """``Authorization: Token <key>``, checked against the stored hash."""

    def authenticate_credentials(self, key):
        token = ApiToken.objects.select_related("user").filter(key_hash=hash_token(key)).first()
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("Invalid or revoked token."))
        now = timezone.now()
        if token.last_used is None or (now - token.last_used).total_seconds() > 300:
            ApiToken.objects.filter(pk=token.pk).update(last_used=now)
        return token.user, token
