using static CourseHub.Domain.Catalog.CourseLevel;

namespace CourseHub.Api.Features.Seeding;

// The demo's design, illustration and photography courses.
public static partial class DemoCatalog
{
    private static DemoCourse[] DesignAndPhotography() =>
    [
        new("UX Design Foundations", "Research, wireframes and usability testing for beginners", "design", Beginner, 4499, Sofia,
            """
            Good user experience is not decoration; it is the difference between a product people understand at once and one they give up on. This course follows a small real project from first interviews to a tested prototype: user research, personas and journeys, wireframes, prototypes and usability tests you can run with five people and a laptop.

            ## Who this course is for
            - Beginners who want to become UX or product designers
            - Developers and product managers who want to design with users, not for them
            """,
            ["Plan and run short user interviews",
             "Turn research into personas and journey maps",
             "Sketch wireframes and build clickable prototypes",
             "Run usability tests and turn findings into changes"],
            ["No design experience needed", "Paper and pen, and a free prototyping tool"],
            [
                Module("User research",
                    Text("Talking to users", 12, """
                        Design starts with understanding people, not screens. Five or six interviews with people who have the problem you want to solve will teach you more than weeks of guessing. Ask about what they did the last time they faced it — "tell me about the last time you booked a train ticket" — not what they would like in the future.

                        Listen more than you talk, ask "why?" and "what happened next?", and write down their exact words. You are looking for patterns: the same frustration, workaround or goal coming up again and again.

                        Resist the urge to pitch your idea. The moment you describe a solution, people become polite, and polite feedback is useless.
                        """),
                    Workbook()),
                Module("Personas, journeys and wireframes",
                    Text("Personas and journeys", 11, """
                        A persona condenses your research into a believable person with goals and frustrations; a journey map follows them step by step through a task, marking where they struggle. Both are tools for decisions: "would Ana understand this screen?"
                        """),
                    Text("Wireframes", 12, """
                        Wireframes are quick, grey sketches of layout and content. Keep them rough on purpose: people comment on structure and flow when nothing looks finished, and on colours and fonts when it does.
                        """)),
                Module("Prototyping and testing",
                    Text("Usability testing", 13, """
                        Give a participant a realistic task with a clickable prototype and ask them to think aloud. Do not help. Five participants find most of the serious problems; fix those, then test again. A test is a success when it shows you something to change.
                        """),
                    Quiz("Check your understanding",
                        Choice("Which interview question gives the most reliable answers?", "Tell me about the last time you did this", "Would you use an app that does this?", "How much would you pay for this?", "Do you like our idea?"),
                        Choice("Why keep wireframes rough?", "People then comment on structure instead of visual details", "Rough wireframes are faster to code", "Clients prefer them", "Tools cannot draw detailed ones"),
                        Choice("About how many participants find most serious usability problems in a round?", "Five", "One", "Fifty", "Five hundred"))),
            ]),

        new("Figma UI Design Systems", "Build scalable component libraries in Figma", "design", Intermediate, 5499, Sofia,
            """
            A design system lets a team design faster and more consistently: shared components, styles and rules instead of every screen reinvented. This course builds one in Figma from scratch — auto layout, components and variants, variables for design tokens, documentation, and a handoff developers can work from.

            ## Who this course is for
            - UI and product designers working in teams
            - Designers who maintain a component library that has grown messy
            """,
            ["Build responsive components with auto layout",
             "Structure components with variants and properties",
             "Define colour, spacing and type tokens with variables, including dark mode",
             "Document and hand off components developers can implement"],
            ["Working knowledge of Figma", "A free or paid Figma account"],
            [
                Module("Figma basics and auto layout",
                    Text("Auto layout thinks like code", 13, """
                        Auto layout arranges the children of a frame in a row or column with fixed gaps and padding, and resizes the frame as content changes. Type a longer label into a button built with auto layout and the button grows; drop it into a narrow container and it wraps or truncates as you decided.

                        This is the same model as CSS flexbox, which is why designs built with auto layout translate into code with few surprises. Set each layer to hug its contents, fill the container or stay fixed, and your components behave sensibly at every size.

                        Rebuild a card from a screenshot using only auto layout — no absolute positions — and resize it to see what breaks.
                        """),
                    Workbook()),
                Module("Components, variants and tokens",
                    Text("Components and variants", 13, """
                        A component is defined once and used everywhere; change the main component and every instance follows. Variants group related versions — primary and secondary, small and large, default and disabled — into one component with properties, instead of dozens of separate ones.
                        """),
                    Text("Design tokens with variables", 13, """
                        Variables store colours, spacing and sizes by name: `color/surface`, `space/4`. Define modes for light and dark themes and switch a whole screen between them. Name tokens by purpose, not value, so "primary" can change colour without renaming anything.
                        """)),
                Module("Documentation and handoff",
                    Text("Handing off", 12, """
                        Document when to use each component and when not to, with examples. Agree on token names with the developers so the same name appears in Figma and in code, and review implemented components together before calling them done.
                        """),
                    Quiz("Check your understanding",
                        Choice("Which CSS layout model does auto layout most resemble?", "Flexbox", "Floats", "Tables", "Absolute positioning"),
                        Choice("How should design tokens be named?", "By purpose, such as color/surface", "By value, such as blue-500-final", "By the designer who made them", "By date"),
                        FillIn("What does Figma call the grouped versions of one component, such as sizes and states?", "variants", "variant"))),
            ]),

        new("Typography for Screens", "Choose, pair and set type that reads beautifully", "design", All, 1999, Sofia,
            """
            Most of what people see on a screen is text, so typography is most of design. This short course teaches how type works — anatomy, classification, legibility — and how to use it: pairing typefaces, building a clear hierarchy, setting comfortable line lengths and spacing, and making type responsive and accessible.

            ## Who this course is for
            - Designers and developers who want their interfaces to read well
            - Anyone who has stared at a font menu unsure what to choose
            """,
            ["Describe type with its anatomy and classifications",
             "Pair typefaces with contrast and harmony",
             "Build a type scale and a clear visual hierarchy",
             "Set responsive, accessible text with good line length and spacing"],
            ["No requirements"],
            [
                Module("Anatomy of type",
                    Text("What makes type readable", 10, """
                        Readability on screens depends on a few features you can learn to see. A generous x-height — the height of lower-case letters — makes text look larger and clearer at small sizes. Open counters, the spaces inside letters like "e" and "a", keep letters distinct. Clear differences between similar shapes (I, l and 1) prevent misreading.

                        For long text on screens, a typeface designed for interfaces usually beats an elegant display face. Save the distinctive typefaces for headings, where their character has room.
                        """),
                    Workbook()),
                Module("Pairing and hierarchy",
                    Text("Pairing typefaces", 10, """
                        Two typefaces are plenty for most products: one for headings, one for text — or a single family with enough weights. Pair faces that contrast clearly (a serif with a sans-serif) but share proportions, such as a similar x-height.
                        """),
                    Text("A type scale", 10, """
                        Choose sizes from a scale with a constant ratio — for example 1.25 — instead of picking numbers one by one. Build hierarchy with size, weight and spacing together, and make sure a page's own section headings are always larger than any heading inside its content.
                        """)),
                Module("Responsive and accessible type",
                    Text("Comfortable reading", 10, """
                        Aim for 45 to 75 characters per line and a line height of about 1.5 for body text. Use relative units so text follows the user's browser settings, keep enough contrast between text and background, and never convey meaning with colour alone.
                        """),
                    Quiz("Check your understanding",
                        Choice("What is a comfortable line length for body text?", "45 to 75 characters", "10 to 20 characters", "120 to 150 characters", "As wide as the screen"),
                        Choice("Which feature makes type look larger and clearer at small sizes?", "A generous x-height", "Narrow counters", "Thin strokes", "Tight letter spacing"),
                        Choice("How many typefaces does a product usually need?", "One or two", "At least five", "One per page", "One per heading level"))),
            ]),

        new("Digital Illustration with Procreate", "Sketch, ink and colour expressive illustrations on iPad", "design", Beginner, 3499, Sofia,
            """
            Procreate turns an iPad into a complete illustration studio. This course follows one illustration from thumbnail sketches to a finished, coloured piece: setting up the canvas and brushes, sketching with confidence, clean inking, colour and light, and finishing touches — with the time-lapses of every step.

            ## Who this course is for
            - Beginners who want to draw digitally
            - Traditional artists moving to the iPad
            """,
            ["Set up canvases, layers and brushes in Procreate",
             "Develop an idea from thumbnails to a refined sketch",
             "Ink with stabilisation and clean line weights",
             "Colour with a limited palette, light and shadow"],
            ["An iPad with Procreate and a stylus", "No drawing experience needed"],
            [
                Module("Brushes and canvas",
                    Text("Setting up your studio", 10, """
                        Create a canvas at the size you will print or post — an A4 page at 300 DPI is a good default — because enlarging later blurs the work. Procreate limits the number of layers by canvas size, so a sensible size also keeps enough layers available.

                        You need only a few brushes to start: a pencil for sketching, an inking pen with streamline turned up for smooth lines, a soft airbrush and a textured brush for colour. Learn those four well before exploring the hundreds of others.

                        Name your layers from the first day: sketch, ink, flat colours, shadows, light. Future you will be grateful.
                        """),
                    Workbook()),
                Module("Sketching and inking",
                    Text("Thumbnails first", 10, """
                        Draw six tiny thumbnails of the same idea in a few minutes each, exploring composition rather than detail. Pick the strongest, enlarge it, lower its opacity and refine on a new layer above.
                        """),
                    Text("Clean inking", 11, """
                        Ink on its own layer with streamline smoothing the strokes. Vary line weight: thicker lines for the outer contour and near shadows, thinner for details and distant objects. Rotate the canvas so your hand always moves in its most comfortable direction.
                        """)),
                Module("Colour and finishing",
                    Text("Colour and light", 11, """
                        Start with flat colours from a limited palette on a layer under the ink. Add shadows on a layer set to Multiply and light on a layer set to Add or Screen, both clipped to the flats, and decide early where the light comes from.
                        """),
                    Quiz("Check your understanding",
                        Choice("Why choose the final canvas size at the start?", "Enlarging later blurs the work", "Procreate cannot resize canvases", "It makes brushes faster", "It changes the colours"),
                        Choice("Which blend mode suits a shadow layer?", "Multiply", "Screen", "Add", "Normal at 100%"),
                        Choice("What does streamline do for inking?", "Smooths the strokes", "Changes the colour", "Adds texture", "Duplicates the layer"))),
            ]),

        new("Smartphone Photography", "Take stunning photos with the phone in your pocket", "photography", All, 0, Jonas,
            """
            The best camera is the one you have with you. This free course shows how to get photos from your phone that people stop scrolling for: composition, working with light, portraits, editing in free apps, and sharing your work — without buying any extra equipment.

            ## Who this course is for
            - Anyone with a smartphone who wants better photos
            - Small business owners photographing their own products
            """,
            ["Compose photos with framing, lines and negative space",
             "Find and use good light indoors and outdoors",
             "Take natural portraits with the phone's portrait and manual modes",
             "Edit photos tastefully in free apps"],
            ["A smartphone with a camera"],
            [
                Module("Composition",
                    Text("Where to put things", 10, """
                        Turn on the grid in your camera settings. Placing the subject on one of the lines, rather than dead centre, usually makes a picture feel more alive — the rule of thirds. Horizons belong on a third too, unless you have a reason to break the rule.

                        Look for lines that lead the eye into the picture: roads, fences, shorelines. Leave empty space around a subject to give it room to breathe. And move: a step to the side or a crouch changes a photo more than any filter.

                        Before you press the shutter, check the edges of the frame. A stray bin or half a person at the border spoils more photos than anything in the middle.
                        """),
                    Workbook()),
                Module("Light and portraits",
                    Text("Good light", 9, """
                        The hour after sunrise and before sunset gives soft, warm, flattering light. At midday look for open shade. Indoors, put your subject facing a window and switch off mixed artificial lights.
                        """),
                    Text("Portraits", 10, """
                        Use the telephoto lens or portrait mode to avoid distorting faces, tap to focus on the nearer eye, and talk to your subject. Natural expressions come between poses, so keep shooting.
                        """)),
                Module("Editing and sharing",
                    Text("Editing with restraint", 10, """
                        Straighten and crop first, then adjust exposure, contrast and white balance. Add a little saturation at most. Compare with the original before you share: if the edit is the first thing you notice, it is too strong.
                        """),
                    Quiz("Check your understanding",
                        Choice("Which camera setting helps with the rule of thirds?", "The grid", "HDR", "Live photo", "Burst mode"),
                        Choice("Where is flattering light found at midday?", "In open shade", "In direct sun", "Under a street lamp", "Nowhere"),
                        Choice("Which lens suits portraits best on most phones?", "The telephoto lens", "The ultra-wide lens", "The front camera at arm's length", "Digital zoom at maximum"))),
            ]),

        new("Lightroom Photo Editing", "A complete workflow from import to export", "photography", Intermediate, 3999, Jonas,
            """
            Adobe Lightroom can do a lot, which is why many photographers use only a fraction of it — or all of it, badly. This course teaches a complete, calm workflow: organising a catalogue, making basic adjustments in the right order, colour grading, precise local adjustments with masks, and exporting for print and screen.

            ## Who this course is for
            - Photographers who shoot RAW and want consistent results
            - Lightroom users who want a clear, repeatable workflow
            """,
            ["Import and organise photos with folders, collections and keywords",
             "Make basic adjustments in a reliable order",
             "Grade colour with the HSL and colour-grading tools",
             "Use masks for local adjustments and export for each purpose"],
            ["Adobe Lightroom or Lightroom Classic", "Photos to practise on; RAW files are best"],
            [
                Module("Organising",
                    Text("A catalogue you can find things in", 11, """
                        Lightroom does not store your photos; it stores a catalogue of where they are and every edit you made. Keep the photos in one simple folder structure — by year, then by date and event — and let Lightroom's collections and keywords do the rest of the organising.

                        Cull right after import. Go through the shoot once, flag the keepers and reject the obvious failures, then go through the keepers again and rate the best. Editing three great photos beats editing thirty ordinary ones.

                        Back up both the photos and the catalogue. The catalogue holds hours of your work.
                        """),
                    Workbook()),
                Module("Basic adjustments and colour",
                    Text("Adjustments in order", 12, """
                        Work from the top of the Basic panel down: profile and lens corrections, white balance, exposure, contrast, then highlights and shadows, whites and blacks. Fix the overall picture before any detail; local fixes made too early usually have to be redone.
                        """),
                    Text("Colour grading", 12, """
                        The HSL panel changes individual colours — make the sky a deeper blue without touching the skin tones. Colour grading tints shadows, midtones and highlights separately, the basis of most recognisable photographic looks. Save a look you like as a preset and adjust it per photo.
                        """)),
                Module("Local adjustments and export",
                    Text("Masks and export", 12, """
                        Masks apply adjustments to part of a photo: the sky, the subject, a brushed area or a gradient. Lightroom can select sky and subject automatically; refine the edge with a brush. Export with sRGB for screens and the printer's profile for print, at the size each use needs.
                        """),
                    Quiz("Check your understanding",
                        Choice("What does a Lightroom catalogue store?", "Where photos are and the edits made to them", "Copies of every photo", "Only the exported files", "Camera settings only"),
                        Choice("What should come first when editing a photo?", "Profile, lens corrections and white balance", "Local masks", "Sharpening", "Adding grain"),
                        FillIn("Which colour space should you export in for screens?", "sRGB"))),
            ]),
    ];
}
