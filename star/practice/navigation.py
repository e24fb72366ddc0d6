from star.core.navigation import NavItem, register

register(NavItem("My STAR", "practice:home", permission="practice.use_my_star", order=10))
register(NavItem("Team practice", "practice:team", permission="practice.view_team", order=20))
