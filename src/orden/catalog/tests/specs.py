from orden.catalog.models import Category, Product, ProductVersion, Standard, Vendor
from orden.core.testing.matrix import ModelSpec, catalogue_rules, register


def vendor_data(world, org, n):
    return {"name": f"Leverandør {n}", "website": "https://example.org", "status": "approved"}


register(
    ModelSpec(
        model=Vendor,
        api_basename="vendor",
        make=lambda world, org, n: Vendor.objects.create(name=f"Leverandør {n + 100}", status="approved"),
        form_data=vendor_data,
        api_data=vendor_data,
        allowed=catalogue_rules(),
    )
)


def vendor():
    return Vendor.objects.get_or_create(name="Acos AS", defaults={"status": "approved"})[0]


def product_data(world, org, n):
    return {
        "name": f"Produkt {n}",
        "vendor": vendor().pk,
        "category": Category.objects.first().pk,
        "description": "Et produkt",
        "offers_saas": True,
        "status": "approved",
        "standards": [Standard.objects.first().pk],
    }


def make_product(world, org, n):
    return Product.objects.create(
        name=f"Produkt {n + 100}", vendor=vendor(), category=Category.objects.first(), status="approved"
    )


register(
    ModelSpec(
        model=Product,
        api_basename="product",
        make=make_product,
        form_data=product_data,
        api_data=product_data,
        allowed=catalogue_rules(),
    )
)


def product():
    return Product.objects.get_or_create(
        name="Acos WebSak", vendor=vendor(), defaults={"category": Category.objects.first(), "status": "approved"}
    )[0]


def version_data(world, org, n):
    return {"product": product().pk, "name": f"{n}.0", "released_on": "2024-01-01", "end_of_support": "2030-01-01"}


register(
    ModelSpec(
        model=ProductVersion,
        api_basename="productversion",
        make=lambda world, org, n: ProductVersion.objects.create(product=product(), name=f"{n + 100}.0"),
        form_data=version_data,
        api_data=version_data,
        allowed=catalogue_rules(members_may_propose=False),
    )
)


def category_data(world, org, n):
    return {
        "slug": f"kategori-{n}",
        "label_nb": f"Kategori {n}",
        "label_nn": f"Kategori {n}",
        "label_en": f"Category {n}",
        "sort_order": n,
    }


register(
    ModelSpec(
        model=Category,
        api_basename="category",
        make=lambda world, org, n: Category.objects.create(**category_data(world, org, n + 100)),
        form_data=category_data,
        api_data=category_data,
        allowed=catalogue_rules(members_may_propose=False),
    )
)


def standard_data(world, org, n):
    return {"name": f"Standard {n}", "description": "", "url": "https://example.org/standard"}


register(
    ModelSpec(
        model=Standard,
        api_basename="standard",
        make=lambda world, org, n: Standard.objects.create(**standard_data(world, org, n + 100)),
        form_data=standard_data,
        api_data=standard_data,
        allowed=catalogue_rules(members_may_propose=False),
    )
)
