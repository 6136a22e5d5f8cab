"""Search expressions over the SQL functions of forum's search migration.

`forum_search_text(fields…)` is indexed with a trigram index per searched
table; filtering with `matching(queryset, fields, text)` uses the same
expression, so PostgreSQL answers from the index.
"""

from django.db.models import BooleanField, F, FloatField, Func, TextField, Value
from django.db.models.functions import Cast
from django.utils.text import smart_split, unescape_string_literal


class SearchText(Func):
    """The normalised text of a record's searched fields (2 or 4 of them)."""

    function = "forum_search_text"
    output_field = TextField()

    def __init__(self, *fields):
        if len(fields) not in (2, 4):
            raise ValueError("forum_search_text takes 2 or 4 fields")
        super().__init__(*[F(name) for name in fields])


class Normalized(Func):
    """What the reader typed, folded the way the indexed text is."""

    function = "forum_search_normalize"
    output_field = TextField()

    def __init__(self, text):
        super().__init__(Value(text, output_field=TextField()))


class Matches(Func):
    """The text holds the query, or a word of it is close to the query (a misspelling)."""

    output_field = BooleanField()
    conditional = True

    def as_sql(self, compiler, connection, **extra_context):
        (text, text_params), (query, query_params) = (
            compiler.compile(expression) for expression in self.get_source_expressions()
        )
        # An empty query (only spaces or punctuation) matches nothing, not everything.
        sql = f"({query} <> '' AND ({text} LIKE ('%%' || {query} || '%%') OR {query} <%% {text}))"
        return sql, (*query_params, *text_params, *query_params, *query_params, *text_params)


class WordSimilarity(Func):
    function = "word_similarity"
    output_field = FloatField()


def matching(queryset, fields, text):
    """The rows of `queryset` whose `fields` match `text`, best match first."""
    haystack, needle = SearchText(*fields), Normalized(text)
    return (
        queryset.filter(Matches(haystack, needle))
        .annotate(search_rank=WordSimilarity(needle, haystack))
        .order_by("-search_rank", "pk")
    )


class FoldedText(Func):
    """Any fields (text or not) folded by forum_search_normalize and joined by spaces."""

    function = "concat_ws"
    output_field = TextField()

    def __init__(self, *fields):
        folded = [
            Func(Cast(F(name), TextField()), function="forum_search_normalize") for name in fields
        ]
        super().__init__(Value(" "), *folded)


def matching_every_word(queryset, fields, text):
    """The rows of `queryset` where every word of `text` matches one of `fields`, folded and
    forgiving misspellings as the public search is (the admin's search boxes and pickers).
    Order is left as the queryset has it."""
    words = [
        unescape_string_literal(word) if len(word) > 1 and word[0] == word[-1] in "\"'" else word
        for word in smart_split(text)
    ]
    haystack = FoldedText(*fields)
    for word in words:
        queryset = queryset.filter(Matches(haystack, Normalized(word)))
    return queryset
