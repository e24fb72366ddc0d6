"""Receivers that guard the audit trail: entries are written once and never changed from the app."""

from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.db.models.signals import pre_delete, pre_save
from django.dispatch import receiver


@receiver(pre_save, sender=LogEntry)
def refuse_audit_edit(sender, instance, **kwargs):
    if instance.pk is not None and LogEntry.objects.filter(pk=instance.pk).exists():
        raise PermissionDenied("The audit trail is append-only.")


@receiver(pre_delete, sender=LogEntry)
def refuse_audit_delete(sender, instance, **kwargs):
    raise PermissionDenied("The audit trail is append-only.")
