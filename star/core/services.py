"""Every write core makes. Keyword-only, atomic, named <thing>_<verb>."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.mail import send_mail
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone

from .models import ApiToken, Notification, SitePage, User
from .roles import ROLE_NAMES

API_TOKEN_DAYS = 90


@transaction.atomic
def roles_ensure() -> None:
    """Create a group for each role (idempotent)."""
    for name in ROLE_NAMES:
        Group.objects.get_or_create(name=name)


@transaction.atomic
def user_create(*, username: str, email: str, password: str | None, organisation, roles: list[str],
                first_name: str = "", last_name: str = "", is_staff: bool = False) -> User:
    unknown = set(roles) - set(ROLE_NAMES)
    if unknown:
        raise ValueError(f"Unknown role(s): {sorted(unknown)}")
    user = User(username=username, email=email, organisation=organisation, first_name=first_name,
                last_name=last_name, is_staff=is_staff)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    user.groups.set(Group.objects.filter(name__in=roles))
    return user


@transaction.atomic
def user_invite(*, actor: User, username: str, email: str, first_name: str, last_name: str,
                roles: list[str], request=None) -> User:
    """Create an account in the actor's organisation and email a link to choose a password."""
    from django.contrib.auth.forms import PasswordResetForm

    user = user_create(username=username, email=email, password=None, organisation=actor.organisation,
                       roles=roles, first_name=first_name, last_name=last_name)
    form = PasswordResetForm({"email": email})
    if form.is_valid():
        # Django's reset form skips accounts without a usable password: send to this one directly.
        form.get_users = lambda _email: [user]
        transaction.on_commit(lambda: form.save(request=request, use_https=bool(request and request.is_secure()),
                                                email_template_name="registration/invitation_email.html",
                                                subject_template_name="registration/invitation_subject.txt"))
    return user


@transaction.atomic
def user_update(*, actor: User, user: User, roles: list[str], is_active: bool) -> User:
    """Change a person's roles and whether they can sign in. Admins cannot lock themselves out."""
    unknown = set(roles) - set(ROLE_NAMES)
    if unknown:
        raise ValueError(f"Unknown role(s): {sorted(unknown)}")
    if user.pk == actor.pk and ("admin" not in roles or not is_active):
        raise ValueError("You cannot remove your own administrator role or deactivate your own account")
    user.is_active = is_active
    user.save(update_fields=["is_active"])
    user.groups.set(Group.objects.filter(name__in=roles))
    user.__dict__.pop("role_names", None)
    return user


@transaction.atomic
def api_token_create(*, user: User, name: str, days: int = API_TOKEN_DAYS) -> tuple[ApiToken, str]:
    """Create a token and return it with the secret, which is never stored and shown once."""
    secret = ApiToken.generate()
    token = ApiToken.objects.create(
        user=user, name=name, prefix=secret[5:11], token_hash=ApiToken.hash(secret),
        expires_at=timezone.now() + timedelta(days=days),
    )
    return token, secret


@transaction.atomic
def api_token_revoke(*, user: User, token_id: int) -> ApiToken:
    token = get_object_or_404(ApiToken, pk=token_id, user=user)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_token_authenticate(secret: str) -> User | None:
    """The user behind an active token, or None. Records when it was last used."""
    token = ApiToken.objects.select_related("user").filter(token_hash=ApiToken.hash(secret)).first()
    if token is None or not token.is_active or not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


@transaction.atomic
def site_page_update(*, user: User, kind: str, body: str) -> SitePage:
    page, _ = SitePage.objects.get_or_create(
        organisation=user.organisation, kind=kind, defaults={"body": body, "updated_by": user}
    )
    page.body = body
    page.updated_by = user
    page.save()
    return page


def notification_send(*, user: User, message: str, url: str = "", email: bool = True) -> Notification:
    """An in-app notification, and an email through the configured backend when the person has an address.

    The message must be safe to send by email: say that something needs attention, never what.
    """
    notification = Notification.objects.create(user=user, message=message, url=url)
    if email and user.email:
        link = f"{settings.STAR['SITE_URL'].rstrip('/')}{url}" if url else settings.STAR["SITE_URL"]
        transaction.on_commit(lambda: send_mail(
            subject=f"{settings.STAR['SERVICE_NAME']}: {message}", message=f"{message}\n\nSign in to see it: {link}\n",
            from_email=None, recipient_list=[user.email], fail_silently=True,
        ))
    return notification


def notifications_mark_read(*, user: User, url: str | None = None) -> int:
    """Mark the person's unread notifications read: all of them, or those pointing at one page (called
    when they open that page, so acting on a notification clears it)."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if url is not None:
        unread = unread.filter(url=url)
    return unread.update(read_at=timezone.now())


def due_reminders_send(items, *, owner: str, message, url) -> int:
    """Remind the owner of each item once: a notification (and email), then `reminded_at` is set.

    `items` are records due and not yet reminded; `message(item)` and `url(item)` say what and where,
    never with the record's content."""
    sent = 0
    for item in items:
        with transaction.atomic():
            notification_send(user=getattr(item, owner), message=message(item), url=url(item))
            type(item).objects.filter(pk=item.pk).update(reminded_at=timezone.now())
        sent += 1
    return sent
