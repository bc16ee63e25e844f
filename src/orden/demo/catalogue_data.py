"""The demo catalogue: vendors and products a Norwegian municipality typically uses.

Real vendors and products are named where we are reasonably sure of the name; vendor organisation numbers are
left empty (we do not invent numbers for real companies). Products marked ``fictional`` are invented for the
demo and say so in their description. Versions are generated (see ``generator.py``), not the vendors' real ones.
"""

# key: (name, website)
VENDORS = {
    "acos": ("Acos AS", "https://www.acos.no/"),
    "sikri": ("Sikri AS", "https://www.sikri.no/"),
    "tietoevry": ("Tietoevry", "https://www.tietoevry.com/"),
    "visma": ("Visma", "https://www.visma.no/"),
    "unit4": ("Unit4", "https://www.unit4.com/"),
    "cgm": ("CompuGroup Medical (CGM)", "https://www.cgm.com/"),
    "infodoc": ("Infodoc", ""),
    "opus": ("Opus Systemer", ""),
    "netcompany": ("Netcompany", "https://www.netcompany.com/"),
    "nav": ("Arbeids- og velferdsdirektoratet (NAV)", "https://www.nav.no/"),
    "norkart": ("Norkart AS", "https://www.norkart.no/"),
    "bibsyst": ("Bibliotek-Systemer AS", ""),
    "axiell": ("Axiell", "https://www.axiell.com/"),
    "itslearning": ("itslearning", "https://itslearning.com/"),
    "speedadmin": ("Speedadmin", ""),
    "microsoft": ("Microsoft", "https://www.microsoft.com/"),
    "google": ("Google", "https://www.google.com/"),
    "telenor": ("Telenor", "https://www.telenor.no/"),
    "telia": ("Telia", "https://www.telia.no/"),
    "veeam": ("Veeam", "https://www.veeam.com/"),
    "enonic": ("Enonic", "https://www.enonic.com/"),
    "dsb": ("Direktoratet for samfunnssikkerhet og beredskap (DSB)", "https://www.dsb.no/"),
    "mercell": ("Mercell", "https://www.mercell.com/"),
    "simployer": ("Simployer", ""),
    "safemate": ("Safemate", ""),
    # fictional vendors (demo only)
    "fjellkode": ("Fjellkode AS", ""),
    "tryggheim": ("Trygg Heim Teknologi AS", ""),
}

FICTIONAL = "Fiktivt produkt laget for demodata."

# (name, vendor key, category slug, hosting offers: o = on-premises, s = SaaS, h = hosted, description (nb))
PRODUCTS = [
    ("Acos WebSak", "acos", "sak-arkiv", "osh", "Sak- og arkivsystem (Noark 5) med møtebehandling og innsyn."),
    ("Elements", "sikri", "sak-arkiv", "sh", "Sak- og arkivløsning (Noark 5) som skytjeneste."),
    ("ePhorte", "sikri", "sak-arkiv", "oh", "Eldre sak- og arkivsystem (Noark 5), erstattet av Elements."),
    ("Public 360", "tietoevry", "sak-arkiv", "osh", "Sak- og arkivsystem (Noark 5) for offentlig sektor."),
    ("Visma Enterprise Økonomi", "visma", "okonomi", "osh", "Regnskap, budsjett og fakturering."),
    ("Unit4 ERP", "unit4", "okonomi", "osh", "ERP-system for økonomi, innkjøp og prosjekt."),
    ("Visma Proceedo", "visma", "innkjop-faktura", "s", "E-handel og fakturabehandling (EHF)."),
    ("Mercell", "mercell", "innkjop-faktura", "s", "Konkurransegjennomføring og anbudsportal."),
    ("Visma Enterprise Lønn", "visma", "lonn", "osh", "Lønn, reiseregning og a-melding."),
    ("Webcruiter", "visma", "personal", "s", "Rekruttering og søknadsbehandling."),
    ("Simployer", "simployer", "personal", "s", "HR-håndbok, personaladministrasjon og HMS."),
    ("Visma Resource Management", "visma", "turnus", "osh", "Turnus, bemanning og vaktplanlegging."),
    ("Gerica", "tietoevry", "pleie-omsorg", "oh", "Fagsystem for pleie og omsorg med PLO-meldinger."),
    ("Visma Profil", "visma", "pleie-omsorg", "osh", "Fagsystem for helse og omsorg med PLO-meldinger."),
    ("Safemate", "safemate", "velferdsteknologi", "s", "Trygghetsalarm og lokaliseringsteknologi (GPS)."),
    ("Digitalt tilsyn", "tryggheim", "velferdsteknologi", "s", f"Digitalt nattilsyn og sensorer. {FICTIONAL}"),
    ("CGM Journal", "cgm", "legekontor", "osh", "Journalsystem for legekontor og legevakt."),
    ("CGM Helsestasjon", "cgm", "helsestasjon", "osh", "Journal for helsestasjon og skolehelsetjeneste."),
    ("Infodoc Plenario", "infodoc", "legekontor", "os", "Journalsystem for legekontor."),
    ("Opus Dental", "opus", "tannhelse", "oh", "Journal- og timebokssystem for tannhelsetjenesten."),
    ("Visma Flyt Barnevern", "visma", "barnevern", "s", "Fagsystem for barneverntjenesten."),
    ("Modulus Barnevern", "netcompany", "barnevern", "s", "Fagsystem for barneverntjenesten."),
    ("Digisos", "nav", "sosial-nav", "s", "Digital søknad om økonomisk sosialhjelp."),
    ("Visma Flyt Skole", "visma", "skoleadministrasjon", "s", "Skoleadministrasjon: elever, fravær, vurdering."),
    ("Visma InSchool", "visma", "skoleadministrasjon", "s", "Skoleadministrasjon for videregående opplæring."),
    ("Visma Flyt Barnehage", "visma", "barnehageadministrasjon", "s", "Opptak, plass og foreldrebetaling."),
    ("itslearning", "itslearning", "laeringsplattform", "s", "Læringsplattform for grunnskole og videregående."),
    ("Google Workspace for Education", "google", "laeringsplattform", "s", "Chromebook, Classroom og Google Docs."),
    ("Speedadmin", "speedadmin", "kulturskole", "s", "Administrasjon av kulturskole: elever, søknad, faktura."),
    ("Bibliofil", "bibsyst", "bibliotek", "osh", "Biblioteksystem for folke- og skolebibliotek."),
    ("Quria", "axiell", "bibliotek", "s", "Biblioteksystem for folkebibliotek."),
    ("Gisline", "norkart", "kart-plan", "oh", "Matrikkelføring og kartforvaltning."),
    ("Kommunekart", "norkart", "kart-plan", "s", "Kartportal for kommune og innbyggere."),
    ("Byggesak Pluss", "fjellkode", "byggesak", "s", f"Byggesaksbehandling med GeoIntegrasjon. {FICTIONAL}"),
    ("Komtek", "norkart", "teknisk-vann-avlop", "osh", "Kommunaltekniske gebyrer, vannmålere og feiing."),
    ("Komtek Eiendomsskatt", "norkart", "eiendomsskatt", "osh", "Taksering og utskriving av eiendomsskatt."),
    ("DSB-CIM", "dsb", "beredskap", "s", "Krisestøtteverktøy for kommunal beredskap."),
    ("Telenor Bedrift", "telenor", "telefoni", "s", "Mobiltelefoni og sentralbord."),
    ("Telia Smart Connect", "telia", "telefoni", "s", "Sentralbord og mobiltelefoni."),
    ("Microsoft Entra ID", "microsoft", "infrastruktur", "s", "Identitet og pålogging (tidligere Azure AD)."),
    ("Veeam Backup & Replication", "veeam", "infrastruktur", "o", "Sikkerhetskopi av servere og Microsoft 365."),
    ("Microsoft 365", "microsoft", "kontorstotte", "s", "E-post, Teams, Office og SharePoint."),
    ("Enonic XP", "enonic", "nettsted-innbyggerportal", "osh", "Publiseringsløsning for kommunens nettsted."),
]

# Products proposed by a demo user and not yet approved: (name, vendor key, category, offers, description,
# username of the proposer).
DRAFT_PRODUCTS = [
    (
        "Skyssplan",
        "fjellkode",
        "skoleadministrasjon",
        "s",
        f"Planlegging av skoleskyss. {FICTIONAL}",
        "vinje-arkitekt",
    ),
    (
        "Hytteportalen",
        "fjellkode",
        "nettsted-innbyggerportal",
        "s",
        f"Innbyggerportal for hytteeigarar: renovasjon, feiing og eigedomsskatt. {FICTIONAL}",
        "tokke-arkitekt",
    ),
]

# The standards a product of a category typically supports (names as in reference_data.STANDARDS).
STANDARDS_BY_CATEGORY = {
    "sak-arkiv": [
        "Noark 5",
        "KS FIKS / SvarUt",
        "KS FIKS / SvarInn",
        "FIKS Arkiv",
        "eFormidling",
        "Kontakt- og reservasjonsregisteret (KRR)",
        "Enhetsregisteret",
        "Folkeregisteret",
        "ID-porten",
    ],
    "okonomi": ["EHF / PEPPOL", "Enhetsregisteret", "Altinn", "Maskinporten"],
    "innkjop-faktura": ["EHF / PEPPOL", "Enhetsregisteret"],
    "lonn": ["Altinn", "Folkeregisteret", "Maskinporten"],
    "personal": ["ID-porten", "BankID", "SAML 2.0"],
    "turnus": ["SAML 2.0"],
    "pleie-omsorg": ["Norsk helsenett (Helsenettet)", "PLO-meldinger", "Folkeregisteret", "FIKS Arkiv"],
    "velferdsteknologi": ["Norsk helsenett (Helsenettet)"],
    "helsestasjon": ["Norsk helsenett (Helsenettet)", "Folkeregisteret"],
    "legekontor": ["Norsk helsenett (Helsenettet)", "PLO-meldinger", "Digital dialog fastlege", "Folkeregisteret"],
    "tannhelse": ["Norsk helsenett (Helsenettet)", "Folkeregisteret"],
    "barnevern": ["FIKS Arkiv", "Folkeregisteret", "KS FIKS / SvarUt", "ID-porten"],
    "sosial-nav": ["ID-porten", "Folkeregisteret", "FIKS Arkiv"],
    "skoleadministrasjon": ["Feide", "Folkeregisteret", "ID-porten", "KS FIKS / SvarUt"],
    "barnehageadministrasjon": ["Folkeregisteret", "ID-porten", "Feide"],
    "laeringsplattform": ["Feide", "SAML 2.0", "OpenID Connect"],
    "kulturskole": ["ID-porten", "Folkeregisteret"],
    "bibliotek": ["Folkeregisteret", "Feide"],
    "kart-plan": ["SOSI", "Matrikkelen", "GeoIntegrasjon"],
    "byggesak": ["GeoIntegrasjon", "Matrikkelen", "FIKS Arkiv", "ID-porten"],
    "eiendomsskatt": ["Matrikkelen", "Folkeregisteret", "Digipost / Digital postkasse"],
    "teknisk-vann-avlop": ["Matrikkelen", "Folkeregisteret", "EHF / PEPPOL"],
    "beredskap": ["Kontakt- og reservasjonsregisteret (KRR)", "Folkeregisteret"],
    "telefoni": [],
    "infrastruktur": ["SAML 2.0", "OpenID Connect"],
    "kontorstotte": ["SAML 2.0", "OpenID Connect"],
    "nettsted-innbyggerportal": ["ID-porten", "Altinn", "OpenID Connect"],
}

# Short words for the names of generated products in the national catalogue ("Fjordsoft Barnevern").
CATEGORY_WORDS = {
    "sak-arkiv": "Sak",
    "okonomi": "Økonomi",
    "innkjop-faktura": "Innkjøp",
    "lonn": "Lønn",
    "personal": "HR",
    "turnus": "Turnus",
    "pleie-omsorg": "Omsorg",
    "velferdsteknologi": "Trygghet",
    "helsestasjon": "Helsestasjon",
    "legekontor": "Lege",
    "tannhelse": "Tann",
    "barnevern": "Barnevern",
    "sosial-nav": "Sosial",
    "skoleadministrasjon": "Skole",
    "barnehageadministrasjon": "Barnehage",
    "laeringsplattform": "Læring",
    "kulturskole": "Kulturskole",
    "bibliotek": "Bibliotek",
    "kart-plan": "Kart",
    "byggesak": "Byggesak",
    "eiendomsskatt": "Eiendomsskatt",
    "teknisk-vann-avlop": "VA",
    "beredskap": "Beredskap",
    "telefoni": "Telefoni",
    "infrastruktur": "Drift",
    "kontorstotte": "Samhandling",
    "nettsted-innbyggerportal": "Portal",
}

# Stems and suffixes of the fictional vendors of the national catalogue ("Fjordsoft AS").
VENDOR_STEMS = (
    "Fjord Nordlys Vestvik Granli Bjørke Elvekant Skarv Lauvås Myrvoll Havblikk Tindan Åsen Lyngstad "
    "Kvamme Storli Furulund Heilo Breidvik Sølvberg Rypefjell Nyland Solhaug Vardøy Blåbær Tyrihans "
    "Bekkely Jutul Steinvik Lomen Kvitfjell"
).split()
VENDOR_SUFFIXES = ["soft", "data", "kode", "systemer", "IT"]

# Unlisted or home-made systems (no catalogue product): (name, description).
UNLISTED_SYSTEMS = [
    ("Hytteregister", "Lokal database over hytter og fritidsboliger (feiing og renovasjon), laget i Access."),
    ("Kraftinntekter – regneark", "Regneark for konsesjonskraft og kraftinntekter."),
    ("Utleieregister kommunale boliger", "Hjemmelaget register over kommunale utleieboliger og leietakere."),
    ("Vaktliste legevakt", "Regneark for vaktplan i legevakten."),
    ("Startlån-oversikt", "Regneark for oppfølging av startlån og tilskudd."),
    ("Internt avvikssystem", "Egenutviklet skjema og liste for avviksmeldinger."),
    ("Skoleskyss-liste", "Regneark over elever med rett til skoleskyss."),
    ("Politiske møter – arkiv 1990–2010", "Gammel database med møtebøker, kun lesetilgang."),
    ("Nøkkelregister", "Oversikt over nøkler og adgangskort i kommunale bygg."),
    ("Tilskuddsdatabase kultur", "Hjemmelaget database over kulturtilskudd og søknader."),
]

# Dataset templates: product name → keys of the descriptions in ``register_data.DATASETS`` that a system of
# that product typically holds (approved by the catalogue editor).
DATASET_TEMPLATES = {
    "Acos WebSak": ["postjournal", "politiske_moter"],
    "Elements": ["postjournal", "politiske_moter"],
    "Public 360": ["postjournal"],
    "Gisline": ["adresser", "reguleringsplaner"],
    "Visma Flyt Barnehage": ["barnehageplasser", "barnehagebarn"],
    "Visma Flyt Skole": ["elevdata"],
    "Gerica": ["hjemmetjenester"],
    "Visma Profil": ["hjemmetjenester"],
}
# A template an organisation offers from its own description, not yet approved:
# (product, dataset key, kommunenummer of the organisation, username of who offered it).
OFFERED_TEMPLATES = [("Komtek Eiendomsskatt", "eiendomsskatt", "4036", "vinje-arkitekt")]
