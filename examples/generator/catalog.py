"""The fictional store every example dataset talks about: Tidewell, an online shop for home
electronics and small appliances. Product facts and store policies live here once, so the chat
answers, help-center documents and evaluation cases agree with each other (a RAG pipeline over
rag-docs.jsonl can actually answer eval-cases.jsonl)."""

HOME_APP = "Tidewell Home app"
FIT_APP = "Tidewell Fit app"

PRODUCTS = [
    dict(
        key="aura-mini", name="Aura Mini smart speaker", short="Aura Mini", category="smart speaker",
        price="$49.99", app=HOME_APP, weight="310 g",
        connectivity="dual-band Wi-Fi (2.4 and 5 GHz) and Bluetooth 5.0",
        battery=None, charge=None, power="the included 15 W round-pin adapter",
        feature="a far-field microphone array that hears the wake word across a 5 by 5 metre room",
        setup=[
            "Plug the speaker in and wait until the light ring spins white",
            "Open the Tidewell Home app and tap Add Device, then Speakers",
            "Hold the action button for 5 seconds until the ring pulses blue",
            "Pick your Wi-Fi network and enter its password; the speaker plays a chime when it is online",
        ],
        reset="press and hold the mic-off and volume-down buttons together for 15 seconds until the light ring turns orange, then release and wait about a minute for the welcome chime",
        issues=[
            ("stops responding to the wake word", "the microphones are muted or the speaker sits against a wall that reflects sound", "check that the mic-off button is not glowing red and move the speaker at least 20 cm away from walls and other speakers"),
            ("drops off Wi-Fi every evening", "the router moves it to a crowded channel when other devices come home", "turn on band steering in your router or give the speaker a fixed 5 GHz channel"),
            ("plays music with a crackle at high volume", "the equaliser boost is set above +6 dB", "open Sound settings in the app and set Bass Boost back to Normal"),
        ],
        codes=[],
        care=[
            "Remove dust from the fabric cover with a dry lint roller or a soft brush.",
            "Never spray cleaner or water onto the grille; moisture can reach the microphones.",
            "Keep the speaker out of direct sun, which fades the fabric within a single summer.",
        ],
        specs=[("Drivers", "one 1.75-inch full-range driver"), ("Microphones", "four far-field microphones"), ("Dimensions", "99 x 99 x 43 mm"), ("Power", "15 W adapter, 2 m cable"), ("Colours", "Chalk, Charcoal and Sage")],
        box=["Aura Mini speaker", "15 W power adapter", "quick start card"],
        warranty=1,
        firmware=[
            ("4.2.0", "2026-03-10", ["Adds multi-room grouping with Aura Max speakers", "Reduces wake-word false triggers from television audio", "Fixes a crash when an alarm and a timer ended at the same second"]),
            ("4.3.1", "2026-09-02", ["Adds a night mode that limits volume to 40 percent after 10 pm", "Improves reconnection after a router restart", "Fixes the light ring staying orange after a successful update"]),
        ],
    ),
    dict(
        key="aura-max", name="Aura Max smart speaker", short="Aura Max", category="smart speaker",
        price="$129.00", app=HOME_APP, weight="1.4 kg",
        connectivity="dual-band Wi-Fi (2.4 and 5 GHz), Bluetooth 5.2 and a 3.5 mm line-in",
        battery=None, charge=None, power="a built-in power supply with a figure-eight cable",
        feature="a woofer and two angled tweeters that tune themselves to the room with the Room Fit calibration",
        setup=[
            "Place the speaker on a stable surface at least 10 cm from the wall and plug it in",
            "In the Tidewell Home app choose Add Device, then Speakers, then Aura Max",
            "Touch and hold the top panel until it glows blue",
            "Run Room Fit when the app asks; walk slowly around the room holding your phone for 45 seconds",
        ],
        reset="unplug the speaker, hold the play/pause button while plugging it back in, and keep holding for 20 seconds until the top panel flashes orange three times",
        issues=[
            ("sounds muffled after moving it to another room", "Room Fit is still tuned for the previous room", "run Room Fit again from the speaker's settings page"),
            ("is not detected by the app during setup", "the phone is on a guest network or a VPN blocks local discovery", "connect the phone to the same main Wi-Fi network as the speaker and pause any VPN"),
            ("turns on by itself at night", "a scheduled routine or the line-in auto-switch is waking it", "check Routines in the app and set Line-in Detection to Manual"),
        ],
        codes=[],
        care=[
            "Dust the top panel with a dry microfibre cloth; it is touch-sensitive and reacts to damp cloths.",
            "Leave 10 cm around the back port so the woofer can breathe.",
            "Unplug the speaker during thunderstorms if your home has no surge protection.",
        ],
        specs=[("Drivers", "one 5-inch woofer and two 0.75-inch tweeters"), ("Inputs", "Wi-Fi, Bluetooth 5.2, 3.5 mm line-in"), ("Dimensions", "180 x 180 x 210 mm"), ("Power", "40 W internal supply"), ("Colours", "Charcoal and Sand")],
        box=["Aura Max speaker", "1.8 m figure-eight power cable", "quick start card"],
        warranty=1,
        firmware=[
            ("2.8.0", "2026-02-18", ["Adds stereo pairing of two Aura Max speakers", "Room Fit now finishes in 45 seconds instead of 90", "Fixes Bluetooth audio stuttering with some Android 15 phones"]),
            ("2.9.2", "2026-08-27", ["Adds an adjustable loudness curve for late-night listening", "Line-in switching now waits three seconds to ignore cable noise", "Fixes the top panel ignoring taps after a long idle period"]),
        ],
    ),
    dict(
        key="orbit-buds", plural=True, name="Orbit Buds wireless earbuds", short="Orbit Buds", category="wireless earbuds",
        price="$79.99", app=HOME_APP, weight="4.6 g per earbud",
        connectivity="Bluetooth 5.3 with multipoint pairing for two devices",
        battery="up to 7 hours of playback per charge and 28 hours in total with the charging case",
        charge="about 90 minutes for a full charge over USB-C, and 10 minutes gives one hour of playback",
        power="the USB-C port on the charging case",
        feature="a low-latency game mode that cuts audio delay to about 80 milliseconds",
        setup=[
            "Open the charging case lid with both earbuds inside",
            "Press and hold the case button for 3 seconds until the light blinks white",
            "Choose Orbit Buds in your phone's Bluetooth list",
            "Open the Tidewell Home app to update the firmware and customise the touch controls",
        ],
        reset="put both earbuds in the case, keep the lid open, and hold the case button for 15 seconds until the light flashes amber and then white",
        issues=[
            ("only the left earbud plays sound", "the right earbud lost its link to the left one after a partial charge", "put both earbuds back in the case for 10 seconds, then take them out together"),
            ("disconnect when the phone is in a back pocket", "the body blocks the 2.4 GHz signal at close range", "keep the phone in a front pocket or on the same side as the right earbud, which holds the main link"),
            ("sound out of sync with videos", "the streaming app is not compensating for Bluetooth delay", "turn on game mode in the app or restart the video player"),
        ],
        codes=[],
        care=[
            "Clean the ear tips weekly with a dry cotton swab and remove wax from the mesh with a soft brush.",
            "Dry the earbuds before putting them back in the case after a workout; the charging contacts corrode if they stay damp.",
            "Wipe the case contacts with a dry cloth if one earbud stops charging.",
        ],
        specs=[("Drivers", "10 mm dynamic drivers"), ("Water resistance", "IPX4 (sweat and splashes)"), ("Codecs", "SBC and AAC"), ("Case", "USB-C, 500 mAh"), ("Ear tips", "S, M and L silicone tips")],
        box=["two earbuds", "charging case", "three sizes of silicone ear tips", "USB-C cable"],
        warranty=1,
        firmware=[
            ("1.6.0", "2026-01-22", ["Adds multipoint pairing with two devices at once", "Improves call quality in wind", "Fixes the case light staying on after the lid closes"]),
            ("1.7.3", "2026-07-15", ["Adds a battery-saver mode that limits volume to 80 percent", "Reduces connection time when opening the case", "Fixes the right earbud reporting 0 percent while charging"]),
        ],
    ),
    dict(
        key="orbit-buds-pro", plural=True, name="Orbit Buds Pro noise-cancelling earbuds", short="Orbit Buds Pro", category="wireless earbuds",
        price="$149.99", app=HOME_APP, weight="5.3 g per earbud",
        connectivity="Bluetooth 5.3 with multipoint pairing and LE Audio",
        battery="up to 8 hours with noise cancelling on (10 hours off) and 32 hours with the case",
        charge="about 70 minutes over USB-C or 2 hours on any Qi wireless charger",
        power="the USB-C port or a Qi wireless charging pad",
        feature="adaptive noise cancelling that adjusts every few seconds to the noise around you",
        setup=[
            "Charge the case for 15 minutes before the first use",
            "Open the lid and hold the case button until the light breathes white",
            "Select Orbit Buds Pro in your phone's Bluetooth settings",
            "In the Tidewell Home app run the Ear Tip Fit test so noise cancelling can seal properly",
        ],
        reset="place both earbuds in the case, hold the case button for 20 seconds until the light flashes red twice, then pair again from scratch",
        issues=[
            ("noise cancelling seems weak", "the ear tips are too small to seal the ear canal", "run the Ear Tip Fit test in the app and try the next tip size up"),
            ("make a whistling sound near the ear", "a finger or hat is covering the feedback microphone", "keep the small outer mesh uncovered and clean it with a dry brush"),
            ("will not charge on a wireless pad", "the case is off-centre or the pad delivers less than 5 W", "centre the case with the light facing up and use a Qi pad rated 5 W or more"),
        ],
        codes=[],
        care=[
            "Replace the silicone tips every six months or whenever they lose their grip.",
            "Clean the outer microphone mesh with a dry soft brush; blocked mesh weakens noise cancelling.",
            "Store the earbuds in the case so the magnets keep them aligned with the charging pins.",
        ],
        specs=[("Drivers", "11 mm dynamic drivers"), ("Noise cancelling", "adaptive, three microphones per earbud"), ("Water resistance", "IPX5"), ("Codecs", "SBC, AAC and LC3"), ("Case", "USB-C and Qi wireless, 600 mAh")],
        box=["two earbuds", "wireless charging case", "four sizes of ear tips (XS to L)", "USB-C cable"],
        warranty=1,
        firmware=[
            ("3.1.0", "2026-04-08", ["Adds a conversation mode that lowers music when you speak", "Adaptive noise cancelling reacts faster to passing traffic", "Fixes a rare crackle when switching between devices"]),
            ("3.2.4", "2026-10-01", ["Adds LE Audio support for compatible phones", "Adds a wind-noise reduction setting for cycling", "Fixes the fit test failing with XS tips"]),
        ],
    ),
    dict(
        key="nimbus-r5", name="Nimbus R5 robot vacuum", short="Nimbus R5", category="robot vacuum",
        price="$279.00", app=HOME_APP, weight="3.2 kg",
        connectivity="2.4 GHz Wi-Fi only",
        battery="up to 120 minutes of cleaning on hard floors and about 90 minutes on carpet",
        charge="about 4 hours on its dock",
        power="the charging dock with a 24 V adapter",
        feature="gyroscope navigation that cleans in tidy rows and returns to the dock when the battery drops to 15 percent",
        setup=[
            "Remove the foam blocks from the bumper and attach the two side brushes until they click",
            "Place the dock against a wall with 0.5 m of free space on each side and 1.5 m in front",
            "Put the robot on the dock to wake it and charge it fully before the first run",
            "In the Tidewell Home app add the Nimbus R5 and join it to a 2.4 GHz Wi-Fi network",
        ],
        reset="hold the Home and Spot buttons together for 10 seconds until the robot announces that it is restoring factory settings",
        issues=[
            ("keeps circling in one spot", "the cliff sensors underneath are dirty and read the floor as a drop", "wipe the four cliff sensors with a dry cloth"),
            ("does not return to the dock", "the dock sits in a corner or its signal window is blocked", "move the dock to a straight wall with clear space in front"),
            ("leaves a line of dirt behind it", "hair is wrapped around the main brush", "remove the brush guard, cut hair off the brush with the cleaning tool, and refit it"),
        ],
        codes=[
            ("E1", "a drive wheel is stuck", "lift the robot, turn each wheel by hand to free hair or cables, and restart"),
            ("E3", "the main brush is jammed", "remove the brush guard and main brush, clear any tangled hair or string, and refit them"),
            ("E5", "the dustbin is missing or not seated", "push the dustbin in until it clicks"),
            ("E9", "the robot is stuck or tilted", "move it to a flat open area and press Home"),
        ],
        care=[
            "Empty the dustbin after every run and tap the filter clean once a week.",
            "Replace the filter every 2 months and the side brushes every 3 to 6 months.",
            "Wipe the charging contacts on the robot and dock with a dry cloth once a month.",
        ],
        specs=[("Suction", "2,700 Pa"), ("Dustbin", "450 ml"), ("Height", "7.9 cm"), ("Navigation", "gyroscope with 14 infrared sensors"), ("Noise", "about 62 dB in Standard mode")],
        box=["Nimbus R5 robot", "charging dock and adapter", "two side brushes", "spare filter", "cleaning tool"],
        warranty=1,
        firmware=[
            ("5.4.0", "2026-02-05", ["Adds a quiet mode for evening cleaning", "Improves carpet detection on dark rugs", "Fixes the robot reporting E5 after the dustbin was emptied"]),
            ("5.5.2", "2026-08-19", ["Adds do-not-disturb hours in the app", "Edge cleaning follows skirting boards more closely", "Fixes charging stopping at 97 percent"]),
        ],
    ),
    dict(
        key="nimbus-r7", name="Nimbus R7 robot vacuum and mop", short="Nimbus R7", category="robot vacuum",
        price="$449.00", app=HOME_APP, weight="3.8 kg",
        connectivity="2.4 GHz Wi-Fi only",
        battery="up to 180 minutes of cleaning on hard floors",
        charge="about 5 hours on its dock",
        power="the charging dock with a 24 V adapter",
        feature="lidar mapping with room-by-room cleaning, no-go zones and a mop pad that lifts 7 mm on carpet",
        setup=[
            "Remove the protective strips, fit the side brush, and fill the water tank if you plan to mop",
            "Set the dock on a hard floor against a wall with 1 m of clear space in front",
            "Charge the robot fully, then add it in the Tidewell Home app on a 2.4 GHz network",
            "Let the first run map your home with all interior doors open; you can name the rooms afterwards",
        ],
        reset="hold the power button for 3 seconds to turn the robot on, then hold the Home and power buttons together for 12 seconds until you hear the reset tone",
        issues=[
            ("mops carpet even with the mop attached", "the carpet is too thin for the carpet sensor to recognise", "draw a no-mop zone over that rug in the map editor"),
            ("lost its map after moving furniture", "the lidar could not match the new layout to the saved map", "open Map Management and choose Relocate, or start a new mapping run"),
            ("leaves water streaks", "the water flow is set too high for sealed floors", "set water flow to Low in the app and wash the mop pad"),
        ],
        codes=[
            ("E2", "the lidar turret is blocked or not spinning", "check that nothing is resting on the turret and remove any hair around its base"),
            ("E4", "the water tank is empty or missing", "refill the tank with cool tap water and push it in until it clicks"),
            ("E7", "the battery is too warm to charge", "move the dock away from heaters or direct sun and wait 30 minutes"),
            ("E9", "the robot is stuck or tilted", "move it to a flat open area and press Home"),
        ],
        care=[
            "Rinse the mop pad after each mopping run and let it air-dry; machine wash it at 40 degrees weekly.",
            "Empty and rinse the water tank if you will not mop for more than a day.",
            "Wipe the lidar window with a dry cloth every two weeks.",
        ],
        specs=[("Suction", "4,000 Pa"), ("Navigation", "lidar with room mapping"), ("Water tank", "250 ml"), ("Dustbin", "400 ml"), ("Height", "9.6 cm including the lidar turret")],
        box=["Nimbus R7 robot", "charging dock and adapter", "water tank with mop holder", "two washable mop pads", "spare side brush"],
        warranty=1,
        firmware=[
            ("6.0.1", "2026-03-24", ["Adds multi-floor maps for up to four levels", "Mop pad lifts automatically on rugs", "Fixes rooms being merged after a map edit"]),
            ("6.1.0", "2026-09-16", ["Adds pet waste avoidance for objects larger than 5 cm", "Shortens mapping runs by about 20 percent", "Fixes E7 appearing in cool rooms"]),
        ],
    ),
    dict(
        key="airpure-300", name="AirPure 300 air purifier", short="AirPure 300", category="air purifier",
        price="$189.00", app=HOME_APP, weight="4.1 kg",
        connectivity="2.4 GHz Wi-Fi",
        battery=None, charge=None, power="a standard wall outlet (45 W maximum draw)",
        feature="a true HEPA filter with a clean air delivery rate of 300 cubic metres per hour, suited to rooms up to 35 square metres",
        setup=[
            "Open the base cover and remove the plastic bag from the filter",
            "Refit the filter with the pull tab facing out and close the cover",
            "Place the purifier at least 30 cm from walls and furniture and plug it in",
            "Add it in the Tidewell Home app to see the live air quality reading",
        ],
        reset="hold the Filter and Timer buttons together for 7 seconds; the display shows three dashes and the purifier restarts",
        issues=[
            ("shows red air quality all the time", "dust has covered the particle sensor window", "open the small sensor flap on the side and clean the lens with a dry cotton swab"),
            ("is louder than usual", "the filter is clogged and the fan is working harder", "check the filter indicator and vacuum the pre-filter or replace the filter"),
            ("the filter light stays on after replacing the filter", "the filter timer was not reset", "hold the Filter button for 3 seconds until the light turns off"),
        ],
        codes=[
            ("F1", "the filter is missing or the cover is open", "seat the filter with the tab facing out and close the base cover firmly"),
            ("F3", "the fan motor cannot reach its speed", "unplug the purifier for 10 minutes and check that nothing blocks the air outlet"),
        ],
        care=[
            "Vacuum the washable pre-filter every two weeks.",
            "Replace the HEPA filter every 6 to 12 months depending on air quality.",
            "Wipe the outer shell with a damp cloth; never rinse the HEPA filter with water.",
        ],
        specs=[("CADR", "300 m3/h"), ("Room size", "up to 35 m2"), ("Filter", "pre-filter, true HEPA H13 and activated carbon"), ("Noise", "24 dB in sleep mode, 52 dB on high"), ("Dimensions", "240 x 240 x 520 mm")],
        box=["AirPure 300 purifier", "HEPA filter (installed)", "power cable", "quick start guide"],
        warranty=1,
        firmware=[
            ("1.9.0", "2026-01-30", ["Adds an auto mode that follows the particle sensor", "Shows filter life as a percentage in the app", "Fixes the display staying bright in sleep mode"]),
            ("2.0.2", "2026-07-28", ["Adds schedules with up to six daily changes", "Sensor readings are smoothed to avoid sudden fan jumps", "Fixes F3 appearing briefly after a power cut"]),
        ],
    ),
    dict(
        key="airpure-600", name="AirPure 600 air purifier", short="AirPure 600", category="air purifier",
        price="$329.00", app=HOME_APP, weight="7.8 kg",
        connectivity="2.4 GHz Wi-Fi",
        battery=None, charge=None, power="a standard wall outlet (70 W maximum draw)",
        feature="two fans and a 360-degree HEPA cylinder with a clean air delivery rate of 600 cubic metres per hour, suited to rooms up to 70 square metres",
        setup=[
            "Turn the purifier upside down, twist the base anticlockwise, and take the plastic wrap off the filter cylinder",
            "Refit the base until the arrows line up and it clicks",
            "Stand it in an open area at least 50 cm from walls and plug it in",
            "Pair it in the Tidewell Home app and pick your room size for the auto mode",
        ],
        reset="hold the Power and Mode buttons together for 10 seconds until the ring light blinks white",
        issues=[
            ("smells musty when it starts", "the carbon layer is saturated", "replace the filter cylinder; carbon cannot be cleaned"),
            ("auto mode never speeds up", "the particle sensor is set to Low sensitivity", "set sensor sensitivity to Standard in the app"),
            ("rattles on a wooden floor", "the base is not fully locked", "twist the base until it clicks and check that the four feet touch the floor"),
        ],
        codes=[
            ("F1", "the filter cylinder is missing or the base is unlocked", "twist the base until the arrows line up and it clicks"),
            ("F4", "the air quality sensor is not responding", "unplug the purifier, clean the sensor window on the back, and plug it back in"),
        ],
        care=[
            "Vacuum the outside of the filter cylinder once a month.",
            "Replace the filter cylinder every 12 months or when the app reports 5 percent life left.",
            "Clean the sensor window on the back every two months with a dry swab.",
        ],
        specs=[("CADR", "600 m3/h"), ("Room size", "up to 70 m2"), ("Filter", "360-degree HEPA H13 with carbon"), ("Noise", "26 dB in sleep mode, 58 dB on high"), ("Dimensions", "300 x 300 x 680 mm")],
        box=["AirPure 600 purifier", "filter cylinder (installed)", "power cable", "quick start guide"],
        warranty=1,
        firmware=[
            ("1.4.0", "2026-04-21", ["Adds a pollen mode that runs the fan higher during the day", "Adds a child lock from the app", "Fixes the ring light showing the wrong colour at 35 micrograms"]),
            ("1.5.1", "2026-10-09", ["Auto mode now reacts to cooking smoke within 20 seconds", "Adds a weekly air quality summary in the app", "Fixes Wi-Fi reconnects after a router update"]),
        ],
    ),
    dict(
        key="terra-t2", name="Terra T2 smart thermostat", short="Terra T2", category="smart thermostat",
        price="$169.00", app=HOME_APP, weight="180 g",
        connectivity="2.4 GHz Wi-Fi",
        battery=None, charge=None, power="a 24 V C-wire from your heating system (a power adapter kit is sold separately)",
        feature="room sensors and a learning schedule that usually lowers heating bills within the first month",
        setup=[
            "Turn off power to your heating and cooling system at the breaker",
            "Photograph the old thermostat wiring and label each wire with the stickers in the box",
            "Mount the base plate, connect the wires to the matching terminals, and click the display on",
            "Restore power and follow the setup questions on the display, then add the thermostat in the Tidewell Home app",
        ],
        reset="open Settings on the display, choose Reset, then Factory Reset, and confirm; the wiring settings are kept only if you choose Keep Wiring",
        issues=[
            ("keeps restarting", "there is no C-wire and the thermostat is starving for power", "connect a C-wire or install the Terra power adapter kit at the furnace"),
            ("shows the wrong room temperature", "the base sits on an outside wall or near a lamp", "add a room sensor and set it as the main sensor"),
            ("does not turn on the heat pump", "the heat pump was configured as a conventional furnace", "run Equipment Setup again and choose Heat Pump with the O/B wire"),
        ],
        codes=[
            ("W1", "no power detected on the C terminal", "check that the C-wire is seated and that the breaker is on"),
            ("W4", "the heating wire is not responding", "confirm the W1 wire is connected and not touching another wire"),
        ],
        care=[
            "Dust the display with a dry soft cloth.",
            "Replace the battery in each room sensor (one CR2032) about once a year.",
            "Keep the thermostat away from direct sun and heat sources for accurate readings.",
        ],
        specs=[("Compatibility", "most 24 V systems, including heat pumps with up to two stages"), ("Sensors", "temperature, humidity and occupancy"), ("Display", "2.4-inch colour screen"), ("Wiring", "R, C, W1, W2, Y1, Y2, G and O/B terminals"), ("Room sensors", "up to 8, sold separately")],
        box=["Terra T2 display", "base plate", "screws and wall anchors", "wire labels", "trim plate"],
        warranty=1,
        firmware=[
            ("7.3.0", "2026-02-26", ["Adds early-on so the home reaches the target temperature on time", "Adds humidity alerts above 60 percent", "Fixes W1 errors on some two-stage furnaces"]),
            ("7.4.1", "2026-09-23", ["Adds time-of-use pricing to save on peak electricity rates", "Room sensors report every 5 minutes instead of 15", "Fixes the schedule shifting by one hour after daylight saving time"]),
        ],
    ),
    dict(
        key="halo-bulbs", plural=True, name="Halo smart bulb 4-pack", short="Halo bulbs", category="smart bulb",
        price="$39.99", app=HOME_APP, weight="62 g per bulb",
        connectivity="2.4 GHz Wi-Fi and Bluetooth for setup",
        battery=None, charge=None, power="a standard E26 socket",
        feature="16 million colours and tunable white from 2,200 to 6,500 K at 800 lumens",
        setup=[
            "Screw the bulbs into E26 sockets and switch the lights on",
            "Open the Tidewell Home app, tap Add Device, then Lighting",
            "Keep your phone within 3 metres of each bulb while it is found over Bluetooth",
            "Join the bulbs to a 2.4 GHz Wi-Fi network and give each one a room",
        ],
        reset="switch the bulb off and on five times, waiting about one second each time, until it flashes green",
        issues=[
            ("flicker when dimmed", "they are on a wall dimmer switch", "set the wall dimmer to full brightness and dim from the app instead"),
            ("show as offline after a power cut", "the bulbs started before the router was back", "switch the bulbs off and on once after the router is online"),
            ("will not join the network", "the network is 5 GHz only or uses WPA3-only security", "enable a 2.4 GHz network with WPA2 or WPA2/WPA3 mixed mode"),
        ],
        codes=[],
        care=[
            "Let the bulbs cool for five minutes before unscrewing them.",
            "Do not use them in enclosed fixtures that trap heat; it shortens their life.",
            "Wipe dust off the glass with a dry cloth only when the bulb is off.",
        ],
        specs=[("Brightness", "800 lumens (60 W equivalent)"), ("Power", "9 W"), ("Colour temperature", "2,200 to 6,500 K"), ("Base", "E26"), ("Rated life", "25,000 hours")],
        box=["four Halo bulbs", "quick start leaflet"],
        warranty=1,
        firmware=[
            ("2.2.0", "2026-03-03", ["Adds sunrise alarm fades of 10 to 45 minutes", "Improves colour accuracy of warm whites", "Fixes bulbs turning on at full brightness after power returns"]),
            ("2.3.0", "2026-08-11", ["Adds a power-on behaviour setting (last state, on, or off)", "Faster response when groups of more than eight bulbs change", "Fixes a green tint at 1 percent brightness"]),
        ],
    ),
    dict(
        key="volt-20k", name="Volt 20K power bank", short="Volt 20K", category="power bank",
        price="$59.99", app=None, weight="410 g",
        connectivity=None,
        battery="20,000 mAh, enough for about four phone charges or one full laptop charge",
        charge="about 3 hours using a 65 W USB-C charger, or up to 9 hours with a 15 W phone charger",
        power="its USB-C port, which works both as input and output",
        feature="65 W USB-C Power Delivery that can charge most 13 and 14-inch laptops",
        setup=[
            "Charge the power bank fully before its first use",
            "Connect your device with a USB-C or USB-A cable",
            "Press the side button once to start charging and to check the four-LED charge level",
            "Double-click the button to enter low-current mode for earbuds and fitness trackers",
        ],
        reset="connect it to a USB-C charger and hold the side button for 10 seconds; this clears a protection lockout after a short circuit",
        issues=[
            ("charges a laptop very slowly", "the cable is not rated for 60 W or more", "use a USB-C cable rated for 60 W or 100 W"),
            ("stops charging earbuds after a few seconds", "the current is too low for the auto-off detector", "double-click the button to turn on low-current mode"),
            ("gets warm while charging", "it is charging itself and a device at the same time", "this is normal up to about 45 degrees, but leave it uncovered and on a hard surface"),
        ],
        codes=[],
        care=[
            "Store it at about 50 percent charge if you will not use it for a few months.",
            "Keep it out of hot cars; temperatures above 45 degrees shorten battery life.",
            "Check airline rules before flying: at 74 Wh it is allowed in carry-on bags only.",
        ],
        specs=[("Capacity", "20,000 mAh (74 Wh)"), ("USB-C output", "65 W PD"), ("USB-A output", "18 W"), ("Input", "USB-C, up to 65 W"), ("Size", "158 x 74 x 26 mm")],
        box=["Volt 20K power bank", "USB-C to USB-C cable rated 100 W", "travel pouch"],
        warranty=1,
        firmware=[
            ("1.1.0", "2026-05-06", ["Improves charge estimates on the LED display", "Adds pass-through charging up to 30 W", "Fixes low-current mode turning off after two hours"]),
            ("1.2.0", "2026-10-20", ["Raises USB-A output to 18 W", "Lower standby drain so a full bank keeps 90 percent after three months", "Fixes laptops reconnecting repeatedly at 100 percent"]),
        ],
    ),
    dict(
        key="pulse-band", name="Pulse Band fitness tracker", short="Pulse Band", category="fitness tracker",
        price="$89.99", app=FIT_APP, weight="24 g",
        connectivity="Bluetooth Low Energy",
        battery="up to 10 days of typical use, or 5 days with continuous heart-rate tracking and sleep tracking",
        charge="about 2 hours on the magnetic charging clip",
        power="the magnetic charging clip with a USB-A plug",
        feature="continuous heart rate, sleep stages and automatic workout detection for walking, running and cycling",
        setup=[
            "Charge the band on its magnetic clip until the screen shows a full battery",
            "Install the Tidewell Fit app and create a profile with your height and weight",
            "Tap Add Device and hold the band next to your phone until a six-digit code appears on both",
            "Confirm the code, choose your wrist, and let the first sync finish",
        ],
        reset="open Settings on the band, swipe to System, choose Reset, and confirm with a long press; the band erases all data that has not synced",
        issues=[
            ("shows heart rate readings that jump around", "the band is too loose or worn on the wrist bone", "wear it a finger's width above the wrist bone and tighten it one notch during workouts"),
            ("stopped syncing steps", "the Fit app is restricted in the background by the phone's battery saver", "allow background activity for the Tidewell Fit app in your phone settings"),
            ("does not vibrate for notifications", "do not disturb or sleep mode is on", "swipe down on the band and turn off the moon icon"),
        ],
        codes=[],
        care=[
            "Rinse the band with fresh water after swimming in a pool or the sea.",
            "Clean the sensor window weekly with a soft cloth and a little rubbing alcohol.",
            "Take it off for a few hours a day if the skin under it gets irritated.",
        ],
        specs=[("Water resistance", "5 ATM (swim-proof to 50 m)"), ("Display", "1.1-inch AMOLED"), ("Sensors", "optical heart rate, accelerometer, SpO2"), ("Strap", "silicone, fits wrists 140 to 210 mm"), ("Battery", "up to 10 days")],
        box=["Pulse Band tracker with strap", "magnetic charging clip", "quick start card"],
        warranty=1,
        firmware=[
            ("2.5.0", "2026-02-12", ["Adds automatic swim tracking with lap counting", "Sleep stages now include REM estimates", "Fixes step counts doubling after a manual sync"]),
            ("2.6.1", "2026-08-04", ["Adds a breathing exercise with guided vibration", "Improves heart-rate accuracy during cycling", "Fixes the always-on screen draining the battery in two days"]),
        ],
    ),
    dict(
        key="vista-4k", name="Vista 4K webcam", short="Vista 4K", category="webcam",
        price="$119.00", app=None, weight="135 g",
        connectivity="USB-C (USB 3.0 speed), plug and play with no driver needed",
        battery=None, charge=None, power="the USB-C cable from your computer",
        feature="a 4K sensor with auto framing that keeps you centred when you move and a built-in privacy shutter",
        setup=[
            "Open the clip and rest the webcam on top of your monitor, or screw it onto a tripod",
            "Plug the USB-C cable into a USB 3.0 port on your computer",
            "Choose Vista 4K as the camera and microphone in your video calling app",
            "Install Tidewell Camera Studio if you want to adjust framing, exposure and the field of view",
        ],
        reset="open Tidewell Camera Studio, choose Device, then Restore Defaults; without the software, unplug the camera for 30 seconds",
        issues=[
            ("shows a black image", "the privacy shutter is closed or another app is holding the camera", "slide the shutter open and quit other apps that use the camera"),
            ("is limited to 1080p", "it is plugged into a USB 2.0 port or hub", "connect it directly to a USB 3.0 port, usually marked blue or SS"),
            ("image flickers under office lights", "the anti-flicker setting does not match your power frequency", "set anti-flicker to 60 Hz in North America or 50 Hz in Europe in Camera Studio"),
        ],
        codes=[],
        care=[
            "Clean the lens with a microfibre cloth; paper towels leave scratches.",
            "Close the privacy shutter when you carry the camera in a bag.",
            "Unplug the camera before moving it to a different monitor to avoid bending the USB-C connector.",
        ],
        specs=[("Resolution", "4K at 30 fps, 1080p at 60 fps"), ("Field of view", "adjustable 65, 78 or 90 degrees"), ("Microphones", "two, with noise reduction"), ("Mount", "monitor clip and 1/4-inch tripod thread"), ("Cable", "1.5 m USB-C to USB-C with USB-A adapter")],
        box=["Vista 4K webcam", "USB-C cable", "USB-A adapter", "lens cloth"],
        warranty=1,
        firmware=[
            ("1.3.0", "2026-03-17", ["Adds a whiteboard mode that sharpens and straightens a board", "Auto framing moves more smoothly", "Fixes the microphone gain resetting on macOS"]),
            ("1.4.2", "2026-09-09", ["Adds HDR in 1080p mode", "Reduces startup time to under two seconds", "Fixes green frames at 4K on some Windows laptops"]),
        ],
    ),
    dict(
        key="kettle-pro-2", name="Kettle Pro 2 electric kettle", short="Kettle Pro 2", category="electric kettle",
        price="$74.99", app=HOME_APP, weight="1.2 kg",
        connectivity="Bluetooth for the app's presets",
        battery=None, charge=None, power="a 1,500 W base on a standard 120 V outlet",
        feature="five temperature presets from 70 to 100 degrees and a keep-warm mode that holds the water for 60 minutes",
        setup=[
            "Rinse the kettle, fill it to the MAX line, boil, and discard the water twice before first use",
            "Set the base on a dry, level counter away from the sink",
            "Press the temperature button to cycle through the presets, then press Start",
            "Optionally pair the base in the Tidewell Home app to save your own presets",
        ],
        reset="unplug the base for 10 seconds, then hold Keep Warm and Start together for 5 seconds after plugging it back in",
        issues=[
            ("switches off before the water boils", "limescale has built up on the heating plate", "descale with a mix of equal parts white vinegar and water, then rinse three times"),
            ("the display shows a temperature that is too high", "the kettle was returned to the base while still hot", "leave it off the base for a minute to let the sensor settle"),
            ("does not start", "the kettle is not seated on the base or is empty", "fill it above the MIN line and seat it firmly until it clicks"),
        ],
        codes=[
            ("E1", "the kettle is empty or below the MIN line", "fill it with water above the MIN line"),
            ("E2", "the temperature sensor detected overheating", "unplug the base and let the kettle cool for 15 minutes"),
        ],
        care=[
            "Descale every month in hard-water areas and every three months otherwise.",
            "Wipe the outside with a damp cloth and never put the kettle or base in water.",
            "Empty the kettle after use so minerals do not settle on the plate.",
        ],
        specs=[("Capacity", "1.7 litres"), ("Power", "1,500 W"), ("Presets", "70, 80, 85, 90 and 100 degrees Celsius"), ("Material", "stainless steel with a glass window"), ("Cord", "0.75 m, stored in the base")],
        box=["Kettle Pro 2", "power base", "limescale filter", "instruction booklet"],
        warranty=1,
        firmware=[
            ("1.0.6", "2026-04-14", ["Adds Fahrenheit display", "Keep-warm can now be set to 30 or 60 minutes", "Fixes the app showing the kettle as off while it was heating"]),
            ("1.1.0", "2026-10-14", ["Adds a descale reminder based on the number of boils", "Saves up to four custom presets in the app", "Fixes a beep at midnight after daylight saving time ended"]),
        ],
    ),
    dict(
        key="ember-heater", name="Ember ceramic space heater", short="Ember heater", category="space heater",
        price="$99.00", app=HOME_APP, weight="3.4 kg",
        connectivity="2.4 GHz Wi-Fi",
        battery=None, charge=None, power="a standard 120 V outlet, 1,500 W on high",
        feature="a ceramic element with oscillation, a tip-over switch and a 24-hour timer",
        setup=[
            "Unpack the heater and stand it on a flat, hard floor, not on a rug or carpet",
            "Keep at least 1 metre of space in front of it and 30 cm on the sides",
            "Plug it straight into a wall outlet, never into an extension cord or power strip",
            "Add it in the Tidewell Home app to set schedules and a target temperature",
        ],
        reset="turn the heater off, hold the Timer button for 6 seconds until the display reads rS, and wait for it to restart",
        issues=[
            ("shuts off after a few minutes", "the overheat cut-out tripped because the intake is blocked", "clear the rear air intake, vacuum its grille, and let the heater cool for 30 minutes"),
            ("will not turn on", "the tip-over switch is open because the floor is uneven", "place the heater on a flat hard surface"),
            ("smells like burning on first use", "the protective coating on the element is burning off", "run it on high for 20 minutes in a ventilated room; the smell should not return"),
        ],
        codes=[
            ("E1", "the overheat protection tripped", "unplug the heater, clear the vents, and wait 30 minutes before restarting"),
            ("E3", "the heater was tipped over", "stand it upright on a level surface and press Power"),
        ],
        care=[
            "Vacuum the intake and outlet grilles every two weeks during the heating season.",
            "Store it in its box in a dry place over the summer.",
            "Never cover the heater or dry clothes on it.",
        ],
        specs=[("Power", "750 W low, 1,500 W high"), ("Heating area", "up to 14 m2"), ("Safety", "tip-over switch, overheat cut-out, cool-touch housing"), ("Timer", "1 to 24 hours"), ("Oscillation", "70 degrees")],
        box=["Ember heater", "remote control with CR2025 battery", "instruction booklet"],
        warranty=1,
        firmware=[
            ("3.0.0", "2026-01-13", ["Adds eco mode that holds the room at the target temperature with the lowest power", "Adds a child lock from the app", "Fixes the display not dimming at night"]),
            ("3.1.1", "2026-10-27", ["Adds window-open detection that pauses heating when the room cools fast", "Temperature readings are now accurate to 0.5 degrees", "Fixes schedules skipping Sundays"]),
        ],
    ),
    dict(
        key="lumen-lamp", name="Lumen LED desk lamp", short="Lumen lamp", category="desk lamp",
        price="$54.99", app=None, weight="1.1 kg",
        connectivity=None,
        battery=None, charge=None, power="a 12 V adapter; the base has a 10 W USB-A port for a phone",
        feature="five colour temperatures from 2,700 to 6,500 K with seven brightness steps and a memory function",
        setup=[
            "Screw the arm into the base and tighten the collar by hand",
            "Plug the 12 V adapter into the socket on the back of the base",
            "Touch the power icon to switch on, then slide along the bar to change brightness",
            "Touch the sun icon to step through the five colour temperatures",
        ],
        reset="switch the lamp off and hold the power icon for 8 seconds until the light blinks twice; memory returns to warm white at half brightness",
        issues=[
            ("light flickers at the lowest brightness", "the adapter is not the original 12 V supply", "use the adapter that came in the box"),
            ("touch controls do not respond", "the control strip is wet or the base is unplugged and replugged too quickly", "dry the strip and wait 5 seconds after plugging in"),
            ("arm slowly drops", "the joint tension has loosened", "tighten the hex screw at the elbow a quarter turn with the included key"),
        ],
        codes=[],
        care=[
            "Wipe the light panel with a dry cloth; do not use glass cleaner on the diffuser.",
            "Do not hang anything from the arm.",
            "Unplug the lamp when you will be away for long periods.",
        ],
        specs=[("Brightness", "up to 800 lux at 45 cm"), ("Colour temperatures", "2,700, 3,500, 4,200, 5,000 and 6,500 K"), ("Colour rendering", "CRI 95"), ("USB port", "USB-A, 5 V 2 A"), ("Reach", "arm extends to 48 cm")],
        box=["lamp head and arm", "weighted base", "12 V adapter", "hex key"],
        warranty=1,
        firmware=[
            ("1.0.2", "2026-05-20", ["Adds an auto-off timer after 60 minutes, toggled by a double tap", "Smoother dimming between the lowest steps", "Fixes the memory forgetting colour temperature after a power cut"]),
            ("1.0.4", "2026-11-03", ["Lowers standby power to 0.3 W", "The USB port now stays on when the lamp is off", "Fixes a faint buzz at 6,500 K"]),
        ],
    ),
    dict(
        key="atlas-desk", name="Atlas standing desk", short="Atlas desk", category="standing desk",
        price="$499.00", app=None, weight="34 kg",
        connectivity=None,
        battery=None, charge=None, power="a standard wall outlet through the control box",
        feature="dual motors that move the desk between 71 and 119 cm with four memory presets and collision detection",
        setup=[
            "Assemble the frame upside down on the box lid, following the numbered bags of bolts",
            "Attach the desktop with the 12 wood screws and connect the motor cables to the control box",
            "Turn the desk upright with a second person; it weighs 34 kg",
            "Plug in the control box and hold the down button until the desk reaches its lowest point and beeps once",
        ],
        reset="hold the down button until the desk reaches its lowest point, keep holding for 10 more seconds until it rises slightly and beeps, then release",
        issues=[
            ("moves unevenly", "one leg lost its height calibration", "run the reset by holding the down button at the lowest point until the desk beeps"),
            ("stops partway up", "collision detection is too sensitive for the load", "lower the sensitivity from level 3 to level 2 in the keypad menu"),
            ("wobbles at full height", "the crossbar bolts loosened during the first weeks", "re-tighten the crossbar and foot bolts with the hex key"),
        ],
        codes=[
            ("E01", "the legs are out of sync", "perform the reset by holding the down button at the lowest position"),
            ("E08", "the control box is overheating after long use", "let the desk rest for 18 minutes"),
            ("HOT", "the motors hit their duty cycle limit", "wait about 18 minutes; the desk may move for 2 minutes in every 20"),
        ],
        care=[
            "Wipe the desktop with a damp cloth and mild soap; avoid ammonia cleaners on the laminate.",
            "Check the bolts after the first month and then every six months.",
            "Keep cables loose enough for the full range of travel.",
        ],
        specs=[("Height range", "71 to 119 cm"), ("Load capacity", "120 kg"), ("Desktop", "160 x 80 cm laminate"), ("Speed", "38 mm per second"), ("Presets", "4 memory heights")],
        box=["frame and two lifting legs", "desktop", "control box and keypad", "bolts, screws and hex key", "cable tray"],
        warranty=1,
        firmware=[
            ("2.1.0", "2026-03-31", ["Adds a sit-stand reminder every 45 minutes", "Collision detection can be set to three levels", "Fixes E01 after a power cut at full height"]),
            ("2.2.0", "2026-09-30", ["Adds a child lock by holding M and the up button", "Quieter start and stop", "Fixes preset 4 saving the wrong height"]),
        ],
    ),
    dict(
        key="cascade-pitcher", name="Cascade filter pitcher", short="Cascade pitcher", category="water filter",
        price="$34.99", app=None, weight="0.9 kg empty",
        connectivity=None,
        battery=None, charge=None, power=None,
        feature="a 10-cup pitcher with a filter that reduces chlorine taste, lead and mercury, and a digital filter-life indicator",
        setup=[
            "Soak the new filter in cold water for 15 minutes",
            "Push the filter firmly into the reservoir until it seats",
            "Fill and discard the first two pitchers to flush carbon dust",
            "Hold the indicator button for 5 seconds to start the 60-day filter timer",
        ],
        reset="hold the indicator button on the lid for 5 seconds until all bars flash; this restarts the 60-day count",
        issues=[
            ("filters very slowly", "air is trapped in the new filter", "take the filter out, soak it again for 15 minutes, and reseat it"),
            ("water tastes like chlorine", "the filter is past its 40-gallon life", "replace the filter and reset the indicator"),
            ("has black specks in the water", "a new filter is releasing loose carbon dust", "flush two more pitchers; the specks are harmless and stop quickly"),
        ],
        codes=[],
        care=[
            "Replace the filter every 2 months or every 40 gallons (150 litres).",
            "Hand wash the pitcher and lid; only the reservoir is dishwasher safe on the top rack.",
            "Keep the pitcher in the fridge or out of direct sunlight to limit algae growth.",
        ],
        specs=[("Capacity", "10 cups (2.4 litres)"), ("Filter life", "40 gallons or about 2 months"), ("Certified reductions", "chlorine taste and odour, lead, mercury, cadmium"), ("Material", "BPA-free plastic"), ("Indicator", "battery-powered, lasts about 5 years")],
        box=["Cascade pitcher and lid", "one filter", "instruction sheet"],
        warranty=1,
        firmware=[
            ("filter-2026", "2026-04-01", ["New filter cartridges reduce microplastics larger than 0.5 micrometres", "Cartridges now ship in recyclable paper packaging", "Older pitchers accept the new cartridge without an adapter"]),
            ("indicator-1.1", "2026-09-15", ["Replacement lids now count 60 days or 40 gallons, whichever comes first", "The indicator shows a blinking bar in the last week", "The coin battery is now user-replaceable"]),
        ],
    ),
    dict(
        key="frost-fridge", name="Frost compact fridge", short="Frost fridge", category="compact fridge",
        price="$229.00", app=None, weight="19 kg",
        connectivity=None,
        battery=None, charge=None, power="a standard 120 V outlet, about 0.9 kWh per day",
        feature="a 1.7 cubic foot compressor fridge with a small freezer box and a reversible door",
        setup=[
            "Let the fridge stand upright for 4 hours after delivery before plugging it in, so the oil settles in the compressor",
            "Leave 10 cm of space at the back and sides for ventilation",
            "Set the dial to 3 for the first day and wait 24 hours before loading food",
            "Swap the door hinge to the other side with the included tool if needed",
        ],
        reset="unplug the fridge, wait 10 minutes so the compressor pressure equalises, and plug it back in",
        issues=[
            ("is too cold and freezes drinks", "the dial is set above 5", "set the dial to 3 or 4 and wait 12 hours"),
            ("makes a clicking noise every hour", "the compressor is cycling normally", "this is normal; a continuous buzz or rattle is not, so check that it stands level"),
            ("has water pooling under the crisper", "the drain hole at the back is blocked", "clear the drain hole with the included cleaning pin"),
        ],
        codes=[],
        care=[
            "Defrost the freezer box when the ice is thicker than 5 mm.",
            "Clean the door seal with warm soapy water every month so it keeps sealing.",
            "Vacuum the coils at the back twice a year.",
        ],
        specs=[("Capacity", "1.7 cubic feet (48 litres)"), ("Temperature range", "0 to 10 degrees Celsius"), ("Noise", "39 dB"), ("Energy use", "about 330 kWh per year"), ("Dimensions", "44 x 47 x 51 cm")],
        box=["Frost fridge", "two wire shelves", "ice tray", "hinge tool"],
        warranty=1,
        firmware=[
            ("rev-C", "2026-02-02", ["Quieter compressor mounting reduces noise by 3 dB", "New door gasket with a stronger magnet", "Improved drain channel design"]),
            ("rev-D", "2026-08-25", ["Adds an interior LED light", "Freezer box door now latches", "Thermostat dial recalibrated so setting 3 holds 4 degrees"]),
        ],
    ),
    dict(
        key="tempo-scale", name="Tempo smart scale", short="Tempo scale", category="smart scale",
        price="$64.99", app=FIT_APP, weight="1.6 kg",
        connectivity="2.4 GHz Wi-Fi and Bluetooth",
        battery="about 12 months on four AAA batteries",
        charge=None, power="four AAA batteries (included)",
        feature="weight, body fat, muscle mass and water percentage for up to eight recognised users",
        setup=[
            "Pull the battery tab and place the scale on a hard, flat floor",
            "Open the Tidewell Fit app, choose Add Device, then Tempo scale",
            "Step on barefoot when the app asks so the scale can recognise you",
            "Connect it to 2.4 GHz Wi-Fi so measurements sync when your phone is not nearby",
        ],
        reset="remove one battery for 30 seconds, then hold the button under the scale for 10 seconds after putting it back until the display shows rSt",
        issues=[
            ("shows a different weight each time", "it is on carpet or an uneven tile", "move it to a hard, flat floor and step on with your weight even"),
            ("does not show body fat", "it cannot measure through socks", "step on barefoot with dry feet"),
            ("assigns my weight to my partner", "two users have similar weights", "open the app and assign the unknown measurement, then turn on Ask Before Saving"),
        ],
        codes=[],
        care=[
            "Wipe the glass top with a damp cloth; do not soak it.",
            "Keep the scale on the same spot so readings stay consistent.",
            "Replace all four batteries at once when the app shows low battery.",
        ],
        specs=[("Capacity", "180 kg"), ("Precision", "0.1 kg"), ("Measurements", "weight, body fat, muscle, water, BMI"), ("Users", "up to 8"), ("Surface", "tempered glass, 30 x 30 cm")],
        box=["Tempo scale", "four AAA batteries", "quick start card"],
        warranty=1,
        firmware=[
            ("4.0.0", "2026-01-06", ["Adds pregnancy mode that turns off body composition", "Faster recognition of returning users", "Fixes readings in pounds showing one decimal place too many"]),
            ("4.1.0", "2026-07-07", ["Adds trend arrows on the display", "Wi-Fi sync now retries for 24 hours", "Fixes the display staying on after stepping off"]),
        ],
    ),
]

for _p in PRODUCTS:
    _p.setdefault("plural", False)

PRODUCT_BY_KEY = {p["key"]: p for p in PRODUCTS}

# Store policies that every hand-written text (chat_bank, eval_bank, docs_bank) repeats:
#   returns: 30 days from delivery (60 for Tidewell Plus); items delivered Nov 1 - Dec 24 returnable until Jan 31;
#     $6.95 return shipping unless defective/wrong or dropped off at a partner location; 15 percent restocking
#     fee on opened, non-defective standing desks and compact fridges; opened earbuds and filter cartridges
#     returnable only if defective; refund issued within 2 business days of inspection, banks post it in 3-5.
#   shipping: standard 3-5 business days, free over $50, else $5.99; express 1-2 business days $12.95 (free
#     with Plus); next day $24.95 if ordered by 1 pm Eastern; international 7-14 business days, duties paid
#     at checkout; PO boxes and APO/FPO via USPS standard only; pickup held 7 days.
#   billing: authorization holds released in 3-5 business days; one promo code per order, missed codes
#     refunded within 7 days; price drops refunded within 14 days; Pay in 4 for $50-$1,500; gift cards
#     never expire, up to 5 per order; Plus $59 a year or $6.99 a month.
#   account: reset links valid 30 minutes; lockout 30 minutes after 5 failed attempts; 10 backup codes;
#     deletion within 30 days, order records kept 7 years; data export within 72 hours.
#   warranty: 1 year limited from delivery, 2 years for Plus members.

_SINGULAR_TO_PLURAL = {"is": "are", "has": "have", "uses": "use", "connects": "connect", "works": "work", "weighs": "weigh",
                       "needs": "need", "checks": "check", "stands": "stand", "supports": "support", "was": "were", "offers": "offer"}


def agree(text, product):
    """Verb agreement for products named in the plural ("the Halo bulbs are", not "is")."""
    if not product["plural"]:
        return text
    for name in (product["name"], product["short"]):
        for singular, plural in _SINGULAR_TO_PLURAL.items():
            text = text.replace(f"{name} {singular} ", f"{name} {plural} ")
        text = text.replace(f"Does the {name} ", f"Do the {name} ").replace(f"does the {name} ", f"do the {name} ")
    return text
