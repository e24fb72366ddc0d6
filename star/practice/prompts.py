"""Starter reflection prompts, written by the STAR platform team (they are not part of the Hackney seed model).

Prompts are keyed by indicator key, which is stable across framework versions, so a council can replace
them with its own. An indicator without an entry here falls back to the prompts of its lenses.
"""

from collections.abc import Iterable

INDICATOR_PROMPTS: dict[str, tuple[str, ...]] = {
    # Think: yourself
    "think-yourself-1": (
        "Which of your own values or beliefs shaped how you first saw this family, and what might you have missed "
        "because of them?",
        "When did a first impression of a child or parent turn out to be wrong, and what had it rested on?",
        "How might your own upbringing, faith or class shape what you see as good enough parenting?",
    ),
    "think-yourself-2": (
        "When racism or cultural insensitivity comes up in your team, what part do you usually play, and what part "
        "would you like to play?",
        "What would a family from a background different to yours notice about how welcome they are when they meet "
        "you?",
        "What do you do, day to day, to help Global Majority children, families and colleagues feel they belong?",
    ),
    # Think: those you work with
    "think-those-you-work-with-1": (
        "What do you know about this child's strengths, interests and identity beyond the concerns that brought them "
        "to us?",
        "Whose voice is missing from your picture of this family, and how could you hear it?",
        "How do the family's culture, faith, language and history show up in your assessment, and where are they "
        "absent?",
    ),
    "think-those-you-work-with-2": (
        "Which of this person's behaviours or silences have you interpreted, and how sure are you that your reading "
        "fits them?",
        "How might what you read as avoidance, defiance or lack of engagement be a sign of fear or past trauma?",
        "When did you last check your reading of someone's eye contact, tone or body language with them or with "
        "someone who knows them?",
    ),
    "think-those-you-work-with-3": (
        "Who does this child or family turn to when things are hard, including people who would not appear on a "
        "genogram?",
        "What assumptions about family structure might have stopped you seeing who is really around this child?",
        "How strong is the support network you have found, and who supports the people who support the child?",
    ),
    # Think: the wider system
    "think-wider-system-1": (
        "What do you understand about how the other teams involved with this family work, and what pressures they "
        "face?",
        "Which team or agency do you find hardest to work with, and what do you really know about their role?",
    ),
    "think-wider-system-2": (
        "How are housing, money, immigration status or discrimination affecting this family right now?",
        "Where might you be treating the effects of poverty or racism as a parenting concern?",
        "What pressures on your own service are shaping the decisions you make with this family?",
    ),
    # Act: yourself
    "act-yourself-1": (
        "What is one concrete thing you will do differently this week because of a bias you have noticed in "
        "yourself?",
        "How will you check that a bias you are aware of is not shaping your recording, recommendations or decisions?",
        "Who could you ask to challenge your thinking on this piece of work, and when will you ask them?",
    ),
    "act-yourself-2": (
        "When did you last see or hear a microaggression at work, and what did you do or not do?",
        "What stops you speaking up when a colleague or partner says something culturally inappropriate, and what "
        "would help?",
        "How would you want a colleague to respond if something you said caused harm?",
    ),
    # Act: those you work with
    "act-those-you-work-with-1": (
        "What has this family's past experience of services, police or authority taught them to expect from you?",
        "What have you done to earn this family's trust, and what might they still be wary of?",
        "How does this child know that you are reliable and that you will tell them the truth?",
    ),
    "act-those-you-work-with-2": (
        "Which parts of this plan did the family shape, and which parts did we decide for them?",
        "What would the family say the problem is, and how closely does the plan match that?",
        "How could you involve the young person in designing the next step rather than just agreeing to it?",
    ),
    "act-those-you-work-with-3": (
        "What real choices have you offered this child or parent, and which options were never on the table?",
        "How can you give this person more control over when, where and how you meet them?",
        "Are the choices you offer the ones that matter to them, or the ones that are easiest for us?",
    ),
    # Act: the wider system
    "act-wider-system-1": (
        "What have you and the other professionals agreed about who does what, and does the family know?",
        "Where is communication between agencies breaking down for this family, and what could you do about it?",
        "How will you raise a disagreement with a partner agency in a way that keeps the child at the centre?",
    ),
    "act-wider-system-2": (
        "What have you changed in your plan because of the cost of living, housing or immigration status?",
        "Which expectations in this plan might a family with no money, no stable home or no recourse to public funds "
        "struggle to meet?",
        "What practical help could you offer or argue for that would take some pressure off this family now?",
    ),
    # Evaluate
    "evaluate-1": (
        "What did you hope this intervention would change, and what evidence do you have so far that it is?",
        "How have you checked, part way through, that the plan is still working for the child and family?",
        "What would you do differently if you were starting this piece of work again tomorrow?",
    ),
    "evaluate-2": (
        "Whose views on this work have you not yet asked for, and why?",
        "How have you sought feedback from people who see this family differently from you, such as community or "
        "faith groups?",
        "How could you make it safe for a family to tell you honestly that something did not help?",
    ),
    # Learn: yourself
    "learn-yourself-1": (
        "What gap in your knowledge or skills has this work shown you, and where could you learn more?",
        "Which tool, training or resource have you come across recently that you could try in your practice?",
    ),
    "learn-yourself-2": (
        "What have you read, watched or listened to about racism recently that changed how you think about your "
        "practice?",
        "How is your learning about anti-racism showing up in the way you talk with families and colleagues?",
        "What part of anti-racism do you find most uncomfortable to learn about, and why?",
    ),
    # Learn: those you work with
    "learn-those-you-work-with-1": (
        "Which colleague or team could you shadow or invite to a joint session to learn from their approach?",
        "What have you learned from a colleague recently that you have taken into your own practice?",
        "What could you share at a team meeting or Show and Tell that others might learn from?",
    ),
    # Learn: the wider system
    "learn-wider-system-1": (
        "Which community organisation or external expert could help you understand this family's experience better?",
        "What have you learned from an organisation outside the council that challenged how we usually work?",
    ),
    "learn-wider-system-2": (
        "Which Community of Practice outside the council could you join, and what would you bring back to the team?",
        "What have you heard from practitioners in other councils that could improve how we work here?",
    ),
}

LENS_PROMPTS: dict[str, tuple[str, ...]] = {
    "systemic": (
        "What wider context, including family, community and the systems around them, helps explain what is "
        "happening here?",
        "How are the relationships between the family and the professionals around them shaping what happens next?",
        "How might your own position and the role of our service be part of the pattern you are seeing?",
    ),
    "trauma_informed": (
        "What might this person have experienced that shapes how they respond to you and to services?",
        "How can you make your next contact feel safer and more predictable for the child or parent?",
        "Where might our own processes be re-traumatising, and what could you change?",
    ),
    "anti_racist": (
        "How might race, racism or bias, including your own, be shaping what is happening in this situation?",
        "Whose perspective is being given less weight here, and what part might race or culture play in that?",
        "What could you do to challenge a bias or inequality you have noticed in this work?",
    ),
}


def prompts_for(indicator_key: str, lens_keys: Iterable[str] = ()) -> tuple[str, ...]:
    """The indicator's prompts; for an unknown indicator, its lenses' prompts; failing those, the anti-racist ones."""
    if indicator_key in INDICATOR_PROMPTS:
        return INDICATOR_PROMPTS[indicator_key]
    prompts = tuple(prompt for key in lens_keys for prompt in LENS_PROMPTS.get(key, ()))
    return prompts or LENS_PROMPTS["anti_racist"]
