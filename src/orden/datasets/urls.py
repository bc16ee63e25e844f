"""The datasets app's URLs: the register's pages (signed in) and the public catalogue (/dcat/, /data/)."""

from django.urls import include, path

from . import import_views, public, views

app_name = "datasets"

urlpatterns = [
    path("datasets/<int:pk>/publish/", views.publish, {"views": views.DatasetViews}, name="dataset_publish"),
    path("datasets/<int:pk>/unpublish/", views.unpublish, {"views": views.DatasetViews}, name="dataset_unpublish"),
    path("datasets/<int:pk>/offer-as-template/", views.offer_as_template, name="dataset_offer"),
    path("datasets/import/", import_views.import_datasets, name="dataset_import"),
    path("datasets/", include(views.DatasetViews.urls())),
    path("distributions/", include(views.DistributionViews.urls())),
    path(
        "data-services/<int:pk>/publish/", views.publish, {"views": views.DataServiceViews}, name="dataservice_publish"
    ),
    path(
        "data-services/<int:pk>/unpublish/",
        views.unpublish,
        {"views": views.DataServiceViews},
        name="dataservice_unpublish",
    ),
    path("data-services/", include(views.DataServiceViews.urls())),
    path("catalogue/dataset-templates/<int:pk>/adopt/", views.adopt_template, name="datasettemplate_adopt"),
    path("catalogue/dataset-templates/", include(views.DatasetTemplateViews.urls())),
]
urlpatterns += public.urlpatterns  # /dcat/… and /data/…, without login (public.py)
