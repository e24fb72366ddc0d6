from star.core.navigation import NavItem, register

register(NavItem("Outcomes for children", "outcomes:dashboard", permission="outcomes.view_dashboard", order=35))
