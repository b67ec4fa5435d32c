from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination


class Pagination(LimitOffsetPagination):
    """`?limit=&offset=`; answers carry `count`, `next`, `previous` and `results`.

    A limit or an offset that is not a whole number in range is refused, not guessed.
    """

    default_limit = 50
    max_limit = 200

    def _whole_number(self, request, name: str, minimum: int, maximum: int | None) -> int | None:
        values = request.query_params.getlist(name)
        if not values:
            return None
        try:
            if len(values) > 1:
                raise ValueError
            number = int(values[0])
            if number < minimum or (maximum is not None and number > maximum):
                raise ValueError
        except ValueError:
            message = (
                _("Give one whole number from %(min)d to %(max)d.")
                % {"min": minimum, "max": maximum}
                if maximum is not None
                else _("Give one whole number from %(min)d.") % {"min": minimum}
            )
            raise ValidationError({name: [message]}) from None
        return number

    def get_limit(self, request):
        limit = self._whole_number(request, self.limit_query_param, 1, self.max_limit)
        return self.default_limit if limit is None else limit

    def get_offset(self, request):
        offset = self._whole_number(request, self.offset_query_param, 0, None) or 0
        # An offset past the end gives an empty page, however large the number asked for.
        return min(offset, self.count)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        bounds = {
            self.limit_query_param: {"minimum": 1, "maximum": self.max_limit},
            self.offset_query_param: {"minimum": 0},
        }
        for parameter in parameters:
            parameter["schema"].update(bounds.get(parameter["name"], {}))
        return parameters
