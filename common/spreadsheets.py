"""CSV and spreadsheet cells that a spreadsheet program cannot run as a formula.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read
by Excel, LibreOffice and Google Sheets as a formula (CSV injection:
`=HYPERLINK(...)`, `=cmd|...`). Such a text is written with a leading
apostrophe, which spreadsheets show as text; importing a file strips that
apostrophe again, so an export can be imported back unchanged.

Used by the admin's export and import formats (settings EXPORT_FORMATS,
IMPORT_FORMATS) and the partner API's CSV.
"""

from import_export.formats import base_formats

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """`value`, with an apostrophe before a text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def restore(value):
    """The text `neutralise` was given."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def _map_cells(dataset, function):
    rows = [[function(cell) for cell in row] for row in dataset]
    del dataset[:]
    for row in rows:
        dataset.append(row)
    return dataset


class FormulaSafeExport:
    def export_data(self, dataset, **kwargs):
        return super().export_data(_map_cells(dataset, neutralise), **kwargs)

    def create_dataset(self, in_stream, **kwargs):
        return _map_cells(super().create_dataset(in_stream, **kwargs), restore)


class CSV(FormulaSafeExport, base_formats.CSV):
    pass


class XLSX(FormulaSafeExport, base_formats.XLSX):
    pass
