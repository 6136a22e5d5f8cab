// The "Select all" toggle of django-import-export's export form: it checks or unchecks
// every field of the export. The package's template sets this with an inline onchange
// handler, which the portal's Content-Security-Policy blocks; this file replaces it
// (templates/admin/import_export/export.html).
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const fields = () =>
    document.querySelectorAll('.selectable-field-export-row input[type="checkbox"]');
  document.querySelectorAll("input.select-toggle").forEach((toggle) => {
    toggle.addEventListener("change", () => {
      fields().forEach((field) => {
        field.checked = toggle.checked;
      });
    });
  });
});
