"""The Imports entry in the service navigation."""

from ..navigation import NavItem, register

register(NavItem("Imports", "core:imports", permission="core.manage_imports", order=75))
