using static CourseHub.Domain.Catalog.CourseLevel;

namespace CourseHub.Api.Features.Seeding;

// The demo's business, marketing and productivity courses.
public static partial class DemoCatalog
{
    private static DemoCourse[] BusinessAndMarketing() =>
    [
        new("Startup Finance Fundamentals", "Cash flow, unit economics and fundraising for founders", "business", Beginner, 3999, Daniel,
            """
            Most startups do not fail because the product is bad; they run out of cash. This course gives founders the finance they actually need: reading the three financial statements, working out unit economics, building a simple budget and runway model, and preparing for conversations with investors and your board.

            ## Who this course is for
            - Founders and early employees without a finance background
            - Engineers and designers thinking of starting a company
            """,
            ["Read an income statement, balance sheet and cash-flow statement",
             "Calculate customer acquisition cost, lifetime value and payback period",
             "Build a monthly budget and runway model in a spreadsheet",
             "Prepare the numbers investors and boards ask for"],
            ["No finance background needed", "A spreadsheet program"],
            [
                Module("Financial statements",
                    Text("Profit is not cash", 12, """
                        The income statement says whether you made a profit over a period: revenue minus costs. The balance sheet is a snapshot of what the company owns and owes on one day. The cash-flow statement shows where the money actually went — and it is the one that decides whether you can pay salaries next month.

                        A company can be profitable and still run out of cash. Sign a large annual contract that the customer pays in ninety days, hire two people to deliver it, and your income statement looks wonderful while the bank account empties.

                        That is why founders watch cash weekly. In the workbook you will build a thirteen-week cash forecast from a real-looking bank export.
                        """),
                    Workbook()),
                Module("Unit economics and budgeting",
                    Text("Unit economics", 14, """
                        Customer acquisition cost (CAC) is what you spend in sales and marketing to win one customer. Lifetime value (LTV) is the gross margin a customer brings before they leave. If LTV is not comfortably above CAC — three times is a common rule of thumb — growing faster only loses money faster.
                        """),
                    Text("Runway", 10, """
                        Runway is cash divided by monthly net burn. Model it monthly for eighteen months with three scenarios — plan, slower sales, no new funding — and decide in advance what you would cut in each.
                        """)),
                Module("Fundraising and board reporting",
                    Text("Talking to investors", 13, """
                        Investors want to see that you understand your numbers better than they do: growth, retention, margins, burn and the milestones the next round will reach. Send your board the same short monthly update whether the month was good or bad; trust is built in the bad months.
                        """),
                    Quiz("Check your understanding",
                        Choice("Which statement shows where the money actually went?", "The cash-flow statement", "The income statement", "The balance sheet", "The cap table"),
                        Choice("How is runway calculated?", "Cash divided by monthly net burn", "Revenue divided by costs", "LTV divided by CAC", "Funding raised divided by headcount"),
                        FillIn("What is the abbreviation for the cost of winning one customer?", "CAC"))),
            ]),

        new("Leading Remote Teams", "Trust, rituals and communication for distributed teams", "business", All, 2999, Daniel,
            """
            Remote work removes the commute and the office, and with them the hallway conversations that quietly held teams together. This course shows how to replace them on purpose: writing things down, choosing synchronous and asynchronous communication deliberately, meetings that are worth it, fair performance conversations and a culture people feel part of.

            ## Who this course is for
            - Team leads and managers of remote or hybrid teams
            - Founders building a distributed company
            """,
            ["Set up a written-first way of working with clear decision records",
             "Choose between synchronous and asynchronous communication",
             "Run effective one-to-ones, stand-ups and retrospectives remotely",
             "Give feedback and assess performance fairly across time zones"],
            ["Some experience working in a team"],
            [
                Module("Remote foundations",
                    Text("Write it down", 11, """
                        In an office, information spreads by accident: someone overhears a decision at lunch. Remotely, information spreads only when someone writes it down. The best remote teams are written-first: proposals, decisions and their reasons live in documents anyone can find, not in a video call that half the team missed.

                        Start small. Keep a decision log with the date, the decision, who made it and why. Within a month, "why did we do this?" becomes a search instead of a meeting.
                        """),
                    Workbook()),
                Module("Communication and rituals",
                    Text("Synchronous or asynchronous?", 11, """
                        Use asynchronous channels — documents, threads, recorded demos — for updates and proposals, and keep live calls for what needs them: conflict, brainstorming, bad news and getting to know each other. State the response time you expect, so nobody feels they must answer within minutes.
                        """),
                    Text("Meetings worth having", 11, """
                        Every recurring meeting needs an owner, an agenda shared in advance and written notes afterwards. Rotate meeting times when the team spans many time zones, so the same people are not always on calls at night.
                        """)),
                Module("Performance and culture",
                    Text("Feedback at a distance", 12, """
                        Judge outcomes, not online status. Agree on goals together, review them regularly in one-to-ones, and give feedback early and specifically. Culture grows from small repeated habits: a team channel for non-work talk, celebrating shipped work, and meeting in person a few times a year.
                        """),
                    Quiz("Check your understanding",
                        Choice("What does a written-first team do with decisions?", "Records them with their reasons where anyone can find them", "Makes them only in live calls", "Lets each person decide alone", "Keeps them private to managers"),
                        Choice("Which topic usually deserves a live conversation?", "A conflict between two colleagues", "A weekly status update", "A link to a document", "Meeting notes"),
                        Choice("How should performance be judged in a remote team?", "By agreed outcomes", "By hours online", "By the number of messages sent", "By camera time in meetings"))),
            ]),

        new("Project Management with Scrum", "Plan, run and improve sprints that deliver", "business", Beginner, 0, Daniel,
            """
            Scrum is a simple framework for delivering complex work in short cycles and learning as you go. This free course explains its roles, events and artefacts in plain language and, more importantly, how to make them useful rather than ceremonial — from writing a good backlog item to running a retrospective that changes something.

            ## Who this course is for
            - New product owners, Scrum Masters and team members
            - Anyone whose team "does Scrum" and wonders whether it could work better
            """,
            ["Explain the Scrum roles, events and artefacts and what each is for",
             "Write backlog items with clear acceptance criteria",
             "Plan a sprint around a goal and track progress honestly",
             "Run reviews and retrospectives that lead to real improvements"],
            ["No experience needed"],
            [
                Module("Agile values and Scrum roles",
                    Text("Why short cycles work", 11, """
                        Long projects fail in a predictable way: months of work based on assumptions nobody tested, and then a launch that shows which ones were wrong. Scrum shortens the loop. Every sprint, usually two weeks, ends with a working increment that real people can look at and react to.

                        Three roles share the work. The product owner decides what is most valuable to build next. The developers decide how to build it and how much fits in a sprint. The Scrum Master helps the team and the organisation work this way and removes what gets in the way.
                        """),
                    Workbook()),
                Module("Planning sprints",
                    Text("A backlog item worth building", 10, """
                        A good backlog item says who needs what and why, and how you will know it is done: "As a returning customer I can reorder a past order in one click, so that I save time. Done when the reorder button appears on every past order and creates an identical basket."
                        """),
                    Text("Sprint planning", 11, """
                        Start with a sprint goal — one sentence about the outcome — and pick the items that serve it. Leave slack for the unexpected. A team that finishes everything it planned every sprint is planning too little; one that never does is planning too much.
                        """)),
                Module("Reviews and retrospectives",
                    Text("Inspect and adapt", 11, """
                        In the review, show working software to stakeholders and listen. In the retrospective, ask what helped, what hurt and what to try next — then pick one change, give it an owner and check next time whether it worked.
                        """),
                    Quiz("Check your understanding",
                        Choice("Who decides what is most valuable to build next?", "The product owner", "The Scrum Master", "The most senior developer", "The customer support team"),
                        Choice("What should a sprint end with?", "A working increment people can react to", "A status report", "A detailed plan for the next quarter", "A finished specification"),
                        FillIn("Which Scrum event is for improving how the team works?", "retrospective", "the retrospective", "sprint retrospective"))),
            ]),

        new("Negotiation Masterclass", "Prepare, anchor and close deals with confidence", "business", Intermediate, 4999, Daniel,
            """
            Whether you are selling a contract, hiring, or agreeing a salary, negotiation is a skill you can learn. This course covers the preparation that wins most negotiations before they start, how anchors and concessions work, how to handle objections and hard tactics calmly, and how to close agreements both sides keep.

            ## Who this course is for
            - Founders, salespeople and managers
            - Anyone preparing for a salary or contract negotiation
            """,
            ["Prepare with a clear walk-away alternative and target",
             "Use anchoring and concessions deliberately",
             "Respond to objections and hard-bargaining tactics calmly",
             "Close agreements and write them down so they hold"],
            ["No prior training needed"],
            [
                Module("Preparation",
                    Text("Know your walk-away", 12, """
                        The most important number in a negotiation is one you never say out loud: your walk-away point, based on your best alternative if there is no deal. Negotiators call it the BATNA. A candidate with another offer in hand negotiates very differently from one without, and the other side can feel it.

                        Before any negotiation, write down your alternative, your walk-away point, your target, and what you think the other side's alternative is. Then list what you could trade that costs you little and matters to them.
                        """),
                    Workbook()),
                Module("Anchoring and concessions",
                    Text("The first number", 11, """
                        The first number on the table pulls the whole conversation towards it. When you know the market well, anchor first and ambitiously but defensibly — with a reason. When you do not, let the other side go first and do not react to their anchor as if it were reasonable.
                        """),
                    Text("Trading, not giving", 11, """
                        Never give a concession for nothing: "If we agree to a two-year term, can you move on the price?" Make concessions smaller each time; the shrinking steps signal that you are approaching your limit.
                        """)),
                Module("Objections and closing",
                    Text("Handling pressure", 12, """
                        When the other side uses deadlines, "final offers" or good-cop-bad-cop, name the tactic calmly and return to interests: what do they actually need? Summarise what you agreed before you leave the room and put it in writing the same day.
                        """),
                    Quiz("Check your understanding",
                        Choice("What is a BATNA?", "Your best alternative if there is no agreement", "The first offer you make", "A final deadline", "A kind of contract"),
                        Choice("What should you ask for in return for a concession?", "Something that matters to you", "Nothing, to build goodwill", "An apology", "A shorter meeting"),
                        Choice("How should concessions change as the negotiation goes on?", "They get smaller", "They get larger", "They stay the same size", "They stop completely after the first"))),
            ]),

        new("SEO That Actually Works", "Technical SEO, content and links for sustainable traffic", "marketing", Intermediate, 3999, Daniel,
            """
            Search traffic compounds: a page that ranks today can bring visitors for years. This course skips the tricks and teaches what search engines reward — pages they can crawl and understand, content that answers real questions, and links earned from sites people trust — and how to measure what works.

            ## Who this course is for
            - Marketers, founders and developers responsible for a website's traffic
            - Writers who want their articles to be found
            """,
            ["Explain how search engines crawl, index and rank pages",
             "Fix common technical problems: crawlability, speed and duplicate content",
             "Research keywords by search intent and plan content around them",
             "Earn links and measure results in Search Console"],
            ["A website you can edit, or access to one"],
            [
                Module("How search works",
                    Text("Crawl, index, rank", 12, """
                        A search engine does three things. It crawls: follows links to discover pages. It indexes: reads each page and stores what it is about. It ranks: for every search, orders the indexed pages by how well they answer it, using hundreds of signals from relevance to speed to links.

                        Each step can fail. A page blocked by `robots.txt` is never crawled; one that renders its text only after a slow script may be indexed as empty; one that answers the question worse than others ranks on page five. Good SEO starts by finding which step fails for your pages.
                        """),
                    Workbook()),
                Module("Technical SEO and keywords",
                    Text("Technical basics", 12, """
                        Give every page one clear URL, a unique title and description, and a canonical tag when duplicates are unavoidable. Serve fast pages that work on phones, keep an XML sitemap current, and fix broken links and redirect chains.
                        """),
                    Text("Search intent", 12, """
                        Behind every search is an intent: to learn, to compare, to buy, or to reach a particular site. A page should match the intent of its keyword — a buying guide for "best running shoes", not a product page — or it will not rank, however well it is optimised.
                        """)),
                Module("Content, links and measurement",
                    Text("Earning links", 12, """
                        Links from relevant, trusted sites remain a strong signal. Earn them with material others want to cite: original research, useful tools, clear guides. Measure impressions, clicks and positions in Search Console, and judge changes over weeks, not days.
                        """),
                    Quiz("Check your understanding",
                        Choice("What stops a page from being crawled?", "A disallow rule in robots.txt", "A long title", "Too many images", "A canonical tag pointing to itself"),
                        Choice("A search for \"best running shoes\" is usually…", "a comparison intent", "a navigational intent", "a purely informational intent about feet", "a local intent"),
                        FillIn("Which tag tells search engines the preferred URL among duplicates?", "canonical", "rel=canonical", "canonical tag"))),
            ]),

        new("Content Marketing Playbook", "Plan, write and distribute content that converts", "marketing", Beginner, 0, Daniel,
            """
            Content marketing is publishing things your future customers find genuinely useful, so they come to trust you before they need you. This free playbook shows how to set a strategy, research an audience, write clearly, distribute beyond your own blog and measure whether any of it brings customers.

            ## Who this course is for
            - Founders and small marketing teams
            - Writers and subject experts asked to "do some content"
            """,
            ["Set a content strategy tied to business goals",
             "Research what your audience asks and where they look",
             "Write clear, useful articles and newsletters",
             "Distribute content and measure its effect on sign-ups and sales"],
            ["No experience needed"],
            [
                Module("Strategy",
                    Text("Content with a purpose", 10, """
                        Content without a goal becomes a blog nobody reads. Start from the business: who buys from you, what problem they have before they buy, and what they need to believe to choose you. Each piece of content should help one of those people take one step.

                        Pick two or three topics you can cover better than anyone else — usually where your team has real experience — and publish on a schedule you can keep for a year. Consistency beats bursts of enthusiasm.
                        """),
                    Workbook()),
                Module("Audience and writing",
                    Text("Finding the questions", 10, """
                        Read your support tickets and sales call notes, search forums and communities, and look at what people type into search engines. The exact words customers use make the best titles.
                        """),
                    Text("Writing clearly", 11, """
                        Lead with the answer, then explain. Use short paragraphs, concrete examples and headings someone can skim. Cut every sentence that does not help the reader do or understand something.
                        """)),
                Module("Distribution and measurement",
                    Text("Beyond publishing", 11, """
                        Publishing is half the work. Send each piece to your newsletter, adapt it for the social channels your audience uses, and share it where the question was asked. Measure what each piece leads to — sign-ups, demo requests, sales — not just page views.
                        """),
                    Quiz("Check your understanding",
                        Choice("Where should a content strategy start?", "From the business goal and the customer's problem", "From the most popular topics on social media", "From a list of keywords only", "From the design of the blog"),
                        Choice("What usually makes the best article titles?", "The exact words customers use", "Clever puns", "Internal product names", "As many keywords as possible"),
                        Choice("Which measure says most about content marketing's value?", "Sign-ups and sales it leads to", "Page views alone", "Number of articles published", "Time spent writing"))),
            ]),

        new("Email Marketing Automation", "Segments, sequences and deliverability done right", "marketing", Intermediate, 2999, Daniel,
            """
            Email is still the channel with the best return for most businesses — when it is relevant and it arrives. This course covers building a list with consent, segmenting it, writing automated sequences such as onboarding and win-back, getting past spam filters with SPF, DKIM and DMARC, and reading the numbers that matter.

            ## Who this course is for
            - Marketers and founders running email campaigns
            - Product teams building onboarding emails
            """,
            ["Grow a list with clear consent and keep it clean",
             "Segment subscribers by behaviour and interest",
             "Write automated onboarding, nurture and win-back sequences",
             "Set up SPF, DKIM and DMARC and monitor deliverability"],
            ["An email service provider account, or a plan to choose one"],
            [
                Module("List building",
                    Text("Permission first", 11, """
                        An email list is only valuable if people asked to be on it. Offer something worth subscribing for, say plainly what you will send and how often, and confirm the address with a double opt-in. A smaller list of people who want your email beats a large one that marks you as spam.

                        Remove addresses that bounce and, after a re-engagement attempt, people who have not opened anything in months. It feels like losing subscribers; it is what keeps your emails out of the spam folder for everyone else.
                        """),
                    Workbook()),
                Module("Segments and sequences",
                    Text("Segmentation", 10, """
                        Segment by what people do, not only by who they are: new sign-ups, active users, customers who bought once, people who clicked a particular topic. Each segment gets the messages that fit its situation.
                        """),
                    Text("Automated sequences", 12, """
                        An onboarding sequence sends a welcome at once, then a handful of emails that each help the user reach one milestone, and stops as soon as they reach it. A win-back sequence asks lapsed customers what changed before offering a discount.
                        """)),
                Module("Deliverability and analytics",
                    Text("Arriving in the inbox", 12, """
                        Publish SPF and DKIM records for your sending domain and a DMARC policy that tells receivers what to do with mail that fails them. Watch bounces and spam complaints; open rates are unreliable since mail apps load images in advance, so judge campaigns by clicks and conversions.
                        """),
                    Quiz("Check your understanding",
                        Choice("What does double opt-in mean?", "The subscriber confirms their address by clicking a link", "The subscriber signs up twice", "Two companies share the list", "Every email is sent twice"),
                        Choice("Why are open rates unreliable today?", "Mail apps load images in advance", "Nobody opens email any more", "Providers hide all data", "They are only counted on desktops"),
                        Multiple("Which DNS records help your mail pass authentication checks?", ["SPF", "DKIM", "DMARC"], ["CNAME for www", "MX of the recipient"]))),
            ]),

        new("Deep Work and Focus", "Productivity habits for knowledge workers", "personal-development", Beginner, 0, Daniel,
            """
            The work that moves a career or a company forward — writing, designing, solving hard problems — needs long stretches of undivided attention, and modern workplaces are built to interrupt it. This free course shows how to plan your week around focus, build rituals that make starting easy, and tame notifications and meetings without becoming unreachable.

            ## Who this course is for
            - Developers, writers, designers and anyone whose work needs concentration
            - Managers who want their team to have time to think
            """,
            ["Plan a week with protected blocks of focused work",
             "Build start-up and shut-down rituals for deep work",
             "Reduce interruptions from notifications, chat and meetings",
             "Keep the habits going when work gets busy"],
            ["No requirements"],
            [
                Module("Why focus matters",
                    Text("The cost of switching", 10, """
                        Every switch between tasks leaves part of your attention behind on the previous one. Check chat "for a second" in the middle of writing and it takes many minutes to get back to the depth you had. A day of constant small interruptions feels busy and produces little.

                        Deep work is the opposite: ninety minutes or more on one demanding task with every distraction out of reach. Most people can manage two to four hours of it a day. Protect those hours and the rest of the job fits around them.
                        """),
                    Workbook()),
                Module("Planning and rituals",
                    Text("Plan the week", 9, """
                        On Friday afternoon, put next week's focus blocks in your calendar like meetings, at the time of day you think best. Decide in advance what each block is for, so you start working instead of choosing.
                        """),
                    Text("Rituals", 9, """
                        Start each block the same way: close chat, put the phone in another room, open only what the task needs, write the first small step. End the day with a shut-down ritual that lists what is unfinished, so your mind can let go of it.
                        """)),
                Module("Managing distraction",
                    Text("Notifications and meetings", 10, """
                        Turn off every notification that is not from a person who needs you now. Batch chat and email into a few set times. Suggest meeting-free mornings to your team; it is often the change that helps everyone most.
                        """),
                    Quiz("Check your understanding",
                        Choice("Why is a day of small interruptions unproductive?", "Each switch leaves attention behind on the previous task", "Interruptions are always about unimportant things", "Chat tools are slow", "It is not unproductive"),
                        Choice("When should next week's focus blocks be planned?", "In advance, for example on Friday", "Each morning as the day unfolds", "Only after all meetings are booked", "Never; focus cannot be planned"),
                        Choice("What does a shut-down ritual help with?", "Letting go of unfinished work at the end of the day", "Working later", "Answering email faster", "Skipping breaks"))),
            ]),
    ];
}
