// Persian admin screens: numbers that Django's scripts write into the page (the
// "0 of 4 selected" counter, the calendar) in Persian digits. Server-made text is turned
// by forum.middleware.PersianAdminDigitsMiddleware; this covers interpolate()'d counts.
'use strict';
(function() {
  const persian = (text) => String(text).replace(/[0-9]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[d]);
  const shownNumber = (v) => (typeof v === 'number' || /^[0-9]+$/.test(v)) ? persian(v) : v;
  const original = window.interpolate;
  if (typeof original !== 'function') {
    return;
  }
  window.interpolate = function(format, values, named) {
    const shown = Array.isArray(values) ? values.map(shownNumber)
      : Object.fromEntries(Object.entries(values).map(([k, v]) => [k, shownNumber(v)]));
    return original.call(this, format, shown, named);
  };
  if (window.django) {
    window.django.interpolate = window.interpolate;
  }
})();
