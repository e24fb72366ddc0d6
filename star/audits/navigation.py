from star.core.navigation import NavItem, register

register(NavItem("Case audits", "audits:home", permission="audits.use_audits", order=40))
