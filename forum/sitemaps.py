"""sitemap.xml: every public page in Persian and English, each with its alternates."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from members.models import City
from summits.models import Summit


class BilingualSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    languages = ["fa", "en"]


class SectionSitemap(BilingualSitemap):
    priority = 0.8
    changefreq = "weekly"

    def items(self):
        return ["home", "members:directory", "summits:list", "board", "statistics"]

    def location(self, item):
        return reverse(item)


class CitySitemap(BilingualSitemap):
    changefreq = "monthly"

    def items(self):
        return City.objects.public().order_by("slug")

    def lastmod(self, city):
        return city.updated_at


class SummitSitemap(BilingualSitemap):
    changefreq = "monthly"

    def items(self):
        return Summit.objects.public().order_by("slug")

    def lastmod(self, summit):
        return summit.updated_at


SITEMAPS = {"sections": SectionSitemap, "cities": CitySitemap, "summits": SummitSitemap}
