from rest_framework.pagination import LimitOffsetPagination


class Pagination(LimitOffsetPagination):
    """`?limit=&offset=`; answers carry `count`, `next`, `previous` and `results`."""

    default_limit = 50
    max_limit = 200

    def get_offset(self, request):
        # An offset past the end gives an empty page, however large the number asked for.
        return min(super().get_offset(request), self.count)
