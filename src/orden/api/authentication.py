from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions

from .models import ApiToken, hash_token


class HashedTokenAuthentication(authentication.TokenAuthentication):
    """``Authorization: Token <key>``, checked against the stored hash. Its ``last_used`` is recorded unless
    the request says ``record_token_use = False`` (core/errors.py, which authenticates for the language)."""

    record_use = True

    def authenticate(self, request):
        self.record_use = getattr(request, "record_token_use", True)
        return super().authenticate(request)

    def authenticate_credentials(self, key):
        token = ApiToken.objects.select_related("user").filter(key_hash=hash_token(key)).first()
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("Invalid or revoked token."))
        now = timezone.now()
        recent = token.last_used is not None and (now - token.last_used).total_seconds() <= 300
        if self.record_use and not recent:
            ApiToken.objects.filter(pk=token.pk).update(last_used=now)
        return token.user, token
