"""Demo data for the organisation side of the register: units, services, contacts and service–system links.

Unit trees and the mapping of Kommune-Los services (``portfolio/reference/kommune_los.json``) to units and to
catalogue categories are plausible for a Norwegian municipality, not taken from any real organisation chart.
Names are (bokmål, nynorsk). Matching on service names is by lower-case substring of the bokmål label.
"""

# ---------------------------------------------------------------------------------------------- units

# (key, name_nb, name_nn, parent key, optional: may be left out of a small organisation)
MUNICIPAL_UNITS = [
    ("oppvekst", "Oppvekst", "Oppvekst", None, False),
    ("barnehage", "Barnehager", "Barnehagar", "oppvekst", False),
    ("skole", "Skoler", "Skular", "oppvekst", False),
    ("ppt", "PPT", "PPT", "oppvekst", True),
    ("barnevern", "Barnevern", "Barnevern", "oppvekst", False),
    ("helse", "Helse og omsorg", "Helse og omsorg", None, False),
    ("hjemme", "Hjemmetjenesten", "Heimetenesta", "helse", False),
    ("sykehjem", "Sykehjemmet", "Sjukeheimen", "helse", False),
    ("helsestasjon", "Helsestasjon", "Helsestasjon", "helse", False),
    ("lege", "Legekontor", "Legekontor", "helse", False),
    ("teknisk", "Samfunnsutvikling", "Teknisk", None, False),
    ("plan", "Plan og byggesak", "Plan og byggjesak", "teknisk", False),
    ("kommunalteknikk", "Kommunalteknikk", "Kommunalteknikk", "teknisk", False),
    ("eiendom", "Eiendom", "Eigedom", "teknisk", True),
    ("landbruk", "Landbruk og næring", "Landbruk og næring", "teknisk", True),
    ("brann", "Brann og redning", "Brann og redning", "teknisk", True),
    ("kultur", "Kultur", "Kultur", None, False),
    ("bibliotek", "Bibliotek", "Bibliotek", "kultur", False),
    ("kulturskole", "Kulturskole", "Kulturskule", "kultur", False),
    ("fritid", "Fritid og frivillighet", "Fritid og frivilligheit", "kultur", True),
    ("nav", "NAV kommune", "NAV kommune", None, False),
    ("sosial", "Sosialtjenesten", "Sosialtenesta", "nav", False),
    ("flyktning", "Flyktningtjenesten", "Flyktningtenesta", "nav", True),
    ("stab", "Stab og støtte", "Administrasjon og økonomi", None, False),
    ("ikt", "IKT", "IKT", "stab", False),
    ("okonomi", "Økonomi", "Økonomi", "stab", False),
    ("personal", "Personal", "Personal", "stab", False),
    ("service", "Servicetorget", "Servicetorget", "stab", False),
]
COUNTY_UNITS = [
    ("utdanning", "Utdanning", "Utdanning", None, False),
    ("vgs", "Videregående skoler", "Vidaregåande skular", "utdanning", False),
    ("fagopplaering", "Fagopplæring", "Fagopplæring", "utdanning", False),
    ("samferdsel", "Samferdsel", "Samferdsel", None, False),
    ("kollektiv", "Kollektivtransport", "Kollektivtransport", "samferdsel", False),
    ("fylkesveg", "Fylkesveg", "Fylkesveg", "samferdsel", False),
    ("regional", "Regional utvikling", "Regional utvikling", None, False),
    ("plan", "Plan og miljø", "Plan og miljø", "regional", False),
    ("kulturarv", "Kultur og kulturarv", "Kultur og kulturarv", "regional", False),
    ("tannhelse", "Tannhelsetjenesten", "Tannhelsetenesta", None, False),
    ("stab", "Stab og støtte", "Stab og støtte", None, False),
    ("ikt", "IKT", "IKT", "stab", False),
    ("okonomi", "Økonomi", "Økonomi", "stab", False),
    ("personal", "Personal", "Personal", "stab", False),
    ("service", "Dokumentsenter", "Dokumentsenter", "stab", False),
]
INTERMUNICIPAL_UNITS = [
    ("drift", "Drift og infrastruktur", "Drift og infrastruktur", None, False),
    ("ikt", "Brukerstøtte", "Brukarstøtte", "drift", False),
    ("nettverk", "Nettverk og sikkerhet", "Nettverk og tryggleik", "drift", False),
    ("fagsystem", "Fagsystemer", "Fagsystem", None, False),
    ("service", "Applikasjonsforvaltning", "Applikasjonsforvaltning", "fagsystem", False),
    ("adm", "Administrasjon", "Administrasjon", None, False),
    ("okonomi", "Økonomi og innkjøp", "Økonomi og innkjøp", "adm", False),
    ("personal", "Personal", "Personal", "adm", False),
]

# Unit key → suffix of the demo user who leads it (Vinje and Tokke); other organisations: the coordinator leads IKT.
DEMO_UNIT_LEADERS = {"oppvekst": "leder", "ikt": "koordinator", "hjemme": "systemeier", "service": "personvern"}
GENERATED_UNIT_LEADERS = {"ikt": "koordinator"}

# ---------------------------------------------------------------------------------------------- services

# Kommune-Los services only counties deliver (left out of municipalities; the county picks from them).
COUNTY_SERVICES = [
    "Videregående opplæring",
    "Videregående skole for voksne",
    "Fylkesplan",
    "Fylkesdelplan",
    "Regional planlegging",
    "Tannhelsetjeneste",
    "Skoleskyss",
    "Reisebillett",
    "Ruteinformasjon",
    "Takster og kjøpsinformasjon",
    "Sanntids trafikkinformasjon",
    "Vegvedlikehold",
    "Kulturminner",
    "Lærling",
    "Utdannings- og yrkesveiledning",
    "Tilskudd til friluftsliv",
    "Eksamen",
]
COUNTY_ONLY = set(COUNTY_SERVICES) - {"Skoleskyss", "Kulturminner", "Eksamen", "Tilskudd til friluftsliv"}

# Every municipality offers these (bokmål labels of Kommune-Los).
CORE_SERVICES = [
    "Barnehageplass",
    "Byggesak",
    "Sykehjem",
    "Hjemmesykepleie",
    "Helsestasjon",
    "Legehjelp",
    "Sosialhjelp",
    "Barnevern",
    "Spesialundervisning",
    "Skolefritidsordning",
    "Søke skole",
    "Skoleskyss",
    "Eiendomsskatt",
    "Vann og avløp",
    "Renovasjon",
    "Bibliotektjenester",
    "Musikk- og kulturskole",
    "Innsynsrett",
    "Kommuneplan",
    "Reguleringsplan",
    "Trygghet i hjemmet",
]

# How likely a municipality offers a service of each Los sector (slug of the sector URI).
SECTOR_WEIGHTS = {
    "helse-og-omsorg": 3,
    "skole-og-utdanning": 3,
    "familie-og-barn": 3,
    "bygg-og-eiendom": 2,
    "sosiale-tjenester": 2,
    "samfunnssikkerhet-og-beredskap": 2,
    "skatt-og-avgift": 2,
    "kultur-idrett-og-fritid": 1,
    "natur-klima-og-miljo": 1,
    "naring": 1,
    "trafikk-og-transport": 0.5,
    "demokrati-og-innbyggerrettigheter": 1,
}

# The unit responsible for a service: keyword of the bokmål label first, then the Los sector.
UNIT_KEYWORDS = [
    ("barnehage", "barnehage"),
    ("pedagogisk-psykologisk", "ppt"),
    ("spesialundervisning", "ppt"),
    ("tilpasset opplæring", "ppt"),
    ("skolehelse", "helsestasjon"),
    ("helsestasjon", "helsestasjon"),
    ("helsesykepleier", "helsestasjon"),
    ("svangerskap", "helsestasjon"),
    ("vaksine", "helsestasjon"),
    ("legehjelp", "lege"),
    ("legevakt", "lege"),
    ("smittevern", "lege"),
    ("radon", "lege"),
    ("støy", "lege"),
    ("tobakk", "lege"),
    ("sykehjem", "sykehjem"),
    ("korttidsopphold", "sykehjem"),
    ("langvarige", "sykehjem"),
    ("dagtilbud", "sykehjem"),
    ("matlevering", "sykehjem"),
    ("ernæring", "sykehjem"),
    ("introduksjonsprogram", "flyktning"),
    ("norskopplæring", "flyktning"),
    ("tvangsekteskap", "sosial"),
    ("samlivsbrudd", "sosial"),
    ("boligfinansiering", "sosial"),
    ("eiendomsskatt", "okonomi"),
    ("betalingssatser", "okonomi"),
    ("kommunale avgifter", "okonomi"),
    ("renovasjonsavgift", "okonomi"),
    ("arbeidsgiveravgift", "okonomi"),
    ("skatteattest", "okonomi"),
    ("leieforhold", "eiendom"),
    ("kommunal bolig", "eiendom"),
    ("omsorgsbolig", "eiendom"),
    ("vann og avløp", "kommunalteknikk"),
    ("gravemelding", "kommunalteknikk"),
    ("privat vei", "kommunalteknikk"),
    ("gravplass", "kommunalteknikk"),
    ("gravferd", "service"),
    ("vielse", "service"),
    ("bibliotek", "bibliotek"),
    ("lånekort", "bibliotek"),
    ("utlån", "bibliotek"),
    ("kulturskole", "kulturskole"),
    ("arkiv", "service"),
    ("innsyn", "service"),
    ("personvern", "service"),
    ("bevilling", "service"),
    ("jakt", "landbruk"),
    ("vilt", "landbruk"),
    ("fiske", "landbruk"),
    ("motorferdsel", "landbruk"),
    ("snøskuter", "landbruk"),
    ("firehjuling", "landbruk"),
    ("feiing og strøing", "kommunalteknikk"),
    ("feiing", "brann"),
    ("bålbrenning", "brann"),
    ("fyrverkeri", "brann"),
    # county services
    ("videregående", "vgs"),
    ("eksamen", "vgs"),
    ("lærling", "fagopplaering"),
    ("yrkesveiledning", "fagopplaering"),
    ("tannhelse", "tannhelse"),
    ("skoleskyss", "kollektiv"),
    ("reise", "kollektiv"),
    ("rute", "kollektiv"),
    ("takster", "kollektiv"),
    ("trafikkinformasjon", "kollektiv"),
    ("vegvedlikehold", "fylkesveg"),
    ("fylke", "plan"),
    ("regional", "plan"),
    ("kulturminner", "kulturarv"),
    ("friluftsliv", "kulturarv"),
]
SECTOR_UNITS = {
    "bygg-og-eiendom": "plan",
    "helse-og-omsorg": "hjemme",
    "sosiale-tjenester": "sosial",
    "natur-klima-og-miljo": "kommunalteknikk",
    "skatt-og-avgift": "okonomi",
    "kultur-idrett-og-fritid": "fritid",
    "naring": "landbruk",
    "familie-og-barn": "barnevern",
    "samfunnssikkerhet-og-beredskap": "brann",
    "trafikk-og-transport": "kommunalteknikk",
    "skole-og-utdanning": "skole",
    "demokrati-og-innbyggerrettigheter": "service",
}
# Where a unit key is missing in an organisation's tree: its top-level unit in the municipal tree, then these.
UNIT_FALLBACK = {"county": "stab", "intermunicipal": "service"}

# The catalogue categories whose systems support a service: keyword of the bokmål label first, then the sector.
CATEGORY_KEYWORDS = [
    ("barnehage", ["barnehageadministrasjon"]),
    ("barnevern", ["barnevern"]),
    ("fosterhjem", ["barnevern"]),
    ("besøkshjem", ["barnevern"]),
    ("pedagogisk-psykologisk", ["skoleadministrasjon"]),
    ("skolehelse", ["helsestasjon"]),
    ("helsestasjon", ["helsestasjon"]),
    ("helsesykepleier", ["helsestasjon"]),
    ("svangerskap", ["helsestasjon"]),
    ("vaksine", ["helsestasjon", "legekontor"]),
    ("legehjelp", ["legekontor"]),
    ("legevakt", ["legekontor", "turnus"]),
    ("smittevern", ["legekontor", "helsestasjon"]),
    ("trygghet i hjemmet", ["velferdsteknologi", "pleie-omsorg"]),
    ("sykehjem", ["pleie-omsorg", "turnus", "velferdsteknologi"]),
    ("korttidsopphold", ["pleie-omsorg", "turnus"]),
    ("hjemmesykepleie", ["pleie-omsorg", "velferdsteknologi", "turnus"]),
    ("hjemmehjelp", ["pleie-omsorg", "turnus"]),
    ("sosialhjelp", ["sosial-nav"]),
    ("kvalifisering", ["sosial-nav"]),
    ("introduksjonsprogram", ["sosial-nav"]),
    ("tannhelse", ["tannhelse"]),
    ("eiendomsskatt", ["eiendomsskatt", "kart-plan"]),
    ("renovasjon", ["teknisk-vann-avlop"]),
    ("vann og avløp", ["teknisk-vann-avlop", "kart-plan"]),
    ("feiing og strøing", ["teknisk-vann-avlop"]),
    ("feiing", ["teknisk-vann-avlop", "beredskap"]),
    ("branntilsyn", ["beredskap", "teknisk-vann-avlop"]),
    ("gravemelding", ["teknisk-vann-avlop", "kart-plan"]),
    ("kommunale avgifter", ["teknisk-vann-avlop", "okonomi"]),
    ("byggesak", ["byggesak", "kart-plan"]),
    ("nabovarsel", ["byggesak", "kart-plan"]),
    ("melding om bygging", ["byggesak"]),
    ("ulovlige tiltak", ["byggesak"]),
    ("oppmåling", ["kart-plan"]),
    ("seksjonering", ["kart-plan"]),
    ("adresse", ["kart-plan"]),
    ("plan", ["kart-plan"]),
    ("bibliotek", ["bibliotek"]),
    ("lånekort", ["bibliotek"]),
    ("utlån", ["bibliotek"]),
    ("kulturskole", ["kulturskole"]),
    ("skoleskyss", ["skoleadministrasjon"]),
    ("videregående", ["skoleadministrasjon", "laeringsplattform"]),
    ("arkiv", ["sak-arkiv"]),
    ("innsyn", ["sak-arkiv", "nettsted-innbyggerportal"]),
    ("arbeidsgiveravgift", ["lonn", "okonomi"]),
    ("skatteattest", ["okonomi"]),
    ("samlivsbrudd", ["sak-arkiv"]),
    ("tvangsekteskap", ["sak-arkiv"]),
    ("gravferd", ["sak-arkiv"]),
    ("vielse", ["sak-arkiv"]),
]

# Unlisted (home-made) systems that support a service: keyword of the system name → bokmål service labels.
UNLISTED_SERVICES = [
    ("hytteregister", ["Feiing", "Renovasjon"]),
    ("kraftinntekter", ["Regnskap og budsjett"]),
    ("utleieregister", ["Kommunal bolig", "Leieforhold"]),
    ("utleigeregister", ["Kommunal bolig", "Leieforhold"]),
    ("vaktliste legevakt", ["Legevakt"]),
    ("startlån", ["Boligfinansiering"]),
    ("skoleskyss", ["Skoleskyss"]),
    ("politiske møter", ["Dokumentforvaltning og arkiv", "Arkiv"]),
    ("tilskuddsdatabase", ["Kulturmidler"]),
]
SECTOR_CATEGORIES = {
    "skole-og-utdanning": ["skoleadministrasjon", "laeringsplattform"],
    "familie-og-barn": ["barnehageadministrasjon", "barnevern", "helsestasjon"],
    "helse-og-omsorg": ["pleie-omsorg", "legekontor", "helsestasjon", "velferdsteknologi", "turnus"],
    "bygg-og-eiendom": ["byggesak", "kart-plan", "eiendomsskatt"],
    "sosiale-tjenester": ["sosial-nav"],
    "natur-klima-og-miljo": ["teknisk-vann-avlop", "kart-plan"],
    "kultur-idrett-og-fritid": ["bibliotek", "kulturskole"],
    "naring": ["kart-plan"],
    "samfunnssikkerhet-og-beredskap": ["beredskap", "teknisk-vann-avlop"],
    "skatt-og-avgift": ["eiendomsskatt", "okonomi"],
    "trafikk-og-transport": ["teknisk-vann-avlop", "kart-plan"],
    "demokrati-og-innbyggerrettigheter": ["sak-arkiv", "nettsted-innbyggerportal"],
}

# Internal support services, not in Kommune-Los: (name_nb, name_nn, unit key, categories).
INTERNAL_SERVICES = [
    ("Lønn og personal", "Løn og personal", "personal", ["lonn", "personal", "turnus"]),
    ("Regnskap og budsjett", "Rekneskap og budsjett", "okonomi", ["okonomi", "innkjop-faktura"]),
    ("Innkjøp og fakturabehandling", "Innkjøp og fakturahandsaming", "okonomi", ["innkjop-faktura", "okonomi"]),
    ("IKT-drift og brukerstøtte", "IKT-drift og brukarstøtte", "ikt", ["infrastruktur", "kontorstotte", "telefoni"]),
    ("Dokumentforvaltning og arkiv", "Dokumentforvaltning og arkiv", "service", ["sak-arkiv"]),
    ("Informasjon og nettsted", "Informasjon og nettstad", "service", ["nettsted-innbyggerportal", "telefoni"]),
    ("Beredskap og krisehåndtering", "Beredskap og krisehandtering", "brann", ["beredskap"]),
]

# Descriptions of a few services: bokmål label → (bokmål, nynorsk).
SERVICE_DESCRIPTIONS = {
    "Barnehageplass": (
        "Søknad om og tildeling av barnehageplass ved hovedopptaket og løpende opptak gjennom året.",
        "Søknad om og tildeling av barnehageplass ved hovudopptaket og løpande opptak gjennom året.",
    ),
    "Byggesak": (
        "Behandling av søknader om tiltak etter plan- og bygningsloven.",
        "Handsaming av søknader om tiltak etter plan- og bygningslova.",
    ),
    "Sykehjem": (
        "Langtids- og korttidsplass i sykehjem etter vedtak.",
        "Langtids- og korttidsplass på sjukeheim etter vedtak.",
    ),
    "Hjemmesykepleie": (
        "Helsehjelp i eget hjem etter vedtak, hele døgnet.",
        "Helsehjelp i eigen heim etter vedtak, heile døgeret.",
    ),
    "Sosialhjelp": (
        "Økonomisk stønad etter sosialtjenesteloven; søknad digitalt via nav.no.",
        "Økonomisk stønad etter sosialtenestelova; søknad digitalt via nav.no.",
    ),
    "Eiendomsskatt": (
        "Taksering og utskriving av eiendomsskatt på verk og bruk, bolig og fritidsbolig.",
        "Taksering og utskriving av eigedomsskatt på verk og bruk, bustad og fritidsbustad.",
    ),
    "Skoleskyss": (
        "Vedtak om skyss for elever med lang, farlig eller vanskelig skolevei.",
        "Vedtak om skyss for elevar med lang, farleg eller vanskeleg skuleveg.",
    ),
    "Trygghet i hjemmet": (
        "Trygghetsalarm og annen velferdsteknologi for hjemmeboende.",
        "Tryggleiksalarm og anna velferdsteknologi for heimebuande.",
    ),
}

# Link notes: (bokmål, nynorsk).
PRIMARY_NOTES = [
    ("Fagsystem for saksbehandling og vedtak.", "Fagsystem for sakshandsaming og vedtak."),
    ("Søknader kommer inn digitalt hit.", "Søknader kjem inn digitalt hit."),
    ("Brukes av alle saksbehandlere i tjenesten.", "Blir brukt av alle sakshandsamarar i tenesta."),
]
SUPPORTING_NOTES = {
    "sak-arkiv": ("Arkivering av vedtak og korrespondanse.", "Arkivering av vedtak og korrespondanse."),
    "nettsted-innbyggerportal": (
        "Informasjon og søknadsskjema på nettstedet.",
        "Informasjon og søknadsskjema på nettstaden.",
    ),
    "turnus": ("Bemanning og vaktplan.", "Bemanning og vaktplan."),
    "kart-plan": ("Kartgrunnlag og matrikkeldata.", "Kartgrunnlag og matrikkeldata."),
}

# ---------------------------------------------------------------------------------------------- contacts

VENDOR_TITLES = [("Kundeansvarlig", "Kundeansvarleg"), ("Konsulent", "Konsulent"), ("Kundestøtte", "Kundestøtte")]
OPERATOR_TITLE = ("Driftsansvarlig", "Driftsansvarleg")
OPERATOR_NOTES = (
    "Drifter servere, nettverk og sikkerhetskopi etter driftsavtale.",
    "Driftar serverar, nettverk og tryggingskopi etter driftsavtale.",
)
# Fictional operating companies for organisations that are not in an IT cooperation.
FICTIONAL_OPERATORS = ["Fjellnett Drift AS", "Nordisk Driftssenter AS", "Kystdata Drift AS"]
SUPER_USER_TITLE = ("Superbruker", "Superbrukar")
