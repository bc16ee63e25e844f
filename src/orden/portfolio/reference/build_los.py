"""Build ``kommune_los.json`` (the shared list of common municipal services) from the Los RDF.

Los is the Norwegian public-sector vocabulary from Digitaliseringsdirektoratet ("Los, Digitaliseringsdirektoratet").
Its Kommune-Los collection (https://psi.norge.no/los/samling/kommune-los) lists the words (``ord/``) for the
services municipalities offer. For each word this script records its labels, its theme, its sector (the Los main
theme above that theme) and the KOSTRA function Orden maps it to.

Run from the repository root (``src`` must be on ``sys.path``):

    python -m orden.portfolio.reference.build_los /path/to/all.rdf [output.json]

Without an output path it writes ``kommune_los.json`` next to this file. Only this script needs rdflib and the
RDF file; the app reads the committed JSON.
"""

import json
import sys
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from orden.portfolio.reference.kostra import KOSTRA_CODES

KOMMUNE_LOS = URIRef("https://psi.norge.no/los/samling/kommune-los")
LOS_STRUCTURE = URIRef("https://psi.norge.no/los/struktur")
WORD_PREFIX = "https://psi.norge.no/los/ord/"
OUTPUT = Path(__file__).with_name("kommune_los.json")

# Los uses "*" as a placeholder where an English label is missing.
PLACEHOLDER = "*"

# Orden's own mapping from each Kommune-Los word (by slug) to the KOSTRA function a municipality would normally
# report the service under. This is a judgement made from the labels and notes, not an official key; organisations
# may change it. None where no single municipal function fits (county or state tasks, taxes, general information).
KOSTRA_BY_SLUG: dict[str, str | None] = {
    "adressetildeling": "303",
    "aktiviteter-og-livsmestring-for-rusavhengige": "243",
    "akuttovernatting": "283",
    "allemannsrett": "360",
    "arbeidsgiveravgift": None,  # a tax every employer pays, not a service
    "arkiv": "120",
    "avlosertilskudd": "329",
    "badeplass": "360",
    "balbrenning": "338",
    "barnehage-innhold-og-kvalitet": "201",
    "barnehageplass": "201",
    "barnevern": "244",
    "batplass": "330",
    "bekymringsmelding-om-brannsikkerhet": "338",
    "bekymringsmelding-til-barnevernet": "244",
    "besokshjem": "251",
    "betalingssatser-for-kommunale-tjenester": None,  # cuts across all services
    "bevilling-og-tillatelser": "325",
    "bibliotektjenester": "370",
    "bofellesskap": "257",
    "boligfinansiering": "283",
    "bominformasjon": None,  # toll roads are state/county business
    "boplikt": "329",
    "bostotte": "283",
    "branntilsyn": "338",
    "broyting": "332",
    "brukermedvirkning-i-skolen": "202",
    "bruksenhetsnummer": "303",
    "byggesak": "302",
    "dagtilbud": "234",
    "deling-av-eiendom": "303",
    "drivstoff-og-ladestasjoner": None,
    "dyrehold": None,
    "eiendomsregister": "303",
    "eiendomsskatt": None,  # a tax: revenue is a finance matter, its administration falls under 120
    "eksamen": "202",
    "elbil": None,
    "energibruk": None,
    "ergoterapi": "241",
    "ernaring": "233",
    "erstatningsordninger-i-landbruket": "329",
    "farlig-avfall": "355",
    "feiing": "338",
    "feiing-og-stroing": "332",
    "ferie-og-fridager": "202",
    "festival": "385",
    "film-og-kino": "373",
    "firehjuling": "360",
    "forhandskonferanse": "302",
    "forurenset-grunn": "302",
    "fosterhjem": "252",
    "fraver": "202",
    "fredet-eiendom": "365",
    "friomrade": "360",
    "friskliv-og-mestring": "233",
    "fritidsfiske": "360",
    "fritidstilbud": "231",
    "fritidsutstyr": "231",
    "frivilligsentral": "385",
    "fylkesdelplan": None,  # county plan
    "fylkesplan": None,  # county plan
    "fyrverkeri": "338",
    "fysioterapi": "241",
    "fysisk-aktivitet": "233",
    "gangveg": "332",
    "gatelys": "332",
    "gebyr-for-byggesak": "302",
    "gift": None,  # poison information is a national service
    "gravemelding": "332",
    "gravferd": "393",
    "gravplass": "393",
    "grunnskole-for-voksne": "213",
    "havn": "330",
    "heftelser-pa-eiendom": "303",
    "helsestasjon": "232",
    "helsestasjon-for-ungdom": "232",
    "helsesykepleier": "232",
    "hjelp-ved-overgrep": "242",
    "hjelp-ved-rusavhengighet": "243",
    "hjemmehjelp": "258",
    "hjemmesykepleie": "258",
    "hjemmeundervisning": "202",
    "idrettsanlegg": "381",
    "idrettsmidler": "380",
    "innbyggerforslag": "100",
    "innsynsrett": "120",
    "introduksjonsprogram-for-innvandrere": "275",
    "jakt-og-fangst": "360",
    "jordbrukstilskudd": "329",
    "karakterer-og-evaluering": "202",
    "klage-pa-byggesak": "302",
    "klage-pa-helse--og-omsorgstjenester": None,  # complaints go across all health and care functions
    "klima": None,
    "klimakvote": None,
    "klimatiltak": None,
    "kommunal-bolig": "265",
    "kommunale-avgifter-og-gebyr": None,  # cuts across water, waste, building, ...
    "kommunedelplan": "301",
    "kommuneplan": "301",
    "kompostering": "355",
    "korttidsopphold": "253",
    "krisesenter": "242",
    "kulturbygg": "386",
    "kulturmidler": "385",
    "kulturminner": "365",
    "kulturtilbud": "385",
    "kvalifiseringsprogram": "276",
    "lag-og-foreninger": "385",
    "landbrukseiendom": "329",
    "lanekort": "370",
    "langvarige-helsetjenester": "241",
    "larling": None,  # apprenticeships: the municipality as employer, or the county
    "ledsagerbevis": "234",
    "legehjelp": "241",
    "legevakt": "241",
    "leieforhold": None,  # tenancy in general
    "lekeplass": "335",
    "livskriser": "241",
    "livsstil": "233",
    "lokaler-og-idrettsanlegg": "381",
    "luftkvalitet": "233",  # environmental health
    "matlevering": "234",
    "melding-om-bygging": "302",
    "melding-om-overnatting": "338",
    "melding-om-ulovlige-tiltak": "302",
    "midlertidig-botilbud": "283",
    "miljovennlig-transport": "330",
    "mobbing-i-skolen": "202",
    "motorferdsel-i-utmark": "360",
    "museum": "375",
    "musikk-og-kulturskole": "383",
    "nabovarsel": "302",
    "naringsareal": "325",
    "naringsklynger": "325",
    "narmiljotilskudd": "231",
    "naturvern": "360",
    "norskopplaring": "213",
    "okonomisk-radgiving": "242",
    "omsorgsavlastning": "258",
    "omsorgsbolig": "265",
    "omsorgsstonad": "258",
    "oppmaling": "303",
    "parkering-og-hvileplasser": "332",
    "pedagogisk-psykologisk-tjeneste": "202",
    "permisjon-og-fritak": "202",
    "personlig-assistent": "258",
    "personvern": "120",
    "piggdekk": "332",
    "plantedyrking": "329",
    "plantevern": "329",
    "privat-vei": "332",
    "private-reguleringsplaner": "301",
    "produksjonstilskudd": "329",
    "psykisk-helse": "241",
    "radgivning-og-kurs": "234",
    "radonmaling": "233",  # environmental health
    "regional-planlegging": None,  # county task
    "reguleringsplan": "301",
    "rehabilitering": "241",
    "reisebillett": None,  # public transport is a county task
    "reisegaranti": None,
    "renovasjon": "355",
    "renovasjonsavgift": "355",
    "ruteinformasjon": None,
    "samlivsbrudd": None,  # family counselling is a state service
    "sanntids-trafikkinformasjon": None,
    "seksjonering": "302",
    "seniortilbud": "234",
    "sertifisering-og-autorisasjon": None,
    "skatteattest": None,  # issued by the Tax Administration
    "skogbruk": "329",
    "skogbrukstilskudd": "329",
    "skolefritidsordning": "215",
    "skolehelsetjeneste": "232",
    "skolemiljo": "202",
    "skoleskyss": "223",
    "skoletilhorighet": "202",
    "smittevern": "233",
    "snoskuter": "360",
    "soke-skole": None,  # upper secondary admission is a county task
    "sosialhjelp": "281",
    "spesialundervisning": "202",
    "spilleavhengighet": "243",
    "starte-eller-avslutte-bedrift": "325",
    "stotte-til-bedrifter": "325",
    "stotte-til-familier": "242",
    "stottekontakt": "234",
    "stoy": "233",  # environmental health
    "svangerskapsomsorg": "232",
    "svommehall": "381",
    "sykehjem": "253",
    "sykkel": "332",
    "takster-og-kjopsinformasjon": None,
    "tannhelsetjeneste": None,  # public dental service is a county task
    "temaplan": "301",
    "tilpasset-opplaring": "202",
    "tilrettelagt-arbeidstilbud": "273",
    "tilrettelagt-fritid": "234",
    "tilrettelagt-transport": "234",
    "tilrettelagte-botilbud": "265",
    "tilskudd-til-friluftsliv": "360",
    "tilskudd-til-helse-og-eldre": "234",
    "tilskudd-til-okologisk-landbruk": "329",
    "tilskudd-til-tro-og-livssyn": "392",
    "tilskudd-til-viltformal": "360",
    "tilsyn-og-godkjenning-av-barnehager": "201",
    "tilsyn-og-kontroll-med-naringsvirksomhet": None,  # mostly state inspectorates
    "tobakk": "233",
    "tolketjeneste": None,  # used across services
    "trygghet-i-hjemmet": "234",
    "turloyper": "360",
    "tvangsekteskap": "242",
    "ungdomsmidler": "231",
    "utdannings--og-yrkesveiledning": None,  # described as upper secondary (county)
    "utlan-og-reservasjon": "370",
    "utslippstillatelse": "353",
    "vaksine": "233",
    "vann-og-avlop": "345",
    "vannforurensning": "360",
    "vannskuter": "360",
    "vassdrag": "360",
    "vegbygging": "332",
    "vegvedlikehold": "332",
    "veterinar": "329",
    "videregaende-opplaring": None,  # county task
    "videregaende-skole-for-voksne": None,  # county task
    "vielse": "120",
    "viltforvaltning": "360",
    "vrakpant": None,  # national deposit scheme
}

# Norwegian alphabetical order puts æ, ø, å after z.
_NORWEGIAN_ORDER = str.maketrans({"æ": "z\x01", "ø": "z\x02", "å": "z\x03"})


def _sort_key(label: str) -> str:
    return label.casefold().translate(_NORWEGIAN_ORDER)


def _labels(graph: Graph, concept: URIRef) -> dict[str, str]:
    """prefLabels by language; several in one language resolve to the alphabetically first, for stability."""
    found: dict[str, list[str]] = {}
    for label in graph.objects(concept, SKOS.prefLabel):
        lang = getattr(label, "language", None)
        if lang:
            found.setdefault(lang, []).append(str(label).strip())
    nb = min(found["nb"]) if found.get("nb") else str(concept)
    labels = {"nb": nb}
    for lang in ("nn", "en"):
        value = min(found[lang]) if found.get(lang) else ""
        labels[lang] = nb if value in ("", PLACEHOLDER) else value
    return labels


def _broader(graph: Graph, concept: URIRef) -> list[URIRef]:
    return sorted(o for o in graph.objects(concept, SKOS.broader) if isinstance(o, URIRef))


def _main_theme(graph: Graph, theme: URIRef, top: set[URIRef]) -> URIRef:
    """Follow skos:broader (first by URI at each step) up to a main theme."""
    seen = set()
    current = theme
    while current not in top:
        if current in seen:
            raise ValueError(f"skos:broader cycle at {current}")
        seen.add(current)
        parents = _broader(graph, current)
        if not parents:
            break
        current = parents[0]
    return current


def build(rdf_path: str | Path) -> list[dict]:
    """Read the Los RDF/XML and return one dict per Kommune-Los word, sorted by Bokmål label."""
    graph = Graph()
    graph.parse(str(rdf_path), format="xml")

    top = set(o for o in graph.objects(LOS_STRUCTURE, SKOS.hasTopConcept) if isinstance(o, URIRef))
    members = sorted(o for o in graph.objects(KOMMUNE_LOS, SKOS.member) if isinstance(o, URIRef))
    if not members:
        raise ValueError(f"{rdf_path}: no members of {KOMMUNE_LOS}")

    slugs = {str(m).rstrip("/").rsplit("/", 1)[-1] for m in members}
    if missing := sorted(slugs - KOSTRA_BY_SLUG.keys()):
        raise ValueError(f"KOSTRA_BY_SLUG has no entry for: {', '.join(missing)}")
    if unknown := sorted({c for c in KOSTRA_BY_SLUG.values() if c is not None} - KOSTRA_CODES):
        raise ValueError(f"KOSTRA_BY_SLUG uses codes not in KOSTRA_FUNCTIONS: {', '.join(unknown)}")

    services = []
    for word in members:
        if not str(word).startswith(WORD_PREFIX):
            raise ValueError(f"Kommune-Los member is not a Los word: {word}")
        slug = str(word).rstrip("/").rsplit("/", 1)[-1]
        labels = _labels(graph, word)
        themes = _broader(graph, word)
        if not themes:
            raise ValueError(f"{word} has no broader theme")
        sectors = []
        for theme in themes:
            sector = _main_theme(graph, theme, top)
            if sector not in sectors:
                sectors.append(sector)
        theme, sector = themes[0], sectors[0]
        theme_labels = _labels(graph, theme)
        sector_labels = _labels(graph, sector)
        services.append(
            {
                "uri": str(word),
                "slug": slug,
                "label_nb": labels["nb"],
                "label_nn": labels["nn"],
                "label_en": labels["en"],
                "theme_uri": str(theme),
                "theme_nb": theme_labels["nb"],
                "sector_uri": str(sector),
                "sector_nb": sector_labels["nb"],
                "sector_nn": sector_labels["nn"],
                "sector_en": sector_labels["en"],
                "other_sector_uris": sorted(str(s) for s in sectors[1:]),
                "kostra_function": KOSTRA_BY_SLUG[slug],
            }
        )
    services.sort(key=lambda s: (_sort_key(s["label_nb"]), s["uri"]))
    return services


def dump(services: list[dict]) -> str:
    """The exact text written to kommune_los.json."""
    return json.dumps(services, indent=1, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not 1 <= len(args) <= 2:
        print(__doc__, file=sys.stderr)
        return 2
    output = Path(args[1]) if len(args) == 2 else OUTPUT
    services = build(args[0])
    output.write_text(dump(services), encoding="utf-8")
    mapped = sum(1 for s in services if s["kostra_function"])
    print(f"Wrote {len(services)} services ({mapped} with a KOSTRA function) to {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
