"""Deterministic demo and load-test data: organisations, users, the shared catalogue and system registers.

``Seeder(size, seed).run()`` fills an empty database. Everything comes from ``random.Random(seed)`` and the
files in ``data/``, so the same seed gives the same data (dates are relative to today). Rows are written
with ``bulk_create``; no change history is written for seeded rows.

Sizes:
- ``demo``: the six Vest-Telemark municipalities plus a few neighbours, Telemark county, one inter-municipal
  company; curated system registers for Vinje and Tokke, 10–20 systems elsewhere; about 45 products.
- ``national``: all 357 municipalities and 15 counties, three inter-municipal companies, about 400 products
  and 150–250 systems per organisation (about 75 000 systems).
"""

import json
import math
import random
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from orden.catalog.models import CatalogueStatus, Category, Product, ProductVersion, Standard, Vendor
from orden.catalog.reference_data import CATEGORIES, STANDARDS
from orden.core.roles import Role
from orden.core.validators import organization_number_check_digit
from orden.organizations.models import Membership, Organization, OrganizationKind, Region
from orden.portfolio.models import Criticality, Hosting, Lifecycle, SecurityLevel, System, TimeClassification

from . import catalogue_data as cd

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


class Seeder:
    def __init__(self, size="demo", seed=DEFAULT_SEED, stdout=None):
        if size not in SIZES:
            raise ValueError(f"size must be one of {SIZES}")
        self.size = size
        self.seed = seed
        self.rng = random.Random(seed)
        self.stdout = stdout
        self.today = timezone.localdate()
        self.counts = {}

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
        self.counts["seconds"] = round(time.monotonic() - started, 1)
        return self.counts

    # ------------------------------------------------------------------ reference lists

    def reference_data(self):
        """The categories and standards (normally loaded by a migration); create whatever is missing."""
        existing = set(Category.objects.values_list("slug", flat=True))
        Category.objects.bulk_create(
            [
                Category(slug=slug, name_nb=nb, name_nn=nn, name_en=en, sort_order=10 * (i + 1))
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
                    description = f"{self.categories[slug].name_nb} fra {vendor.name}. {cd.FICTIONAL}"
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
            rows += self._org_systems(info)
        System.objects.bulk_create(rows, batch_size=BATCH)
        self.counts["systems"] = len(rows)

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
