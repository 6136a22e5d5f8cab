"""Search that forgives Persian spelling variants and misspellings, in SQL.

`forum_search_normalize(text)` folds what readers type differently into one
form: Arabic ي/ك/ى → Persian ی/ک, ة/ۀ → ه, أ/إ/آ/ٱ → ا, ؤ → و, ئ → ی, Persian and
Arabic-Indic digits → ASCII, Latin diacritics removed, lower case; and it drops
diacritics (harakat), tatweel, the zero-width non-joiner, spaces and
punctuation, so «نشست‌ها», «نشست ها» and «نشستها» become one string.
`forum_search_text(...)` joins the normalised fields of a record with a space,
which pg_trgm reads as a word boundary. Trigram (GIN) indexes on those
expressions serve both the substring match (LIKE) and the misspelling match
(word similarity, `<%`).

Names are schema-qualified: PostgreSQL builds indexes with a search_path of
pg_catalog only. The extensions live in `public` (members' first migration).
"""

from django.db import migrations

NORMALIZE = r"""
CREATE OR REPLACE FUNCTION public.forum_search_normalize(value text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT regexp_replace(
    translate(
      lower(public.unaccent('public.unaccent'::regdictionary, value)),
      'يكىةۀأإآٱؤئ۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩',
      'یکیههااااوی01234567890123456789'
    ),
    '[[:space:]\u200b-\u200f\u0640\u064b-\u065f\u0670\u06d4.,;:!?''"()«»،؛؟%_\\/-]+',
    '',
    'g'
  )
$$;

CREATE OR REPLACE FUNCTION public.forum_search_text(a text, b text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(public.forum_search_normalize(a), '') || ' '
    || coalesce(public.forum_search_normalize(b), '')
$$;

CREATE OR REPLACE FUNCTION public.forum_search_text(a text, b text, c text, d text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT public.forum_search_text(a, b) || ' ' || public.forum_search_text(c, d)
$$;
"""

DROP_NORMALIZE = """
DROP FUNCTION IF EXISTS public.forum_search_text(text, text, text, text);
DROP FUNCTION IF EXISTS public.forum_search_text(text, text);
DROP FUNCTION IF EXISTS public.forum_search_normalize(text);
"""

# One trigram index per searched kind, on exactly the expression the search uses.
INDEXES = {
    "members_city_search_trgm": ("members_city", "name_fa, name_en"),
    "members_person_search_trgm": ("members_person", "name_fa, name_en"),
    "summits_summit_search_trgm": ("summits_summit", "title_fa, title_en, slogan_fa, slogan_en"),
    "summits_panel_search_trgm": ("summits_panel", "title_fa, title_en"),
    "summits_document_search_trgm": ("summits_document", "title_fa, title_en"),
}


class Migration(migrations.Migration):
    dependencies = [
        # Creates the pg_trgm and unaccent extensions.
        ("members", "0001_initial"),
        ("summits", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(NORMALIZE, DROP_NORMALIZE),
        *[
            migrations.RunSQL(
                f"CREATE INDEX {name} ON {table} "
                f"USING gin (public.forum_search_text({columns}) gin_trgm_ops);",
                f"DROP INDEX IF EXISTS {name};",
            )
            for name, (table, columns) in INDEXES.items()
        ],
    ]
