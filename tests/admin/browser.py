"""Play the secretariat's admin in headless Chromium: sign in, open pages, fill and submit
forms as staff do, and read every Persian screen for English and Latin digits.

Form controls are found on the page as rendered (so a new field is filled too) and set
through the DOM; autocomplete pickers get the chosen record as their option, the way
select2 leaves it after a pick.
"""

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.test import Client
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

# Latin-script words allowed on a Persian screen: proper names and codes that are
# written in Latin letters in Persian text too.
ALLOWED_LATIN = {
    # The portal's own product names, file formats and standard codes.
    "CSV",
    "XLSX",
    "XLS",
    "JSON",
    "TSV",
    "ODS",
    "HTML",
    "YAML",
    "PDF",
    "URL",
    "API",
    "ISO",
    "UTC",
    "HTTP",
    "LDAP",
    "QR",
    # Keys named as printed on keyboards, and the computer they are on.
    "Control",
    "Command",
    "Mac",
    "TOTP",
    "HOTP",
    "OTP",
    "Django",
    "JPEG",
    "PNG",
    "WebP",
    "docx",
    "xlsx",
    "pptx",
    "odt",
    "ods",
    "odp",
    # The language switch names the other language in its own script; tab labels.
    "English",
    "en",
    "fa",
    # The test's own staff account and records: user data, not interface text.
    "admin",
    "staff",
}
# A token that is a code, not a word: URLs, e-mail addresses, file names, slugs with
# digits or dashes, country and currency codes in capitals.
_CODE = re.compile(
    r"^(?:https?://\S+|\S+@\S+|(?i:[\w./-]+\.(?:pdf|png|jpe?g|webp|csv|xlsx|txt|docx?))|"
    r"[A-Z]{2,3}(?:-[A-Z0-9]{1,3})?|[a-z0-9]+(?:[-_][a-z0-9]+)+|"
    # An IP address; a secret's masked summary (salt, hash); a key or its prefix.
    r"\d{1,3}(?:\.\d{1,3}){3}|\S*\*{4,}|[0-9a-f]{8}(?:…|\.[\w-]{20,})|"
    # A token mixing letters and digits: a key's prefix, a backup code.
    r"(?=\S*\d)(?=\S*[A-Za-z])[A-Za-z0-9]{6,})$"
)
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’]+")
# Words are separated by spaces, quotes, brackets and the separators of both scripts.
_TOKEN = re.compile(r"[^\s\"'“”«»()\[\]{}·]+")
_LATIN_DIGIT = re.compile(r"[0-9]")


_ALLOWED = {word.casefold() for word in ALLOWED_LATIN}


def english_words(text: str, allowed=frozenset()) -> list[str]:
    """Latin-script words in `text` that are neither allowed names nor codes."""
    allowed = {word.casefold() for word in allowed}
    found = []
    for token in _TOKEN.findall(text):
        stripped = token.strip("()[]{}«»\"'“”,.;:!?،؛؟")
        if not stripped or _CODE.match(stripped):
            continue
        for word in _LATIN_WORD.findall(stripped):
            if word.casefold() not in _ALLOWED and word.casefold() not in allowed:
                found.append(word)
    return found


def latin_digits(text: str) -> list[str]:
    """Tokens of `text` holding a Latin digit 0-9, other than codes (URLs, files, slugs)."""
    found = []
    for token in _TOKEN.findall(text):
        stripped = token.strip("()[]{}«»\"'“”,.;:!?،؛؟")
        if _LATIN_DIGIT.search(stripped) and not _CODE.match(stripped):
            found.append(stripped)
    return found


@dataclass
class Screens:
    """The pages a test visited, with what was wrong on each Persian one."""

    browser: object
    base_url: str
    language: str
    allowed: set = field(default_factory=set)
    english: dict = field(default_factory=dict)
    digits: dict = field(default_factory=dict)
    visited: list = field(default_factory=list)

    def open(self, path):
        self.browser.get(self.base_url + path)
        return self.check(f"GET {path}")

    def check(self, step):
        """The page now shown answered, without a server error; its text is read."""
        status = self.browser.execute_script(
            "const n = performance.getEntriesByType('navigation')[0];"
            "return n ? n.responseStatus : null;"
        )
        text = self.text()
        assert status != 500 and "Server error" not in text, f"{step}: server error\n{text}"
        assert status in (200, None), f"{step}: answered {status}"
        self.visited.append(step)
        if self.language == "fa":
            words = english_words(text, self.allowed)
            if words:
                self.english[step] = sorted(set(words))
            numbers = latin_digits(text)
            if numbers:
                self.digits[step] = sorted(set(numbers))
        return text

    def text(self):
        return self.browser.execute_script("return document.body.innerText;")

    def assert_persian(self):
        """No English sentence and no Latin digit on any Persian screen visited."""
        problems = [f"English on {step}: {words}" for step, words in self.english.items()]
        problems += [f"Latin digits on {step}: {tokens}" for step, tokens in self.digits.items()]
        assert not problems, "\n".join(problems)


def sign_in(browser, base_url, user):
    """The browser holds a signed-in staff session (the password step is tested apart)."""
    client = Client()
    client.force_login(user)
    browser.get(base_url + "/en/admin/login/")  # a page of the host, to set its cookie
    browser.delete_all_cookies()
    browser.add_cookie(
        {
            "name": settings.SESSION_COOKIE_NAME,
            "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
            "path": "/",
        }
    )


# The controls of one form (or of one inline row) as the page rendered them.
CONTROLS_JS = """
const [root, prefix, skipInlines] = arguments;
const skip = new Set(['csrfmiddlewaretoken', '_save', '_continue', '_addanother', 'version']);
const seen = new Set();
const out = [];
for (const el of root.querySelectorAll('input, select, textarea')) {
  const name = el.name;
  if (!name || skip.has(name) || seen.has(name)) continue;
  if (prefix && !name.startsWith(prefix)) continue;
  if (skipInlines && el.closest('.inline-group')) continue;
  if (name.endsWith('-version') || name.endsWith('-DELETE') || name.endsWith('-id')) continue;
  if (/-(TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS$/.test(name) || name.endsWith('-clear')) continue;
  if (name.endsWith('__prefix__') || name.includes('__prefix__')) continue;
  if (el.type === 'hidden' || el.type === 'submit' || el.type === 'button') continue;
  if (el.closest('.select2-container')) continue;
  seen.add(name);
  out.push({
    name: name,
    tag: el.tagName.toLowerCase(),
    type: el.type,
    multiple: !!el.multiple,
    autocomplete: el.classList.contains('admin-autocomplete'),
    readonly: el.readOnly || el.disabled,
    options: el.tagName === 'SELECT' ? Array.from(el.options).map(o => o.value) : [],
    radios: el.type === 'radio'
      ? Array.from(root.querySelectorAll('input[name="' + name + '"]')).map(r => r.value) : [],
  });
}
return out;
"""

SET_JS = """
const [root, name, kind, value, label] = arguments;
const els = root.querySelectorAll('[name="' + name + '"]');
const el = els[0];
if (kind === 'radio') {
  for (const r of els) r.checked = (r.value === value);
} else if (kind === 'checkbox') {
  el.checked = value;
} else if (kind === 'autocomplete') {
  const $ = django.jQuery;
  if (value === '') { $(el).val(null).trigger('change'); }
  else {
    if (!Array.from(el.options).some(o => o.value === value)) {
      el.appendChild(new Option(label || value, value, false, false));
    }
    $(el).val(value).trigger('change');
  }
} else if (kind === 'multiple') {
  for (const o of el.options) o.selected = value.includes(o.value);
} else {
  el.value = value;
  el.dispatchEvent(new Event('input', {bubbles: true}));
}
el.dispatchEvent(new Event('change', {bubbles: true}));
return el.tagName === 'SELECT' && kind !== 'multiple' && kind !== 'autocomplete'
  ? el.value === value : true;
"""


def controls(browser, root, prefix="", skip_inlines=True):
    return browser.execute_script(CONTROLS_JS, root, prefix, skip_inlines)


def set_control(browser, root, control, value, label=""):
    if control["type"] == "file":
        if value:
            element = root.find_element("css selector", f'[name="{control["name"]}"]')
            element.send_keys(str(value))
        return
    if control["type"] == "radio":
        kind = "radio"
    elif control["type"] == "checkbox":
        kind = "checkbox"
    elif control["autocomplete"]:
        kind = "autocomplete"
    elif control["multiple"]:
        kind = "multiple"
    else:
        kind = "value"
    ok = browser.execute_script(SET_JS, root, control["name"], kind, value, label)
    assert ok, f"{control['name']}: no option {value!r} among {control['options']}"


def _click_and_wait_for_the_next_page(browser, button):
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", button)
    button.click()
    WebDriverWait(browser, 20).until(expected_conditions.staleness_of(button))
    WebDriverWait(browser, 20).until(
        lambda driver: driver.execute_script("return document.readyState") == "complete"
    )


def submit(browser, name="_save"):
    _click_and_wait_for_the_next_page(
        browser, browser.find_element("css selector", f'[name="{name}"]')
    )


def error_text(browser):
    """The form's error messages as shown, or "" when there are none."""
    return browser.execute_script(
        "return Array.from(document.querySelectorAll('.errornote, .errorlist, "
        ".messagelist .error')).map(e => {"
        "  const field = e.closest('[class*=\"field-\"]');"
        "  const name = field ? Array.from(field.classList).find(c => c.startsWith('field-')) : '';"
        "  return (name ? name + ': ' : '') + e.innerText; }).join(' | ');"
    )


def submit_delete(browser):
    """Confirm on a delete page ("Yes, I'm sure")."""
    _click_and_wait_for_the_next_page(
        browser, browser.find_element("css selector", "#content form [type=submit]")
    )


def choose_in_two_boxes(browser, name, values):
    """A two-box picker (Django's filter_horizontal): exactly `values` moved to the chosen box."""
    browser.execute_script(
        """
        const [name, values] = arguments;
        const from = 'id_' + name + '_from', to = 'id_' + name + '_to';
        SelectBox.move_all(to, from);
        for (const o of document.getElementById(from).options) {
          o.selected = values.includes(o.value);
        }
        SelectBox.move(from, to);
        """,
        name,
        values,
    )
