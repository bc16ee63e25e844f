"""Deterministic demo and load-test data: organisations, users, the shared catalogue and system registers.

``Seeder(size, seed).run()`` fills an empty database. Everything comes from ``random.Random(seed)`` and the
files in ``data/``, so the same seed gives the same data (dates are relative to today). Rows are written
with ``bulk_create``; no change history is written for seeded rows.

Sizes:
- ``demo``: the six Vest-Telemark municipalities plus a few neighbours, Telemark county, one inter-municipal
  company; curated system registers for Vinje and Tokke, 10–20 systems elsewhere; about 45 products.
- ``national``: all 357 municipalities and 15 counties, three inter-municipal companies, about 400 products
  and 150–250 systems per organisation (about 75 000 systems).

Every organisation also gets a unit tree, services adopted from the Kommune-Los list (loaded by a migration)
with the systems that support them, a few contacts (vendor contacts, super users, an operator), review dates
and today's completeness snapshot; Vinje and Tokke get a six-month completeness trend. The organisation side
uses its own random stream, so adding to it does not change the systems generated.

Datasets (``register_data.DATASETS``): Vinje and Tokke a curated catalogue of 14–15 (published ones, drafts,
one draft without a contact point that fails validation) and two or one data services; the other demo
organisations 5–9; at national size 6–25 per municipality by population (about 5,500 published), 8–14 per
county, and up to four data services per large organisation. Published open datasets have 1–3 distributions
on the organisation's website. Dataset templates for a few products come with the catalogue. The concepts
(themes, file types, licences, frequencies) come from the datasets app's migration; without them no
datasets are seeded. Datasets draw from a third random stream, so they change nothing else.
"""

import json
import math
import random
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from importlib import import_module
from pathlib import Path

from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from orden.catalog.models import CatalogueStatus, Category, Product, ProductVersion, Standard, Vendor
from orden.catalog.reference_data import CATEGORIES, STANDARDS
from orden.core import completeness
from orden.core.dates import add_months
from orden.core.roles import Role
from orden.core.validators import organization_number_check_digit
from orden.datasets.models import (
    AccessRights,
    Concept,
    DataService,
    Dataset,
    DatasetTemplate,
    Distribution,
    Scheme,
)
from orden.organizations.models import Contact, Membership, Organization, OrganizationKind, Region, Unit
from orden.portfolio.models import (
    Criticality,
    Hosting,
    Lifecycle,
    SecurityLevel,
    Service,
    ServiceSystem,
    ServiceTemplate,
    System,
    SystemRole,
    TimeClassification,
)
from orden.reports.models import CompletenessSnapshot

from . import catalogue_data as cd
from . import register_data as rd

SIZES = ("demo", "national")
DEFAULT_SEED = 2018
PASSWORD = "orden-demo-2026"
EMAIL_DOMAIN = "example.kommune.no"
DATA_DIR = Path(__file__).resolve().parent / "data"
BATCH = 1000

VEST_TELEMARK = ["4022", "4028", "4030", "4032", "4034", "4036"]  # Seljord, Kviteseid, Nissedal, Fyresdal, Tokke, Vinje
DEMO_MUNICIPALITIES = VEST_TELEMARK + ["4020", "4005", "3303", "4003", "4001"]  # + Midt-Telemark, Notodden, ...
DEMO_COUNTIES = ["40"]  # Telemark

# (name, description, kommunenummer of the members); members missing from the seeded size are left out.
REGIONS = [
    (
        "Vest-Telemark",
        "Vest-Telemark regionråd: Fyresdal, Kviteseid, Nissedal, Seljord, Tokke og Vinje.",
        VEST_TELEMARK,
    ),
    (
        "Kongsbergregionen",
        "Interkommunalt samarbeid om næring, samferdsel og digitalisering.",
        ["3303", "3334", "3336", "3338", "4005", "4024", "4026"],
    ),
    ("Grenland", "Grenlandssamarbeidet.", ["4003", "4001", "4012", "4010", "4014", "4016"]),
    ("Midt-Telemark", "Samarbeid i Midt-Telemark.", ["4020", "4018"]),
]

# Inter-municipal companies (invented for the demo): (name, website); the first is also in the demo size.
INTERMUNICIPAL = [
    ("Vest-Telemark IKT", ""),
    ("Kongsbergregionen IKT", ""),
    ("Grenland IKT-samarbeid", ""),
]

# The demo users of Vinje and Tokke: (suffix, role, first name, last name).
DEMO_USERS = {
    "4036": (
        "vinje",
        [
            ("koordinator", Role.COORDINATOR, "Astrid", "Nordbø"),
            ("arkitekt", Role.ARCHITECT, "Halvor", "Homme"),
            ("systemeier", Role.SYSTEM_OWNER, "Gunhild", "Midtbø"),
            ("leder", Role.SERVICE_LEADER, "Torleiv", "Kleppe"),
            ("personvern", Role.PRIVACY_OFFICER, "Ragnhild", "Dale"),
            ("rad", Role.ADVISOR, "Knut", "Aasland"),
            ("leser", Role.READER, "Sondre", "Rui"),
        ],
    ),
    "4034": (
        "tokke",
        [
            ("koordinator", Role.COORDINATOR, "Eli", "Hovden"),
            ("arkitekt", Role.ARCHITECT, "Tarjei", "Momrak"),
            ("systemeier", Role.SYSTEM_OWNER, "Solveig", "Rysstad"),
            ("leder", Role.SERVICE_LEADER, "Kjetil", "Heggenes"),
            ("personvern", Role.PRIVACY_OFFICER, "Liv", "Nesland"),
            ("rad", Role.ADVISOR, "Olav", "Bjørge"),
            ("leser", Role.READER, "Ida", "Tveit"),
        ],
    ),
}
CATALOGUE_EDITOR = ("katalog", "4036", "Marit", "Lunde")  # username, member of, first, last
# A data protection officer shared by Vinje and Tokke: a user with two memberships.
SHARED_USER = ("vt-personvern", ("4036", "4034"), Role.PRIVACY_OFFICER, "Halvor", "Homme")
ADMIN = ("admin", "Orden", "Administrator")

# Generated users of every other organisation: (username suffix, role).
GENERATED_ROLES = [("koordinator", Role.COORDINATOR), ("arkitekt", Role.ARCHITECT), ("systemeier", Role.SYSTEM_OWNER)]

FIRST_NAMES = (
    "Astrid Kari Ingrid Sigrid Marit Hilde Anne Liv Solveig Ragnhild Guro Tone Eli Gunhild Åse Silje Ida "
    "Nora Maria Ingunn Ole Knut Olav Tor Lars Per Nils Halvor Gunnar Torleiv Eivind Jon Bjørn Anders Erik "
    "Kjetil Øystein Håvard Aslak Tarjei Sondre Magnus Mohammed Fatima Piotr Agnieszka"
).split()
LAST_NAMES = (
    "Haugen Nordbø Bakken Dale Lie Moen Berg Kleppe Rui Homme Midtbø Sandvik Aasland Hovden Bjørge Tveit "
    "Strand Nilsen Hansen Johansen Olsen Larsen Andersen Kristiansen Solberg Lunde Brekke Flaten Myrvang "
    "Austad Nesland Heggenes Vik Rysstad Momrak Ali Nowak Hauge Eide Lien"
).split()

# Curated registers: entries are product names with overrides, or (None, name, description) for unlisted
# systems. Overrides: lifecycle, old (an old version, vendor support may have ended), time, owner, responsible.
VINJE_SYSTEMS = [
    ("Acos WebSak", {"owner": "koordinator", "responsible": "arkitekt"}),
    ("ePhorte", {"lifecycle": Lifecycle.RETIRED, "old": True}),
    ("Visma Enterprise Økonomi", {}),
    ("Visma Enterprise Lønn", {}),
    ("Webcruiter", {}),
    ("Visma Resource Management", {"owner": "systemeier"}),
    ("Visma Proceedo", {}),
    ("Gerica", {"lifecycle": Lifecycle.PHASING_OUT, "old": True, "owner": "systemeier", "responsible": "arkitekt"}),
    ("Visma Profil", {"lifecycle": Lifecycle.PLANNED, "owner": "systemeier"}),
    ("Safemate", {"owner": "systemeier"}),
    ("CGM Journal", {"owner": "leder", "responsible": "systemeier"}),
    ("CGM Helsestasjon", {"owner": "systemeier"}),
    ("Visma Flyt Barnevern", {"owner": "leder"}),
    ("Digisos", {}),
    ("Visma Flyt Skole", {"owner": "leder"}),
    ("Visma Flyt Barnehage", {}),
    ("itslearning", {}),
    ("Speedadmin", {}),
    ("Bibliofil", {"old": True}),
    ("Gisline", {}),
    ("Kommunekart", {}),
    ("Komtek", {}),
    ("Komtek Eiendomsskatt", {}),
    ("Byggesak Pluss", {}),
    ("DSB-CIM", {}),
    ("Telenor Bedrift", {}),
    ("Microsoft 365", {}),
    ("Microsoft Entra ID", {}),
    ("Veeam Backup & Replication", {"old": True}),
    ("Enonic XP", {}),
    (None, "Hytteregister", "Lokal database over hytter og fritidsbustader (feiing og renovasjon), laga i Access."),
    (None, "Kraftinntekter – rekneark", "Rekneark for konsesjonskraft og kraftinntekter."),
]
TOKKE_SYSTEMS = [
    ("Acos WebSak", {"owner": "koordinator"}),
    ("Visma Enterprise Økonomi", {}),
    ("Visma Enterprise Lønn", {}),
    ("Visma Resource Management", {}),
    ("Simployer", {}),
    ("Visma Proceedo", {}),
    ("Visma Profil", {"owner": "systemeier"}),
    ("Digitalt tilsyn", {"lifecycle": Lifecycle.PLANNED}),
    ("Infodoc Plenario", {"owner": "leder", "responsible": "systemeier"}),
    ("CGM Helsestasjon", {"old": True}),
    ("Visma Flyt Barnevern", {}),
    ("Digisos", {}),
    ("Visma Flyt Skole", {}),
    ("Visma Flyt Barnehage", {}),
    ("Google Workspace for Education", {}),
    ("Speedadmin", {}),
    ("Bibliofil", {}),
    ("Gisline", {}),
    ("Kommunekart", {}),
    ("Komtek", {"old": True}),
    ("Komtek Eiendomsskatt", {}),
    ("Byggesak Pluss", {}),
    ("DSB-CIM", {}),
    ("Telia Smart Connect", {}),
    ("Microsoft 365", {}),
    ("Microsoft Entra ID", {}),
    ("Veeam Backup & Replication", {}),
    ("Enonic XP", {"lifecycle": Lifecycle.PHASING_OUT}),
    (None, "Utleigeregister kommunale bustader", "Heimelaga register over kommunale utleigebustader."),
    (None, "Vaktliste legevakt", "Rekneark for vaktplan i legevakta."),
]
CURATED = {"4036": VINJE_SYSTEMS, "4034": TOKKE_SYSTEMS}

# Review interval in months per kommunenummer (default 12); Tokke confirms twice a year.
REVIEW_INTERVALS = {"4034": 6}
# The service the head of Oppvekst in Vinje owns, with one system linked (the browser test links another).
DEMO_SERVICE = ("4036", "Barnehageplass", "leder", "Visma Flyt Barnehage")
# Region → the inter-municipal IT company that operates its members' systems.
REGION_OPERATORS = {
    "Vest-Telemark": "Vest-Telemark IKT",
    "Kongsbergregionen": "Kongsbergregionen IKT",
    "Grenland": "Grenland IKT-samarbeid",
}

# Per category: (typical criticality, holds personal data, special categories, share of employees using it,
# annual cost range in thousand NOK for a municipality of about 4000 inhabitants).
CATEGORY_PROFILES = {
    "sak-arkiv": ("high", True, False, 0.5, (150, 900)),
    "okonomi": ("high", True, False, 0.1, (200, 1500)),
    "innkjop-faktura": ("medium", False, False, 0.1, (50, 300)),
    "lonn": ("high", True, False, 0.03, (150, 900)),
    "personal": ("medium", True, False, 0.05, (40, 300)),
    "turnus": ("high", True, False, 0.4, (100, 800)),
    "pleie-omsorg": ("critical", True, True, 0.3, (200, 1800)),
    "velferdsteknologi": ("high", True, True, 0.1, (50, 600)),
    "helsestasjon": ("high", True, True, 0.03, (40, 250)),
    "legekontor": ("critical", True, True, 0.05, (80, 500)),
    "tannhelse": ("high", True, True, 0.05, (100, 700)),
    "barnevern": ("high", True, True, 0.03, (100, 700)),
    "sosial-nav": ("high", True, True, 0.03, (40, 300)),
    "skoleadministrasjon": ("high", True, False, 0.3, (100, 800)),
    "barnehageadministrasjon": ("medium", True, False, 0.1, (40, 300)),
    "laeringsplattform": ("medium", True, False, 0.5, (80, 600)),
    "kulturskole": ("low", True, False, 0.02, (20, 80)),
    "bibliotek": ("low", True, False, 0.02, (30, 150)),
    "kart-plan": ("medium", False, False, 0.05, (60, 500)),
    "byggesak": ("medium", True, False, 0.02, (40, 300)),
    "eiendomsskatt": ("medium", True, False, 0.01, (30, 200)),
    "teknisk-vann-avlop": ("high", True, False, 0.03, (60, 400)),
    "beredskap": ("high", True, False, 0.02, (20, 120)),
    "telefoni": ("high", True, False, 1.0, (200, 2500)),
    "infrastruktur": ("critical", True, False, 1.0, (100, 2000)),
    "kontorstotte": ("high", True, False, 1.0, (200, 2500)),
    "nettsted-innbyggerportal": ("medium", False, False, 0.02, (40, 300)),
}
UNLISTED_PROFILE = ("medium", True, False, 0.02, (0, 40))

# Categories an organisation of each kind does not use.
EXCLUDED_CATEGORIES = {
    OrganizationKind.MUNICIPALITY: {"tannhelse"},
    OrganizationKind.COUNTY: {
        "pleie-omsorg",
        "velferdsteknologi",
        "helsestasjon",
        "legekontor",
        "barnevern",
        "sosial-nav",
        "barnehageadministrasjon",
        "kulturskole",
        "byggesak",
        "eiendomsskatt",
        "teknisk-vann-avlop",
    },
}
INTERMUNICIPAL_CATEGORIES = {
    "infrastruktur",
    "kontorstotte",
    "telefoni",
    "sak-arkiv",
    "okonomi",
    "lonn",
    "personal",
    "innkjop-faktura",
    "nettsted-innbyggerportal",
}
CRITICALITY_ORDER = [Criticality.LOW, Criticality.MEDIUM, Criticality.HIGH, Criticality.CRITICAL]


def synthetic_organization_number(stem: str) -> str:
    """A valid (MOD11) organisation number starting with ``stem`` (6 digits); the first candidate that has a
    check digit. These numbers are SYNTHETIC: the data set has no organisation numbers, and a number made
    here may by chance belong to some real entity. Do not use them for anything but demo data."""
    for i in range(100):
        first_eight = f"{stem}{i:02d}"
        digit = organization_number_check_digit(first_eight)
        if digit is not None:
            return f"{first_eight}{digit}"
    raise ValueError(stem)  # pragma: no cover  (cannot happen: 10 of 11 candidates have a digit)


def load_json(name):
    with open(DATA_DIR / name, encoding="utf-8") as f:
        return json.load(f)


def https(url: str) -> str:
    if not url:
        return ""
    return url if url.startswith(("http://", "https://")) else f"https://{url}"


@dataclass
class OrgInfo:
    org: Organization
    kind: str
    number: str | None  # kommunenummer
    population: int
    nynorsk: bool = False
    users: dict = field(default_factory=dict)  # role suffix → User
    systems: list = field(default_factory=list)
    contacts: list = field(default_factory=list)
    super_users: list = field(default_factory=list)  # (System, Contact), saved after the systems
    units: dict = field(default_factory=dict)  # unit key → Unit
    services: list = field(default_factory=list)
    systems_by_category: dict | None = None  # catalogue category slug → systems (made when first needed)
    services_by_label: dict | None = None  # bokmål label (Kommune-Los or internal) → service

    @property
    def lang(self) -> int:
        """Index into (bokmål, nynorsk) pairs."""
        return 1 if self.nynorsk else 0


class Seeder:
    def __init__(self, size="demo", seed=DEFAULT_SEED, stdout=None):
        if size not in SIZES:
            raise ValueError(f"size must be one of {SIZES}")
        self.size = size
        self.seed = seed
        self.rng = random.Random(seed)
        # The organisation side (units, services, contacts, reviews) draws from its own stream.
        self.rng2 = random.Random(f"orden-register-{seed}")
        # Datasets, distributions, data services and dataset templates draw from a third.
        self.rng3 = random.Random(f"orden-datasets-{seed}")
        self.stdout = stdout
        self.today = timezone.localdate()
        self.counts = {}
        self.highlights = []  # lines for the seed summary

    def log(self, message):
        if self.stdout is not None:
            self.stdout.write(message)

    # ------------------------------------------------------------------ entry point

    def run(self) -> dict:
        started = time.monotonic()
        with transaction.atomic():
            self.reference_data()
            self.organizations()
            self.regions()
            self.users()
            self.catalogue()
            self.systems()
            self.units()
            self.services()
            self.datasets()
            self.demo_guarantees()
            self.dataset_guarantees()
            self.snapshots()
        self.counts["seconds"] = round(time.monotonic() - started, 1)
        return self.counts

    # ------------------------------------------------------------------ reference lists

    def reference_data(self):
        """The categories and standards, the Kommune-Los services and the vocabularies' concepts (normally
        loaded by migrations, but a test database flush removes them); create whatever is missing."""
        for model, migration in (
            (ServiceTemplate, "orden.portfolio.migrations.0003_reference_data"),
            (Concept, "orden.datasets.migrations.0002_concepts"),
        ):
            if not model.objects.exists():
                import_module(migration).load(django_apps, None)
        existing = set(Category.objects.values_list("slug", flat=True))
        Category.objects.bulk_create(
            [
                Category(slug=slug, label_nb=nb, label_nn=nn, label_en=en, sort_order=10 * (i + 1))
                for i, (slug, nb, nn, en) in enumerate(CATEGORIES)
                if slug not in existing
            ]
        )
        existing = set(Standard.objects.values_list("name", flat=True))
        Standard.objects.bulk_create(
            [Standard(name=n, description=d, url=u) for n, d, u in STANDARDS if n not in existing]
        )
        self.categories = {c.slug: c for c in Category.objects.all()}
        self.standards = {s.name: s for s in Standard.objects.all()}

    # ------------------------------------------------------------------ organisations and regions

    def organizations(self):
        municipalities = load_json("kommuner-2025.json")
        counties = load_json("fylker-2025.json")
        if self.size == "demo":
            municipalities = [m for m in municipalities if m["k_id"] in DEMO_MUNICIPALITIES]
            counties = [c for c in counties if c["f_id"] in DEMO_COUNTIES]
            intermunicipal = INTERMUNICIPAL[:1]
        else:
            intermunicipal = INTERMUNICIPAL
        all_names = [m["k_name_no"] for m in load_json("kommuner-2025.json")]
        county_names = {c["f_id"]: c["f_name"] for c in load_json("fylker-2025.json")}
        county_population = {}
        for m in municipalities:
            county_population[m["k_id"][:2]] = county_population.get(m["k_id"][:2], 0) + m["k_population"]

        self.orgs: list[OrgInfo] = []
        county_objs = {}
        for c in counties:
            number = f"{c['f_id']}00"
            org = Organization(
                # "Telemark fylkeskommune"; also avoids a clash with the municipality Oslo.
                name=f"{c['f_name']} fylkeskommune",
                kind=OrganizationKind.COUNTY,
                municipality_number=number,
                organization_number=synthetic_organization_number(f"99{number}"),
                population=county_population.get(c["f_id"]) or None,
                website=https(c["f_url"]),
            )
            county_objs[c["f_id"]] = org
            self.orgs.append(OrgInfo(org, OrganizationKind.COUNTY, number, org.population or 100_000))
        Organization.objects.bulk_create(county_objs.values())

        rows = []
        for m in municipalities:
            name = m["k_name_no"]
            if all_names.count(name) > 1:  # Herøy, Våler: as SSB writes them, "Herøy (Nordland)"
                name = f"{name} ({county_names[m['k_id'][:2]]})"
            org = Organization(
                name=name,
                kind=OrganizationKind.MUNICIPALITY,
                municipality_number=m["k_id"],
                organization_number=synthetic_organization_number(f"99{m['k_id']}"),
                population=m["k_population"],
                county=county_objs.get(m["k_id"][:2]),
                website=https(m["k_url"]),
                review_interval_months=REVIEW_INTERVALS.get(m["k_id"], 12),
            )
            rows.append(org)
            self.orgs.append(
                OrgInfo(org, OrganizationKind.MUNICIPALITY, m["k_id"], m["k_population"], m["k_language"] == "Nynorsk")
            )
        for i, (name, website) in enumerate(intermunicipal, start=1):
            org = Organization(
                name=name,
                kind=OrganizationKind.INTERMUNICIPAL,
                organization_number=synthetic_organization_number(f"98{i:04d}"),
                website=website,
            )
            rows.append(org)
            self.orgs.append(OrgInfo(org, OrganizationKind.INTERMUNICIPAL, None, 20_000))
        Organization.objects.bulk_create(rows)
        self.by_number = {info.number: info for info in self.orgs if info.number}
        self.counts["organisations"] = len(self.orgs)

    def regions(self):
        members = []
        for name, description, numbers in REGIONS:
            present = [self.by_number[n].org for n in numbers if n in self.by_number]
            if not present:
                continue
            region = Region.objects.create(name=name, description=description)
            members += [Region.organizations.through(region_id=region.pk, organization_id=o.pk) for o in present]
        Region.organizations.through.objects.bulk_create(members)
        self.counts["regions"] = Region.objects.count()

    # ------------------------------------------------------------------ users and memberships

    def users(self):
        User = get_user_model()
        password = make_password(PASSWORD)  # hashed once, shared by all seeded users
        users, memberships = [], []

        def user(username, first, last, language="nb", **extra):
            u = User(
                username=username,
                first_name=first,
                last_name=last,
                email=f"{username}@{EMAIL_DOMAIN}",
                password=password,
                language=language,
                **extra,
            )
            users.append(u)
            return u

        for info in self.orgs:
            language = "nn" if info.nynorsk else "nb"
            if info.number in DEMO_USERS:
                prefix, spec = DEMO_USERS[info.number]
                for suffix, role, first, last in spec:
                    info.users[suffix] = u = user(f"{prefix}-{suffix}", first, last, language)
                    memberships.append((info.org, u, role))
            else:
                prefix = f"k{info.number}" if info.number else slugify(info.org.name)
                for suffix, role in GENERATED_ROLES:
                    first, last = self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)
                    info.users[suffix] = u = user(f"{prefix}-{suffix}", first, last, language)
                    memberships.append((info.org, u, role))
        username, number, first, last = CATALOGUE_EDITOR
        editor = user(username, first, last)
        memberships.append((self.by_number[number].org, editor, Role.CATALOGUE_EDITOR))
        username, numbers, role, first, last = SHARED_USER
        if all(number in self.by_number for number in numbers):
            shared = user(username, first, last, "nn")
            memberships += [(self.by_number[number].org, shared, role) for number in numbers]
        username, first, last = ADMIN
        user(username, first, last, is_superuser=True, is_staff=True)

        User.objects.bulk_create(users, batch_size=BATCH)
        Membership.objects.bulk_create(
            [Membership(organization=o, user=u, role=r) for o, u, r in memberships], batch_size=BATCH
        )
        self.users_by_name = {u.username: u for u in users}
        self.counts["users"] = len(users)
        self.counts["memberships"] = len(memberships)

    # ------------------------------------------------------------------ catalogue

    def catalogue(self):
        rng = self.rng
        vendors = {}
        for key, (name, website) in cd.VENDORS.items():
            vendors[key] = Vendor(name=name, website=website, status=CatalogueStatus.APPROVED)
        products = []  # (Product, real?)
        for name, vendor, category, offers, description in cd.PRODUCTS:
            products.append((self._product(name, vendors[vendor], category, offers, description), True))
        for name, vendor, category, offers, description, username in cd.DRAFT_PRODUCTS:
            p = self._product(name, vendors[vendor], category, offers, description)
            p.status = CatalogueStatus.DRAFT
            p.created_by = self.users_by_name[username]
            products.append((p, False))

        if self.size == "national":
            # Fictional vendors with a product in 10–16 categories each: about 350 more products.
            slugs = list(cd.CATEGORY_WORDS)
            for i, stem in enumerate(cd.VENDOR_STEMS):
                suffix = cd.VENDOR_SUFFIXES[i % len(cd.VENDOR_SUFFIXES)]
                vendor = Vendor(
                    name=f"{stem} IT AS" if suffix == "IT" else f"{stem}{suffix} AS", status=CatalogueStatus.APPROVED
                )
                vendors[f"fictional-{i}"] = vendor
                for slug in sorted(rng.sample(slugs, rng.randint(10, 16)), key=slugs.index):
                    offers = rng.choice(["s", "s", "sh", "osh", "o", "oh"])
                    description = f"{self.categories[slug].label_nb} fra {vendor.name}. {cd.FICTIONAL}"
                    name = f"{stem}{suffix.lower() if suffix != 'IT' else ''} {cd.CATEGORY_WORDS[slug]}"
                    products.append((self._product(name, vendor, slug, offers, description), False))

        Vendor.objects.bulk_create(vendors.values(), batch_size=BATCH)
        Product.objects.bulk_create([p for p, _real in products], batch_size=BATCH)

        links, versions = [], []
        for p, real in products:
            names = cd.STANDARDS_BY_CATEGORY.get(p.category.slug, [])
            if not real:
                names = [n for n in names if rng.random() < 0.75]
            links += [Product.standards.through(product_id=p.pk, standard_id=self.standards[n].pk) for n in names]
            versions += self._versions(p)
        Product.standards.through.objects.bulk_create(links, batch_size=BATCH)
        ProductVersion.objects.bulk_create(versions, batch_size=BATCH)

        self.products = [p for p, _real in products if p.status == CatalogueStatus.APPROVED]
        self.real = {p.pk for p, real in products if real}
        self.products_by_name = {p.name: p for p, real in products if real}
        self.versions = {}  # product pk → versions, oldest first
        for v in versions:
            self.versions.setdefault(v.product_id, []).append(v)
        self.counts.update(vendors=len(vendors), products=len(products), versions=len(versions))

    def _product(self, name, vendor, category, offers, description):
        return Product(
            name=name,
            vendor=vendor,
            category=self.categories[category],
            description=description,
            offers_on_premises="o" in offers,
            offers_saas="s" in offers,
            offers_hosted="h" in offers,
            status=CatalogueStatus.APPROVED,
        )

    def _versions(self, product):
        """2–4 versions, oldest first; the older ones mostly out of vendor support."""
        rng = self.rng
        n = rng.randint(2, 4)
        released = [self.today - timedelta(days=rng.randint(60, 400))]
        for _ in range(n - 1):
            released.append(released[-1] - timedelta(days=rng.randint(300, 800)))
        released.reverse()
        if rng.random() < 0.5:  # year-based versions: 2023.2
            names = [f"{d.year}.{1 + (d.month - 1) // 4}" for d in released]
        else:  # major.minor
            major, minor, names = rng.randint(3, 9), rng.randint(0, 4), []
            for _ in released:
                names.append(f"{major}.{minor}")
                if rng.random() < 0.4:
                    major, minor = major + 1, 0
                else:
                    minor += 1
        versions = []
        for i, (name, released_on) in enumerate(zip(names, released, strict=True)):
            end = None
            if i == 0:  # the oldest: support has ended
                end = max(released_on + timedelta(days=200), self.today - timedelta(days=rng.randint(30, 900)))
                end = min(end, self.today - timedelta(days=1))
            elif i < n - 1:
                end = released_on + timedelta(days=rng.randint(2, 5) * 365)
            versions.append(ProductVersion(product=product, name=name, released_on=released_on, end_of_support=end))
        return versions

    # ------------------------------------------------------------------ systems

    def systems(self):
        rows = []
        for info in self.orgs:
            info.systems = self._org_systems(info)
            rows += info.systems
        self.contacts()
        self._review_dates()
        System.objects.bulk_create(rows, batch_size=BATCH)
        self.counts["systems"] = len(rows)
        self._super_users()

    def _allowed_products(self, info):
        if info.kind == OrganizationKind.INTERMUNICIPAL:
            return [p for p in self.products if p.category.slug in INTERMUNICIPAL_CATEGORIES]
        excluded = EXCLUDED_CATEGORIES[info.kind]
        return [p for p in self.products if p.category.slug not in excluded]

    def _org_systems(self, info):
        rng = self.rng
        curated = CURATED.get(info.number, [])
        if self.size == "national":
            target = rng.randint(150, 250)
        elif curated:
            target = len(curated)
        else:
            target = rng.randint(10, 20)

        # (product or None, name, description, overrides)
        plan = []
        for entry in curated:
            if entry[0] is None:
                plan.append((None, entry[1], entry[2], {}))
            else:
                plan.append((self.products_by_name[entry[0]], None, "", entry[1]))
        if not curated:
            for name, description in rng.sample(cd.UNLISTED_SYSTEMS, rng.randint(0, 3)):
                plan.append((None, name, description, {}))

        allowed = self._allowed_products(info)
        used = {p.pk for p, *_ in plan if p}
        if len(plan) < target:
            # First one product in each category the organisation uses, then any (the real ones more often).
            by_category = {}
            for p in allowed:
                by_category.setdefault(p.category.slug, []).append(p)
            slugs = sorted(by_category)
            rng.shuffle(slugs)
            for slug in slugs:
                if len(plan) >= target:
                    break
                if any(p and p.category.slug == slug for p, *_ in plan):
                    continue
                p = self._weighted_choice(by_category[slug])
                plan.append((p, None, "", {}))
                used.add(p.pk)
            weights = [6 if p.pk in self.real else 1 for p in allowed]
            while len(plan) < target:
                p = rng.choices(allowed, weights)[0]
                if p.pk in used and rng.random() < 0.8:
                    continue
                used.add(p.pk)
                plan.append((p, None, "", {}))

        names = set()
        systems = []
        for product, name, description, overrides in plan:
            name = name or product.name
            unique, n = name, 2
            while unique in names:
                unique, n = f"{name} {n}", n + 1
            names.add(unique)
            systems.append(self._system(info, product, unique, description, overrides))
        if info.number in DEMO_USERS:
            self._check_demo_owners(info, systems)
        return systems

    def _weighted_choice(self, products):
        return self.rng.choices(products, [6 if p.pk in self.real else 1 for p in products])[0]

    def _system(self, info, product, name, description, overrides):
        rng, today = self.rng, self.today
        slug = product.category.slug if product else None
        base_criticality, personal, special, share, (cost_lo, cost_hi) = CATEGORY_PROFILES.get(slug, UNLISTED_PROFILE)

        lifecycle = (
            overrides.get("lifecycle")
            or rng.choices(
                [Lifecycle.IN_USE, Lifecycle.PHASING_OUT, Lifecycle.PLANNED, Lifecycle.RETIRED], [80, 8, 6, 6]
            )[0]
        )
        in_use_from = date(rng.randint(2004, today.year - 1), rng.randint(1, 12), 1)
        in_use_until = None
        if lifecycle == Lifecycle.PLANNED:
            in_use_from = today + timedelta(days=rng.randint(30, 400))
        elif lifecycle == Lifecycle.PHASING_OUT:
            in_use_until = today + timedelta(days=rng.randint(30, 700))
        elif lifecycle == Lifecycle.RETIRED:
            in_use_until = in_use_from + timedelta(days=rng.randint(365, 3650))
            if in_use_until >= today:
                in_use_until = today - timedelta(days=rng.randint(30, 365))
                in_use_from = min(in_use_from, in_use_until - timedelta(days=365))

        version = None
        if product is not None:
            versions = self.versions[product.pk]
            if overrides.get("old") or lifecycle == Lifecycle.RETIRED:
                version = versions[0]
            elif lifecycle == Lifecycle.PLANNED:
                version = versions[-1]
            else:
                roll = rng.random()
                if roll < 0.08:
                    version = None
                elif roll < 0.2:
                    version = versions[0]
                elif roll < 0.75:
                    version = versions[-1]
                else:
                    version = rng.choice(versions)

        criticality = ""
        if rng.random() > 0.03:
            i = CRITICALITY_ORDER.index(Criticality(base_criticality)) + rng.choices([-1, 0, 1], [15, 70, 15])[0]
            criticality = CRITICALITY_ORDER[max(0, min(3, i))]

        personal_data = personal and rng.random() < 0.95 or (not personal and rng.random() < 0.2)
        special_categories = personal_data and special and rng.random() < 0.95

        cia = ("", "", "")
        if rng.random() > 0.08:
            if special_categories:
                c = rng.choice("34")
            elif personal_data:
                c = rng.choice("23")
            else:
                c = rng.choice("12")
            i = rng.choice("34") if criticality == Criticality.CRITICAL else rng.choice("23")
            level = CRITICALITY_ORDER.index(criticality) + 1 if criticality else 2
            a = str(max(1, min(4, level + rng.choice([-1, 0, 0, 1]))))
            cia = (SecurityLevel(c), SecurityLevel(i), SecurityLevel(a))

        last_risk = None
        if lifecycle in (Lifecycle.IN_USE, Lifecycle.PHASING_OUT):
            missing = 0.15 if criticality in (Criticality.HIGH, Criticality.CRITICAL) else 0.4
            if rng.random() > missing:
                last_risk = today - timedelta(days=rng.randint(20, 1500))

        if product is None:
            hosting = rng.choice([Hosting.ON_PREMISES, Hosting.ON_PREMISES, Hosting.COOPERATION])
        else:
            options = []
            if product.offers_on_premises:
                options += [Hosting.ON_PREMISES, Hosting.COOPERATION]
            if product.offers_saas:
                options += [Hosting.SAAS, Hosting.SAAS]
            if product.offers_hosted:
                options.append(Hosting.VENDOR)
            hosting = rng.choice(options) if options else ""

        time_classification = ""
        if lifecycle == Lifecycle.PLANNED:
            time_classification = TimeClassification.INVEST
        elif lifecycle == Lifecycle.RETIRED:
            time_classification = TimeClassification.ELIMINATE
        elif lifecycle == Lifecycle.PHASING_OUT:
            time_classification = rng.choice([TimeClassification.MIGRATE, TimeClassification.ELIMINATE])
        elif rng.random() > 0.15:
            time_classification = rng.choices(
                [
                    TimeClassification.INVEST,
                    TimeClassification.TOLERATE,
                    TimeClassification.MIGRATE,
                    TimeClassification.ELIMINATE,
                ],
                [30, 50, 10, 10],
            )[0]
        time_classification = overrides.get("time", time_classification)

        employees = max(40, info.population * 0.09)
        user_count = None
        if lifecycle != Lifecycle.PLANNED and rng.random() > 0.1:
            user_count = max(1, int(employees * share * rng.uniform(0.5, 1.2)))

        annual_cost = None
        if lifecycle != Lifecycle.RETIRED and rng.random() > 0.1:
            scale = max(0.5, min(6.0, math.sqrt(info.population / 4000)))
            cost = rng.randint(cost_lo, cost_hi) * 1000 * scale
            annual_cost = Decimal(max(20_000, min(2_500_000, round(cost, -3))))

        owner, responsible = self._owners(info, overrides)

        return System(
            organization=info.org,
            name=name,
            product=product,
            product_version=version,
            description=description,
            lifecycle=lifecycle,
            in_use_from=in_use_from,
            in_use_until=in_use_until,
            owner=owner,
            responsible=responsible,
            user_count=user_count,
            criticality=criticality,
            last_risk_assessment=last_risk,
            hosting=hosting,
            personal_data=personal_data,
            special_categories=special_categories,
            confidentiality=cia[0],
            integrity=cia[1],
            availability=cia[2],
            time_classification=time_classification,
            annual_cost=annual_cost,
        )

    def _owners(self, info, overrides):
        rng, users = self.rng, info.users
        if "leder" in users:  # the demo organisations
            owner_pool = ["systemeier"] * 3 + ["leder"] * 2 + ["koordinator"]
            responsible_pool = ["arkitekt"] * 2 + ["systemeier", "koordinator"]
        else:
            owner_pool = ["systemeier"] * 3 + ["koordinator"]
            responsible_pool = ["arkitekt"] * 2 + ["systemeier", "koordinator"]
        owner = overrides.get("owner") or (rng.choice(owner_pool) if rng.random() > 0.1 else None)
        responsible = overrides.get("responsible") or (rng.choice(responsible_pool) if rng.random() > 0.15 else None)
        if responsible == owner and owner is not None:
            responsible = "arkitekt" if owner != "arkitekt" else "koordinator"
        return (users[owner] if owner else None), (users[responsible] if responsible else None)

    def _check_demo_owners(self, info, systems):
        """The demo system owner owns several systems and is responsible for at least one more."""
        owner = info.users["systemeier"]
        owned = [s for s in systems if s.owner is owner]
        for s in systems:
            if len(owned) >= 4:
                break
            if s.owner is not owner and s.responsible is not owner:
                s.owner = owner
                owned.append(s)
        if not any(s.responsible is owner and s.owner is not owner for s in systems):
            other = next(s for s in systems if s.owner is not owner)
            other.responsible = owner

    # ------------------------------------------------------------------ contacts, reviews, super users

    def contacts(self):
        """3–8 contacts per organisation: vendor contacts, super users (employees), an external operator.
        Sets the vendor contact of most systems whose vendor has one. Runs before the systems are saved."""
        rng = self.rng2
        operators = self._operators()
        for info in self.orgs:
            lang = info.lang
            total = rng.randint(6, 8) if info.number in CURATED else rng.randint(3, 5)
            has_operator = info.kind != OrganizationKind.INTERMUNICIPAL
            n_super = 1 + (total >= 5) + (total >= 7)
            n_vendor = total - n_super - has_operator
            names = set()

            def person(employer, title, domain, notes="", info=info, names=names):
                return self._contact(info, names, employer, title, domain, notes)

            vendors = Counter(s.product.vendor for s in info.systems if s.product is not None)
            vendors = [v for v, _n in sorted(vendors.items(), key=lambda vn: (-vn[1], vn[0].name))]
            vendors = [v for v in vendors if "direktorat" not in v.name.lower()][: max(n_vendor + 2, 4)]
            by_vendor = {}
            for vendor in rng.sample(vendors, min(n_vendor, len(vendors))):
                title = rng.choice(rd.VENDOR_TITLES)[lang]
                by_vendor[vendor.pk] = person(vendor.name, title, ascii_slug(vendor.name).split("-")[0])
            for s in info.systems:
                if s.product is not None and s.product.vendor.pk in by_vendor and rng.random() < 0.8:
                    s.vendor_contact = by_vendor[s.product.vendor.pk]

            # Each super user supports one system (and others of its category); some systems get two.
            candidates = [s for s in info.systems if s.product is not None and s.lifecycle != Lifecycle.RETIRED]
            homes = rng.sample(candidates, min(n_super, len(candidates)))
            supers = []
            for home in homes:
                title = f"{rd.SUPER_USER_TITLE[lang]}, {home.name}"
                supers.append(contact := person(info.org.name, title, ascii_slug(info.org.name)))
                for s in candidates:
                    if s is home or (s.product.category.slug == home.product.category.slug and rng.random() < 0.7):
                        info.super_users.append((s, contact))
            if len(supers) >= 2 and rng.random() < 0.7:
                info.super_users.append((homes[0], supers[1]))
            if has_operator:
                employer = operators.get(info.number) or rng.choice(rd.FICTIONAL_OPERATORS)
                person(employer, rd.OPERATOR_TITLE[lang], ascii_slug(employer), rd.OPERATOR_NOTES[lang])
        rows = [c for info in self.orgs for c in info.contacts]
        Contact.objects.bulk_create(rows, batch_size=BATCH)
        self.counts["contacts"] = len(rows)

    def _contact(self, info, names, employer, title, domain, notes=""):
        """A new contact of ``info`` with a name not in ``names`` (invented; example.no addresses)."""
        rng = self.rng2
        while True:
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            if (first, last) not in names:
                break
        names.add((first, last))
        contact = Contact(
            organization=info.org,
            name=f"{first} {last}",
            email=f"{ascii_slug(first)}.{ascii_slug(last)}@{domain}.example.no",
            phone=phone_number(rng),
            employer=employer,
            title=title,
            notes=notes,
        )
        info.contacts.append(contact)
        return contact

    def _operators(self):
        """kommunenummer → the seeded inter-municipal company of its region."""
        seeded = {info.org.name for info in self.orgs if info.kind == OrganizationKind.INTERMUNICIPAL}
        result = {}
        for name, _description, numbers in REGIONS:
            company = REGION_OPERATORS.get(name)
            if company in seeded:
                for number in numbers:
                    result.setdefault(number, company)
        return result

    def _review_dates(self):
        """About 70 % of systems were confirmed in the last 0–20 months (most within the last year)."""
        rng, today = self.rng2, self.today
        for info in self.orgs:
            for s in info.systems:
                if rng.random() < 0.7:
                    months = rng.uniform(0, 11.5) if rng.random() < 0.7 else rng.uniform(12.5, 20)
                    s.last_reviewed = today - timedelta(days=round(months * 30.44))
            if "systemeier" in info.users and info.number in CURATED:
                # The demo system owner has at least one system overdue for review.
                owner = info.users["systemeier"]
                cutoff = add_months(today, -info.org.review_interval_months)
                owned = [s for s in info.systems if s.owner is owner and s.lifecycle != Lifecycle.RETIRED]
                if owned and not any(s.last_reviewed is None or s.last_reviewed < cutoff for s in owned):
                    owned[-1].last_reviewed = add_months(today, -info.org.review_interval_months - 3)

    def _super_users(self):
        through = System.super_users.through
        rows = {
            (s.pk, c.pk): through(system_id=s.pk, contact_id=c.pk) for info in self.orgs for s, c in info.super_users
        }
        through.objects.bulk_create(rows.values(), batch_size=BATCH)
        self.counts["super-user links"] = len(rows)

    # ------------------------------------------------------------------ units

    def units(self):
        rng = self.rng2
        tops, children = [], []
        for info in self.orgs:
            if info.kind == OrganizationKind.MUNICIPALITY:
                tree = rd.MUNICIPAL_UNITS
            elif info.kind == OrganizationKind.COUNTY:
                tree = rd.COUNTY_UNITS
            else:
                tree = rd.INTERMUNICIPAL_UNITS
            leaders = rd.DEMO_UNIT_LEADERS if "leder" in info.users else rd.GENERATED_UNIT_LEADERS
            keep_all = info.number in CURATED or info.population >= 8000
            for key, name_nb, name_nn, parent, optional in tree:
                if optional and not keep_all and rng.random() < 0.35:
                    continue
                if parent is not None and parent not in info.units:
                    continue
                leader = info.users.get(leaders.get(key, ""))
                unit = Unit(
                    organization=info.org,
                    name=(name_nb, name_nn)[info.lang],
                    parent=info.units.get(parent),
                    leader=leader,
                )
                info.units[key] = unit
                (children if parent else tops).append(unit)
        Unit.objects.bulk_create(tops, batch_size=BATCH)
        for unit in children:
            unit.parent_id = unit.parent.pk
        Unit.objects.bulk_create(children, batch_size=BATCH)
        self.counts["units"] = len(tops) + len(children)

    def _unit_for(self, info, label_nb, sector_slug):
        """The unit responsible for a service: by keyword, then by sector, then a parent or the fallback."""
        label = label_nb.lower()
        keys = [key for word, key in rd.UNIT_KEYWORDS if word in label]
        keys.append(rd.SECTOR_UNITS.get(sector_slug))
        for key in keys:
            if key in info.units:
                return info.units[key]
        parents = {key: parent for key, _nb, _nn, parent, _optional in rd.MUNICIPAL_UNITS}
        for key in keys:
            if parents.get(key) in info.units:
                return info.units[parents[key]]
        return info.units.get(rd.UNIT_FALLBACK.get(str(info.kind), "stab"))

    # ------------------------------------------------------------------ services and service–system links

    def services(self):
        rng = self.rng2
        templates = list(ServiceTemplate.objects.select_related("sector", "kostra_function").order_by("uri"))
        if not templates:
            self.log("No Kommune-Los services (run the migrations first); only internal services are seeded.")
        by_label = {t.label_nb: t for t in templates}
        municipal = [t for t in templates if t.label_nb not in rd.COUNTY_ONLY]
        rows, plans = [], []
        for info in self.orgs:
            if info.kind == OrganizationKind.MUNICIPALITY:
                if self.size == "national":
                    n = rng.randint(40, 80)
                elif info.number in CURATED:
                    n = rng.randint(85, 110)
                else:
                    n = rng.randint(30, 60)
                chosen = [by_label[label] for label in rd.CORE_SERVICES if label in by_label]
                chosen += self._weighted_sample(
                    [t for t in municipal if t not in chosen], max(0, n - len(chosen)), sector_weight
                )
                internal = rd.INTERNAL_SERVICES
            elif info.kind == OrganizationKind.COUNTY:
                labels = [label for label in rd.COUNTY_SERVICES if label in by_label]
                chosen = [
                    by_label[label] for label in rng.sample(labels, rng.randint(min(10, len(labels)), len(labels)))
                ]
                internal = rd.INTERNAL_SERVICES
            else:
                chosen = []
                internal = [s for s in rd.INTERNAL_SERVICES if set(s[3]) & INTERMUNICIPAL_CATEGORIES]
            for t in chosen:
                sector_slug = t.sector.uri.rstrip("/").rsplit("/", 1)[-1]
                description = rd.SERVICE_DESCRIPTIONS.get(t.label_nb)
                service = Service(
                    organization=info.org,
                    name=(t.label_nb, t.label_nn)[info.lang],
                    template=t,
                    sector=t.sector,
                    kostra_function=t.kostra_function,
                    responsible_unit=self._unit_for(info, t.label_nb, sector_slug),
                    description=description[info.lang] if description and rng.random() < 0.9 else "",
                    statutory=rng.random() < 0.85,
                    digital=t.label_nb in ("Barnehageplass", "Byggesak", "Sosialhjelp") or rng.random() < 0.35,
                )
                plans.append((info, service, categories_for(t.label_nb, sector_slug), t.label_nb))
            for name_nb, name_nn, unit_key, categories in internal:
                service = Service(
                    organization=info.org,
                    name=(name_nb, name_nn)[info.lang],
                    responsible_unit=info.units.get(unit_key) or self._unit_for(info, name_nb, ""),
                    statutory=rng.random() < 0.3,
                    digital=False,
                )
                plans.append((info, service, list(categories), name_nb))
        for info, service, _categories, _label in plans:
            unit = service.responsible_unit
            leader = unit and (unit.leader or (unit.parent and unit.parent.leader))
            if leader and rng.random() < 0.75:
                service.process_owner = leader
            info.services.append(service)
            rows.append(service)
        demo = self._demo_service(plans)
        Service.objects.bulk_create(rows, batch_size=BATCH)
        self.counts["services"] = len(rows)
        links = self._links(plans, demo)
        ServiceSystem.objects.bulk_create(links, batch_size=BATCH)
        self.counts["service–system links"] = len(links)

    def _weighted_sample(self, items, n, weight):
        """``n`` items without replacement, more likely the heavier (Efraimidis–Spirakis); deterministic."""
        rng = self.rng2
        keyed = [(rng.random() ** (1 / weight(item)), i) for i, item in enumerate(items)]
        keyed.sort(reverse=True)
        return [items[i] for _key, i in sorted(keyed[:n], key=lambda ki: ki[1])]

    def _demo_service(self, plans):
        """Vinje's Barnehageplass: owned by the head of Oppvekst, supported by one system only."""
        number, label, user, system_name = DEMO_SERVICE
        info = self.by_number.get(number)
        if info is None:
            return None
        service = next((s for i, s, _c, lbl in plans if i is info and lbl == label), None)
        system = next((s for s in info.systems if s.name == system_name), None)
        if service is None or system is None:
            return None
        service.process_owner = info.users[user]
        service.digital = True
        self.highlights.append(
            f"Browser test: {info.users[user].username} ({info.users[user].get_full_name()}) is process owner of "
            f"“{service.name}” in {info.org.name} (unit {service.responsible_unit.name}), linked to “{system.name}” "
            f"only; link e.g. “Acos WebSak” as a supporting system."
        )
        return service, system

    def _links(self, plans, demo):
        """1–3 fitting systems per service (about 8 % get none); then most systems still without a service
        are linked to a fitting one, but about 10 % of active systems are left without any."""
        rng = self.rng2
        links, seen = [], set()
        linked_systems = set()

        def link(info, service, system, role, note=""):
            if (id(service), id(system)) in seen:
                return
            seen.add((id(service), id(system)))
            linked_systems.add(id(system))
            links.append(ServiceSystem(organization=info.org, service=service, system=system, role=role, note=note))

        per_org, labels = {}, {}
        for info, service, categories, label in plans:
            per_org.setdefault(id(info), (info, []))[1].append((service, categories))
            labels[(id(info), label)] = service
        for info, services in per_org.values():
            lang = info.lang
            active = [s for s in info.systems if s.lifecycle != Lifecycle.RETIRED]
            by_category = {}
            for s in active:
                if s.product is not None:
                    by_category.setdefault(s.product.category.slug, []).append(s)
            protected = {id(demo[1])} if demo and demo[1] in active else set()
            spare = [s for s in active if id(s) not in protected]
            alone = {id(s) for s in rng.sample(spare, round(0.1 * len(active)))}
            usable = {slug: [s for s in systems if id(s) not in alone] for slug, systems in by_category.items()}
            no_systems, has_links, fitting = set(), {}, {}
            for service, categories in services:
                if demo and service is demo[0]:
                    link(info, service, demo[1], SystemRole.PRIMARY, rd.PRIMARY_NOTES[0][lang])
                    no_systems.add(id(service))  # nothing more: the browser test adds the second system
                    continue
                if rng.random() < 0.08:
                    no_systems.add(id(service))
                    continue
                primary = next((rng.choice(usable[c]) for c in categories if usable.get(c)), None)
                if primary is None:
                    continue
                note = rng.choice(rd.PRIMARY_NOTES)[lang] if rng.random() < 0.3 else ""
                link(info, service, primary, SystemRole.PRIMARY, note)
                has_links[id(service)] = True
                extra = [c for c in categories[1:] if usable.get(c)] + ["sak-arkiv"]
                if service.digital:
                    extra.append("nettsted-innbyggerportal")
                for category in rng.sample(extra, min(len(extra), rng.randint(0, 2))):
                    if usable.get(category):
                        note = rd.SUPPORTING_NOTES.get(category, ("", ""))[lang] if rng.random() < 0.5 else ""
                        link(info, service, rng.choice(usable[category]), SystemRole.SUPPORTING, note)
            # Most systems support some service: link the rest to a fitting one.
            for service, categories in services:
                if id(service) not in no_systems:
                    for slug in dict.fromkeys([*categories, "sak-arkiv"]):
                        fitting.setdefault(slug, []).append(service)
            for s in active:
                if id(s) in linked_systems or id(s) in alone:
                    continue
                if s.product is None:  # a home-made system: the service its name suggests, if offered
                    name = s.name.lower()
                    for word, service_labels in rd.UNLISTED_SERVICES:
                        if word in name:
                            for label in service_labels:
                                service = labels.get((id(info), label))
                                if service is not None and id(service) not in no_systems:
                                    role = SystemRole.SUPPORTING if has_links.get(id(service)) else SystemRole.PRIMARY
                                    link(info, service, s, role)
                                    has_links[id(service)] = True
                                    break
                            break
                    continue
                if fitting.get(s.product.category.slug):
                    service = rng.choice(fitting[s.product.category.slug])
                    role = SystemRole.SUPPORTING if has_links.get(id(service)) else SystemRole.PRIMARY
                    link(info, service, s, role)
                    has_links[id(service)] = True
        return links

    # ------------------------------------------------------------------ datasets, distributions, data services

    def datasets(self):
        """Dataset templates, the contact points datasets name, datasets with their systems, services, themes and
        distributions, and data services (see the module docstring)."""
        concepts = {(c.scheme, c.code): c for c in Concept.objects.all()}
        if not concepts:
            self.log("No vocabulary concepts (run the migrations first); no datasets are seeded.")
            return
        self.concepts = concepts
        templates = self._dataset_templates()
        contacts = self._data_contacts()
        plans = []  # (info, key, spec, published)
        for info in self.orgs:
            plans += [(info, key, spec, published) for key, spec, published in self._dataset_plan(info)]
        rows, holders = [], []
        for info, key, spec, published in plans:
            dataset, systems, services = self._dataset(info, key, spec, published, contacts, templates)
            rows.append(dataset)
            holders.append((dataset, spec, systems, services))
        Dataset.objects.bulk_create(rows, batch_size=BATCH)

        through_systems, through_services, through_themes = [], [], []
        themes = {code: c.pk for (scheme, code), c in concepts.items() if scheme == Scheme.DATA_THEME}
        for dataset, spec, systems, services in holders:
            through_systems += [Dataset.systems.through(dataset_id=dataset.pk, system_id=s.pk) for s in systems]
            through_services += [Dataset.services.through(dataset_id=dataset.pk, service_id=s.pk) for s in services]
            through_themes += [
                Dataset.themes.through(dataset_id=dataset.pk, concept_id=themes[code]) for code in spec["themes"]
            ]
        Dataset.systems.through.objects.bulk_create(through_systems, batch_size=BATCH)
        Dataset.services.through.objects.bulk_create(through_services, batch_size=BATCH)
        Dataset.themes.through.objects.bulk_create(through_themes, batch_size=BATCH)

        services_by_org = self._data_services(holders, contacts)
        distributions = []
        for dataset, spec, _systems, _services in holders:
            distributions += self._distributions(dataset, spec, services_by_org.get(dataset.organization.pk, {}))
        Distribution.objects.bulk_create(distributions, batch_size=BATCH)
        self.counts["datasets"] = len(rows)
        self.counts["published datasets"] = sum(1 for d in rows if d.published)
        self.counts["distributions"] = len(distributions)

    def _site(self, info):
        """The organisation's website (no trailing slash); an invented one for those without."""
        if info.org.website:
            return info.org.website.rstrip("/")
        return f"https://{ascii_slug(info.org.name)}.example.no"

    def _open_path(self, info):
        return "opne-data" if info.nynorsk else "apne-data"

    def _dataset_templates(self):
        """Approved templates for a few products, and one Vinje offers as a draft; title → {product pk: template}."""
        editor = self.users_by_name.get(CATALOGUE_EDITOR[0])
        rows = []
        for product_name, keys in cd.DATASET_TEMPLATES.items():
            product = self.products_by_name.get(product_name)
            if product is None:
                continue
            for key in keys:
                rows.append((self._template(product, rd.DATASETS[key]), rd.DATASETS[key]))
                rows[-1][0].created_by = editor
        for product_name, key, number, username in cd.OFFERED_TEMPLATES:
            product, info = self.products_by_name.get(product_name), self.by_number.get(number)
            if product is None or info is None:
                continue
            template = self._template(product, rd.DATASETS[key], source=info)
            template.status = CatalogueStatus.DRAFT
            template.created_by = self.users_by_name[username]
            rows.append((template, rd.DATASETS[key]))
        DatasetTemplate.objects.bulk_create([t for t, _spec in rows], batch_size=BATCH)
        DatasetTemplate.themes.through.objects.bulk_create(
            [
                DatasetTemplate.themes.through(
                    datasettemplate_id=t.pk, concept_id=self.concepts[(Scheme.DATA_THEME, code)].pk
                )
                for t, spec in rows
                for code in spec["themes"]
            ],
            batch_size=BATCH,
        )
        self.counts["dataset templates"] = len(rows)
        approved = {}
        for t, _spec in rows:
            if t.status == CatalogueStatus.APPROVED:
                approved.setdefault(t.title_nb, {})[t.product_id] = t
        return approved

    def _template(self, product, spec, source=None):
        return DatasetTemplate(
            product=product,
            title_nb=spec["title"][0],
            title_nn=spec["title"][1],
            title_en=spec["title"][2],
            description_nb=spec["description"][0],
            description_nn=spec["description"][1],
            keywords=spec["keywords"],
            access_rights=spec.get("access", AccessRights.PUBLIC),
            personal_data=spec.get("personal", False),
            frequency=self.concepts.get((Scheme.FREQUENCY, spec.get("frequency"))),
            provenance=spec.get("provenance", ""),
            source_organization=source.org if source else None,
            status=CatalogueStatus.APPROVED,
        )

    def _data_contacts(self):
        """Per organisation the contact point its datasets name (a function, not a person); Vinje and Tokke also
        a person responsible for geodata. organisation pk → {"data": Contact, "geodata": Contact}."""
        rng, rows, result = self.rng3, [], {}
        for info in self.orgs:
            name_nb, name_nn, title_nb, title_nn = rd.DATA_CONTACTS[str(info.kind)]
            contact = Contact(
                organization=info.org,
                name=(name_nb, name_nn)[info.lang],
                email=f"postmottak@{ascii_slug(info.org.name)}.example.no",
                phone=phone_number(rng),
                employer=info.org.name,
                title=(title_nb, title_nn)[info.lang],
            )
            result[info.org.pk] = {"data": contact}
            rows.append(contact)
            if info.number in CURATED:
                taken = {c.name for c in info.contacts}
                while True:
                    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
                    if f"{first} {last}" not in taken:
                        break
                person = Contact(
                    organization=info.org,
                    name=f"{first} {last}",
                    email=f"{ascii_slug(first)}.{ascii_slug(last)}@{ascii_slug(info.org.name)}.example.no",
                    phone=phone_number(rng),
                    employer=info.org.name,
                    title=rd.GEODATA_TITLE[info.lang],
                )
                result[info.org.pk]["geodata"] = person
                rows.append(person)
        Contact.objects.bulk_create(rows, batch_size=BATCH)
        self.counts["contacts"] = self.counts.get("contacts", 0) + len(rows)
        return result

    def _dataset_plan(self, info):
        """(key, spec, published) of the datasets an organisation describes."""
        rng = self.rng3
        if info.number in rd.CURATED_DATASETS:
            return [(key, rd.DATASETS[key], state == "published") for key, state in rd.CURATED_DATASETS[info.number]]
        national = self.size == "national"
        if info.kind == OrganizationKind.COUNTY:
            pool = {**rd.COUNTY_DATASETS, **{k: rd.DATASETS[k] for k in rd.COUNTY_SHARED}}
            keys = list(pool)
            if national:
                keys = sorted(rng.sample(keys, rng.randint(8, len(keys))), key=keys.index)
        elif info.kind == OrganizationKind.INTERMUNICIPAL:
            pool = {**rd.INTERMUNICIPAL_DATASETS, **{k: rd.DATASETS[k] for k in rd.INTERMUNICIPAL_SHARED}}
            keys = list(pool)
        else:
            pool = rd.DATASETS
            if national:  # 6 for the smallest, 25 from about 25,000 inhabitants
                share = math.log(max(info.population, 600) / 600) / math.log(25_000 / 600)
                n = round(6 + 19 * min(1.0, share))
            else:
                n = rng.randint(5, 9)
            others = [k for k in pool if k not in rd.MUNICIPAL_CORE]
            keys = rd.MUNICIPAL_CORE + sorted(rng.sample(others, n - len(rd.MUNICIPAL_CORE)), key=others.index)
        published = [rng.random() < 0.9 for _ in keys]
        published[0] = True  # every organisation publishes something
        return [(key, pool[key], p) for key, p in zip(keys, published, strict=True)]

    def _dataset(self, info, key, spec, published, contacts, templates):
        """An unsaved dataset, the systems that hold it (the authoritative one first) and its services."""
        rng, curated = self.rng3, info.number in CURATED
        access = spec.get("access", AccessRights.PUBLIC)
        personal = spec.get("personal", False)
        basis, basis_url = rd.LEGAL_BASES[spec["basis"]] if access != AccessRights.PUBLIC else ("", "")

        systems = self._holders(info, spec)
        authoritative = systems[0] if systems and (curated or rng.random() < 0.92) else None
        if authoritative is not None and authoritative.lifecycle == Lifecycle.RETIRED:
            authoritative = None
        services = self._dataset_services(info, spec)

        contact = contacts[info.org.pk]["data"]
        if "geodata" in contacts[info.org.pk] and any(f[1] == "GEOJSON" for f in spec.get("files", [])):
            contact = contacts[info.org.pk]["geodata"]
        if (info.number, key) == rd.INVALID_DRAFT:
            contact = None
        owner = info.users.get(spec.get("owner", "arkitekt")) or info.users.get("arkitekt")
        template = None
        if authoritative is not None and authoritative.product_id is not None:
            template = templates.get(spec["title"][0], {}).get(authoritative.product_id)
        slug = ascii_slug(spec["title"][0])
        since = spec.get("since")
        dataset = Dataset(
            organization=info.org,
            title_nb=spec["title"][0],
            title_nn=spec["title"][1],
            title_en=spec["title"][2],
            description_nb=spec["description"][0],
            description_nn=spec["description"][1],
            authoritative_system=authoritative,
            keywords=spec["keywords"],
            owner=owner,
            contact_point=contact,
            access_rights=access,
            restriction_basis=basis,
            restriction_basis_url=basis_url,
            personal_data=personal,
            open_personal_data_reason=spec.get("reason", "") if personal and access == AccessRights.PUBLIC else "",
            frequency=self.concepts.get((Scheme.FREQUENCY, spec.get("frequency"))),
            temporal_start=date(since, 1, 1) if since else None,
            conforms_to="\n".join(spec.get("conforms", [])),
            provenance=spec.get("provenance", ""),
            landing_page=f"{self._site(info)}/{self._open_path(info)}/{slug}/",
            published=published,
            published_at=timezone.now() - timedelta(days=rng.randint(1, 600), minutes=rng.randint(0, 1439))
            if published
            else None,
            template=template,
        )
        return dataset, systems, services

    def _holders(self, info, spec):
        """The systems that hold the data: per category the organisation's system (Vinje and Tokke: every one,
        those in use first), and home-made systems whose name says so."""
        rng, curated = self.rng3, info.number in CURATED
        by_category = info.systems_by_category
        if by_category is None:
            by_category = {}
            for s in info.systems:
                if s.product_id is not None:
                    by_category.setdefault(s.product.category.slug, []).append(s)
            info.systems_by_category = by_category
        holders = []
        for slug in spec["categories"]:
            systems = by_category.get(slug, [])
            active = [s for s in systems if s.lifecycle != Lifecycle.RETIRED]
            if curated:
                holders += active + [s for s in systems if s not in active]
            elif active:
                holders.append(rng.choice(active))
        words = spec.get("systems")
        if words:
            holders += [s for s in info.systems if s.product_id is None and any(w in s.name.lower() for w in words)]
        return list(dict.fromkeys(holders))

    def _dataset_services(self, info, spec):
        by_label = info.services_by_label
        if by_label is None:
            internal = {nn: nb for nb, nn, _unit, _categories in rd.INTERNAL_SERVICES}
            by_label = {}
            for s in info.services:
                label = s.template.label_nb if s.template else internal.get(s.name, s.name)
                by_label.setdefault(label, s)
            info.services_by_label = by_label
        return [by_label[label] for label in spec["services"] if label in by_label]

    def _data_services(self, holders, contacts):
        """The data services of each organisation, serving its published open datasets; organisation pk →
        {key: DataService}."""
        rng = self.rng3
        nlod = self.concepts.get((Scheme.LICENCE, "NLOD_2_0"))
        datasets_by_org = {}
        for dataset, spec, _systems, _services in holders:
            datasets_by_org.setdefault(dataset.organization.pk, []).append((dataset, spec))
        rows, served, result = [], [], {}
        for info in self.orgs:
            keys = self._data_service_keys(info)
            site = self._site(info)
            for key in keys:
                title_nb, title_nn, description_nb, description_nn, path, description_path, serves = rd.DATA_SERVICES[
                    key
                ]
                service = DataService(
                    organization=info.org,
                    title_nb=title_nb,
                    title_nn=title_nn,
                    description_nb=description_nb,
                    description_nn=description_nn,
                    endpoint_url=f"{site}/{path}",
                    endpoint_description=f"{site}/{description_path}",
                    owner=info.users.get("arkitekt"),
                    contact_point=contacts[info.org.pk]["data"],
                    access_rights=AccessRights.PUBLIC,
                    licence=nlod,
                    landing_page=f"{site}/{self._open_path(info)}/",
                    published=True,
                    published_at=timezone.now() - timedelta(days=rng.randint(1, 600)),
                )
                rows.append(service)
                result.setdefault(info.org.pk, {})[key] = service
                for dataset, spec in datasets_by_org.get(info.org.pk, []):
                    if not dataset.published or dataset.access_rights != AccessRights.PUBLIC:
                        continue
                    formats = {f[1] for f in spec.get("files", [])}
                    if formats & set(serves) or f"api:{spec.get('api')}" in serves:
                        served.append((service, dataset))
        DataService.objects.bulk_create(rows, batch_size=BATCH)
        DataService.datasets.through.objects.bulk_create(
            [DataService.datasets.through(dataservice_id=s.pk, dataset_id=d.pk) for s, d in served], batch_size=BATCH
        )
        self.counts["data services"] = len(rows)
        return result

    def _data_service_keys(self, info):
        rng = self.rng3
        if info.number in rd.CURATED_DATA_SERVICES:
            return rd.CURATED_DATA_SERVICES[info.number]
        if info.kind == OrganizationKind.INTERMUNICIPAL:
            return []
        if info.kind == OrganizationKind.COUNTY:
            return ["open", "wms"] if self.size == "national" else ["open"]
        keys = list(rd.DATA_SERVICES)
        if self.size == "national" and info.population >= 20_000:
            return sorted(rng.sample(keys, rng.randint(2, 4)), key=keys.index)
        if info.population >= 5_000 and rng.random() < 0.5:
            return [rng.choice(["wms", "innsyn"])]
        return []

    def _distributions(self, dataset, spec, data_services):
        """The files of a dataset (none for non-public data; at national size 1–3 of them): downloads on the
        organisation's website, or reached through its data service or a page."""
        if dataset.access_rights == AccessRights.NON_PUBLIC:
            return []
        files = spec.get("files", [])
        if self.size == "national" and len(files) > 1:
            files = files[: self.rng3.randint(1, len(files))]
        rows = []
        for title, file_type, licence, filename in files:
            access_url, download_url = dataset.landing_page, ""
            if filename:
                download_url = f"{dataset.landing_page}{filename}"
            elif spec.get("api") in data_services and file_type in ("JSON", "XML"):
                access_url = data_services[spec["api"]].endpoint_url
            rows.append(
                Distribution(
                    organization=dataset.organization,
                    dataset=dataset,
                    title_nb=title,
                    format=self.concepts.get((Scheme.FILE_TYPE, file_type)),
                    access_url=access_url,
                    download_url=download_url,
                    licence=self.concepts.get((Scheme.LICENCE, licence)),
                )
            )
        return rows

    # ------------------------------------------------------------------ guarantees and snapshots

    def demo_guarantees(self):
        """The demo system owners own a system with a completeness gap (and, see _review_dates, an overdue one)."""
        for number in CURATED:
            info = self.by_number.get(number)
            if info is None:
                continue
            owner = info.users["systemeier"]
            owned = System.objects.filter(organization=info.org, owner=owner).exclude(lifecycle=Lifecycle.RETIRED)
            if not completeness.worst_rows(owned, limit=1):
                first = owned.order_by("name").first()
                System.objects.filter(pk=first.pk).update(criticality="")
            if number == DEMO_SERVICE[0]:
                cutoff = add_months(self.today, -info.org.review_interval_months)
                overdue = owned.filter(last_reviewed__lt=cutoff) | owned.filter(last_reviewed=None)
                gaps = completeness.worst_rows(owned, limit=3)
                self.highlights.append(
                    f"{owner.username} owns {owned.count()} active systems; overdue for review: "
                    + ", ".join(f"“{s.name}”" for s in overdue.order_by("name")[:3])
                    + "; with gaps: "
                    + ", ".join(f"“{s.name}”" for s in gaps)
                    + "."
                )

    def dataset_guarantees(self):
        """Vinje's draft without a contact point (the browser test sets one and publishes it)."""
        number, key = rd.INVALID_DRAFT
        info = self.by_number.get(number)
        if info is None or not getattr(self, "concepts", None):
            return
        draft = Dataset.objects.get(organization=info.org, title_nb=rd.DATASETS[key]["title"][0])
        if draft.contact_point_id is not None or draft.published:  # pragma: no cover  (the plan says so)
            raise AssertionError(f"{draft} should be a draft without a contact point")
        self.highlights.append(
            f"Browser test: {draft.owner.username} owns the draft dataset “{draft.title}” in {info.org.name}, which "
            f"fails validation (no contact point); choose “{rd.DATA_CONTACTS['municipality'][info.lang]}” as its "
            "contact point and publish it."
        )

    def snapshots(self):
        """Today's completeness snapshot for every organisation; a six-month rising trend for Vinje and Tokke."""
        rng, rows = self.rng2, []
        for info in self.orgs:
            result = completeness.summary(System.objects.filter(organization=info.org))
            gaps = {gap["rule"].code: gap["count"] for gap in result["gaps"]}
            rows.append(
                CompletenessSnapshot(
                    organization=info.org, day=self.today, score=result["score"], systems=result["rows"], gaps=gaps
                )
            )
            if info.number not in CURATED:
                continue
            rise, steps = rng.randint(14, 22), 13  # one snapshot every two weeks for six months
            for k in range(1, steps + 1):
                share = k / steps
                score = result["score"] - rise * share + rng.uniform(-1.5, 1.5)
                systems = max(1, result["rows"] - round(k * rng.uniform(0.2, 0.6)))
                rows.append(
                    CompletenessSnapshot(
                        organization=info.org,
                        day=self.today - timedelta(days=14 * k),
                        score=max(0, min(100, round(score))),
                        systems=systems,
                        gaps={code: round(count * (1 + share * rise / 40)) for code, count in gaps.items()},
                    )
                )
        CompletenessSnapshot.objects.bulk_create(rows, batch_size=BATCH)
        self.counts["completeness snapshots"] = len(rows)


def sector_weight(template):
    return rd.SECTOR_WEIGHTS.get(template.sector.uri.rstrip("/").rsplit("/", 1)[-1], 1)


def categories_for(label_nb, sector_slug):
    """The catalogue categories whose systems fit a service, best first."""
    label = label_nb.lower()
    for word, categories in rd.CATEGORY_KEYWORDS:
        if word in label:
            return list(categories)
    return list(rd.SECTOR_CATEGORIES.get(sector_slug, ["sak-arkiv"]))


def ascii_slug(text):
    return slugify(text.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a"))


def phone_number(rng):
    """A Norwegian mobile number in the usual format: +47 912 34 567 (invented)."""
    digits = f"{rng.choice('49')}{rng.randint(0, 9999999):07d}"
    return f"+47 {digits[:3]} {digits[3:5]} {digits[5:]}"
