"""Service navigation: each app registers its entries; people see the ones their roles allow."""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    permission: str | None = None
    order: int = 100


_ITEMS: list[NavItem] = []


def register(item: NavItem) -> None:
    if item not in _ITEMS:
        _ITEMS.append(item)
        _ITEMS.sort(key=lambda entry: entry.order)


def navigation_for(request) -> list[dict]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    current = request.path
    entries = []
    for item in _ITEMS:
        if item.permission and not user.has_perm(item.permission):
            continue
        url = reverse(item.url_name)
        active = current == url if url == "/" else current.startswith(url)
        entries.append({"label": item.label, "url": url, "active": active})
    return entries


register(NavItem("Home", "core:home", order=0))
register(NavItem("Overview", "core:overview", permission="core.view_organisation_overview", order=70))
register(NavItem("People", "core:people", permission="core.view_people", order=80))
register(NavItem("Accounts", "core:users", permission="core.manage_users", order=85))
register(NavItem("Audit trail", "core:audit_log", permission="core.view_audit_log", order=90))
