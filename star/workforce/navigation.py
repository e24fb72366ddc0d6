from star.core.navigation import NavItem, register

register(NavItem("Workforce equality", "workforce:dashboard", permission="workforce.view_dashboard", order=30))
