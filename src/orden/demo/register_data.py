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

# ---------------------------------------------------------------------------------------------- datasets

# Legal bases for restricted and non-public access: key → (provision, its page on Lovdata).
LEGAL_BASES = {
    "taushetsplikt": ("Offentleglova § 13 jf. forvaltningsloven § 13", "https://lovdata.no/lov/1967-02-10/%C2%A713"),
    "helse": ("Offentleglova § 13 jf. helsepersonelloven § 21", "https://lovdata.no/lov/1999-07-02-64/%C2%A721"),
    "sosial": ("Offentleglova § 13 jf. sosialtjenesteloven § 44", "https://lovdata.no/lov/2009-12-18-131/%C2%A744"),
    "barnevern": ("Offentleglova § 13 jf. barnevernsloven § 13-1", "https://lovdata.no/lov/2021-06-18-97/%C2%A713-1"),
    "sarbarhet": ("Offentleglova § 24 tredje ledd", "https://lovdata.no/lov/2006-05-19-16/%C2%A724"),
    "offentleglova": ("Offentleglova § 13", "https://lovdata.no/lov/2006-05-19-16/%C2%A713"),
}
NOARK = "https://www.arkivverket.no/forvaltning-og-utvikling/regelverk-og-standarder/noark-standarden"
SOSI = "https://www.kartverket.no/geodataarbeid/standarder/sosi"

# What an organisation holds and may describe, by key. Fields (defaults in brackets):
#   title (nb, nn, en), description (nb, nn), keywords (bokmål, comma-separated), themes (EU data-theme codes),
#   services (Kommune-Los bokmål labels or internal service names the data belongs to), categories (catalogue
#   categories of the systems that hold it; the first system found is the authoritative one), systems (words
#   in the names of home-made systems that hold it), access (public), personal (False), reason (why open
#   personal data is lawful), basis (LEGAL_BASES key), frequency (EU frequency code), provenance, since (the
#   first year covered), files ((title, file-type code, licence code, file name or None: a page or an API)),
#   conforms (URLs), owner (role suffix of the demo users; others use their architect).
DATASETS = {
    "adresser": {
        "title": ("Adresser", "Adresser", "Addresses"),
        "description": (
            "Offisielle vegadresser og matrikkeladresser i kommunen med koordinater, vedtatt av kommunen som "
            "adressemyndighet og ført i matrikkelen.",
            "Offisielle vegadresser og matrikkeladresser i kommunen med koordinatar, vedtekne av kommunen som "
            "adressestyresmakt og førte i matrikkelen.",
        ),
        "keywords": "adresse, vegadresse, matrikkel, koordinater",
        "themes": ["GOVE", "REGI"],
        "services": ["Adressetildeling", "Oppmåling"],
        "categories": ["kart-plan"],
        "frequency": "WEEKLY",
        "provenance": "vedtak",
        "since": 2009,
        "files": [
            ("Adresser (GeoJSON)", "GEOJSON", "NLOD_2_0", "adresser.geojson"),
            ("Adresser (CSV)", "CSV", "NLOD_2_0", "adresser.csv"),
        ],
        "conforms": [SOSI],
    },
    "byggesaker": {
        "title": ("Byggesaker", "Byggjesaker", "Building applications"),
        "description": (
            "Søknader om tiltak etter plan- og bygningsloven med vedtak, ansvarlige foretak og gebyr, fra mottak "
            "til ferdigattest.",
            "Søknader om tiltak etter plan- og bygningslova med vedtak, ansvarlege føretak og gebyr, frå mottak "
            "til ferdigattest.",
        ),
        "keywords": "byggesak, byggesøknad, ferdigattest, tiltak",
        "themes": ["GOVE", "REGI"],
        "services": ["Byggesak", "Melding om bygging", "Klage på byggesak", "Gebyr for byggesak"],
        "categories": ["byggesak", "sak-arkiv"],
        "access": "restricted",
        "personal": True,
        "basis": "taushetsplikt",
        "frequency": "DAILY",
        "provenance": "vedtak",
        "since": 2012,
        "files": [("Innsyn i byggesaker", None, None, None)],
    },
    "reguleringsplaner": {
        "title": ("Reguleringsplaner", "Reguleringsplanar", "Zoning plans"),
        "description": (
            "Vedtatte og foreslåtte reguleringsplaner med plankart, bestemmelser og planstatus: kommunens "
            "planregister etter plan- og bygningsloven § 2-2.",
            "Vedtekne og føreslåtte reguleringsplanar med plankart, føresegner og planstatus: planregisteret til "
            "kommunen etter plan- og bygningslova § 2-2.",
        ),
        "keywords": "reguleringsplan, plankart, planregister, arealplan",
        "themes": ["REGI", "ENVI", "GOVE"],
        "services": ["Reguleringsplan", "Private reguleringsplaner", "Kommunedelplan"],
        "categories": ["kart-plan", "sak-arkiv"],
        "frequency": "WEEKLY",
        "provenance": "vedtak",
        "since": 1965,
        "files": [
            ("Plankart (GeoJSON)", "GEOJSON", "NLOD_2_0", "reguleringsplaner.geojson"),
            ("Planregister (CSV)", "CSV", "NLOD_2_0", "planregister.csv"),
            ("Planbestemmelser (PDF)", "PDF", "NLOD_2_0", None),
        ],
        "conforms": [SOSI],
    },
    "eiendomsskatt": {
        "title": ("Eiendomsskatt", "Eigedomsskatt", "Property tax"),
        "description": (
            "Skatteliste for eiendomsskatt med eiendom (gårds- og bruksnummer), takstgrunnlag, bunnfradrag og "
            "utskrevet skatt, lagt ut til offentlig ettersyn hvert år.",
            "Skatteliste for eigedomsskatt med eigedom (gards- og bruksnummer), takstgrunnlag, botnfrådrag og "
            "utskriven skatt, lagd ut til offentleg ettersyn kvart år.",
        ),
        "keywords": "eiendomsskatt, skatteliste, takst",
        "themes": ["GOVE", "ECON"],
        "services": ["Eiendomsskatt"],
        "categories": ["eiendomsskatt", "kart-plan"],
        "frequency": "ANNUAL",
        "provenance": "vedtak",
        "since": 2007,
        "files": [
            ("Skatteliste (CSV)", "CSV", "NLOD_2_0", "eiendomsskatteliste.csv"),
            ("Skatteliste (PDF)", "PDF", "NLOD_2_0", "eiendomsskatteliste.pdf"),
        ],
    },
    "barnehageplasser": {
        "title": ("Barnehageplasser", "Barnehageplassar", "Kindergarten places"),
        "description": (
            "Godkjente plasser, barn og ledig kapasitet per barnehage, kommunale og private, ved hovedopptaket "
            "og per 15. desember.",
            "Godkjende plassar, born og ledig kapasitet per barnehage, kommunale og private, ved hovudopptaket "
            "og per 15. desember.",
        ),
        "keywords": "barnehage, barnehageplass, opptak, kapasitet",
        "themes": ["EDUC", "SOCI"],
        "services": ["Barnehageplass", "Tilsyn og godkjenning av barnehager"],
        "categories": ["barnehageadministrasjon"],
        "frequency": "MONTHLY",
        "provenance": "vedtak",
        "since": 2015,
        "files": [
            ("Barnehageplasser (CSV)", "CSV", "NLOD_2_0", "barnehageplasser.csv"),
            ("Barnehageplasser (JSON)", "JSON", "CC_BY_4_0", "barnehageplasser.json"),
        ],
        "owner": "leder",
    },
    "vannverk": {
        "title": ("Vannverk og ledningsnett", "Vassverk og leidningsnett", "Waterworks and pipe network"),
        "description": (
            "Vannverk, høydebasseng, pumpestasjoner og ledningsnett for vann, avløp og overvann med materiale, "
            "dimensjon og alder.",
            "Vassverk, høgdebasseng, pumpestasjonar og leidningsnett for vatn, avløp og overvatn med materiale, "
            "dimensjon og alder.",
        ),
        "keywords": "vann, avløp, ledningsnett, VA, vannverk",
        "themes": ["ENVI", "GOVE"],
        "services": ["Vann og avløp", "Gravemelding"],
        "categories": ["teknisk-vann-avlop", "kart-plan"],
        "access": "restricted",
        "basis": "sarbarhet",
        "frequency": "WEEKLY",
        "provenance": "vedtak",
        "since": 1970,
        "files": [("Utlevering til graveselskap og entreprenører", None, None, None)],
    },
    "politiske_moter": {
        "title": ("Politiske møter og vedtak", "Politiske møte og vedtak", "Political meetings and decisions"),
        "description": (
            "Møteplaner, saksdokumenter, møtebøker og vedtak fra kommunestyret, formannskapet, utvalg og råd.",
            "Møteplanar, saksdokument, møtebøker og vedtak frå kommunestyret, formannskapet, utval og råd.",
        ),
        "keywords": "kommunestyre, formannskap, møtebok, vedtak, politikk",
        "themes": ["GOVE"],
        "services": ["Innsynsrett", "Arkiv", "Dokumentforvaltning og arkiv"],
        "categories": ["sak-arkiv"],
        "frequency": "WEEKLY",
        "provenance": "vedtak",
        "since": 2004,
        "files": [
            ("Møter og vedtak (JSON)", "JSON", "NLOD_2_0", None),
            ("Møtebøker (PDF)", "PDF", "NLOD_2_0", None),
        ],
        "conforms": [NOARK],
        "api": "innsyn",
    },
    "postjournal": {
        "title": ("Postjournal", "Postjournal", "Public records journal"),
        "description": (
            "Offentlig journal over inngående og utgående dokumenter med dokumenttittel, avsender eller mottaker "
            "og dato. Skjermingsverdige opplysninger er tatt ut.",
            "Offentleg journal over inngåande og utgåande dokument med dokumenttittel, avsendar eller mottakar "
            "og dato. Skjermingsverdige opplysningar er tekne ut.",
        ),
        "keywords": "postjournal, offentlig journal, innsyn, arkiv",
        "themes": ["GOVE"],
        "services": ["Innsynsrett", "Dokumentforvaltning og arkiv"],
        "categories": ["sak-arkiv"],
        "personal": True,
        "reason": (
            "Offentleglova § 10 pålegger kommunen å føre offentlig journal. Navn på privatpersoner og "
            "opplysninger underlagt taushetsplikt skjermes før publisering."
        ),
        "frequency": "DAILY",
        "provenance": "vedtak",
        "since": 2010,
        "files": [
            ("Postjournal (JSON)", "JSON", "NLOD_2_0", None),
            ("Postjournal (XML)", "XML", "NLOD_2_0", None),
        ],
        "conforms": [NOARK],
        "owner": "koordinator",
        "api": "innsyn",
    },
    "barnehagebarn": {
        "title": ("Barn i barnehage", "Born i barnehage", "Children in kindergarten"),
        "description": (
            "Søknader, opptak, oppholdstid, foreldrebetaling og moderasjoner for barn i barnehagene.",
            "Søknader, opptak, opphaldstid, foreldrebetaling og moderasjonar for born i barnehagane.",
        ),
        "keywords": "barnehage, opptak, foreldrebetaling",
        "themes": ["EDUC", "SOCI"],
        "services": ["Barnehageplass"],
        "categories": ["barnehageadministrasjon"],
        "access": "non_public",
        "personal": True,
        "basis": "taushetsplikt",
        "frequency": "DAILY",
        "provenance": "bruker",
        "since": 2015,
        "owner": "leder",
    },
    "elevdata": {
        "title": ("Elevdata", "Elevdata", "Pupil records"),
        "description": (
            "Opplysninger om elevene i grunnskolen: klasse, fravær, vurdering, spesialundervisning og skoleskyss.",
            "Opplysningar om elevane i grunnskulen: klasse, fråvær, vurdering, spesialundervisning og skuleskyss.",
        ),
        "keywords": "elev, grunnskole, fravær, vurdering",
        "themes": ["EDUC"],
        "services": ["Søke skole", "Spesialundervisning", "Skoleskyss", "Skolefritidsordning"],
        "categories": ["skoleadministrasjon", "laeringsplattform"],
        "access": "non_public",
        "personal": True,
        "basis": "taushetsplikt",
        "frequency": "DAILY",
        "provenance": "bruker",
        "since": 2014,
        "owner": "leder",
    },
    "hjemmetjenester": {
        "title": ("Brukere av hjemmetjenester", "Brukarar av heimetenester", "Home care service users"),
        "description": (
            "Vedtak, tiltaksplaner og journal for brukere av hjemmesykepleie, hjemmehjelp og trygghetsalarm, med "
            "helseopplysninger (særlige kategorier av personopplysninger).",
            "Vedtak, tiltaksplanar og journal for brukarar av heimesjukepleie, heimehjelp og tryggleiksalarm, med "
            "helseopplysningar (særlege kategoriar av personopplysningar).",
        ),
        "keywords": "hjemmetjeneste, hjemmesykepleie, pasientjournal, IPLOS",
        "themes": ["HEAL", "SOCI"],
        "services": ["Hjemmesykepleie", "Hjemmehjelp", "Trygghet i hjemmet"],
        "categories": ["pleie-omsorg", "velferdsteknologi"],
        "access": "non_public",
        "personal": True,
        "basis": "helse",
        "frequency": "DAILY",
        "provenance": "vedtak",
        "since": 2008,
        "owner": "systemeier",
    },
    "bibliotek": {
        "title": ("Utlånsstatistikk for biblioteket", "Utlånsstatistikk for biblioteket", "Library lending"),
        "description": (
            "Utlån, besøk og arrangementer i folkebiblioteket per måned og medietype.",
            "Utlån, besøk og arrangement i folkebiblioteket per månad og medietype.",
        ),
        "keywords": "bibliotek, utlån, statistikk",
        "themes": ["EDUC"],
        "services": ["Bibliotektjenester"],
        "categories": ["bibliotek"],
        "frequency": "MONTHLY",
        "since": 2016,
        "files": [("Utlånsstatistikk (CSV)", "CSV", "CC_BY_4_0", "utlansstatistikk.csv")],
    },
    "renovasjon": {
        "title": ("Tømmekalender for renovasjon", "Tømekalender for renovasjon", "Waste collection calendar"),
        "description": (
            "Tømmedager for restavfall, matavfall, papir og plast per adresse og rute.",
            "Tømedagar for restavfall, matavfall, papir og plast per adresse og rute.",
        ),
        "keywords": "renovasjon, avfall, tømmekalender, henting",
        "themes": ["ENVI"],
        "services": ["Renovasjon", "Renovasjonsavgift"],
        "categories": ["teknisk-vann-avlop"],
        "frequency": "WEEKLY",
        "since": 2020,
        "files": [
            ("Tømmekalender (JSON)", "JSON", "NLOD_2_0", "tommekalender.json"),
            ("Tømmekalender (CSV)", "CSV", "NLOD_2_0", "tommekalender.csv"),
        ],
    },
    "turloyper": {
        "title": ("Turløyper og skiløyper", "Turløyper og skiløyper", "Hiking and ski trails"),
        "description": (
            "Merkede turstier og preparerte skiløyper med lengde, gradering og parkering.",
            "Merkte turstigar og preparerte skiløyper med lengd, gradering og parkering.",
        ),
        "keywords": "tur, sti, skiløype, friluftsliv",
        "themes": ["EDUC", "ENVI", "REGI"],
        "services": ["Turløyper", "Tilskudd til friluftsliv"],
        "categories": ["kart-plan"],
        "frequency": "IRREG",
        "since": 2018,
        "files": [("Turløyper (GeoJSON)", "GEOJSON", "NLOD_2_0", "turloyper.geojson")],
    },
    "sosialhjelp": {
        "title": (
            "Mottakere av økonomisk sosialhjelp",
            "Mottakarar av økonomisk sosialhjelp",
            "Recipients of social assistance",
        ),
        "description": (
            "Søknader, vedtak og utbetalinger av økonomisk stønad etter sosialtjenesteloven.",
            "Søknader, vedtak og utbetalingar av økonomisk stønad etter sosialtenestelova.",
        ),
        "keywords": "sosialhjelp, økonomisk stønad, NAV",
        "themes": ["SOCI"],
        "services": ["Sosialhjelp"],
        "categories": ["sosial-nav"],
        "access": "non_public",
        "personal": True,
        "basis": "sosial",
        "frequency": "DAILY",
        "provenance": "bruker",
        "since": 2011,
    },
    "barnevern": {
        "title": ("Barnevernssaker", "Barnevernssaker", "Child welfare cases"),
        "description": (
            "Meldinger, undersøkelser, tiltak og omsorgsovertakelser i barneverntjenesten.",
            "Meldingar, undersøkingar, tiltak og omsorgsovertakingar i barnevernstenesta.",
        ),
        "keywords": "barnevern, bekymringsmelding, tiltak",
        "themes": ["SOCI", "JUST"],
        "services": ["Barnevern"],
        "categories": ["barnevern"],
        "access": "non_public",
        "personal": True,
        "basis": "barnevern",
        "frequency": "DAILY",
        "provenance": "vedtak",
        "since": 2010,
    },
    "kommunale_boliger": {
        "title": ("Kommunale utleieboliger", "Kommunale utleigebustader", "Municipal rental housing"),
        "description": (
            "Kommunens utleieboliger og omsorgsboliger med leietakere, husleie og kontraktsperiode.",
            "Utleigebustadene og omsorgsbustadene til kommunen med leigetakarar, husleige og kontraktsperiode.",
        ),
        "keywords": "kommunal bolig, utleie, omsorgsbolig",
        "themes": ["SOCI", "GOVE"],
        "services": ["Kommunal bolig", "Omsorgsbolig", "Leieforhold"],
        "categories": [],
        "systems": ["utleieregister", "utleigeregister"],
        "access": "restricted",
        "personal": True,
        "basis": "taushetsplikt",
        "frequency": "MONTHLY",
        "provenance": "bruker",
        "since": 2015,
        "files": [("Søknad om kommunal bolig", None, None, None)],
    },
    "fritidsboliger": {
        "title": ("Hytter og fritidsboliger", "Hytter og fritidsbustader", "Holiday homes"),
        "description": (
            "Hytter og fritidsboliger med eier, adresse, feiing og renovasjonsordning.",
            "Hytter og fritidsbustader med eigar, adresse, feiing og renovasjonsordning.",
        ),
        "keywords": "hytte, fritidsbolig, feiing, renovasjon",
        "themes": ["REGI", "GOVE"],
        "services": ["Renovasjon", "Feiing", "Eiendomsskatt"],
        "categories": ["kart-plan"],
        "systems": ["hytteregister"],
        "access": "restricted",
        "personal": True,
        "basis": "taushetsplikt",
        "frequency": "MONTHLY",
        "provenance": "bruker",
        "since": 2003,
        "files": [("Bestilling av uttrekk", None, None, None)],
    },
    "kommunale_bygg": {
        "title": ("Kommunale bygg og eiendommer", "Kommunale bygg og eigedomar", "Municipal buildings"),
        "description": (
            "Bygg og eiendommer kommunen eier eller leier, med bruk, areal og byggeår.",
            "Bygg og eigedomar kommunen eig eller leiger, med bruk, areal og byggjeår.",
        ),
        "keywords": "kommunale bygg, eiendom, formålsbygg",
        "themes": ["GOVE", "REGI"],
        "services": ["Kulturbygg", "Lokaler og idrettsanlegg"],
        "categories": ["kart-plan"],
        "frequency": "ANNUAL",
        "since": 2012,
        "files": [("Kommunale bygg (CSV)", "CSV", "NLOD_2_0", "kommunale-bygg.csv")],
    },
    "gravregister": {
        "title": ("Gravregister", "Gravregister", "Burial register"),
        "description": (
            "Gravlagte på kommunens gravplasser med gravsted, gravfelt og festeavgift.",
            "Gravlagde på gravplassane i kommunen med gravstad, gravfelt og festeavgift.",
        ),
        "keywords": "gravplass, grav, gravferd",
        "themes": ["SOCI"],
        "services": ["Gravplass", "Gravferd"],
        "categories": [],
        "frequency": "IRREG",
        "since": 1950,
        "files": [("Gravregister (CSV)", "CSV", "NLOD_2_0", "gravregister.csv")],
    },
    "motorferdsel": {
        "title": ("Løyver for motorferdsel i utmark", "Løyve for motorferdsel i utmark", "Off-road driving permits"),
        "description": (
            "Søknader og dispensasjoner for snøskuter og barmarkskjøring etter motorferdselloven.",
            "Søknader og dispensasjonar for snøskuter og barmarkskøyring etter motorferdsellova.",
        ),
        "keywords": "motorferdsel, snøskuter, dispensasjon, utmark",
        "themes": ["ENVI"],
        "services": ["Motorferdsel i utmark"],
        "categories": ["sak-arkiv"],
        "access": "restricted",
        "personal": True,
        "basis": "offentleglova",
        "frequency": "IRREG",
        "provenance": "vedtak",
        "since": 2014,
        "files": [("Innsyn i dispensasjoner", None, None, None)],
    },
    "kulturminner": {
        "title": ("Kulturminner", "Kulturminne", "Cultural heritage sites"),
        "description": (
            "Kulturminner og verneverdige bygg fra kommunens kulturminneplan, med vernestatus og kartfesting.",
            "Kulturminne og verneverdige bygg frå kulturminneplanen til kommunen, med vernestatus og kartfesting.",
        ),
        "keywords": "kulturminne, kulturminneplan, vern",
        "themes": ["EDUC", "REGI"],
        "services": ["Kulturminner"],
        "categories": ["kart-plan"],
        "frequency": "IRREG",
        "since": 2017,
        "files": [("Kulturminner (GeoJSON)", "GEOJSON", "NLOD_2_0", "kulturminner.geojson")],
    },
    "idrettsanlegg": {
        "title": ("Idrettsanlegg og friluftsområder", "Idrettsanlegg og friluftsområde", "Sports facilities"),
        "description": (
            "Idrettsanlegg, nærmiljøanlegg og sikrede friluftsområder med eier, type og tilgjengelighet.",
            "Idrettsanlegg, nærmiljøanlegg og sikra friluftsområde med eigar, type og tilgjenge.",
        ),
        "keywords": "idrettsanlegg, nærmiljøanlegg, friluftsområde",
        "themes": ["EDUC", "REGI"],
        "services": ["Idrettsanlegg", "Lokaler og idrettsanlegg", "Idrettsmidler"],
        "categories": ["kart-plan"],
        "frequency": "ANNUAL",
        "since": 2010,
        "files": [
            ("Idrettsanlegg (GeoJSON)", "GEOJSON", "CC_BY_4_0", "idrettsanlegg.geojson"),
            ("Idrettsanlegg (CSV)", "CSV", "CC_BY_4_0", "idrettsanlegg.csv"),
        ],
    },
    "budsjett": {
        "title": ("Budsjett og regnskap", "Budsjett og rekneskap", "Budget and accounts"),
        "description": (
            "Vedtatt budsjett, økonomiplan og årsregnskap fordelt på tjenester (KOSTRA-funksjoner) og arter.",
            "Vedteke budsjett, økonomiplan og årsrekneskap fordelt på tenester (KOSTRA-funksjonar) og artar.",
        ),
        "keywords": "budsjett, regnskap, økonomiplan, KOSTRA",
        "themes": ["ECON", "GOVE"],
        "services": ["Regnskap og budsjett"],
        "categories": ["okonomi"],
        "frequency": "ANNUAL",
        "provenance": "vedtak",
        "since": 2010,
        "files": [
            ("Regnskap per funksjon (CSV)", "CSV", "NLOD_2_0", "regnskap.csv"),
            ("Budsjettdokument (PDF)", "PDF", "NLOD_2_0", "budsjett.pdf"),
        ],
    },
    "fakturaer": {
        "title": ("Leverandørfakturaer", "Leverandørfakturaer", "Supplier invoices"),
        "description": (
            "Betalte inngående fakturaer over 100 000 kroner med leverandør, beløp og tjenesteområde.",
            "Betalte inngåande fakturaer over 100 000 kroner med leverandør, beløp og tenesteområde.",
        ),
        "keywords": "faktura, innkjøp, leverandør",
        "themes": ["ECON"],
        "services": ["Innkjøp og fakturabehandling"],
        "categories": ["innkjop-faktura", "okonomi"],
        "frequency": "MONTHLY",
        "since": 2019,
        "files": [("Fakturaer (CSV)", "CSV", "NLOD_2_0", "fakturaer.csv")],
    },
    "ansatte": {
        "title": ("Ansatte og stillinger", "Tilsette og stillingar", "Employees and positions"),
        "description": (
            "Ansettelsesforhold, stillingsprosent, lønn, fravær og kompetanse for kommunens ansatte.",
            "Tilsetjingsforhold, stillingsprosent, løn, fråvær og kompetanse for dei tilsette i kommunen.",
        ),
        "keywords": "ansatte, personal, lønn, stilling",
        "themes": ["GOVE"],
        "services": ["Lønn og personal"],
        "categories": ["lonn", "personal"],
        "access": "non_public",
        "personal": True,
        "basis": "taushetsplikt",
        "frequency": "MONTHLY",
        "provenance": "vedtak",
        "since": 2005,
    },
    "vannkvalitet": {
        "title": ("Vannkvalitet i drikkevannet", "Vasskvalitet i drikkevatnet", "Drinking water quality"),
        "description": (
            "Prøveresultater for drikkevann fra kommunale vannverk: bakterier, farge, turbiditet og pH.",
            "Prøveresultat for drikkevatn frå kommunale vassverk: bakteriar, farge, turbiditet og pH.",
        ),
        "keywords": "drikkevann, vannkvalitet, vannprøver",
        "themes": ["HEAL", "ENVI"],
        "services": ["Vann og avløp"],
        "categories": ["teknisk-vann-avlop"],
        "frequency": "MONTHLY",
        "provenance": "tredjepart",
        "since": 2013,
        "files": [("Vannprøver (CSV)", "CSV", "CC_BY_4_0", "vannprover.csv")],
    },
    "brannobjekter": {
        "title": ("Særskilte brannobjekter", "Særskilde brannobjekt", "Special fire safety objects"),
        "description": (
            "Bygg med særlig brannrisiko eller store verdier, med tilsynshistorikk og avvik.",
            "Bygg med særleg brannrisiko eller store verdiar, med tilsynshistorikk og avvik.",
        ),
        "keywords": "brann, tilsyn, brannobjekt",
        "themes": ["JUST", "GOVE"],
        "services": ["Branntilsyn", "Bekymringsmelding om brannsikkerhet"],
        "categories": ["beredskap"],
        "access": "restricted",
        "basis": "sarbarhet",
        "frequency": "MONTHLY",
        "provenance": "vedtak",
        "since": 2016,
        "files": [("Henvendelse til brannvesenet", None, None, None)],
    },
    "skolekretser": {
        "title": ("Skoler og skolekretser", "Skular og skulekrinsar", "Schools and catchment areas"),
        "description": (
            "Grunnskoler med adresse, trinn og elevtall, og skolekretsene som avgjør skoletilhørighet.",
            "Grunnskular med adresse, steg og elevtal, og skulekrinsane som avgjer skuletilhøyrsle.",
        ),
        "keywords": "skole, skolekrets, grunnskole",
        "themes": ["EDUC", "REGI"],
        "services": ["Skoletilhørighet", "Søke skole"],
        "categories": ["skoleadministrasjon", "kart-plan"],
        "frequency": "ANNUAL",
        "provenance": "vedtak",
        "since": 2012,
        "files": [
            ("Skolekretser (GeoJSON)", "GEOJSON", "NLOD_2_0", "skolekretser.geojson"),
            ("Skoler (CSV)", "CSV", "NLOD_2_0", "skoler.csv"),
        ],
    },
    "helsestasjon": {
        "title": ("Helsestasjonsjournal", "Helsestasjonsjournal", "Child health clinic records"),
        "description": (
            "Journal for barn og unge i helsestasjon og skolehelsetjeneste: konsultasjoner, vaksiner og vekst.",
            "Journal for born og unge i helsestasjon og skulehelseteneste: konsultasjonar, vaksinar og vekst.",
        ),
        "keywords": "helsestasjon, skolehelsetjeneste, vaksine, journal",
        "themes": ["HEAL"],
        "services": ["Helsestasjon", "Skolehelsetjeneste", "Helsesykepleier"],
        "categories": ["helsestasjon"],
        "access": "non_public",
        "personal": True,
        "basis": "helse",
        "frequency": "DAILY",
        "provenance": "bruker",
        "since": 2009,
    },
    "valg": {
        "title": ("Valgresultater", "Valresultat", "Election results"),
        "description": (
            "Stemmer og mandatfordeling per parti og stemmekrets ved kommunestyre- og stortingsvalg.",
            "Røyster og mandatfordeling per parti og røystekrins ved kommunestyre- og stortingsval.",
        ),
        "keywords": "valg, kommunestyrevalg, stemmer, mandater",
        "themes": ["GOVE"],
        "services": [],
        "categories": [],
        "frequency": "IRREG",
        "provenance": "vedtak",
        "since": 2011,
        "files": [
            ("Valgresultater (CSV)", "CSV", "NLOD_2_0", "valgresultater.csv"),
            ("Valgresultater (JSON)", "JSON", "NLOD_2_0", "valgresultater.json"),
        ],
    },
}

# What a county holds, in the same form (titles unique together with the shared ones it reuses).
COUNTY_DATASETS = {
    "kollektivruter": {
        "title": ("Kollektivruter og holdeplasser", "Kollektivruter og haldeplassar", "Public transport routes"),
        "description": (
            "Ruter, avganger og holdeplasser for buss og båt i fylket.",
            "Ruter, avgangar og haldeplassar for buss og båt i fylket.",
        ),
        "keywords": "kollektivtransport, rutetabell, holdeplass, buss",
        "themes": ["TRAN"],
        "services": ["Ruteinformasjon", "Reisebillett", "Sanntids trafikkinformasjon"],
        "categories": [],
        "frequency": "DAILY",
        "since": 2016,
        "files": [
            ("Holdeplasser (GeoJSON)", "GEOJSON", "NLOD_2_0", "holdeplasser.geojson"),
            ("Ruter og avganger (JSON)", "JSON", "NLOD_2_0", None),
        ],
        "api": "open",
    },
    "fylkesvegnett": {
        "title": ("Fylkesvegnettet", "Fylkesvegnettet", "County road network"),
        "description": (
            "Fylkesveger med vegnummer, dekke, bæreevne og vedlikeholdskontrakt.",
            "Fylkesvegar med vegnummer, dekke, bereevne og vedlikehaldskontrakt.",
        ),
        "keywords": "fylkesveg, vegnett, vedlikehold",
        "themes": ["TRAN", "REGI"],
        "services": ["Vegvedlikehold"],
        "categories": ["kart-plan"],
        "frequency": "MONTHLY",
        "provenance": "vedtak",
        "since": 2010,
        "files": [("Fylkesveger (GeoJSON)", "GEOJSON", "NLOD_2_0", "fylkesveger.geojson")],
    },
    "skoleskyss_vgs": {
        "title": ("Elever med skoleskyss", "Elevar med skuleskyss", "Pupils with school transport"),
        "description": (
            "Vedtak om skoleskyss for elever i grunnskole og videregående skole, med adresse og reisevei.",
            "Vedtak om skuleskyss for elevar i grunnskule og vidaregåande skule, med adresse og reiseveg.",
        ),
        "keywords": "skoleskyss, elev, skyssvedtak",
        "themes": ["EDUC", "TRAN"],
        "services": ["Skoleskyss"],
        "categories": ["skoleadministrasjon"],
        "access": "non_public",
        "personal": True,
        "basis": "taushetsplikt",
        "frequency": "DAILY",
        "provenance": "vedtak",
        "since": 2015,
    },
    "elevtall_vgs": {
        "title": ("Elevtall i videregående skole", "Elevtal i vidaregåande skule", "Upper secondary enrolment"),
        "description": (
            "Søkere, elever og læreplasser per skole, utdanningsprogram og trinn.",
            "Søkjarar, elevar og læreplassar per skule, utdanningsprogram og steg.",
        ),
        "keywords": "videregående, elevtall, utdanningsprogram, inntak",
        "themes": ["EDUC"],
        "services": ["Videregående opplæring", "Lærling"],
        "categories": ["skoleadministrasjon"],
        "frequency": "ANNUAL",
        "since": 2012,
        "files": [("Elevtall (CSV)", "CSV", "CC_BY_4_0", "elevtall.csv")],
    },
    "tannhelse": {
        "title": ("Tannhelsepasienter", "Tannhelsepasientar", "Dental patients"),
        "description": (
            "Journal for pasienter i den offentlige tannhelsetjenesten: innkalling, behandling og røntgen.",
            "Journal for pasientar i den offentlege tannhelsetenesta: innkalling, behandling og røntgen.",
        ),
        "keywords": "tannhelse, pasientjournal, tannlege",
        "themes": ["HEAL"],
        "services": ["Tannhelsetjeneste"],
        "categories": ["tannhelse"],
        "access": "non_public",
        "personal": True,
        "basis": "helse",
        "frequency": "DAILY",
        "provenance": "bruker",
        "since": 2006,
    },
    "kulturminner_fylke": {
        "title": ("Kulturminner i fylket", "Kulturminne i fylket", "Cultural heritage in the county"),
        "description": (
            "Registrerte kulturminner, kulturmiljøer og fredede bygg med vernestatus.",
            "Registrerte kulturminne, kulturmiljø og freda bygg med vernestatus.",
        ),
        "keywords": "kulturminne, kulturarv, fredning",
        "themes": ["EDUC", "REGI"],
        "services": ["Kulturminner"],
        "categories": ["kart-plan"],
        "frequency": "IRREG",
        "since": 1990,
        "files": [("Kulturminner (GeoJSON)", "GEOJSON", "NLOD_2_0", "kulturminner.geojson")],
    },
    "regional_plan": {
        "title": ("Regionale planer", "Regionale planar", "Regional plans"),
        "description": (
            "Regional planstrategi, regionale planer og fylkesdelplaner med handlingsprogram.",
            "Regional planstrategi, regionale planar og fylkesdelplanar med handlingsprogram.",
        ),
        "keywords": "regional plan, planstrategi, fylkesplan",
        "themes": ["REGI", "GOVE"],
        "services": ["Fylkesplan", "Regional planlegging", "Fylkesdelplan"],
        "categories": ["sak-arkiv"],
        "frequency": "ANNUAL",
        "provenance": "vedtak",
        "since": 2008,
        "files": [("Planer (PDF)", "PDF", "NLOD_2_0", None)],
    },
    "laerebedrifter": {
        "title": ("Godkjente lærebedrifter", "Godkjende lærebedrifter", "Approved apprenticeship companies"),
        "description": (
            "Bedrifter godkjent for opplæring av lærlinger, med fag og antall læreplasser.",
            "Bedrifter godkjende for opplæring av lærlingar, med fag og tal på læreplassar.",
        ),
        "keywords": "lærebedrift, lærling, fagopplæring",
        "themes": ["EDUC", "ECON"],
        "services": ["Lærling", "Utdannings- og yrkesveiledning"],
        "categories": ["skoleadministrasjon"],
        "frequency": "MONTHLY",
        "provenance": "vedtak",
        "since": 2014,
        "files": [("Lærebedrifter (CSV)", "CSV", "NLOD_2_0", "laerebedrifter.csv")],
    },
    "friluftstilskudd": {
        "title": ("Tilskudd til friluftsliv", "Tilskot til friluftsliv", "Outdoor recreation grants"),
        "description": (
            "Tildelte tilskudd til friluftslivstiltak med mottaker, beløp og formål.",
            "Tildelte tilskot til friluftslivstiltak med mottakar, beløp og formål.",
        ),
        "keywords": "tilskudd, friluftsliv, tildeling",
        "themes": ["ECON", "EDUC"],
        "services": ["Tilskudd til friluftsliv"],
        "categories": ["sak-arkiv"],
        "frequency": "ANNUAL",
        "provenance": "vedtak",
        "since": 2017,
        "files": [("Tildelinger (CSV)", "CSV", "NLOD_2_0", "tilskudd-friluftsliv.csv")],
    },
}
# Shared descriptions a county holds as well.
COUNTY_SHARED = ["postjournal", "politiske_moter", "budsjett", "fakturaer", "ansatte"]

INTERMUNICIPAL_DATASETS = {
    "brukerstotte": {
        "title": ("Brukerstøttesaker", "Brukarstøttesaker", "Service desk tickets"),
        "description": (
            "Henvendelser til brukerstøtten fra ansatte i eierkommunene, med kategori og løsningstid.",
            "Førespurnader til brukarstøtta frå tilsette i eigarkommunane, med kategori og løysingstid.",
        ),
        "keywords": "brukerstøtte, IKT, henvendelse",
        "themes": ["GOVE", "TECH"],
        "services": ["IKT-drift og brukerstøtte"],
        "categories": ["kontorstotte", "infrastruktur"],
        "access": "non_public",
        "personal": True,
        "basis": "offentleglova",
        "frequency": "DAILY",
        "provenance": "bruker",
        "since": 2018,
    },
    "driftsmeldinger": {
        "title": ("Driftsmeldinger", "Driftsmeldingar", "Service status messages"),
        "description": (
            "Planlagt vedlikehold og driftsavbrudd i fellestjenestene for eierkommunene.",
            "Planlagt vedlikehald og driftsavbrot i fellestenestene for eigarkommunane.",
        ),
        "keywords": "drift, driftsstatus, vedlikehold",
        "themes": ["TECH"],
        "services": ["IKT-drift og brukerstøtte", "Informasjon og nettsted"],
        "categories": ["infrastruktur"],
        "frequency": "DAILY",
        "since": 2020,
        "files": [("Driftsmeldinger (JSON)", "JSON", "CC_BY_4_0", "driftsmeldinger.json")],
    },
    "tjenestekatalog": {
        "title": ("Katalog over fellestjenester", "Katalog over fellestenester", "Shared services catalogue"),
        "description": (
            "IKT-tjenestene selskapet leverer til eierkommunene, med tjenestenivå og pris.",
            "IKT-tenestene selskapet leverer til eigarkommunane, med tenestenivå og pris.",
        ),
        "keywords": "tjenestekatalog, IKT, tjenestenivå",
        "themes": ["TECH", "GOVE"],
        "services": ["IKT-drift og brukerstøtte"],
        "categories": ["kontorstotte"],
        "frequency": "ANNUAL",
        "since": 2021,
        "files": [
            ("Tjenestekatalog (CSV)", "CSV", "NLOD_2_0", "tjenestekatalog.csv"),
            ("Tjenestekatalog (PDF)", "PDF", "NLOD_2_0", "tjenestekatalog.pdf"),
        ],
    },
}
INTERMUNICIPAL_SHARED = ["postjournal", "fakturaer"]

# The curated catalogues of Vinje and Tokke: (key, state) in order; state "draft" or "published".
# Vinje's trails are a draft without a contact point: the browser test adds one and publishes it.
CURATED_DATASETS = {
    "4036": [
        ("adresser", "published"),
        ("byggesaker", "published"),
        ("reguleringsplaner", "published"),
        ("eiendomsskatt", "published"),
        ("barnehageplasser", "published"),
        ("vannverk", "published"),
        ("politiske_moter", "published"),
        ("postjournal", "published"),
        ("elevdata", "published"),
        ("hjemmetjenester", "published"),
        ("fritidsboliger", "published"),
        ("budsjett", "published"),
        ("bibliotek", "draft"),
        ("renovasjon", "published"),
        ("turloyper", "draft"),
    ],
    "4034": [
        ("adresser", "published"),
        ("byggesaker", "published"),
        ("reguleringsplaner", "published"),
        ("eiendomsskatt", "published"),
        ("barnehageplasser", "published"),
        ("vannverk", "published"),
        ("politiske_moter", "published"),
        ("postjournal", "published"),
        ("elevdata", "published"),
        ("hjemmetjenester", "published"),
        ("kommunale_boliger", "published"),
        ("skolekretser", "published"),
        ("renovasjon", "draft"),
        ("kulturminner", "draft"),
    ],
}
# Vinje's draft that fails validation: no contact point (the browser test sets one and publishes).
INVALID_DRAFT = ("4036", "turloyper")
# Datasets every municipality of the demo describes; the rest are drawn.
MUNICIPAL_CORE = ["adresser", "reguleringsplaner", "postjournal"]

# Data services: key → (title nb, title nn, description nb, description nn, path of the endpoint, path of its
# description, what it serves: file-type codes (datasets with such a file) or "api:<key>" (datasets whose
# files without a file name are reached through it)).
DATA_SERVICES = {
    "wms": (
        "Kartinnsyn WMS",
        "Kartinnsyn WMS",
        "Kartlag for adresser, reguleringsplaner og turløyper som WMS-tjeneste.",
        "Kartlag for adresser, reguleringsplanar og turløyper som WMS-teneste.",
        "kart/wms",
        "kart/wms?service=WMS&request=GetCapabilities",
        ("GEOJSON",),
    ),
    "wfs": (
        "Kartinnsyn WFS",
        "Kartinnsyn WFS",
        "Vektordata for adresser, planer og anlegg som WFS-tjeneste.",
        "Vektordata for adresser, planar og anlegg som WFS-teneste.",
        "kart/wfs",
        "kart/wfs?service=WFS&request=GetCapabilities",
        ("GEOJSON",),
    ),
    "innsyn": (
        "Innsynsløsning API",
        "Innsynsløysing API",
        "Postjournal, møtekalender, saksdokumenter og vedtak som åpent REST-API.",
        "Postjournal, møtekalender, saksdokument og vedtak som ope REST-API.",
        "innsyn/api/",
        "innsyn/api/openapi.json",
        ("api:innsyn",),
    ),
    "open": (
        "Åpne data API",
        "Opne data API",
        "Kommunens åpne datasett som JSON gjennom ett REST-API.",
        "Dei opne datasetta til kommunen som JSON gjennom eitt REST-API.",
        "apne-data/api/",
        "apne-data/api/openapi.json",
        ("JSON", "api:open"),
    ),
}
# The data services of Vinje and Tokke.
CURATED_DATA_SERVICES = {"4036": ["wms", "innsyn"], "4034": ["innsyn"]}

# The contact points datasets name: (name nb, name nn, title nb, title nn) by organisation kind.
DATA_CONTACTS = {
    "municipality": ("Servicetorget", "Servicetorget", "Kontaktpunkt for datasett", "Kontaktpunkt for datasett"),
    "county": ("Dokumentsenteret", "Dokumentsenteret", "Kontaktpunkt for datasett", "Kontaktpunkt for datasett"),
    "intermunicipal": ("Kundesenteret", "Kundesenteret", "Kontaktpunkt for datasett", "Kontaktpunkt for datasett"),
}
GEODATA_TITLE = ("Geodataansvarlig", "Geodataansvarleg")
