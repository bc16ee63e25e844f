"""The maintained reference lists of the shared catalogue: system categories and standards.

Loaded by a data migration (``from orden.catalog.reference_data import CATEGORIES, STANDARDS``) and used by
the demo data generator. Keep slugs and standard names stable: other data refers to them.
"""

# (slug, label_nb, label_nn, label_en); the order is the display order (sort_order = 10 × position).
CATEGORIES = [
    ("sak-arkiv", "Sak og arkiv", "Sak og arkiv", "Case management and archive"),
    ("okonomi", "Økonomi og regnskap", "Økonomi og rekneskap", "Finance and accounting"),
    ("innkjop-faktura", "Innkjøp og fakturabehandling", "Innkjøp og fakturahandsaming", "Procurement and invoicing"),
    ("lonn", "Lønn", "Løn", "Payroll"),
    ("personal", "Personal og HR", "Personal og HR", "Human resources"),
    ("turnus", "Turnus og bemanning", "Turnus og bemanning", "Rostering and staffing"),
    ("pleie-omsorg", "Pleie og omsorg", "Pleie og omsorg", "Care services"),
    ("velferdsteknologi", "Velferdsteknologi", "Velferdsteknologi", "Welfare technology"),
    (
        "helsestasjon",
        "Helsestasjon og skolehelsetjeneste",
        "Helsestasjon og skulehelseteneste",
        "Health station and school health service",
    ),
    ("legekontor", "Legekontor og kommunelege", "Legekontor og kommunelege", "GP office and municipal doctor"),
    ("tannhelse", "Tannhelse", "Tannhelse", "Dental health"),
    ("barnevern", "Barnevern", "Barnevern", "Child welfare"),
    ("sosial-nav", "Sosiale tjenester og NAV", "Sosiale tenester og NAV", "Social services and NAV"),
    ("skoleadministrasjon", "Skoleadministrasjon", "Skuleadministrasjon", "School administration"),
    ("barnehageadministrasjon", "Barnehageadministrasjon", "Barnehageadministrasjon", "Kindergarten administration"),
    ("laeringsplattform", "Læringsplattform", "Læringsplattform", "Learning platform"),
    ("kulturskole", "Kulturskole", "Kulturskule", "Culture school"),
    ("bibliotek", "Bibliotek", "Bibliotek", "Library"),
    ("kart-plan", "Kart, matrikkel og plan", "Kart, matrikkel og plan", "GIS, cadastre and planning"),
    ("byggesak", "Byggesak", "Byggjesak", "Building permits"),
    ("eiendomsskatt", "Eiendomsskatt", "Eigedomsskatt", "Property tax"),
    (
        "teknisk-vann-avlop",
        "Vann, avløp og tekniske tjenester",
        "Vatn, avløp og tekniske tenester",
        "Water, sewage and technical services",
    ),
    ("beredskap", "Beredskap og krisehåndtering", "Beredskap og krisehandtering", "Emergency and crisis management"),
    ("telefoni", "Telefoni", "Telefoni", "Telephony"),
    (
        "infrastruktur",
        "Infrastruktur (identitet, e-post, sikkerhetskopi, nettverk)",
        "Infrastruktur (identitet, e-post, tryggingskopi, nettverk)",
        "Infrastructure (identity, e-mail, backup, network)",
    ),
    ("kontorstotte", "Kontorstøtte og samhandling", "Kontorstøtte og samhandling", "Office and collaboration"),
    (
        "nettsted-innbyggerportal",
        "Nettsted og innbyggerportal",
        "Nettstad og innbyggjarportal",
        "Website and citizen portal",
    ),
]

# (name, description_en, url); url is left empty where we know no stable address.
STANDARDS = [
    (
        "Noark 5",
        "The Norwegian standard for records management and archive systems in the public sector, "
        "maintained by the National Archives (Arkivverket).",
        "https://www.arkivverket.no/",
    ),
    (
        "KS FIKS / SvarUt",
        "KS FIKS service for sending letters digitally from municipalities and counties to citizens, "
        "businesses and other public bodies (digital mailbox, Altinn or printed mail as a fallback).",
        "https://developers.fiks.ks.no/",
    ),
    (
        "KS FIKS / SvarInn",
        "KS FIKS service for receiving letters sent through SvarUt into the municipality's case and archive system.",
        "https://developers.fiks.ks.no/",
    ),
    (
        "FIKS Arkiv",
        "KS FIKS protocol for integrating specialist systems with a Noark 5 archive system.",
        "https://developers.fiks.ks.no/",
    ),
    (
        "eFormidling",
        "The Norwegian Digitalisation Agency's (Digdir) service for exchanging letters and messages between "
        "public bodies and with citizens and businesses.",
        "https://docs.digdir.no/",
    ),
    (
        "ID-porten",
        "The national log-in service for public digital services (MinID, BankID, Buypass, Commfides), run by Digdir.",
        "https://docs.digdir.no/",
    ),
    (
        "Maskinporten",
        "Digdir's service for machine-to-machine authorisation (OAuth 2.0) between organisations and public APIs.",
        "https://docs.digdir.no/",
    ),
    (
        "Kontakt- og reservasjonsregisteret (KRR)",
        "The national register of citizens' e-mail addresses, mobile numbers, digital mailbox and "
        "reservations against digital communication, run by Digdir.",
        "https://docs.digdir.no/",
    ),
    (
        "Digipost / Digital postkasse",
        "Digital mailbox for citizens (Digipost or e-Boks), used for digital post from the public sector.",
        "https://www.digipost.no/",
    ),
    (
        "Altinn",
        "The national platform for forms, messages and authorisations between businesses, citizens and public "
        "bodies (e.g. the a-melding for payroll).",
        "https://www.altinn.no/",
    ),
    (
        "Folkeregisteret",
        "The National Population Register, run by the Norwegian Tax Administration (Skatteetaten).",
        "https://www.skatteetaten.no/",
    ),
    (
        "Enhetsregisteret",
        "The Central Coordinating Register for Legal Entities (organisation numbers), run by Brønnøysundregistrene.",
        "https://www.brreg.no/",
    ),
    (
        "Matrikkelen",
        "The Norwegian cadastre: the official register of properties, buildings and addresses, run by the "
        "Norwegian Mapping Authority (Kartverket) and kept by the municipalities.",
        "https://www.kartverket.no/",
    ),
    (
        "SOSI",
        "Norwegian standard for the description and exchange of geographic information "
        "(Samordnet Opplegg for Stedfestet Informasjon), maintained by Kartverket.",
        "https://www.geonorge.no/",
    ),
    (
        "GeoIntegrasjon",
        "Standard interfaces between municipal case/archive, building permit, planning and cadastre/GIS systems.",
        "",
    ),
    (
        "Norsk helsenett (Helsenettet)",
        "The secure national network for electronic communication in the health and care sector.",
        "https://www.nhn.no/",
    ),
    (
        "PLO-meldinger",
        "Standardised electronic messages between municipal care services, GPs and hospitals "
        "(pleie- og omsorgsmeldinger), sent over the health network.",
        "",
    ),
    (
        "Digital dialog fastlege",
        "Digital dialogue between patients and their GP (booking, e-consultation, prescription renewal) through "
        "helsenorge.no.",
        "https://www.helsenorge.no/",
    ),
    (
        "Feide",
        "The national identity federation for education and research, used for log-in in schools and kindergartens.",
        "https://www.feide.no/",
    ),
    (
        "EHF / PEPPOL",
        "Elektronisk handelsformat: the Norwegian profile of the PEPPOL standards for e-invoices, orders and "
        "catalogues in public procurement.",
        "https://anskaffelser.dev/",
    ),
    (
        "BankID",
        "The Norwegian banks' electronic identity, used for log-in and electronic signatures.",
        "https://www.bankid.no/",
    ),
    (
        "SAML 2.0",
        "OASIS Security Assertion Markup Language 2.0, for federated single sign-on.",
        "https://docs.oasis-open.org/security/saml/v2.0/",
    ),
    (
        "OpenID Connect",
        "Identity layer on top of OAuth 2.0, for single sign-on and log-in with national and cloud identity providers.",
        "https://openid.net/specs/openid-connect-core-1_0.html",
    ),
]
