"""KOSTRA functions (funksjonskontoplanen) that Norwegian municipalities report their accounts by.

Source and date (compiled 2026 for Orden):

* Which codes exist: the list of valid municipal functions (``kommunaleFunksjoner`` and
  ``kommuneFinansielleFunksjoner``) in Statistics Norway's KOSTRA control program,
  https://github.com/statisticsnorway/kostra-kontrollprogram, file
  ``kontroller/src/main/kotlin/no/ssb/kostra/area/regnskap/kostra/KommuneKostraMain.kt`` at commit
  ``c1f5848696d39adbccb3e35e7a96f14ed43a6c83`` (2026-07-16). The same program lists 190 and 254 as discontinued.
* Names (nb): the KOSTRA guidance from the Ministry (KMD/KDD, "Veileder til kontoplanen i KOSTRA" /
  "Regnskapsrapporteringen i KOSTRA") as quoted in public summaries of the function list (2018), and
  SSB's article on splitting function 254 into 257 and 258 from 1 January 2024.
  Function names change now and then; check the current guidance for the exact wording.
* Names in nn and en are Orden's own translations.

Codes that exist but whose current name we could not confirm are left out rather than guessed:
290, 321, 322, 841, 850 and 899. Discontinued or non-existent codes (190, 254, 255, 304, 305, 333, 357)
are not listed. Add them here if an organisation needs them.
"""

# (code, name_nb, name_nn, name_en)
KOSTRA_FUNCTIONS: list[tuple[str, str, str, str]] = [
    # Administration and governance
    ("100", "Politisk styring", "Politisk styring", "Political governance"),
    ("110", "Kontroll og revisjon", "Kontroll og revisjon", "Control and audit"),
    ("120", "Administrasjon", "Administrasjon", "Administration"),
    (
        "121",
        "Forvaltningsutgifter i eiendomsforvaltningen",
        "Forvaltningsutgifter i eigedomsforvaltninga",
        "Property management overheads",
    ),
    ("130", "Administrasjonslokaler", "Administrasjonslokale", "Administrative premises"),
    ("170", "Årets premieavvik", "Årets premieavvik", "Pension premium deviation for the year"),
    (
        "171",
        "Amortisering av tidligere års premieavvik",
        "Amortisering av tidlegare års premieavvik",
        "Amortisation of earlier years' pension premium deviations",
    ),
    ("172", "Pensjon", "Pensjon", "Pensions"),
    ("173", "Premiefond", "Premiefond", "Pension premium fund"),
    ("180", "Diverse fellesutgifter", "Diverse fellesutgifter", "Miscellaneous common expenses"),
    # Kindergarten and school
    ("201", "Førskole", "Førskule", "Kindergarten"),
    ("202", "Grunnskole", "Grunnskule", "Primary and lower secondary school"),
    (
        "211",
        "Styrket tilbud til førskolebarn",
        "Styrkt tilbod til førskulebarn",
        "Extra support for pre-school children",
    ),
    ("213", "Voksenopplæring", "Vaksenopplæring", "Adult education"),
    ("215", "Skolefritidstilbud", "Skulefritidstilbod", "After-school programme"),
    ("221", "Førskolelokaler og skyss", "Førskulelokale og skyss", "Kindergarten premises and transport"),
    ("222", "Skolelokaler", "Skulelokale", "School premises"),
    ("223", "Skoleskyss", "Skuleskyss", "School transport"),
    # Health, care and social services
    (
        "231",
        "Aktivitetstilbud barn og unge",
        "Aktivitetstilbod barn og unge",
        "Activities for children and young people",
    ),
    (
        "232",
        "Forebygging, helsestasjons- og skolehelsetjeneste",
        "Førebygging, helsestasjons- og skulehelseteneste",
        "Prevention, child health clinics and school health service",
    ),
    ("233", "Annet forebyggende helsearbeid", "Anna førebyggjande helsearbeid", "Other preventive health work"),
    (
        "234",
        "Aktivisering og servicetjenester overfor eldre og personer med funksjonsnedsettelser",
        "Aktivisering og servicetenester overfor eldre og personar med funksjonsnedsetjingar",
        "Activities and support services for older people and people with disabilities",
    ),
    (
        "241",
        "Diagnose, behandling, re-/habilitering",
        "Diagnose, behandling, re-/habilitering",
        "Diagnosis, treatment and (re)habilitation",
    ),
    (
        "242",
        "Råd, veiledning og sosialt forebyggende arbeid",
        "Råd, rettleiing og sosialt førebyggjande arbeid",
        "Advice, guidance and preventive social work",
    ),
    (
        "243",
        "Tilbud til personer med rusproblemer",
        "Tilbod til personar med rusproblem",
        "Services for people with substance use problems",
    ),
    ("244", "Barneverntjeneste", "Barnevernteneste", "Child welfare service"),
    (
        "251",
        "Barneverntiltak når barnet ikke er plassert av barnevernet",
        "Barnevernstiltak når barnet ikkje er plassert av barnevernet",
        "Child welfare measures, child not placed out of home",
    ),
    (
        "252",
        "Barneverntiltak når barnet er plassert av barnevernet",
        "Barnevernstiltak når barnet er plassert av barnevernet",
        "Child welfare measures, child placed out of home",
    ),
    (
        "253",
        "Helse- og omsorgstjenester i institusjon",
        "Helse- og omsorgstenester i institusjon",
        "Health and care services in institutions",
    ),
    (
        "256",
        "Tilbud om øyeblikkelig hjelp døgnopphold i kommunene",
        "Tilbod om augneblinkeleg hjelp døgnopphald i kommunane",
        "Municipal emergency inpatient beds",
    ),
    (
        "257",
        "Hjemmetjenester – personellbase knyttet til bofellesskap/samlokaliserte omsorgsboliger",
        "Heimetenester – personellbase knytt til bufellesskap/samlokaliserte omsorgsbustader",
        "Home services – staff base attached to shared or clustered care housing",
    ),
    (
        "258",
        "Hjemmetjenester – ambulerende virksomhet mv.",
        "Heimetenester – ambulerande verksemd mv.",
        "Home services – mobile services etc.",
    ),
    ("261", "Institusjonslokaler", "Institusjonslokale", "Institution premises"),
    ("265", "Kommunalt disponerte boliger", "Kommunalt disponerte bustader", "Municipal rental housing"),
    (
        "273",
        "Arbeidsrettede tiltak i kommunal regi",
        "Arbeidsretta tiltak i kommunal regi",
        "Municipal employment measures",
    ),
    ("275", "Introduksjonsordningen", "Introduksjonsordninga", "Introduction programme for refugees"),
    ("276", "Kvalifiseringsordningen", "Kvalifiseringsordninga", "Qualification programme"),
    ("281", "Ytelse til livsopphold", "Yting til livsopphald", "Subsistence benefits"),
    (
        "283",
        "Bistand til etablering og opprettholdelse av egen bolig",
        "Bistand til etablering og oppretthald av eigen bustad",
        "Help to obtain and keep a home",
    ),
    (
        "285",
        "Tjenester utenfor ordinært kommunalt ansvarsområde",
        "Tenester utanfor ordinært kommunalt ansvarsområde",
        "Services outside ordinary municipal responsibility",
    ),
    # Planning, property, business, technical services
    ("301", "Plansaksbehandling", "Plansakshandsaming", "Planning cases"),
    (
        "302",
        "Byggesaksbehandling og eierseksjonering",
        "Byggjesakshandsaming og eigarseksjonering",
        "Building applications and condominium sectioning",
    ),
    ("303", "Kart og oppmåling", "Kart og oppmåling", "Mapping and land surveying"),
    (
        "315",
        "Boligbygging og fysiske bomiljøtiltak",
        "Bustadbygging og fysiske bumiljøtiltak",
        "Housing construction and residential environment",
    ),
    ("320", "Kommunal næringsvirksomhet", "Kommunal næringsverksemd", "Municipal commercial activities"),
    (
        "325",
        "Tilrettelegging og bistand for næringslivet",
        "Tilrettelegging og bistand for næringslivet",
        "Business development and support",
    ),
    (
        "329",
        "Landbruksforvaltning og landbruksbasert næringsutvikling",
        "Landbruksforvaltning og landbruksbasert næringsutvikling",
        "Agricultural administration and agriculture-based business development",
    ),
    (
        "330",
        "Samferdselsbedrifter/transporttiltak",
        "Samferdselsbedrifter/transporttiltak",
        "Transport undertakings and measures",
    ),
    ("332", "Kommunale veier", "Kommunale vegar", "Municipal roads"),
    ("335", "Rekreasjon i tettsted", "Rekreasjon i tettstad", "Recreation in built-up areas"),
    (
        "338",
        "Forebygging av branner og andre ulykker",
        "Førebygging av brannar og andre ulukker",
        "Fire and accident prevention",
    ),
    (
        "339",
        "Beredskap mot branner og andre ulykker",
        "Beredskap mot brannar og andre ulukker",
        "Fire and rescue preparedness",
    ),
    ("340", "Produksjon av vann", "Produksjon av vatn", "Water production"),
    ("345", "Distribusjon av vann", "Distribusjon av vatn", "Water distribution"),
    ("350", "Avløpsrensing", "Avløpsreinsing", "Wastewater treatment"),
    (
        "353",
        "Avløpsnett/innsamling av avløpsvann",
        "Avløpsnett/innsamling av avløpsvatn",
        "Sewer network and wastewater collection",
    ),
    (
        "354",
        "Tømming av slamavskillere, septiktanker o.l.",
        "Tømming av slamavskiljarar, septiktankar o.l.",
        "Emptying of septic tanks etc.",
    ),
    ("355", "Husholdningsavfall", "Hushaldsavfall", "Household waste"),
    (
        "360",
        "Naturforvaltning og friluftsliv",
        "Naturforvaltning og friluftsliv",
        "Nature management and outdoor recreation",
    ),
    ("365", "Kulturminneforvaltning", "Kulturminneforvaltning", "Cultural heritage management"),
    # Culture and church
    ("370", "Bibliotek", "Bibliotek", "Libraries"),
    ("373", "Kino", "Kino", "Cinemas"),
    ("375", "Muséer", "Museum", "Museums"),
    ("377", "Kunstformidling", "Kunstformidling", "Arts dissemination"),
    (
        "380",
        "Idrett og tilskudd til andres idrettsanlegg",
        "Idrett og tilskot til idrettsanlegg som andre eig",
        "Sports, and grants for sports facilities owned by others",
    ),
    (
        "381",
        "Kommunale idrettsbygg og idrettsanlegg",
        "Kommunale idrettsbygg og idrettsanlegg",
        "Municipal sports buildings and facilities",
    ),
    ("383", "Musikk- og kulturskoler", "Musikk- og kulturskular", "Music and arts schools"),
    (
        "385",
        "Andre kulturaktiviteter og tilskudd til andres kulturbygg",
        "Andre kulturaktivitetar og tilskot til kulturbygg som andre eig",
        "Other cultural activities, and grants for cultural buildings owned by others",
    ),
    ("386", "Kommunale kulturbygg", "Kommunale kulturbygg", "Municipal cultural buildings"),
    ("390", "Den norske kirke", "Den norske kyrkja", "Church of Norway"),
    ("392", "Andre religiøse formål", "Andre religiøse føremål", "Other religious purposes"),
    ("393", "Gravplasser og krematorier", "Gravplassar og krematorium", "Cemeteries and crematoria"),
    # Finance functions
    ("800", "Skatt på inntekt og formue", "Skatt på inntekt og formue", "Tax on income and wealth"),
    (
        "840",
        "Statlig rammetilskudd og øvrige generelle statstilskudd",
        "Statleg rammetilskot og andre generelle statstilskot",
        "Block grant and other general state grants",
    ),
    ("860", "Motpost avskrivninger", "Motpost avskrivingar", "Contra entry for depreciation"),
    (
        "870",
        "Renter/utbytte og lån (innlån og utlån)",
        "Renter/utbytte og lån (innlån og utlån)",
        "Interest, dividends and loans (borrowing and lending)",
    ),
    (
        "880",
        "Interne finansieringstransaksjoner",
        "Interne finansieringstransaksjonar",
        "Internal financing transactions",
    ),
]

KOSTRA_CODES: frozenset[str] = frozenset(code for code, *_ in KOSTRA_FUNCTIONS)
