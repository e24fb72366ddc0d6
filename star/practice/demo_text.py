"""Fictional, demo-only text for the demo council's practice records.

Written as practitioners and managers write: reflections, commitments, STAR supervision notes and the
manager's feedback, agreed actions, supervisees' comments and reasons a commitment was dropped. No real
people. Children and family members are never named and never given initials ("the young person", "Mum",
"a 14-year-old boy"), and nothing goes beyond what a reflection would naturally say about a case. Where an
ethnic group is named it uses the ONS 2021 census wording; "Global Majority" is the aggregate.

Indicator and lens keys are those of STAR framework version 1. A reflection's `prompt` is "" or one of
`star.practice.prompts.INDICATOR_PROMPTS` for one of its indicators. A supervision's booleans match its
text: when `race_identity` is False, for instance, the summary does not discuss race, culture or identity.
"""

# Reflections: how you think. 1-3 indicators, 1-3 lenses, an optional starter prompt, 50-200 words.
REFLECTIONS: tuple[dict, ...] = (
    {
        "indicators": ("think-yourself-1",),
        "lenses": ("anti_racist",),
        "prompt": (
            "Which of your own values or beliefs shaped how you first saw this family, and what might you have missed "
            "because of them?"
        ),
        "text": (
            "I went into the first visit already thinking Mum was 'hostile' because of how the referral was written. "
            "Looking back, she was frightened and angry, and she had every reason to be: this was the third referral "
            "in a year and none of the previous ones had come to anything. I grew up in a house where you didn't raise "
            "your voice to anyone in authority, and I think I read her directness as aggression. I'm not proud of "
            "that. My case notes from that visit use the word 'confrontational' twice. I've talked it through with my "
            "manager and I'm going to be more careful about the words I use, because they follow a family around long "
            "after I've moved on."
        ),
    },
    {
        "indicators": ("think-yourself-1", "act-yourself-1"),
        "lenses": ("anti_racist", "systemic"),
        "prompt": "",
        "text": (
            "Honestly, I'm not sure I've got this right yet. The family are Black African and Dad is very strict about "
            "the children's schooling. I caught myself describing that in the assessment as 'rigid', when I'd probably "
            "call the same thing 'high aspirations' in a White family. I've rewritten the paragraph, but I want to "
            "keep thinking about where else that double standard creeps in, so I've asked a colleague to read my next "
            "two assessments with that question in mind."
        ),
    },
    {
        "indicators": ("think-yourself-2",),
        "lenses": ("anti_racist",),
        "prompt": (
            "When racism or cultural insensitivity comes up in your team, what part do you usually play, and what part "
            "would you like to play?"
        ),
        "text": (
            "I'm usually the one who goes quiet. In team meetings I notice when something lands badly, like a joke "
            "about someone's accent or a comment about 'these families', and I tell myself it's not my place because "
            "I'm newly qualified. But if I don't say anything, the two Black social workers in the team end up "
            "carrying it every time, and that isn't fair on them. I'd like to be the person who says 'can we pause on "
            "that?' even if my voice shakes. Writing that down feels like a start."
        ),
    },
    {
        "indicators": ("think-yourself-2",),
        "lenses": ("anti_racist", "systemic"),
        "prompt": "",
        "text": (
            "As a manager I set the tone for my team more than I sometimes admit. I realised the leaflets in our duty "
            "room are only in English and the posters only show White families. It sounds small, but parents sit in "
            "that room for twenty minutes waiting to be seen, often at the worst moment of their lives. I've asked "
            "business support to help us find materials in Bengali, Turkish and Polish, and I'm going to ask families "
            "what would make the room feel less like an office and more like somewhere they're welcome."
        ),
    },
    {
        "indicators": ("think-those-you-work-with-1",),
        "lenses": ("systemic", "anti_racist"),
        "prompt": (
            "What do you know about this child's strengths, interests and identity beyond the concerns that brought "
            "them to us?"
        ),
        "text": (
            "I reread my assessment of a 14-year-old boy and it was almost entirely about risk: missing episodes, "
            "police contact, exclusion. Nothing about who he is. When I asked him what he's good at, he talked for ten "
            "minutes about fixing bikes and how he helps his uncle at the weekend. He's Mixed White and Black "
            "Caribbean and said nobody at school 'gets' his hair or his music, which might sound small but clearly "
            "isn't to him. That's going into the plan now. If we only write about risk, risk is all anyone reading the "
            "file will see."
        ),
    },
    {
        "indicators": ("think-those-you-work-with-1", "think-those-you-work-with-3"),
        "lenses": ("systemic",),
        "prompt": "",
        "text": (
            "Short one. I'd written that the family were 'isolated with no support'. It turns out the grandmother "
            "visits every day, a neighbour does the school run twice a week, and the mosque has been dropping off food "
            "since Dad lost his job. None of that was in the referral and I hadn't asked the right questions. Lesson "
            "for me: 'no support network' usually means 'I haven't found it yet'."
        ),
    },
    {
        "indicators": ("think-those-you-work-with-2",),
        "lenses": ("trauma_informed", "anti_racist"),
        "prompt": (
            "How might what you read as avoidance, defiance or lack of engagement be a sign of fear or past trauma?"
        ),
        "text": (
            "The young person wouldn't make eye contact at all in our first two sessions and I'd started to write her "
            "down as 'disengaged'. Afterwards the interpreter gently mentioned that in the young person's household, "
            "looking an adult in the eye could be seen as rude, and separately her foster carer told me she freezes "
            "when men raise their voices. So what I'd read as not caring may have been respect, and fear as well. I "
            "need to stop treating eye contact as a measure of engagement. I've changed how I set up our sessions, "
            "sitting side by side and drawing together, and she's talking more."
        ),
    },
    {
        "indicators": ("think-those-you-work-with-2",),
        "lenses": ("trauma_informed",),
        "prompt": "",
        "text": (
            "I'm finding this one harder than I expected. A dad I'm working with laughs when he talks about the worst "
            "things that happened to him as a child. The first time, I thought he was minimising. Now I think it's how "
            "he survived. I still don't know how to respond in the moment without either going along with it or "
            "shutting him down. I've brought it to supervision and I'm going to read the trauma-informed practice "
            "materials the workforce team shared."
        ),
    },
    {
        "indicators": ("think-those-you-work-with-3",),
        "lenses": ("systemic", "anti_racist"),
        "prompt": (
            "What assumptions about family structure might have stopped you seeing who is really around this child?"
        ),
        "text": (
            "We held a family group conference for a Black Caribbean family and I'd invited Mum, Dad and the maternal "
            "grandmother. Mum asked why I hadn't included her godmother and two 'aunties' who aren't blood relatives "
            "but have been there for the children since they were born. I had been working from a narrow, nuclear "
            "picture of family without realising it. Twelve people came in the end, and the plan they made was far "
            "stronger than anything I would have written. From now on I'm going to ask 'who matters to you?' rather "
            "than 'who is your family?'"
        ),
    },
    {
        "indicators": ("think-wider-system-1",),
        "lenses": ("systemic",),
        "prompt": "",
        "text": (
            "I spent a morning with the MASH team this month. I've moaned about thin MASH referrals for years, and I "
            "didn't really understand the volume they deal with or how little information they sometimes get from the "
            "referrer. It doesn't excuse everything, but I've stopped assuming they aren't doing their job. I've "
            "agreed with one of their team managers that we'll tell them when something important was missing, rather "
            "than just complaining about it in our own team."
        ),
    },
    {
        "indicators": ("think-wider-system-1", "act-wider-system-1"),
        "lenses": ("systemic",),
        "prompt": (
            "Which team or agency do you find hardest to work with, and what do you really know about their role?"
        ),
        "text": (
            "If I'm honest, it's the adult mental health team. I always feel like I'm pushing against a locked door. "
            "After a frustrating core group I rang the care coordinator and asked her to talk me through what she can "
            "and can't share, and why. It was the most useful twenty minutes I've had on this case. We've agreed "
            "she'll join the core group by phone and I'll send questions in advance so she can check consent with Mum "
            "first."
        ),
    },
    {
        "indicators": ("think-wider-system-2",),
        "lenses": ("systemic", "anti_racist"),
        "prompt": "Where might you be treating the effects of poverty or racism as a parenting concern?",
        "text": (
            "The referral said 'poor home conditions, children inappropriately dressed for the weather'. When I "
            "visited, the flat was damp, with black mould in both bedrooms, and Mum had been asking the housing "
            "association for repairs for eighteen months. The children didn't have winter coats because she couldn't "
            "afford them. That's poverty, not neglect. I don't want to pretend there are no concerns, but I'd have "
            "been wrong to write it up as a parenting problem. With her consent I've written to housing and made an "
            "application to the hardship fund."
        ),
    },
    {
        "indicators": ("think-wider-system-2", "act-wider-system-2"),
        "lenses": ("systemic", "trauma_informed"),
        "prompt": "",
        "text": (
            "The family have no recourse to public funds and are living in one room in a shared house. Every visit I'm "
            "aware that Dad is scared I'm going to report him to the Home Office. He answers questions very carefully "
            "and never asks for anything. I've explained more than once what our role is and isn't, but I'm not sure "
            "he believes me, and I can understand why. I've linked him with an immigration advice charity and I'm "
            "trying to keep visits predictable: same day, same time, and a text the day before."
        ),
    },
    {
        "indicators": ("act-yourself-1",),
        "lenses": ("anti_racist",),
        "prompt": (
            "What is one concrete thing you will do differently this week because of a bias you have noticed in "
            "yourself?"
        ),
        "text": (
            "I noticed I always offer the Gypsy or Irish Traveller families on my caseload phone calls instead of "
            "visits, telling myself it's easier for them. Truthfully, it's easier for me: I feel awkward on the site "
            "and unsure of myself. This week I'm visiting both families in person. I've asked a colleague who has "
            "worked with the Traveller education service for advice beforehand, and I'll ask the families themselves "
            "how they'd like me to work with them, rather than relying on what I think I know."
        ),
    },
    {
        "indicators": ("act-yourself-1", "learn-yourself-2"),
        "lenses": ("anti_racist",),
        "prompt": "",
        "text": (
            "After the anti-racism training I looked back at my own recommendations, which I didn't enjoy. Of my last "
            "six child protection cases, I'd recommended a plan for both Black families and for one of the four White "
            "families, with broadly similar concerns. It may be coincidence, and six cases is a tiny number. But I "
            "don't want to reassure myself without looking properly, so I've asked my manager to go through them with "
            "me and help me see whether my analysis held the same standard each time."
        ),
    },
    {
        "indicators": ("act-yourself-2",),
        "lenses": ("anti_racist",),
        "prompt": "When did you last see or hear a microaggression at work, and what did you do or not do?",
        "text": (
            "At a strategy discussion a police officer described the mum as 'quite aggressive, you know what they can "
            "be like'. Nobody said anything, including me. I've been replaying it all week. Afterwards I emailed the "
            "chair and asked that the minutes not carry that description, and I've raised it with my manager. Next "
            "time I want to say something in the room, even if it's only 'what do you mean by they?' Staying silent "
            "was a choice, and it wasn't the right one."
        ),
    },
    {
        "indicators": ("act-yourself-2",),
        "lenses": ("anti_racist", "trauma_informed"),
        "prompt": "",
        "text": (
            "I'm the only Black manager who regularly attends the partnership meeting. Last month a colleague from "
            "another agency touched my hair at the coffee break and said it was 'so interesting'. I laughed it off and "
            "then felt sick for the rest of the day. This time I've decided not to just absorb it. I spoke to her "
            "directly and calmly, and she apologised. I've also told my own manager, not because I want anything "
            "formal, but because I'm tired of carrying these things on my own."
        ),
    },
    {
        "indicators": ("act-those-you-work-with-1",),
        "lenses": ("trauma_informed",),
        "prompt": (
            "What has this family's past experience of services, police or authority taught them to expect from you?"
        ),
        "text": (
            "Mum was in care herself and had her first child removed. She told me on my first visit that social "
            "workers 'smile at you and then take your kids'. I can't argue with her experience. What I can do is be "
            "straight with her: every time, I tell her what I'm worried about, what I'm writing down and who I'm "
            "sharing it with. Three months in, she rang me herself when things got difficult at home. That felt like a "
            "big deal for both of us."
        ),
    },
    {
        "indicators": ("act-those-you-work-with-1",),
        "lenses": ("anti_racist", "trauma_informed"),
        "prompt": "",
        "text": (
            "I've been working with a 16-year-old unaccompanied asylum-seeking young person for six months. For the "
            "first few visits he only answered yes or no, and only through the interpreter. What changed things wasn't "
            "a technique. It was turning up when I said I would, remembering his football results, and once admitting "
            "I'd got something wrong in his age assessment paperwork. I think the apology mattered more than anything "
            "else I did. He told me later that no adult in this country had said sorry to him before."
        ),
    },
    {
        "indicators": ("act-those-you-work-with-2",),
        "lenses": ("systemic",),
        "prompt": "Which parts of this plan did the family shape, and which parts did we decide for them?",
        "text": (
            "I went through the child in need plan line by line with Dad, and it was uncomfortable. Nearly every "
            "action had been written by professionals before he saw it. The one thing he'd asked for, help getting his "
            "son to football on a Saturday, wasn't in there at all because nobody thought it was a safeguarding issue. "
            "It's in there now. I want the next review to start with the family's list and build from that."
        ),
    },
    {
        "indicators": ("act-those-you-work-with-2", "act-those-you-work-with-3"),
        "lenses": ("trauma_informed", "systemic"),
        "prompt": "",
        "text": (
            "The young person had said she wanted to go back to live with her aunt. The plan we'd drafted was for her "
            "to stay in foster care with a review in three months. I took the draft to her and asked what she'd "
            "change. She rewrote half of it, including where she wanted family time to happen and who she wanted at "
            "her reviews. Not everything she asked for was possible, and I told her why, but she said it was the first "
            "time anyone had explained a 'no' to her properly."
        ),
    },
    {
        "indicators": ("act-those-you-work-with-3",),
        "lenses": ("trauma_informed",),
        "prompt": "How can you give this person more control over when, where and how you meet them?",
        "text": (
            "Mum told me she dreads home visits because a previous worker used to turn up unannounced and go straight "
            "to the children's bedrooms. We've agreed that unless there's an urgent concern I'll give her notice, she "
            "can choose whether we meet at home or at the children's centre, and she can have her sister there. It's a "
            "small shift, but she's much more relaxed, and we're having the conversations we need to have."
        ),
    },
    {
        "indicators": ("act-those-you-work-with-3", "think-those-you-work-with-2"),
        "lenses": ("anti_racist", "trauma_informed"),
        "prompt": "",
        "text": (
            "I used to ask families 'do you need an interpreter?' in English, on the phone, which is a strange "
            "question when you think about it. Several said no and then struggled. Now I book an interpreter for the "
            "first meeting by default and ask, through them, whether the family want to carry on with one, which "
            "language and dialect, and whether they'd prefer a man or a woman. Mum chose a female Sylheti interpreter "
            "and told me things she'd never said to a professional before."
        ),
    },
    {
        "indicators": ("act-wider-system-1",),
        "lenses": ("systemic",),
        "prompt": "What have you and the other professionals agreed about who does what, and does the family know?",
        "text": (
            "At the last core group it became obvious that three of us thought someone else was chasing the CAMHS "
            "referral. The family were waiting for a letter that nobody had sent. I've put together a one-page 'who "
            "does what' for the core group, in plain English, and we've agreed to send it to Mum after every meeting. "
            "It's not clever, but it has already stopped two things falling through the gap."
        ),
    },
    {
        "indicators": ("act-wider-system-1", "evaluate-2"),
        "lenses": ("systemic", "anti_racist"),
        "prompt": "",
        "text": (
            "The school DSL and I had very different views about a 12-year-old boy's behaviour. She saw him as "
            "'intimidating'; I saw a frightened child. Rather than argue it out in the core group, I asked to meet her "
            "separately. We agreed on more than I expected, and she was open to me naming adultification as a real "
            "risk for Black boys in school. We're going to review his behaviour log together next month, and ask him "
            "how he thinks school sees him."
        ),
    },
    {
        "indicators": ("act-wider-system-2",),
        "lenses": ("systemic",),
        "prompt": (
            "Which expectations in this plan might a family with no money, no stable home or no recourse to public "
            "funds struggle to meet?"
        ),
        "text": (
            "The plan asks Mum to attend a parenting course across the borough, twice a week at 10am, with a toddler. "
            "She has no bus pass, no childcare, and she's in temporary accommodation miles from her old support. I've "
            "been setting her up to fail and then recording non-attendance. I've asked the provider about online "
            "sessions, found a local alternative with a crèche, and I'll raise the travel costs at the review."
        ),
    },
    {
        "indicators": ("act-wider-system-2", "think-wider-system-2"),
        "lenses": ("systemic", "trauma_informed"),
        "prompt": "",
        "text": (
            "The cost of living crisis comes up on every visit now. A kinship carer told me she's been skipping meals "
            "so her grandchildren can eat, and that she was frightened to tell me in case the placement got 'looked "
            "at'. I've helped her apply to the discretionary fund, checked her allowance is right, and asked her "
            "supervising social worker to review the financial support. I also told her, and meant it, that asking for "
            "help is not failing."
        ),
    },
    {
        "indicators": ("evaluate-1",),
        "lenses": ("systemic",),
        "prompt": "What did you hope this intervention would change, and what evidence do you have so far that it is?",
        "text": (
            "At the start of the early help work I hoped school attendance would improve and that Mum would feel less "
            "alone. Attendance has gone from 62% to 85%, which is real. I'm less sure about the second part. She says "
            "she's fine, but she's also stopped coming to the parents' group. I don't want to close just because the "
            "number looks good, so I've asked her directly how she'd feel about us stepping back, and what would need "
            "to be in place first."
        ),
    },
    {
        "indicators": ("evaluate-1",),
        "lenses": ("systemic",),
        "prompt": "",
        "text": (
            "Looking back over six months of the child protection plan, I think we were better at the before and after "
            "than the during. The assessment was strong and the review will be clear, but for three months in the "
            "middle the plan didn't change, even after Dad moved out. We were reviewing the actions, not the plan. I'm "
            "going to ask at every core group whether this is still the right plan for the children as they are now."
        ),
    },
    {
        "indicators": ("evaluate-2",),
        "lenses": ("anti_racist", "systemic"),
        "prompt": (
            "How have you sought feedback from people who see this family differently from you, such as community or "
            "faith groups?"
        ),
        "text": (
            "With the family's permission I spoke to the imam at the mosque they attend and to the Saturday school the "
            "children go to. Both described a very different family from the one in the referral: involved, generous, "
            "stretched thin. That doesn't cancel the concerns, but it changed the tone of my assessment. A year ago "
            "I'd never have thought of asking either of them, and I'd only have heard the professional view."
        ),
    },
    {
        "indicators": ("evaluate-2",),
        "lenses": ("systemic", "trauma_informed"),
        "prompt": "",
        "text": (
            "We ask families at the end of early help what helped and what didn't. Most forms come back saying "
            "everything was 'fine', which tells us nothing. I think people worry we'll hold it against them. This time "
            "a parent peer volunteer asked the questions instead of us, and the answers were far more honest, "
            "including that our letters are frightening and full of jargon. We're now rewriting the letters with two "
            "of the parents."
        ),
    },
    {
        "indicators": ("learn-yourself-1",),
        "lenses": ("trauma_informed",),
        "prompt": "What gap in your knowledge or skills has this work shown you, and where could you learn more?",
        "text": (
            "Working with a young person who self-harms has shown me I don't know enough about how trauma shows up in "
            "teenagers. I've been relying on what I learned at university, which was a long time ago, and I've felt "
            "out of my depth in a couple of visits. I've booked the trauma-informed practice training in March and "
            "asked our clinician if I can bring the case to her consultation slot in the meantime."
        ),
    },
    {
        "indicators": ("learn-yourself-1", "learn-yourself-2"),
        "lenses": ("anti_racist",),
        "prompt": "",
        "text": (
            "I'd been putting off learning about hair and skin care for Black children in care because I felt "
            "embarrassed that, fifteen years in, I still didn't know. Then a foster carer asked me for advice and I "
            "had nothing useful to say. Since then I've done the online session the fostering team recommended and "
            "spoken to a local hairdresser who runs sessions for carers. I'm passing on what I've learned, but I'm "
            "also aware that one session doesn't make me an expert, and the child is the best guide to what she wants."
        ),
    },
    {
        "indicators": ("learn-yourself-2",),
        "lenses": ("anti_racist",),
        "prompt": "What part of anti-racism do you find most uncomfortable to learn about, and why?",
        "text": (
            "White privilege. I grew up poor, and my instinct when I hear the phrase is to get defensive: nobody "
            "handed me anything. I'm slowly understanding that it doesn't mean my life was easy. It means my skin "
            "colour wasn't one of the things making it harder. This month's book in the reading group was "
            "uncomfortable in a useful way. I want to notice when that defensiveness kicks in during team discussions "
            "and stay with it rather than argue."
        ),
    },
    {
        "indicators": ("learn-yourself-2", "think-yourself-1"),
        "lenses": ("anti_racist", "systemic"),
        "prompt": "",
        "text": (
            "The anti-racism reading group looked at how Black Caribbean families were treated by children's services "
            "in the 1970s and 80s. I hadn't known how many children were placed with White families with little "
            "thought for their identity, or how rarely their families were listened to. It helped me understand why a "
            "grandmother I'm working with is so wary of us. Her distrust isn't resistance; it's memory. I've stopped "
            "writing 'reluctant to engage' in her records."
        ),
    },
    {
        "indicators": ("learn-those-you-work-with-1",),
        "lenses": ("systemic",),
        "prompt": "Which colleague or team could you shadow or invite to a joint session to learn from their approach?",
        "text": (
            "I asked to co-work a family group conference with the FGC coordinator rather than just refer to her. "
            "Watching her prepare the family, ringing every single person, asking what they were worried about and "
            "making sure the family had private time without professionals, showed me how much I rush that stage. I'm "
            "going to ask her to do a Show and Tell for our team."
        ),
    },
    {
        "indicators": ("learn-those-you-work-with-1",),
        "lenses": ("anti_racist", "trauma_informed"),
        "prompt": "",
        "text": (
            "At the last Show and Tell a colleague from the disabled children's team talked about working with a Roma "
            "family and using a cultural mediator alongside the interpreter. I'd never heard of that. It wasn't about "
            "learning a list of facts about Roma people; it was about the mediator helping both sides understand each "
            "other's worries, including the family's fear, based on their past experiences, that we were there to take "
            "the children. I've asked her to come to our team meeting, because two of us are struggling with similar "
            "situations."
        ),
    },
    {
        "indicators": ("learn-those-you-work-with-1", "act-wider-system-1"),
        "lenses": ("systemic",),
        "prompt": "",
        "text": (
            "I sat in on the health visiting team's meeting for the first time. It was humbling: they know the "
            "families with babies far better than we do, and they see them far more often. I learned their thresholds "
            "for concern are different from ours for good reasons. We're going to try a monthly joint session between "
            "our family help workers and the health visitors in the north of the borough."
        ),
    },
    {
        "indicators": ("learn-wider-system-1",),
        "lenses": ("anti_racist", "systemic"),
        "prompt": (
            "Which community organisation or external expert could help you understand this family's experience "
            "better?"
        ),
        "text": (
            "I contacted a local Bangladeshi women's organisation after struggling to understand why Mum kept turning "
            "down the domestic abuse service. Without discussing her case, they talked me through the practical "
            "barriers: no Sylheti speakers, appointments at times she'd have to explain, a building where she might be "
            "seen. They offered a caseworker who speaks Sylheti, and Mum has now met her twice. I'd been recording the "
            "refusals as lack of insight when the service just wasn't right for her."
        ),
    },
    {
        "indicators": ("learn-wider-system-1",),
        "lenses": ("trauma_informed",),
        "prompt": "",
        "text": (
            "I went to a session run by a charity that supports young people who have been criminally exploited. The "
            "speaker had been exploited himself as a teenager, and he said the first professional who treated him as a "
            "victim rather than an offender was a youth worker, years in. It made me rethink the language in my recent "
            "section 47 report. 'Choosing to associate with older males' isn't how anyone should describe a groomed "
            "15-year-old."
        ),
    },
    {
        "indicators": ("learn-wider-system-2",),
        "lenses": ("systemic", "anti_racist"),
        "prompt": (
            "Which Community of Practice outside the council could you join, and what would you bring back to the "
            "team?"
        ),
        "text": (
            "I've joined the regional Community of Practice on anti-racist social work. The first session was hosted "
            "by another council, and they shared how they look at child protection conference decisions by ethnicity "
            "every quarter. We don't do that. I've brought their template back and my manager has agreed we can try it "
            "with the IRO service."
        ),
    },
    {
        "indicators": ("learn-wider-system-2", "evaluate-1"),
        "lenses": ("systemic", "anti_racist"),
        "prompt": "",
        "text": (
            "At the Community of Practice last month a principal social worker from another council talked candidly "
            "about an anti-racism programme that didn't work: lots of training, no change in outcomes, and no baseline "
            "to show it either way. It was a useful warning. I've suggested we look at our own data on PLO and section "
            "47 decisions by ethnicity before the next phase, so that in a year we can say honestly whether anything "
            "has changed."
        ),
    },
    {
        "indicators": ("think-yourself-1", "think-those-you-work-with-2"),
        "lenses": ("trauma_informed", "anti_racist"),
        "prompt": "",
        "text": (
            "I've realised I'm much more comfortable with quiet, softly spoken parents. A Black African mum I'm "
            "working with is expressive and direct, and she told me herself that's how everyone in her family talks. I "
            "noticed my shoulders go up when she speaks. She isn't angry with me, and she laughs a lot. My discomfort "
            "is mine to manage, not hers. I've checked my case notes don't describe her as 'volatile', because that "
            "word would follow her into every meeting."
        ),
    },
    {
        "indicators": ("think-those-you-work-with-1", "act-those-you-work-with-1"),
        "lenses": ("systemic", "anti_racist"),
        "prompt": (
            "How do the family's culture, faith, language and history show up in your assessment, and where are they "
            "absent?"
        ),
        "text": (
            "She's in a placement with carers who love her, but she's Muslim and they aren't, and until recently her "
            "plan only said 'religious needs to be supported'. I sat down with her and her carers and asked what that "
            "actually means for her: halal food, time and a quiet space to pray, fasting in Ramadan, and spending Eid "
            "with her aunt. The carers were relieved to have something concrete to work with. So was she."
        ),
    },
    {
        "indicators": ("act-yourself-2", "think-yourself-2"),
        "lenses": ("anti_racist",),
        "prompt": "",
        "text": (
            "A colleague described a Black 13-year-old as 'a big lad who knows exactly what he's doing' in the "
            "allocation meeting. I said, 'He's thirteen. Would we say that about a White thirteen-year-old?' It came "
            "out more sharply than I'd planned and the room went quiet. My colleague came to find me afterwards and we "
            "had a good conversation. I'm glad I said it, though I'm still working on saying these things in a way "
            "that invites people in rather than shutting them down."
        ),
    },
    {
        "indicators": ("evaluate-1", "act-those-you-work-with-2"),
        "lenses": ("systemic", "trauma_informed"),
        "prompt": "",
        "text": (
            "Before the PLO meeting I wrote down what a good outcome would look like for the children and for Mum, not "
            "just for the local authority. Afterwards I checked what happened against it. Mum left understanding the "
            "concerns and with a solicitor she trusted, which mattered. But she also said the room felt like 'a court "
            "before the court'. Next time I want to meet her beforehand and walk her through who will be there and "
            "what each person does."
        ),
    },
    {
        "indicators": ("think-wider-system-1", "learn-those-you-work-with-1"),
        "lenses": ("systemic",),
        "prompt": (
            "What do you understand about how the other teams involved with this family work, and what pressures they "
            "face?"
        ),
        "text": (
            "I'm new to the leaving care team and I realised I had no idea what the housing options team actually does "
            "after we send a referral. So I spent a day there. They're dealing with a shortage of properties I hadn't "
            "appreciated, and they were glad someone had bothered to ask. We've agreed a named contact each way, which "
            "should save our care leavers from telling their story three times."
        ),
    },
    {
        "indicators": ("act-yourself-1", "evaluate-2"),
        "lenses": ("anti_racist", "systemic"),
        "prompt": "Who could you ask to challenge your thinking on this piece of work, and when will you ask them?",
        "text": (
            "I asked a Black colleague to read my assessment of a Mixed White and Black African family and tell me "
            "honestly if anything jarred. I was careful to ask rather than assume she'd want to, and said no was fine. "
            "She pointed out that I'd described the father's family as 'extended and complicated' and the mother's as "
            "'close'. Same size, same amount of contact. I'm grateful, and I'm aware it was extra work for her that I "
            "shouldn't come to rely on."
        ),
    },
    {
        "indicators": ("think-those-you-work-with-3", "act-wider-system-2"),
        "lenses": ("systemic", "trauma_informed"),
        "prompt": (
            "How strong is the support network you have found, and who supports the people who support the child?"
        ),
        "text": (
            "The children's grandmother is their kinship carer. She's seventy-two and she's the only adult in their "
            "network who has been assessed. I'd been treating her as 'the support network'. When I asked who supports "
            "her, she named a friend from church and a neighbour, both also in their seventies. We're now planning a "
            "family network meeting, so the children's safety doesn't rest on one person's health."
        ),
    },
    {
        "indicators": ("learn-yourself-1",),
        "lenses": ("systemic", "anti_racist"),
        "prompt": "Which tool, training or resource have you come across recently that you could try in your practice?",
        "text": (
            "I came back to the Social GRACES on a podcast and realised I'd learned them at university and then let "
            "them drift. I've started using them when I prepare for supervision, asking myself which parts of a "
            "family's identity I'm noticing and which I'm skipping. So far: I'm good at noticing ethnicity and age, "
            "and poor at class, sexuality and spirituality. That's useful to know."
        ),
    },
)

# Commitments: what I will do and how I will know.
COMMITMENTS: tuple[dict, ...] = (
    {
        "indicators": ("think-yourself-1",),
        "action": (
            "I will write a short note after each first visit about my first impressions and what they were based on."
        ),
        "measure": (
            "I will review the notes monthly with my supervisor and be able to name at least one assumption I have "
            "changed."
        ),
    },
    {
        "indicators": ("think-yourself-1", "act-yourself-1"),
        "action": (
            "I will reread my last five assessments for words like 'hostile', 'aggressive' or 'resistant' and check "
            "the evidence behind each one."
        ),
        "measure": (
            "Any remaining use of those words is backed by a specific described behaviour, and my manager agrees when "
            "we audit them together."
        ),
    },
    {
        "indicators": ("think-yourself-2",),
        "action": (
            "I will raise one practice issue about race or culture at each team meeting for the next three months."
        ),
        "measure": (
            "The team meeting notes record each issue, and I will ask two colleagues whether it has changed our "
            "conversations."
        ),
    },
    {
        "indicators": ("think-yourself-2",),
        "action": (
            "I will ask the families who use our duty room what would make it feel more welcoming, and act on what "
            "they say."
        ),
        "measure": (
            "At least three of their suggestions are in place by the end of the quarter, and I ask families again "
            "whether it feels different."
        ),
    },
    {
        "indicators": ("think-those-you-work-with-1",),
        "action": (
            "I will add a strengths, interests and identity section to every assessment I write, completed with the "
            "child where possible."
        ),
        "measure": (
            "My manager's dip sample of my next ten assessments finds the section completed, in the child's own words "
            "in most of them."
        ),
    },
    {
        "indicators": ("think-those-you-work-with-2",),
        "action": (
            "I will ask the interpreter for a short debrief after each session about anything I might have misread."
        ),
        "measure": (
            "My case notes record the debriefs, and I can give examples in supervision of how they changed my "
            "understanding."
        ),
    },
    {
        "indicators": ("think-those-you-work-with-2",),
        "action": (
            "I will stop recording eye contact or body language as evidence of engagement unless I have checked what "
            "it means for that person."
        ),
        "measure": (
            "My manager's audit of my recording in three months finds no unexplained judgements about eye contact or "
            "body language."
        ),
    },
    {
        "indicators": ("think-those-you-work-with-3",),
        "action": (
            "I will complete an ecomap with every new family, asking 'who matters to you?' rather than 'who is your "
            "family?'"
        ),
        "measure": "Ecomaps are on file for all my new cases, and most include people outside the immediate family.",
    },
    {
        "indicators": ("think-wider-system-1",),
        "action": (
            "I will spend half a day shadowing the MASH team and half a day with the school nursing service before the "
            "end of March."
        ),
        "measure": (
            "I share three things I learned at our team meeting and use them to improve the quality of my own "
            "referrals."
        ),
    },
    {
        "indicators": ("think-wider-system-2",),
        "action": (
            "I will ask every family about income, housing and debt during assessment, and record the impact on the "
            "children."
        ),
        "measure": (
            "My assessments separate poverty-related needs from parenting concerns, with financial or housing "
            "referrals made where families agree."
        ),
    },
    {
        "indicators": ("act-yourself-1",),
        "action": (
            "I will ask a colleague to read one of my assessments each month and challenge any assumptions they "
            "notice."
        ),
        "measure": (
            "I keep a note of the challenges and what I changed, and discuss the pattern with my supervisor at my "
            "appraisal."
        ),
    },
    {
        "indicators": ("act-yourself-2",),
        "action": (
            "I will challenge, in the moment or straight afterwards, any racist or culturally inappropriate comment I "
            "hear in multi-agency meetings."
        ),
        "measure": "I record each time I did or did not speak up, and talk both kinds through in supervision.",
    },
    {
        "indicators": ("act-yourself-2",),
        "action": (
            "I will practise two or three phrases for calling out microaggressions with my peer group so I am ready to "
            "use them."
        ),
        "measure": (
            "I use one in a real situation within the next two months and reflect in supervision on how it went."
        ),
    },
    {
        "indicators": ("act-those-you-work-with-1",),
        "action": (
            "I will tell every parent, at the end of each visit, what I am writing down and who I am sharing it with."
        ),
        "measure": (
            "Parents can tell me at review what is in their file and why, and nothing in the conference report "
            "surprises them."
        ),
    },
    {
        "indicators": ("act-those-you-work-with-1",),
        "action": (
            "I will keep every appointment I make with the young people I work with, and phone them myself if I have "
            "to rearrange."
        ),
        "measure": (
            "My diary shows no missed visits without a personal call, and young people mention reliability when I ask "
            "for feedback."
        ),
    },
    {
        "indicators": ("act-those-you-work-with-2",),
        "action": (
            "I will begin every child in need review by asking the family what they want from the plan, before "
            "professionals speak."
        ),
        "measure": (
            "The review notes show the family's priorities first, and each plan has at least one action that came from "
            "the family."
        ),
    },
    {
        "indicators": ("act-those-you-work-with-2",),
        "action": (
            "I will give the young person a draft of her pathway plan a week before the review so she can change it."
        ),
        "measure": "Her changes are visible in the final plan, and she tells her IRO that she felt listened to.",
    },
    {
        "indicators": ("act-those-you-work-with-3",),
        "action": (
            "I will offer parents a choice of where and when we meet, unless there is a clear safeguarding reason not "
            "to."
        ),
        "measure": (
            "My case notes record the choice offered, and parents' feedback at closure mentions feeling more in "
            "control."
        ),
    },
    {
        "indicators": ("act-those-you-work-with-3", "think-those-you-work-with-2"),
        "action": (
            "I will book an interpreter by default for every first meeting with a family whose first language is not "
            "English."
        ),
        "measure": (
            "Bookings are on file for every relevant first meeting, and each family's preferred language and dialect "
            "is recorded accurately."
        ),
    },
    {
        "indicators": ("act-wider-system-1",),
        "action": (
            "I will send a one-page 'who does what' to the family and every agency within two working days of each "
            "core group."
        ),
        "measure": (
            "No actions are missed between core groups for the next three months, and the family confirm they know who "
            "to contact."
        ),
    },
    {
        "indicators": ("act-wider-system-1",),
        "action": (
            "I will meet the school DSL before the next core group to agree how we share information about his "
            "behaviour."
        ),
        "measure": (
            "We agree a shared approach in writing, and the next core group focuses on his needs rather than on our "
            "disagreement."
        ),
    },
    {
        "indicators": ("act-wider-system-2",),
        "action": (
            "I will check every plan I write for costs the family would have to meet, like travel or childcare, and "
            "find ways to remove them."
        ),
        "measure": (
            "No family I work with is recorded as not attending because of a cost I could have spotted and dealt with "
            "in advance."
        ),
    },
    {
        "indicators": ("act-wider-system-2", "think-wider-system-2"),
        "action": (
            "I will refer every family with no recourse to public funds to the NRPF team and to independent "
            "immigration advice."
        ),
        "measure": (
            "Referrals are on file within two weeks of allocation, and families tell me they understand what support "
            "is available."
        ),
    },
    {
        "indicators": ("evaluate-1",),
        "action": "I will write down at the start of every intervention what I hope will change and how I will know.",
        "measure": "At each review I compare progress against what I wrote, and my closing summaries refer back to it.",
    },
    {
        "indicators": ("evaluate-1",),
        "action": (
            "I will add a standing question to my core group agendas: is this still the right plan for this child now?"
        ),
        "measure": (
            "Core group minutes show the question discussed each time, and the plan updated when circumstances change."
        ),
    },
    {
        "indicators": ("evaluate-2",),
        "action": (
            "I will ask, with consent, for the views of someone outside the professional network whom the family "
            "trust, such as a faith leader."
        ),
        "measure": (
            "Most of my assessments include at least one non-professional perspective where the family have agreed to "
            "it."
        ),
    },
    {
        "indicators": ("evaluate-2",),
        "action": (
            "I will work with the parent peer volunteers to gather honest feedback from families at the end of early "
            "help."
        ),
        "measure": (
            "We hear from at least fifteen families this quarter and make at least two changes to our practice because "
            "of it."
        ),
    },
    {
        "indicators": ("learn-yourself-1",),
        "action": (
            "I will book onto the trauma-informed practice training and the child exploitation course in the next "
            "training cycle."
        ),
        "measure": "I have completed both courses by June and tried one new approach from each with a family.",
    },
    {
        "indicators": ("learn-yourself-2",),
        "action": (
            "I will read or listen to one anti-racism resource each month and bring one idea from it to the reading "
            "group."
        ),
        "measure": (
            "I keep a learning log and can show in supervision how at least three pieces have changed my practice."
        ),
    },
    {
        "indicators": ("learn-yourself-2",),
        "action": (
            "I will learn about the history of Black Caribbean families' experience of children's services in Britain."
        ),
        "measure": (
            "I can talk about that history with families when it matters, and explain in supervision how it shapes "
            "their trust in us."
        ),
    },
    {
        "indicators": ("learn-those-you-work-with-1",),
        "action": (
            "I will co-work a family group conference with the FGC coordinator to learn how she prepares families."
        ),
        "measure": (
            "I share what I learned at the next Show and Tell and use her preparation approach in my next FGC "
            "referral."
        ),
    },
    {
        "indicators": ("learn-those-you-work-with-1",),
        "action": (
            "I will attend another team's meeting each quarter, starting with the health visitors in the north of the "
            "borough."
        ),
        "measure": (
            "I bring back one practice idea each quarter and report on whether it worked at our own team meeting."
        ),
    },
    {
        "indicators": ("learn-wider-system-1",),
        "action": (
            "I will contact the local Bangladeshi women's organisation to understand their support and how families "
            "can be referred."
        ),
        "measure": (
            "I have a named contact there, and have made at least one referral with a family's consent by the end of "
            "the quarter."
        ),
    },
    {
        "indicators": ("learn-wider-system-1",),
        "action": (
            "I will attend a session run by a charity that works with young people affected by criminal exploitation."
        ),
        "measure": (
            "I revise the language in my section 47 reports about exploitation, and my manager sees the change in my "
            "next audit."
        ),
    },
    {
        "indicators": ("learn-wider-system-2",),
        "action": (
            "I will join the regional anti-racist social work Community of Practice and attend at least four sessions "
            "this year."
        ),
        "measure": "I bring back one tool or idea from each session, and at least one is tried out in our service.",
    },
    {
        "indicators": ("learn-wider-system-2", "evaluate-1"),
        "action": (
            "I will take our baseline data on section 47 and PLO decisions by ethnicity to the Community of Practice "
            "for peer challenge."
        ),
        "measure": (
            "At least two other councils give us feedback, and we use it to improve how we report the data next "
            "quarter."
        ),
    },
    {
        "indicators": ("think-those-you-work-with-1", "act-those-you-work-with-1"),
        "action": (
            "I will agree with each child in care what their faith, culture, hair and skin care needs mean day to day."
        ),
        "measure": (
            "Each placement plan contains specific, practical detail, and carers confirm at their next supervision "
            "visit that they know what to do."
        ),
    },
    {
        "indicators": ("act-yourself-1", "think-yourself-1"),
        "action": (
            "I will look at my child protection recommendations by the family's ethnicity every quarter, with my "
            "manager."
        ),
        "measure": (
            "We complete the review each quarter, and any difference in my recommendations can be explained by the "
            "evidence in each case."
        ),
    },
)

# STAR supervisions: the manager's note of what was discussed and their reflective feedback to the supervisee.
SUPERVISIONS: tuple[dict, ...] = (
    {
        "race_identity": True,
        "trauma": True,
        "wider_system": False,
        "lenses": ("anti_racist", "trauma_informed"),
        "indicators": ("think-those-you-work-with-2", "think-yourself-1"),
        "summary": (
            "We discussed the supervisee's visits to a 15-year-old girl in foster care who rarely speaks in sessions. "
            "We discussed the supervisee's reading of her silence as disengagement and considered other explanations, "
            "including fear rooted in her experiences before coming into care, and expectations in her family about "
            "how young people speak to adults. We discussed how the supervisee's own upbringing shapes what she "
            "expects engagement to look like."
        ),
        "feedback": (
            "You were really open today about how quickly you'd labelled her as disengaged, and that honesty is a "
            "strength. I'd like you to hold on to the question of what her silence might be protecting her from. Be "
            "careful not to swap one assumption for another: ask her, and ask her carer, rather than relying on what "
            "you've read about her culture. In your next case notes, describe what you see rather than what you "
            "conclude."
        ),
    },
    {
        "race_identity": True,
        "trauma": False,
        "wider_system": True,
        "lenses": ("anti_racist", "systemic"),
        "indicators": ("act-yourself-2", "act-wider-system-1"),
        "summary": (
            "We discussed the strategy discussion at which a police colleague made a racialised generalisation about "
            "the mother. We discussed the supervisee's decision not to challenge in the meeting, her email to the "
            "chair afterwards, and how to raise the matter with the police safeguarding lead through the partnership "
            "escalation route. We agreed that the minutes should be corrected."
        ),
        "feedback": (
            "I know you've been hard on yourself about staying silent, and I want to say clearly that your email "
            "afterwards was the right thing to do and took courage. Silence in the room still has an impact, on the "
            "family and on the Black colleagues who hear it, so let's practise some phrases you can use in the moment. "
            "I'll back you when you raise it with the police lead. This isn't yours to carry alone."
        ),
    },
    {
        "race_identity": False,
        "trauma": True,
        "wider_system": False,
        "lenses": ("trauma_informed",),
        "indicators": ("act-those-you-work-with-1",),
        "summary": (
            "We discussed the supervisee's work with a mother who was in care herself and has had a previous child "
            "removed. We discussed her fear of social workers, how that fear shows itself in missed visits and angry "
            "phone calls, and the supervisee's approach of being explicit about worries and what is recorded. We "
            "discussed how to keep this up through the child protection conference."
        ),
        "feedback": (
            "The trust you've built here is real, and it's because you've been consistent and honest, not because "
            "you've played down the concerns. Keep that balance. The conference will test it: she may experience it as "
            "a repeat of what happened before. Think about how you prepare her, who she brings with her, and what "
            "you'll say if she gets upset. And please look after yourself. This is emotionally heavy work."
        ),
    },
    {
        "race_identity": True,
        "trauma": False,
        "wider_system": False,
        "lenses": ("anti_racist",),
        "indicators": ("think-yourself-1", "act-yourself-1"),
        "summary": (
            "We discussed the supervisee's assessment of a Black African family and the language used about the "
            "father's expectations of the children's education. We discussed whether the same parenting would have "
            "been described differently in a White family, and reviewed the paragraph together. The supervisee "
            "identified two other assessments to revisit."
        ),
        "feedback": (
            "This was a strong piece of self-reflection, and I'd like you to bring it to the practice forum, because "
            "it's a pattern many of us share. Be wary of stopping at the words: the real question is whether the "
            "analysis and the recommendation change too. Let's look at the other two assessments together next month "
            "and see whether the same thing is happening there."
        ),
    },
    {
        "race_identity": True,
        "trauma": True,
        "wider_system": True,
        "lenses": ("anti_racist", "trauma_informed", "systemic"),
        "indicators": ("think-wider-system-2", "act-wider-system-2", "act-those-you-work-with-1"),
        "summary": (
            "We discussed the family with no recourse to public funds and the father's fear that what he tells us will "
            "reach the Home Office. We discussed the impact of his insecure immigration status, his experiences before "
            "arriving in the UK and the family's overcrowded housing on the children, and the supervisee's referral to "
            "an immigration advice charity. We discussed what the supervisee can and cannot promise about information "
            "sharing."
        ),
        "feedback": (
            "You've thought carefully about how frightening our involvement is for this dad, and keeping visits "
            "predictable is exactly the right instinct. Please be clear and honest with him about our "
            "information-sharing duties rather than offering reassurance you can't guarantee; that honesty will build "
            "more trust in the long run. Please also check with the NRPF team what support we can give under section "
            "17 while his application is pending."
        ),
    },
    {
        "race_identity": False,
        "trauma": False,
        "wider_system": True,
        "lenses": ("systemic",),
        "indicators": ("think-wider-system-1", "act-wider-system-1"),
        "summary": (
            "We discussed the supervisee's frustration with the adult mental health team and the difficulty of getting "
            "information for the core group. We discussed his call with the care coordinator, the consent issues "
            "involved, and the agreement that the care coordinator will join core groups by phone, with questions sent "
            "in advance."
        ),
        "feedback": (
            "This is a good example of turning frustration into curiosity. You took the time to understand their "
            "constraints, and the family will benefit. Please write down what you've agreed and share it with the core "
            "group, so it doesn't depend on one relationship. Think about whether the same approach could work with "
            "the other adult services you deal with."
        ),
    },
    {
        "race_identity": True,
        "trauma": True,
        "wider_system": False,
        "lenses": ("anti_racist", "trauma_informed"),
        "indicators": ("think-those-you-work-with-1", "act-those-you-work-with-3"),
        "summary": (
            "We discussed the 16-year-old unaccompanied asylum-seeking young person and his age assessment. We "
            "discussed the supervisee's apology to him for a mistake in the paperwork, the traumatic experiences of "
            "his journey, and how repeated questioning about his age and history might feel to him. We discussed his "
            "faith and his wish to find a church with other Tigrinya speakers."
        ),
        "feedback": (
            "The way you handled the mistake is a model for the team: you owned it, and it strengthened your "
            "relationship. Keep his journey in mind when planning the age assessment interview, because repeated "
            "questioning can feel like interrogation to someone who has been through what he has. Please make sure he "
            "has an interpreter he trusts and an appropriate adult, and that he knows he can stop. Ask him who should "
            "make contact with the church."
        ),
    },
    {
        "race_identity": False,
        "trauma": False,
        "wider_system": True,
        "lenses": ("systemic",),
        "indicators": ("act-wider-system-1", "evaluate-1"),
        "summary": (
            "We discussed the core group at which it emerged that no one had chased the CAMHS referral. We discussed "
            "the supervisee's one-page summary of who does what, the plan to share it with the mother after every "
            "meeting, and how to raise the delay with CAMHS through the agreed escalation route."
        ),
        "feedback": (
            "You spotted a gap and fixed it quickly and practically, which is what good case coordination looks like. "
            "I'd like to push you a little further: the plan hasn't changed in three months, so use the next core "
            "group to ask whether it is still the right plan. If CAMHS can't give a date within two weeks, escalate it "
            "to me and I'll contact their service manager."
        ),
    },
    {
        "race_identity": True,
        "trauma": False,
        "wider_system": True,
        "lenses": ("anti_racist", "systemic"),
        "indicators": ("act-wider-system-1", "think-those-you-work-with-1"),
        "summary": (
            "We discussed the 12-year-old boy whose school describes him as intimidating. We discussed the "
            "adultification of Black boys, the supervisee's separate meeting with the school DSL, and the agreement to "
            "review his behaviour log together. We discussed how to hear his own view of how school sees him."
        ),
        "feedback": (
            "I was really pleased you met the DSL rather than letting the disagreement play out in the core group; you "
            "kept the focus on him. Naming adultification was brave and necessary. Keep doing it, with evidence, as "
            "you did here. When you look at the behaviour log, look at what staff did before each incident as well as "
            "what he did. And make sure his voice is in the next review in his own words."
        ),
    },
    {
        "race_identity": False,
        "trauma": True,
        "wider_system": False,
        "lenses": ("trauma_informed",),
        "indicators": ("think-those-you-work-with-2", "learn-yourself-1"),
        "summary": (
            "We discussed the father who laughs when describing the abuse he experienced as a child, and the "
            "supervisee's uncertainty about how to respond. We discussed laughter as a possible survival response, the "
            "risk of either minimising or shutting him down, and the supervisee's own emotional response to these "
            "conversations. We agreed some reading on trauma-informed practice."
        ),
        "feedback": (
            "It's a sign of good practice that you've noticed this rather than just recording that he minimises. You "
            "don't need the perfect response. Gently naming what you notice, something like 'I notice you smile when "
            "you talk about this', can open things up. I also noticed you seemed tired today. Please use the clinical "
            "consultation slot, and tell me if your caseload is getting too much."
        ),
    },
    {
        "race_identity": True,
        "trauma": False,
        "wider_system": False,
        "lenses": ("anti_racist",),
        "indicators": ("act-yourself-1", "think-yourself-1"),
        "summary": (
            "We discussed the supervisee's reflection that she offers phone calls rather than visits to the Gypsy or "
            "Irish Traveller families she works with. We discussed the discomfort behind this, its impact on the "
            "families and on the quality of her assessments, and how she will prepare for visiting both families in "
            "person."
        ),
        "feedback": (
            "Thank you for naming this so honestly; many practitioners wouldn't have noticed it. The important thing "
            "now is to act on it: visit both families, be open about what you don't know, and ask them how they would "
            "like you to work with them. Be careful not to treat one colleague's advice as the whole picture, because "
            "each family is different. I look forward to hearing how the visits went."
        ),
    },
    {
        "race_identity": False,
        "trauma": True,
        "wider_system": True,
        "lenses": ("trauma_informed", "systemic"),
        "indicators": ("act-wider-system-2", "think-those-you-work-with-3"),
        "summary": (
            "We discussed the kinship carer who has been skipping meals so her grandchildren can eat. We discussed her "
            "fear that asking for help would lead to the placement being reviewed, the children's early experiences of "
            "going without and how food insecurity may affect them now, the supervisee's application to the "
            "discretionary fund, and whether her kinship allowance is correct."
        ),
        "feedback": (
            "You handled her disclosure with real care, and telling her that asking for help is not failing was the "
            "right message. I'd like you to think about how resilient this placement is: she is doing this alone, and "
            "the children's stability depends on her. Please arrange a family network meeting, and speak to her "
            "supervising social worker about the financial assessment before the next review."
        ),
    },
    {
        "race_identity": True,
        "trauma": False,
        "wider_system": False,
        "lenses": ("anti_racist",),
        "indicators": ("act-yourself-2", "think-yourself-2"),
        "summary": (
            "We discussed the allocation meeting at which a colleague described a Black 13-year-old as a big lad who "
            "knows what he's doing. We discussed the supervisee's challenge in the moment, the colleague's response, "
            "and how the supervisee felt about the way she said it. We discussed how the team responds to these "
            "moments."
        ),
        "feedback": (
            "You did the right thing, and I want you to hear that clearly. Challenge sometimes comes out sharper than "
            "we plan, and the follow-up conversation shows you handled it well. As your manager I should have said "
            "something in the room too, and I will raise adultification at the next team meeting. Think about what "
            "support you'd like from me when this happens again."
        ),
    },
    {
        "race_identity": False,
        "trauma": False,
        "wider_system": True,
        "lenses": ("systemic",),
        "indicators": ("learn-those-you-work-with-1", "think-wider-system-1"),
        "summary": (
            "We discussed the supervisee's visit to the health visiting team's meeting and what he learned about their "
            "thresholds and their contact with families. We discussed setting up a monthly joint session between "
            "family help workers and health visitors in the north of the borough, and who needs to agree it."
        ),
        "feedback": (
            "This is a great initiative and I'm happy to support it. Please draft a short proposal setting out what "
            "the joint session should achieve and how you'll know whether it's working, so it doesn't drift into being "
            "another meeting. I'll take it to the family help management meeting. Well done for taking the time to "
            "learn from colleagues rather than just referring on."
        ),
    },
    {
        "race_identity": True,
        "trauma": True,
        "wider_system": True,
        "lenses": ("anti_racist", "trauma_informed", "systemic"),
        "indicators": ("act-those-you-work-with-3", "learn-wider-system-1"),
        "summary": (
            "We discussed the mother who has turned down the domestic abuse service three times. We discussed the "
            "practical barriers she may face in using a mainstream service, the supervisee's contact with a local "
            "Bangladeshi women's organisation, and their caseworker who speaks Sylheti. We discussed safety planning "
            "and the risk of re-traumatising her through repeated referrals."
        ),
        "feedback": (
            "You reframed this from lack of insight to a service that wasn't right for her, and that is exactly the "
            "shift we're looking for. Keep the safety plan under close review, because the risk hasn't gone away while "
            "she builds trust. Please make sure any interpreter used for conversations about the abuse is female and "
            "independent of the family, as she asked. I'd like you to share this at the team's Show and Tell."
        ),
    },
    {
        "race_identity": False,
        "trauma": True,
        "wider_system": False,
        "lenses": ("trauma_informed",),
        "indicators": ("act-those-you-work-with-3", "act-those-you-work-with-1"),
        "summary": (
            "We discussed the mother who dreads home visits because a previous worker arrived unannounced and went "
            "straight to the children's bedrooms. We discussed the agreement to give her notice unless there is an "
            "urgent concern, and to let her choose the venue and have her sister present. We discussed how this sits "
            "with the child protection plan's requirement to see the children's rooms."
        ),
        "feedback": (
            "You've found a way to give her back some control while keeping the children safe, which is what "
            "trauma-informed practice asks of us. Make sure the agreement is written down and shared with the core "
            "group so nobody undoes it. The plan still needs us to see the children's rooms, so agree with her how "
            "that will happen. I'm confident you can hold both."
        ),
    },
    {
        "race_identity": True,
        "trauma": False,
        "wider_system": True,
        "lenses": ("anti_racist", "systemic"),
        "indicators": ("learn-wider-system-2", "evaluate-1"),
        "summary": (
            "We discussed the regional Community of Practice and the quarterly review of child protection conference "
            "decisions by ethnicity that another council shared. We discussed how we could pilot this with the IRO "
            "service, what data we already hold, and the risks of reading too much into small numbers."
        ),
        "feedback": (
            "It's great to see you bringing learning back from outside the council, and I support the pilot. Please "
            "think through with the IRO service and the performance team how to make the data meaningful without "
            "drawing conclusions from very small numbers, and how families' own experiences can sit alongside the "
            "figures. Bring a short plan to our next supervision."
        ),
    },
    {
        "race_identity": True,
        "trauma": True,
        "wider_system": False,
        "lenses": ("anti_racist", "trauma_informed"),
        "indicators": ("act-yourself-2", "learn-yourself-2"),
        "summary": (
            "We discussed the partnership meeting at which a colleague from another agency touched the supervisee's "
            "hair. We discussed the impact on her, including the cumulative toll of repeated microaggressions, her "
            "decision to speak to the colleague directly, and what support she wants. We discussed her experience of "
            "often being the only Black manager in the room."
        ),
        "feedback": (
            "Thank you for trusting me with this. What happened was a microaggression, and it is not your job to "
            "absorb it or to educate others. I'm glad the conversation with your colleague went well, but it should "
            "never have been needed. I will raise the wider pattern with the partnership board, and I'll check with "
            "you first about how. Please tell me if it happens again, and consider the Global Majority staff network "
            "or the wellbeing offer if either would help."
        ),
    },
    {
        "race_identity": False,
        "trauma": True,
        "wider_system": True,
        "lenses": ("trauma_informed", "systemic"),
        "indicators": ("think-wider-system-2", "learn-wider-system-1"),
        "summary": (
            "We discussed the 15-year-old boy who is being criminally exploited and the supervisee's learning from a "
            "charity's session on exploitation. We discussed the language in the section 47 report, the violence he "
            "has experienced, and how the police and the youth justice service see him. We agreed to review the report "
            "together."
        ),
        "feedback": (
            "You've recognised that phrases like 'choosing to associate' put the responsibility on a child who is "
            "being groomed, and changing them matters for how every agency sees him. Please request a multi-agency "
            "exploitation meeting and check that a National Referral Mechanism referral has been considered. He is a "
            "victim first. And please talk to me if the violence he describes is affecting you."
        ),
    },
    {
        "race_identity": True,
        "trauma": False,
        "wider_system": False,
        "lenses": ("anti_racist",),
        "indicators": ("think-those-you-work-with-1", "act-those-you-work-with-2"),
        "summary": (
            "We discussed the child's foster placement and how her faith and cultural needs are met. We discussed the "
            "supervisee's conversation with the child and her carers about halal food, prayer, Ramadan and spending "
            "Eid with her aunt, and updating the placement plan with that detail. We also discussed her hair and skin "
            "care."
        ),
        "feedback": (
            "This is a lovely piece of work. You asked her what her faith means to her rather than assuming, and the "
            "carers now have something practical to work with. Please update the placement plan and the care plan so "
            "this doesn't get lost if you move on. Check in with her in a couple of months to see whether it's working "
            "in practice, not just on paper."
        ),
    },
    {
        "race_identity": False,
        "trauma": False,
        "wider_system": True,
        "lenses": ("systemic",),
        "indicators": ("act-wider-system-2", "act-those-you-work-with-2"),
        "summary": (
            "We discussed the parenting course the mother has missed four times. We discussed the travel time, the "
            "cost and the lack of childcare, and whether her non-attendance has been recorded fairly. We discussed the "
            "supervisee's search for a local course with a crèche, and raising travel costs at the child in need "
            "review."
        ),
        "feedback": (
            "Good spot. We were at risk of recording non-attendance as non-engagement when the plan itself was the "
            "problem. Please correct the record so the next person reading the file has the full picture. When you "
            "draft any plan, ask the family what would get in the way before it is agreed. I'd like you to share this "
            "example at the team meeting; I suspect it isn't the only plan like this."
        ),
    },
    {
        "race_identity": True,
        "trauma": False,
        "wider_system": True,
        "lenses": ("anti_racist", "systemic"),
        "indicators": ("think-wider-system-2", "think-those-you-work-with-1", "act-wider-system-2"),
        "summary": (
            "We discussed the family living in a damp flat with mould in the children's bedrooms. We discussed the "
            "referral's description of poor home conditions, the difference between poverty and neglect, and the "
            "supervisee's letters to the housing association. We discussed the children's asthma and the mother's "
            "experience, as a Black single parent, of being repeatedly dismissed by services."
        ),
        "feedback": (
            "You looked beyond the referral and saw a family struggling with poverty and poor housing rather than a "
            "neglectful parent. That matters. Keep holding the possibility of real concerns alongside it; we need to "
            "be curious, not only sympathetic. If the housing association hasn't responded within ten working days, "
            "escalate it to me and I'll take it to the housing partnership meeting. Mum's experience of being "
            "dismissed is important, so record it in her words."
        ),
    },
    {
        "race_identity": False,
        "trauma": True,
        "wider_system": False,
        "lenses": ("trauma_informed",),
        "indicators": ("learn-yourself-1", "evaluate-1"),
        "summary": (
            "We discussed the supervisee's work with a young person who self-harms, and the gaps she has identified in "
            "her knowledge of how trauma presents in adolescents. We discussed the safety plan, the young person's "
            "CAMHS involvement, and the supervisee's place on the trauma-informed practice training."
        ),
        "feedback": (
            "Recognising what you don't know is a strength, not a weakness, and I'm glad you've booked the training. "
            "In the meantime please use the clinician's consultation slot; you don't need to wait until March. Look "
            "after yourself too: self-harm work can be distressing, and it's fine to bring that here. Let's review the "
            "safety plan together next week."
        ),
    },
    {
        "race_identity": True,
        "trauma": False,
        "wider_system": False,
        "lenses": ("anti_racist",),
        "indicators": ("act-yourself-1", "evaluate-2"),
        "summary": (
            "We discussed the supervisee's request for a Black colleague to read her assessment of a Mixed White and "
            "Black African family. We discussed the difference in the language she had used about the father's and the "
            "mother's families, the changes she made, and the extra work this kind of request places on Black "
            "colleagues."
        ),
        "feedback": (
            "It's good that you sought challenge, and you were thoughtful in how you asked. I'd like you to build this "
            "scrutiny into your own practice too, so it doesn't always fall to Global Majority colleagues; the peer "
            "audit group and the practice forum are good places for that. The change you made to the assessment was "
            "right. Let's check whether the recommendation needs revisiting as well."
        ),
    },
    {
        "race_identity": True,
        "trauma": True,
        "wider_system": False,
        "lenses": ("anti_racist", "trauma_informed"),
        "indicators": ("think-those-you-work-with-3", "act-those-you-work-with-2"),
        "summary": (
            "We discussed the family group conference for a Black Caribbean family at which the mother asked for her "
            "godmother and two aunties who are not blood relatives to be invited. We discussed the supervisee's "
            "assumptions about family structure, the strength of the plan the family made, and the grandmother's "
            "distrust of children's services, which may reflect intergenerational trauma from her own family's "
            "experience decades ago."
        ),
        "feedback": (
            "This is a great example of the family leading and us following. You listened when Mum challenged you, and "
            "the plan is stronger for it. Take the grandmother's distrust seriously as a response to real history, and "
            "be patient with it. Please make sure the network's roles are written into the plan, with the family's "
            "agreement, so they survive any change of worker."
        ),
    },
    {
        "race_identity": False,
        "trauma": False,
        "wider_system": True,
        "lenses": ("systemic",),
        "indicators": ("think-wider-system-1", "act-wider-system-1"),
        "summary": (
            "We discussed the supervisee's first weeks in the leaving care team and her day with the housing options "
            "team. We discussed the shortage of suitable properties for care leavers, the agreement to have a named "
            "contact in each team, and how to start housing planning earlier in pathway planning."
        ),
        "feedback": (
            "You've settled into the team quickly and you're already improving how we work with housing. Please write "
            "up the named-contact arrangement so the whole team can use it. I'd also encourage you to start housing "
            "conversations with young people at 16, not at 17 and a half. At your three-month review let's look at "
            "whether young people are having to repeat their story less often."
        ),
    },
    {
        "race_identity": True,
        "trauma": False,
        "wider_system": False,
        "lenses": ("anti_racist",),
        "indicators": ("learn-yourself-2", "think-yourself-1"),
        "summary": (
            "We discussed the supervisee's learning from the anti-racism reading group and her discomfort with the "
            "idea of White privilege, given her own experience of growing up in poverty. We discussed how that "
            "defensiveness shows up in team discussions and how she might stay with it."
        ),
        "feedback": (
            "I really valued how honest you were today. Both things can be true: your childhood was hard, and your "
            "skin colour wasn't one of the things that made it harder. Noticing the defensiveness is the important "
            "part. Next time it comes up in a team discussion, try asking a question instead of making your point, and "
            "see what happens. I'd be interested to hear how it goes."
        ),
    },
    {
        "race_identity": False,
        "trauma": True,
        "wider_system": False,
        "lenses": ("trauma_informed",),
        "indicators": ("act-those-you-work-with-1", "evaluate-1"),
        "summary": (
            "We discussed the PLO meeting and the mother's description of it as a court before the court. We discussed "
            "how the setting, the number of professionals and the language used may have felt threatening to her given "
            "her history of abuse, and what the supervisee might do differently before the next meeting."
        ),
        "feedback": (
            "I appreciated that you set out what a good outcome would look like beforehand and then honestly compared "
            "it with what happened. That's the kind of evaluation we want to see. Meeting her before the next meeting "
            "to explain who will be there is a good idea. Please also think about the room, the seating and whether "
            "she can take a break. Small things make a big difference when someone is frightened."
        ),
    },
    {
        "race_identity": True,
        "trauma": True,
        "wider_system": True,
        "lenses": ("anti_racist", "trauma_informed", "systemic"),
        "indicators": ("act-those-you-work-with-3", "act-wider-system-1", "learn-those-you-work-with-1"),
        "summary": (
            "We discussed the two Roma families the team is working with and the colleague from the disabled "
            "children's team who has used a cultural mediator alongside an interpreter. We discussed the families' "
            "past experiences of authorities, which may make our visits frightening, how we might commission a "
            "mediator, and how to agree roles with the interpreting service."
        ),
        "feedback": (
            "Thank you for seeking this out. A cultural mediator could help, but be careful that it supports your "
            "relationship with each family rather than replacing it, and that the families agree to it. Please ask "
            "each family what would help them feel safe with us. I'll speak to commissioning about funding. Please "
            "also arrange for your colleague to speak at the next team meeting."
        ),
    },
    {
        "race_identity": False,
        "trauma": False,
        "wider_system": True,
        "lenses": ("systemic",),
        "indicators": ("evaluate-2", "act-those-you-work-with-2"),
        "summary": (
            "We discussed the thin feedback from families at the end of early help and the supervisee's idea of asking "
            "parent peer volunteers to gather it instead. We discussed what families said about our letters and the "
            "plan to rewrite them with two parents, and how this fits with the service's participation strategy."
        ),
        "feedback": (
            "This is a good example of listening to families and doing something with what they tell us. Please make "
            "sure the parent volunteers are supported and paid for their time in line with our participation policy. "
            "Let's also find out whether the new letters make a difference, perhaps by asking the next twenty families "
            "what they thought. Well done for not accepting 'fine' as an answer."
        ),
    },
    {
        "race_identity": True,
        "trauma": True,
        "wider_system": False,
        "lenses": ("anti_racist", "trauma_informed"),
        "indicators": ("think-those-you-work-with-2", "think-yourself-1"),
        "summary": (
            "We discussed the supervisee's reaction to a Black African mother who is expressive and direct, and his "
            "worry that he had recorded her as volatile. We discussed the 'angry Black woman' stereotype and how it "
            "can shape professional judgements, and her experience of domestic abuse, which makes her wary of men in "
            "authority."
        ),
        "feedback": (
            "You caught something important in yourself, and you've already checked your recording. Stay curious about "
            "where your discomfort comes from. Given her history, the fact that you are a man may matter here as much "
            "as anything, so ask her whether she'd feel more comfortable with a co-worker present. I'd like you to "
            "look back at two of your other assessments with the same question in mind."
        ),
    },
    {
        "race_identity": True,
        "trauma": False,
        "wider_system": True,
        "lenses": ("anti_racist", "systemic"),
        "indicators": ("learn-wider-system-2", "evaluate-1"),
        "summary": (
            "We discussed the supervisee's learning from another council's anti-racism programme that did not measure "
            "its impact. We discussed our own data on PLO and section 47 decisions by ethnicity, the "
            "disproportionality already visible for Black Caribbean and Mixed White and Black Caribbean children, and "
            "how to share the data with the team."
        ),
        "feedback": (
            "This is exactly the challenge we need: good intentions without measurement won't change outcomes for "
            "children. Please work with the performance team to produce the baseline before the next phase of "
            "training. Be careful with small numbers and present the data with context. Let's share it with the team "
            "together, because it may be uncomfortable for some people to hear, and I want to hold that discomfort "
            "with you."
        ),
    },
    {
        "race_identity": True,
        "trauma": True,
        "wider_system": False,
        "lenses": ("anti_racist", "trauma_informed"),
        "indicators": ("think-those-you-work-with-2", "act-those-you-work-with-3"),
        "summary": (
            "We discussed the supervisee's change to booking an interpreter by default for first meetings. We "
            "discussed the mother's choice of a female Kurdish Sorani interpreter, the traumatic experiences she has "
            "since shared, and how to keep the same interpreter for future visits."
        ),
        "feedback": (
            "Changing your default was simple but powerful, and it shows how much we miss when families have to prove "
            "they need help to be understood. Please try to keep the same interpreter, as Mum has now shared painful "
            "experiences with her in the room. Remember the interpreter may also be affected by what she hears, so "
            "check in with her afterwards. I'd like you to share this change with the team."
        ),
    },
    {
        "race_identity": True,
        "trauma": True,
        "wider_system": False,
        "lenses": ("anti_racist", "trauma_informed"),
        "indicators": ("think-those-you-work-with-1", "act-those-you-work-with-1"),
        "summary": (
            "We discussed an 8-year-old girl of Mixed White and Black Caribbean heritage placed with White foster "
            "carers, and her upset about how her hair is cared for. We discussed her identity and sense of belonging "
            "in the placement and at school, and how her early experience of neglect may make physical care, such as "
            "hair washing, hard for her."
        ),
        "feedback": (
            "You picked up something that could easily have been dismissed as a fuss at bath time. Hair and skin care "
            "are part of her identity and her sense of being cared for, and given her history, being handled needs to "
            "feel safe. Please agree a plan with the carers and their supervising social worker, and ask her who she "
            "would like to help. I'd like the placement plan updated by our next supervision."
        ),
    },
    {
        "race_identity": False,
        "trauma": True,
        "wider_system": False,
        "lenses": ("trauma_informed",),
        "indicators": ("act-those-you-work-with-3", "evaluate-1"),
        "summary": (
            "We discussed the 15-year-old girl in residential care who has refused to attend her last two reviews. We "
            "discussed how the reviews may remind her of the meetings held when she was first removed from home, and "
            "the choices the supervisee could offer, such as meeting the IRO beforehand, writing down her views, or "
            "attending for part of the meeting."
        ),
        "feedback": (
            "It's good that you're treating her absence as communication rather than defiance. Offer her real choices, "
            "including ones that might feel unusual to us, and let her know that not attending won't mean her views "
            "are ignored. Please talk to the IRO about holding part of the review somewhere she feels comfortable. Ask "
            "her afterwards what worked, so we can learn from it."
        ),
    },
    {
        "race_identity": True,
        "trauma": False,
        "wider_system": False,
        "lenses": ("anti_racist",),
        "indicators": ("think-yourself-2", "act-yourself-2"),
        "summary": (
            "We discussed the supervisee's reflection that she tends to go quiet in team meetings when colleagues make "
            "comments about accents or about 'these families'. We discussed her position as a newly qualified social "
            "worker, the burden silence places on Black colleagues in the team, and phrases she could use to pause a "
            "conversation."
        ),
        "feedback": (
            "Thank you for raising this with me; it tells me I need to look at the culture of our team meetings, and I "
            "will. You don't need to be experienced to say 'can we pause on that?', and I will back you if you do. "
            "Please also tell me when it happens, so it isn't left to you or to Black colleagues. Let's come back to "
            "this in a month and see how it feels."
        ),
    },
)

# Actions agreed in supervision, addressed to the supervisee.
AGREED_ACTIONS: tuple[dict, ...] = (
    {
        "indicators": ("think-those-you-work-with-2", "act-those-you-work-with-3"),
        "action": (
            "Book an interpreter for the next visit and ask the family which language, dialect and gender of "
            "interpreter they prefer."
        ),
        "measure": "The booking and the family's preferences are recorded on the case file before the visit.",
    },
    {
        "indicators": ("think-yourself-1",),
        "action": (
            "Revisit the assessment and replace judgemental words such as 'hostile' with descriptions of what you "
            "observed."
        ),
        "measure": "The revised assessment is shared with me before our next supervision, with each change explained.",
    },
    {
        "indicators": ("act-yourself-2", "act-wider-system-1"),
        "action": (
            "Write to the chair of the strategy discussion asking for the minutes to be corrected and the comment "
            "addressed."
        ),
        "measure": "A reply from the chair and the corrected minutes are on file within two weeks.",
    },
    {
        "indicators": ("act-wider-system-2", "think-wider-system-2"),
        "action": (
            "Refer the family to the NRPF team and to an independent immigration adviser, with the father's consent."
        ),
        "measure": (
            "Both referrals are recorded, and the father confirms at the next visit that he has heard from each of "
            "them."
        ),
    },
    {
        "indicators": ("act-wider-system-2",),
        "action": "Apply to the discretionary fund for winter clothing and arrange a benefits check for the family.",
        "measure": (
            "The outcome of the application and the benefits check are recorded before the child in need review."
        ),
    },
    {
        "indicators": ("think-those-you-work-with-3",),
        "action": "Arrange a family network meeting to widen the support around the kinship carer.",
        "measure": "The meeting is held within six weeks and at least two more people agree to specific roles.",
    },
    {
        "indicators": ("act-those-you-work-with-2",),
        "action": "Go through the child in need plan with the family line by line and add the actions they want.",
        "measure": "The revised plan includes the family's priorities in their own words and is agreed at the review.",
    },
    {
        "indicators": ("act-those-you-work-with-1",),
        "action": (
            "Meet the mother before the child protection conference to explain who will attend and what will happen."
        ),
        "measure": (
            "The mother says at the conference that she knew what to expect, and the chair notes this in the minutes."
        ),
    },
    {
        "indicators": ("act-yourself-2",),
        "action": (
            "Practise two phrases for challenging racist or culturally inappropriate comments, and use them when "
            "needed."
        ),
        "measure": "You bring an example of using one, or of a missed opportunity, to our next supervision.",
    },
    {
        "indicators": ("evaluate-1",),
        "action": "Add a standing item to the core group agenda asking whether the plan is still right for the child.",
        "measure": (
            "The item appears in the next three sets of core group minutes, with any changes to the plan recorded."
        ),
    },
    {
        "indicators": ("evaluate-2",),
        "action": (
            "With the family's consent, ask the faith leader and the Saturday school the children attend for their "
            "views."
        ),
        "measure": "Their views are recorded in the updated assessment and weighed in the analysis.",
    },
    {
        "indicators": ("think-those-you-work-with-1",),
        "action": (
            "Complete the strengths and identity section of the assessment with the young person, in his own words."
        ),
        "measure": "The section is complete before the review, and the young person has seen and agreed it.",
    },
    {
        "indicators": ("learn-yourself-1",),
        "action": (
            "Book onto the trauma-informed practice training and use the clinical consultation slot in the meantime."
        ),
        "measure": (
            "The training is booked by the end of the month and a consultation has taken place before our next "
            "supervision."
        ),
    },
    {
        "indicators": ("learn-yourself-2",),
        "action": "Join the anti-racism reading group and bring one thing you have learned to our next supervision.",
        "measure": (
            "You attend at least two sessions this quarter and we discuss how the learning shaped a piece of your "
            "work."
        ),
    },
    {
        "indicators": ("learn-those-you-work-with-1",),
        "action": (
            "Invite your colleague from the disabled children's team to talk at our team meeting about using a "
            "cultural mediator."
        ),
        "measure": "The session takes place this quarter and the team decides whether to try the approach.",
    },
    {
        "indicators": ("learn-wider-system-1",),
        "action": "Contact the local Bangladeshi women's organisation to agree a referral route and a named contact.",
        "measure": "A named contact is recorded and the first referral is made with the mother's consent.",
    },
    {
        "indicators": ("learn-wider-system-2",),
        "action": (
            "Attend the next regional Community of Practice session and bring back the conference decisions review "
            "template."
        ),
        "measure": "The template is shared with the IRO service and a pilot date is agreed within two months.",
    },
    {
        "indicators": ("act-those-you-work-with-3",),
        "action": (
            "Offer the mother the choice of meeting at home or at the children's centre, and of having her sister "
            "present."
        ),
        "measure": "Her choices are recorded in the case notes and the agreement is shared with the core group.",
    },
    {
        "indicators": ("think-those-you-work-with-1", "act-those-you-work-with-1"),
        "action": "Update the placement plan with specific detail about the child's faith, diet, hair and skin care.",
        "measure": (
            "The updated plan is on file and the carers confirm to their supervising social worker that they "
            "understand it."
        ),
    },
    {
        "indicators": ("act-wider-system-2",),
        "action": (
            "Amend the case record to show that the mother's missed parenting sessions were due to cost and travel."
        ),
        "measure": "The case note is amended and the local alternative course is written into the plan by the review.",
    },
    {
        "indicators": ("think-wider-system-2",),
        "action": (
            "Escalate the housing disrepair to me if the housing association has not replied within ten working days."
        ),
        "measure": "Either a repair date is confirmed or the escalation is recorded on file within three weeks.",
    },
    {
        "indicators": ("act-yourself-1",),
        "action": (
            "Review your last six child protection recommendations with me, looking for any pattern by the family's "
            "ethnicity."
        ),
        "measure": (
            "The review is done and discussed in supervision, and any learning is added to your development plan."
        ),
    },
    {
        "indicators": ("think-wider-system-1",),
        "action": "Spend half a day with the MASH team to understand how contacts and referrals are screened.",
        "measure": "You share three things you learned at the next team meeting and use them in your own referrals.",
    },
    {
        "indicators": ("evaluate-2",),
        "action": "Work with the parent peer volunteers to gather end-of-intervention feedback from families.",
        "measure": "At least fifteen families give feedback this quarter and two changes are made as a result.",
    },
    {
        "indicators": ("act-those-you-work-with-3",),
        "action": (
            "Ask the young person how she would like to take part in her next review, and share her choice with the "
            "IRO."
        ),
        "measure": (
            "Her preferred way of contributing is used at the review, and she is asked afterwards whether it worked."
        ),
    },
    {
        "indicators": ("think-those-you-work-with-2",),
        "action": (
            "Ask the interpreter for a short debrief after each session about anything that may have been "
            "misunderstood."
        ),
        "measure": "The debriefs are recorded in the case notes and we discuss them at our next supervision.",
    },
    {
        "indicators": ("act-wider-system-1",),
        "action": "Send the one-page 'who does what' summary to the family and every agency after each core group.",
        "measure": "The summary is on file within two working days of each core group for the next three months.",
    },
    {
        "indicators": ("think-those-you-work-with-3", "act-those-you-work-with-2"),
        "action": "Invite the godmother and the two aunties the mother named to the family group conference review.",
        "measure": "They attend or send their views, and their roles are written into the family plan.",
    },
)

# What a supervisee adds when acknowledging a supervision record.
SUPERVISEE_COMMENTS: tuple[str, ...] = (
    (
        "I agree with the record. It was a hard conversation but a useful one, and I feel clearer about what to do "
        "next with the family."
    ),
    (
        "Agreed. I'd add that the school DSL has since been in touch and is keen to meet, so I think things are moving "
        "in the right direction."
    ),
    (
        "I agree with the actions, but I want to note that the interpreter booking system has let me down twice this "
        "month. It isn't always possible to get the right language and dialect at short notice."
    ),
    (
        "Happy with this summary. Thank you for backing me on the strategy discussion; it made a real difference "
        "knowing I wasn't on my own."
    ),
    (
        "I agree with most of this. I see the parenting course slightly differently: Mum missed some sessions for "
        "reasons that had nothing to do with cost, and I don't want the record to swing too far the other way."
    ),
    (
        "An accurate record. I've already booked the trauma-informed training for March and I'll use the consultation "
        "slot next week."
    ),
    (
        "I'd like to add that the young person chose some of these actions himself, including the football club. "
        "Otherwise agreed."
    ),
    (
        "I respectfully disagree that the grandmother's distrust should be the main focus. I think the bigger issue "
        "for the children is the housing, and I'd like us to come back to that next time."
    ),
    "Agreed. Seeing it written down has helped me notice that I go quiet in meetings more often than I'd realised.",
    (
        "Agreed, and thank you. It helped to talk about the incident at the partnership meeting. I'm not ready for "
        "anything formal, but I appreciate you raising the pattern."
    ),
    (
        "This reflects our discussion. Since supervision I've spoken to the care coordinator again and she has "
        "confirmed she'll join the next core group by phone."
    ),
    "Agreed. I'll need some help with the data on PLO decisions, as I'm not confident with the performance reports.",
    (
        "I agree with the summary, but the caseload pressure we talked about isn't captured. I'd like it recorded, "
        "because it's affecting how often I can visit."
    ),
    "Happy with the record. I'm still anxious about the conference, but I feel better prepared after today.",
    (
        "Agreed. For accuracy, please make sure the case record uses the family's own description of their ethnicity "
        "and faith, which I've now confirmed with them."
    ),
    (
        "I agree with the actions. The challenge in the allocation meeting felt uncomfortable at the time, but I'm "
        "glad we talked it through."
    ),
    (
        "Mostly agreed. I don't think the mother is ready for a family network meeting yet. I'd like to talk it "
        "through with her first and agree the timing with her."
    ),
    (
        "Thank you. This was a supportive supervision and the feedback felt fair, including the parts that were harder "
        "to hear."
    ),
    "Agreed. I've added the kinship carer's finances to the review agenda so they don't get lost.",
    (
        "I agree, and I'd add that the young person has asked for a female interpreter for the age assessment "
        "interview, which I'll arrange."
    ),
    (
        "Record agreed. I'm still thinking about what you said about my defensiveness and would like to come back to "
        "it next time."
    ),
    "I accept the record, but I did challenge the comment afterwards, privately, and I'd like that to be reflected.",
)

# Why a commitment was dropped.
DROPPED_REASONS: tuple[str, ...] = (
    "The case closed before I could complete this.",
    "The case transferred to another team; I have handed this action over to the new worker.",
    "Replaced by a more specific action we agreed in supervision.",
    "The family asked me not to contact their faith leader, and I have respected that.",
    "The course was cancelled and has not been rescheduled this year.",
    "The young person moved to a placement out of borough and is now supported by another worker.",
    "No longer relevant now the child protection plan has ended.",
    "Merged into a team-wide action that my manager is leading.",
    "I have moved to a new role, so this no longer applies to my work.",
    "On reflection it was too broad to measure; I have replaced it with two smaller commitments.",
)
