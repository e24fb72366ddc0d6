from star.core.navigation import NavItem, register

register(NavItem("Feedback", "voice:home", permission="voice.use_voice", order=50))
