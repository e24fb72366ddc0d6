"""API authentication: the browser session, or a personal token sent as a Bearer header."""

from ninja.security import HttpBearer, SessionAuth

from star.core.services import api_token_authenticate


class PersonalToken(HttpBearer):
    def authenticate(self, request, token):
        user = api_token_authenticate(token)
        if user is not None:
            request.user = user
        return user


class SignedInSession(SessionAuth):
    """Session authentication (CSRF-checked for unsafe methods by django-ninja)."""


API_AUTH = [PersonalToken(), SignedInSession()]
