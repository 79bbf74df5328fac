using static CourseHub.Domain.Catalog.CourseLevel;

namespace CourseHub.Api.Features.Seeding;

// The demo's language, speaking, music, fitness and science courses.
public static partial class DemoCatalog
{
    private static DemoCourse[] LanguagesAndMore() =>
    [
        new("Public Speaking Without Fear", "Structure talks and deliver them with presence", "personal-development", All, 2499, Priya,
            """
            Almost everyone is nervous before speaking in public, including people who do it every week. The difference is that they have a method. This course gives you one: how to work with nerves instead of against them, how to structure a talk people remember, how to tell stories, use your voice and body, and handle questions.

            ## Who this course is for
            - Engineers, students and professionals preparing a presentation or a first conference talk
            - Anyone who avoids speaking up in meetings
            """,
            ["Prepare so that nerves help rather than hinder you",
             "Structure a talk around one clear message",
             "Use stories and examples that make ideas stick",
             "Speak with a steady voice and posture and handle questions calmly"],
            ["No requirements; a phone to record yourself helps"],
            [
                Module("Overcoming nerves",
                    Text("Nerves are energy", 10, """
                        The racing heart and dry mouth before a talk are your body preparing to perform. You cannot switch them off, and you do not need to. What helps is knowing your opening by heart, so the first minute runs on autopilot while the nerves settle.

                        Rehearse out loud, standing, at least three times — silent reading through slides is not rehearsal. Record one run on your phone and watch it once. It is uncomfortable and it is the fastest way to improve.

                        Arrive early, test the equipment and talk to a few people in the audience before you start. Speaking to people you have just met is easier than speaking to strangers.
                        """),
                    Workbook()),
                Module("Structure and stories",
                    Text("One message", 10, """
                        If your audience remembers one sentence, what should it be? Write it down first. Then build the talk around it: an opening that raises the question, three supporting points with examples, and a closing that states the message again.
                        """),
                    Text("Storytelling", 10, """
                        A short story — a situation, a problem, what happened, what changed — holds attention better than any list of facts. Use real, specific details: "a Tuesday night before a release" is more vivid than "once".
                        """)),
                Module("Delivery and questions",
                    Text("Voice, body and questions", 11, """
                        Slow down and pause after key points; silence feels much longer to you than to the audience. Stand still with your weight on both feet and look at one person per sentence. For questions, repeat the question, answer briefly and say "I don't know, I'll find out" when that is the truth.
                        """),
                    Quiz("Check your understanding",
                        Choice("What is the most useful part of a talk to know by heart?", "The opening", "Every slide word for word", "The list of sources", "The closing joke"),
                        Choice("How should you rehearse?", "Out loud and standing, several times", "By reading the slides silently", "Only once, to stay fresh", "Not at all"),
                        Choice("What should you do after a key point?", "Pause", "Speed up", "Change slides at once", "Apologise for the length"))),
            ]),

        new("Spanish for Travellers", "Everyday Spanish conversations for your next trip", "languages", Beginner, 1999, Priya,
            """
            A few well-chosen phrases change a trip: people smile, help and talk to you. This course teaches the Spanish you need on holiday — greetings, ordering food, asking the way, shopping and what to say when something goes wrong — with clear pronunciation and short dialogues from Spain and Latin America.

            ## Who this course is for
            - Travellers with no or very little Spanish
            - Learners who studied Spanish at school and want to speak it again
            """,
            ["Greet people and introduce yourself politely",
             "Order food and drinks and ask for the bill",
             "Ask for and understand directions",
             "Shop, count money and handle common problems"],
            ["No Spanish needed"],
            [
                Module("Greetings",
                    Text("Hola, buenos días", 10, """
                        Start every conversation with a greeting: *buenos días* until lunchtime, *buenas tardes* in the afternoon and early evening, *buenas noches* late in the evening. *Hola* works at any time. In a shop or a lift, a quick *buenos días* to everyone is normal and polite.

                        Introduce yourself with *Me llamo…* ("my name is…") and answer *¿Cómo estás?* with *Bien, gracias, ¿y tú?*. Use *usted* instead of *tú* with older people and officials; when unsure, *usted* is never rude.

                        Spanish pronunciation is regular: every vowel always sounds the same. Say *a, e, i, o, u* like "ah, eh, ee, oh, oo" and you will be understood almost everywhere.
                        """),
                    Workbook()),
                Module("Food and directions",
                    Text("En el restaurante", 10, """
                        *Una mesa para dos, por favor* gets you a table. Order with *Quisiera…* ("I would like…"), ask *¿Qué me recomienda?* for a recommendation, and finish with *La cuenta, por favor.* In Spain, lunch is often the main meal, served from about two o'clock.
                        """),
                    Text("¿Dónde está…?", 10, """
                        Ask the way with *Perdone, ¿dónde está la estación?* Listen for *a la derecha* (right), *a la izquierda* (left), *todo recto* (straight on) and *cerca* or *lejos* (near or far). Repeat what you understood: *¿A la derecha y todo recto?*
                        """)),
                Module("Shopping and emergencies",
                    Text("Shopping and help", 10, """
                        *¿Cuánto cuesta?* asks the price; *¿Puedo pagar con tarjeta?* asks whether you can pay by card. If something goes wrong: *Necesito ayuda* (I need help), *Llame a un médico, por favor* (please call a doctor), and *He perdido mi pasaporte* (I have lost my passport).
                        """),
                    Quiz("Check your understanding",
                        Choice("How do you greet someone at four in the afternoon?", "Buenas tardes", "Buenos días", "Buenas noches", "Hasta luego"),
                        Choice("What does \"a la izquierda\" mean?", "To the left", "To the right", "Straight on", "Far away"),
                        FillIn("Complete: \"La ____, por favor\" to ask for the bill.", "cuenta"))),
            ]),

        new("Japanese Hiragana and Katakana", "Read and write both Japanese syllabaries in four weeks", "languages", Beginner, 2499, Priya,
            """
            Hiragana and katakana are the first step into Japanese: together 92 basic characters that let you read children's books, menus, signs and every word borrowed from other languages. This course teaches both with mnemonics, stroke order and daily reading practice, so that after four weeks you read them without thinking.

            ## Who this course is for
            - Complete beginners in Japanese
            - Anime, manga and travel fans who want to read what they see
            """,
            ["Read and write all 46 basic hiragana",
             "Read and write all 46 basic katakana",
             "Use dakuten, small characters and long vowels correctly",
             "Read simple words, menus and signs"],
            ["No Japanese needed", "Ten to fifteen minutes a day"],
            [
                Module("Hiragana basics",
                    Text("The five vowels", 12, """
                        Japanese is built from a small set of sounds, and hiragana writes each one with its own character. Start with the five vowels: あ (a), い (i), う (u), え (e), お (o). Every other row of the chart combines a consonant with these vowels: か き く け こ is ka, ki, ku, ke, ko.

                        Learn each character with a picture: い looks like two eels side by side, う like a person bent over with an upset stomach. Write each one by hand in the correct stroke order; your hand remembers what your eyes forget.

                        Learn five characters a day, review the previous days' characters before the new ones, and you will know the whole chart in under two weeks.
                        """),
                    Workbook()),
                Module("Hiragana practice and katakana",
                    Text("Dakuten and small characters", 11, """
                        Two small strokes called dakuten change the sound: か (ka) becomes が (ga), さ (sa) becomes ざ (za). A small ゃ, ゅ or ょ combines with the character before it, as in きょう (kyō, today), and a small っ doubles the next consonant, as in きって (kitte, stamp).
                        """),
                    Text("Katakana for borrowed words", 11, """
                        Katakana writes the same sounds with sharper shapes and is used for foreign words and names: コーヒー (kōhī, coffee), テレビ (terebi, television). A long dash ー lengthens the vowel before it. Guessing the English word behind a katakana word is half the fun.
                        """)),
                Module("Reading practice",
                    Text("Reading real words", 12, """
                        Read a little every day: station names, menu items, the katakana on snack packets. Read slowly and aloud, character by character at first; speed comes with repetition. When you recognise a word before you have sounded it out, you are reading.
                        """),
                    Quiz("Check your understanding",
                        Choice("How is あ read?", "a", "o", "i", "ka"),
                        Choice("Which script is used mainly for foreign words such as コーヒー?", "Katakana", "Hiragana", "Kanji", "Romaji"),
                        FillIn("How is か read?", "ka"))),
            ]),

        new("Business German", "Meetings, emails and presentations in German", "languages", Intermediate, 3999, Priya,
            """
            German-speaking companies often work in English — until the meeting that matters happens in German. This course prepares intermediate learners for working life: introductions and small talk, formal and informal emails, taking part in meetings, giving presentations and negotiating, with the phrases and etiquette native speakers expect.

            ## Who this course is for
            - Professionals working with German-speaking colleagues or clients
            - Learners at about B1 level who want confident workplace German
            """,
            ["Introduce yourself and make small talk at work",
             "Write clear formal and informal emails",
             "Take part in meetings: agree, disagree and make suggestions",
             "Present and negotiate with appropriate phrases"],
            ["German at about B1 level"],
            [
                Module("Introductions",
                    Text("Sie or du?", 11, """
                        In German workplaces the choice between *Sie* and *du* still matters. Start with *Sie* and the surname — *Guten Tag, Frau Becker* — with clients, senior colleagues and anyone you do not know. Many start-ups and international teams use *du* from the first day; follow the lead of the person you are speaking to.

                        The switch to *du* is usually offered by the more senior person: *Wollen wir uns duzen?* Accept with a smile, and do not offer it yourself to a client.

                        Introduce yourself with your role as well as your name: *Ich bin Priya Raman und leite das Projektteam in Berlin.*
                        """),
                    Workbook()),
                Module("Emails and meetings",
                    Text("Emails", 11, """
                        A formal email opens with *Sehr geehrte Frau Becker,* and closes with *Mit freundlichen Grüßen*; among colleagues *Hallo Jonas,* and *Viele Grüße* are fine. Note that the first word after the greeting starts in lower case: *Sehr geehrte Frau Becker, vielen Dank für Ihre Nachricht.*
                        """),
                    Text("In meetings", 11, """
                        Agree with *Da stimme ich Ihnen zu*, disagree politely with *Ich sehe das etwas anders, weil…*, and suggest with *Wie wäre es, wenn wir…?* German meetings tend to be punctual and direct; disagreeing openly on the facts is normal and not rude.
                        """)),
                Module("Presentations and negotiations",
                    Text("Presenting and negotiating", 12, """
                        Structure a presentation with *Zuerst… dann… zum Schluss…*, and invite questions with *Haben Sie Fragen?* In negotiations, make conditional offers: *Wenn Sie die Laufzeit verlängern, können wir beim Preis entgegenkommen.*
                        """),
                    Quiz("Check your understanding",
                        Choice("How do you greet a new client in a formal email?", "Sehr geehrte Frau Becker,", "Hallo Anna,", "Hi Frau Becker!", "Liebe Anna,"),
                        Choice("Who usually offers the switch from Sie to du?", "The more senior person", "The younger person", "Whoever speaks first", "Nobody; it is never used at work"),
                        FillIn("Complete the formal closing: \"Mit freundlichen ____\"", "Grüßen", "Gruessen"))),
            ]),

        new("Guitar for Absolute Beginners", "Chords, strumming and your first songs", "music", Beginner, 2999, Jonas,
            """
            You do not need talent to learn the guitar; you need a good first month. This course gets you there: holding the guitar comfortably, your first chords, strumming patterns, changing chords in time, and your first complete songs — in short daily sessions that fit around real life.

            ## Who this course is for
            - Complete beginners on acoustic or electric guitar
            - Anyone who tried before and gave up on sore fingers
            """,
            ["Hold the guitar and tune it",
             "Play the open chords E minor, G, C, D and A minor",
             "Strum steady rhythms with a pick or your fingers",
             "Change chords in time and play complete songs"],
            ["A guitar and a tuner app"],
            [
                Module("Holding the guitar",
                    Text("Comfort first", 10, """
                        Sit on a chair without arms, rest the guitar's waist on your right leg (left leg if you play left-handed) and let the neck point slightly upwards. Your fretting hand's thumb rests behind the neck, roughly behind your middle finger, so your fingers can arch over the strings.

                        Tune before every session with a tuner app; an out-of-tune guitar makes correct chords sound wrong and is the most common reason beginners think they are bad at it.

                        Sore fingertips are normal for the first two weeks. Play ten to fifteen minutes a day rather than an hour on Sunday: short, daily practice builds calluses and memory without pain.
                        """),
                    Workbook()),
                Module("First chords and strumming",
                    Text("E minor and G", 10, """
                        E minor needs only two fingers on the second fret of the A and D strings; strum all six strings. Then G. Press just behind the fret, not on top of it, and check each string one by one until every note rings clearly.
                        """),
                    Text("Strumming patterns", 10, """
                        Count "one and two and three and four and". Strum down on the numbers and up on the "and"s, keeping your hand moving all the time even when it does not touch the strings. The simple pattern down, down-up, up-down-up fits hundreds of songs.
                        """)),
                Module("Changing chords and songs",
                    Text("Changing in time", 11, """
                        Practise changing between two chords for one minute, counting how many clean changes you make. Look for fingers that stay on the same string and slide them instead of lifting. When the change is the problem, keep strumming open strings on the last beat rather than stopping the rhythm.
                        """),
                    Quiz("Check your understanding",
                        Choice("How often is it best to practise as a beginner?", "Ten to fifteen minutes every day", "One long session a week", "Only when you feel inspired", "Three hours at a time"),
                        Choice("Where should you press a string?", "Just behind the fret", "Exactly on top of the fret", "In the middle between two frets", "Anywhere, it does not matter"),
                        FillIn("Which chord needs only two fingers on the second fret of the A and D strings?", "E minor", "Em", "E-minor"))),
            ]),

        new("Music Production in Ableton Live", "Compose, mix and master electronic music", "music", Intermediate, 6499, Jonas,
            """
            Ableton Live is built for making music quickly, and it rewards a workflow. This course takes one track from an empty set to a mastered file: programming beats, designing sounds with synthesis, arranging, mixing for clarity and loudness, and mastering — with the project files of every step.

            ## Who this course is for
            - Producers who know Ableton's basics and want to finish tracks
            - Musicians moving from playing to producing
            """,
            ["Work fluently in Session and Arrangement views",
             "Program drums and grooves with MIDI",
             "Design bass and lead sounds with subtractive synthesis",
             "Mix with EQ, compression and effects, and master for streaming"],
            ["Ableton Live (any edition)", "Headphones or studio monitors"],
            [
                Module("Ableton basics",
                    Text("Two views, one idea", 12, """
                        Ableton has two views of the same set. Session view is a grid of clips you can launch in any combination — perfect for sketching ideas and trying which loops work together. Arrangement view is a timeline where you lay those ideas out into a song.

                        Start every track in Session view with four to eight-bar loops: drums, bass, a chord part and a hook. When the loops make you nod your head, record yourself launching them into Arrangement view and shape the song from there.

                        Save versions often and name them. The best idea of the evening is always the one you overwrote.
                        """),
                    Workbook()),
                Module("Beats and synthesis",
                    Text("Programming drums", 12, """
                        Place kick, snare and hi-hats on a grid, then make them human: vary velocities, nudge some hits slightly off the grid, or apply one of Ableton's groove templates. A beat that breathes comes from small differences, not from more sounds.
                        """),
                    Text("Subtractive synthesis", 13, """
                        Start with a bright oscillator — a sawtooth wave — and carve it with a low-pass filter. An envelope on the filter cutoff makes notes pluck or swell. Most basses and leads in electronic music are this recipe with different settings.
                        """)),
                Module("Mixing and mastering",
                    Text("A clear mix", 14, """
                        Set levels before reaching for plug-ins. Cut frequencies that clash rather than boosting, give the kick and bass their own space, and use compression to even out dynamics, not to make everything loud. Master gently and aim for the loudness streaming services normalise to, around −14 LUFS.
                        """),
                    Quiz("Check your understanding",
                        Choice("What is Session view best for?", "Sketching ideas by launching clips together", "Final mastering", "Editing audio waveforms sample by sample", "Exporting stems"),
                        Choice("Which filter is typical for subtractive synthesis of basses?", "A low-pass filter", "A high-pass filter at 5 kHz", "A notch filter", "No filter"),
                        FillIn("Which unit measures loudness for streaming, as in -14 ...?", "LUFS"))),
            ]),

        new("Strength Training Basics", "Safe, effective full-body workouts for beginners", "health-fitness", Beginner, 1999, Nadia,
            """
            Strength training improves health at every age: stronger muscles and bones, better posture, fewer aches. This course teaches the principles and the movements — squat, hinge, push and pull — with clear cues for good form, a simple three-day programme, and how to progress and recover without injury.

            ## Who this course is for
            - Complete beginners, including people who have never been to a gym
            - Anyone returning to exercise after a long break
            """,
            ["Understand progressive overload, volume and recovery",
             "Squat and deadlift with safe technique",
             "Perform pushing and pulling exercises with good form",
             "Follow and adapt a three-day full-body programme"],
            ["Clearance from a doctor if you have a medical condition", "Access to a gym or a few dumbbells"],
            [
                Module("Principles",
                    Text("Getting stronger, safely", 10, """
                        Muscles grow stronger when they are asked to do a little more than they are used to and then given time to recover. That is progressive overload: add a little weight, a repetition or a set over the weeks, never everything at once.

                        Technique comes before weight. Learn each movement with a light load until it looks and feels the same on every repetition; then add weight in small steps. Mild muscle soreness a day or two after training is normal. Sharp or joint pain is a signal to stop and check your form.

                        Three full-body sessions a week with a rest day between them is enough for excellent progress in the first year.
                        """),
                    Workbook()),
                Module("Squat, hinge, push and pull",
                    Text("Squat and deadlift", 12, """
                        In the squat, keep your feet about shoulder-width apart, brace your core and sit down between your heels, knees following your toes. In the deadlift, hinge at the hips with a flat back, keep the bar close to your legs and stand up by pushing the floor away.
                        """),
                    Text("Push and pull", 11, """
                        Balance every push with a pull: a push-up or bench press with a row, an overhead press with a pull-down. Keep your shoulders down and away from your ears and move with control in both directions.
                        """)),
                Module("Programming and recovery",
                    Text("A three-day programme", 11, """
                        Each session: a squat or deadlift, a push, a pull and a core exercise, three sets of eight to twelve repetitions. When you complete every set with good form, add a little weight next time. Sleep, protein and rest days are where the strength is actually built.
                        """),
                    Quiz("Check your understanding",
                        Choice("What is progressive overload?", "Gradually asking a little more of your muscles over time", "Lifting as heavy as possible every session", "Training the same muscle every day", "Changing exercises every workout"),
                        Choice("What should you do when you feel sharp pain in a joint during an exercise?", "Stop and check your form", "Add weight to push through", "Ignore it until the end of the set", "Speed up the movement"),
                        Choice("How many full-body sessions a week are enough for a beginner?", "Three", "Seven", "One a month", "Ten"))),
            ]),

        new("Astronomy: The Night Sky", "Planets, stars and galaxies for curious minds", "science-math", Beginner, 0, Jonas,
            """
            You do not need a telescope to start exploring the universe — just a dark spot and a little guidance. This free course teaches you to find your way around the night sky, understand what you are looking at, from the Moon and planets to stars and distant galaxies, and how we know what we know about them.

            ## Who this course is for
            - Anyone curious about the night sky, whatever their background
            - Beginners who want to take their first astrophotos with a phone or camera
            """,
            ["Find constellations, bright stars and planets with the naked eye",
             "Explain the phases of the Moon and the motion of the planets",
             "Describe how stars are born, live and die",
             "Understand what galaxies are and how big the universe is"],
            ["No requirements; binoculars are a bonus"],
            [
                Module("The sky above us",
                    Text("Finding your way", 10, """
                        Go somewhere away from street lights and give your eyes twenty minutes to adapt to the dark; use a red light to read your map, because white light resets your night vision at once.

                        Start with patterns you can find easily. In the northern hemisphere the Plough (the Big Dipper) is visible all year: follow the two stars at the end of its "pan" upwards and you reach Polaris, the North Star, which barely moves while everything else turns around it.

                        Planets give themselves away by not twinkling. A very bright, steady "star" near where the Sun set or will rise is probably Venus; a steady golden one high in the sky at midnight may well be Jupiter.
                        """),
                    Workbook()),
                Module("The solar system and the stars",
                    Text("Moon and planets", 10, """
                        The Moon's phases come from seeing more or less of its sunlit half as it orbits Earth every 29.5 days. The planets move along the same band of sky as the Sun and Moon, the ecliptic, because the solar system is almost flat.
                        """),
                    Text("The lives of stars", 11, """
                        Stars form in collapsing clouds of gas and shine by fusing hydrogen into helium. Their colour tells their temperature: red stars such as Betelgeuse are cool, blue-white stars such as Rigel are hot. The most massive end in supernovae that forge the heavy elements we are made of.
                        """)),
                Module("Galaxies and cosmology",
                    Text("Beyond the Milky Way", 11, """
                        Every star you see belongs to our galaxy, the Milky Way, a disc of a few hundred billion stars. On a dark autumn night you can see the Andromeda Galaxy with the naked eye as a faint smudge: its light left it about 2.5 million years ago.
                        """),
                    Quiz("Check your understanding",
                        Choice("How can you tell a planet from a star with the naked eye?", "A planet usually does not twinkle", "A planet is always red", "A planet moves visibly every second", "Planets are only visible at dawn"),
                        Choice("Why use a red light when observing?", "It does not spoil your night vision", "It makes stars brighter", "It attracts fewer insects", "It is the law"),
                        FillIn("Which star can be found by following the two end stars of the Plough?", "Polaris", "the North Star", "North Star"))),
            ]),
    ];
}
