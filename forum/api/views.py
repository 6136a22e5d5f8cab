"""The API's own endpoints: the root, the deletions feed and the open-data dump."""

import django_filters
from django.db.models import Max
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_field, inline_serializer
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import generics, serializers
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from common.api import ApiViewMixin, BilingualSerializer, UpdatedSinceFilter
from common.models import Deletion
from forum.api_router import router


def resources():
    return [prefix for prefix, _viewset, _basename in router.registry]


class RootView(ApiViewMixin, APIView):
    @extend_schema(
        responses=inline_serializer(
            "ApiRoot",
            fields={name: serializers.URLField() for name in [*resources(), "deletions", "dump"]},
        ),
        description="Links to every list, the deletions feed and the dump.",
    )
    def get(self, request):
        links = {
            prefix: reverse(f"api:{basename}-list", request=request)
            for prefix, _viewset, basename in router.registry
        }
        for name in ("deletions", "dump", "schema", "docs"):
            links[name] = reverse(f"api:{name}", request=request)
        return Response(links)


@extend_schema_field(
    {
        "type": "object",
        "nullable": True,
        "properties": {"resource": {"type": "string"}, "id": {"type": "integer"}},
        "required": ["resource", "id"],
    }
)
class ParentField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, deletion):
        if not deletion.parent_resource:
            return None
        return {"resource": deletion.parent_resource, "id": deletion.parent_id}


class DeletionSerializer(BilingualSerializer):
    parent = ParentField(help_text="For `hidden`: the record whose removal hid this one.")

    class Meta:
        model = Deletion
        fields = ("id", "resource", "object_id", "slug", "reason", "parent", "removed_at")


class DeletionFilter(django_filters.FilterSet):
    since = UpdatedSinceFilter(
        field_name="removed_at",
        lookup_expr="gte",
        label="Only removals at or after this ISO 8601 time: the time of your previous pull.",
    )
    resource = django_filters.ChoiceFilter(choices=[(name, name) for name in resources()])
    reason = django_filters.ChoiceFilter(choices=Deletion.Reason.choices)

    class Meta:
        model = Deletion
        fields = []


class DeletionListView(ApiViewMixin, generics.ListAPIView):
    """Records partners must drop: deleted, unpublished, or hidden because their parent was.

    Written by database triggers, so no path of deleting or unpublishing escapes it.
    Only records that were public when they left are named: never a draft.
    """

    resource = "deletions"
    serializer_class = DeletionSerializer
    filterset_class = DeletionFilter
    filter_backends = [django_filters.rest_framework.DjangoFilterBackend]
    queryset = Deletion.objects.order_by("removed_at", "id")

    def get_last_modified(self):
        return Deletion.objects.aggregate(latest=Max("removed_at"))["latest"]


class DumpView(ApiViewMixin, APIView):
    """Every public record of every resource in one JSON document (open data); as CSV,
    one row per record with its `resource` in the first column."""

    @extend_schema(
        responses=inline_serializer(
            "Dump",
            fields={
                "generated_at": serializers.DateTimeField(),
                "language": serializers.CharField(),
                "resources": serializers.DictField(
                    child=serializers.ListField(child=serializers.DictField()),
                    help_text="Each resource's records, as its list returns them.",
                ),
            },
        )
    )
    def get(self, request):
        data = {}
        for prefix, viewset_class, _basename in router.registry:
            view = viewset_class(request=request, format_kwarg=None, action="list", kwargs={})
            queryset = view.get_queryset()
            if prefix != "countries":
                queryset = queryset.order_by("id")
            serializer = viewset_class.serializer_class(
                queryset, many=True, context=view.get_serializer_context()
            )
            data[prefix] = serializer.data
        if request.accepted_renderer.format == "csv":
            # One row per record, its resource first: a spreadsheet cannot hold the
            # nested document, and one cell per resource would hold all its records.
            return Response(
                [
                    {"resource": prefix, **record}
                    for prefix, records in data.items()
                    for record in records
                ]
            )
        return Response(
            {
                "generated_at": timezone.now(),
                "language": request.api_language,
                "resources": data,
            }
        )

    def get_last_modified(self):
        from common.api import latest_change

        moments = [
            latest_change(viewset.queryset.model, prefix)
            for prefix, viewset, _basename in router.registry
        ]
        moments = [moment for moment in moments if moment]
        return max(moments) if moments else None


class SchemaView(ApiViewMixin, SpectacularAPIView):
    pass


class DocsView(ApiViewMixin, SpectacularSwaggerSplitView):
    """Swagger UI with no inline script: its start-up script is served at ?script=."""

    template_name = "forum/api/docs.html"
