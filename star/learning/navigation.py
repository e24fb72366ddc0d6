from star.core.navigation import NavItem, register

register(NavItem("Learning", "learning:home", permission="learning.use_learning", order=45))
