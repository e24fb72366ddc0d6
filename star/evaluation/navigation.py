from star.core.navigation import NavItem, register

register(NavItem("Evaluation", "evaluation:home", permission="evaluation.use_evaluation", order=55))
