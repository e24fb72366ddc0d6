"""The one place where "people see only their own organisation's data" is enforced.

Every domain model inherits ``OrganisationOwned`` (or sets ``organisation_path`` when it reaches its
organisation through a parent) and every selector starts from ``Model.objects.for_user(user)``.
Cross-organisation figures are only ever produced as aggregates by selectors that take an explicit
list of organisations from ``organisations_visible_in_aggregate``.
"""

from django.db import models


class OrganisationScopedQuerySet(models.QuerySet):
    def for_organisation(self, organisation):
        return self.filter(**{self.model.organisation_path: organisation})

    def for_user(self, user):
        """Rows of the user's own organisation; nothing for anonymous or unaffiliated users."""
        organisation_id = getattr(user, "organisation_id", None)
        if not getattr(user, "is_authenticated", False) or organisation_id is None:
            return self.none()
        return self.filter(**{self.model.organisation_path: organisation_id})


OrganisationScopedManager = models.Manager.from_queryset(OrganisationScopedQuerySet)


class OrganisationOwned(models.Model):
    """Abstract base for every record that belongs to one organisation."""

    organisation_path = "organisation"

    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="+")

    objects = OrganisationScopedManager()

    class Meta:
        abstract = True
