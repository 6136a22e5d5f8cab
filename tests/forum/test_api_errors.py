"""A bad parameter is a 400 whose JSON names it, never a 500 or a silent wrong answer."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/v1/cities/?updated_since=yesterday", "updated_since"),
        ("/api/v1/cities/?updated_since=0001-01-01T00:00:00%2B23:00", "updated_since"),
        ("/api/v1/cities/?page=-1", "page"),
        ("/api/v1/cities/?page=abc", "page"),
        ("/api/v1/cities/?page=99", "page"),
        ("/api/v1/cities/?page_size=0", "page_size"),
        ("/api/v1/cities/?page_size=100000", "page_size"),
        ("/api/v1/cities/?country=XX", "country"),
        ("/api/v1/cities/?status=dormant", "status"),
        ("/api/v1/cities/?ordering=email", "ordering"),
        ("/api/v1/cities/?lang=de", "lang"),
        ("/api/v1/cities/?format=xml", "format"),
        ("/api/v1/summits/?year=99999", "year"),
        ("/api/v1/summits/?host_city=99999999999999999999999", "host_city"),
        ("/api/v1/panels/?theme=cooking", "theme"),
        ("/api/v1/deletions/?since=last-week", "since"),
        ("/api/v1/deletions/?resource=users", "resource"),
    ],
)
def test_a_bad_parameter_gets_400_naming_it(client, url, parameter):
    response = client.get(url)
    assert response.status_code == 400
    assert parameter in response.json()


def test_errors_follow_the_requested_language(client):
    response = client.get("/api/v1/cities/?page_size=0", HTTP_ACCEPT_LANGUAGE="fa")
    assert response.json()["page_size"] == ["عددی صحیح از ۱ تا ۵۰۰ بدهید."]


@pytest.mark.parametrize("record_id", ["abc", "0", "12345678901234567890123"])
def test_an_unknown_record_is_a_json_404(client, record_id):
    response = client.get(f"/api/v1/cities/{record_id}/")
    assert response.status_code == 404
    assert "detail" in response.json()


def test_naive_and_offset_times_are_both_understood(client, world):
    for value in ("2000-01-01T00:00:00", "2000-01-01T00:00:00Z", "2000-01-01T03:30:00%2B03:30"):
        response = client.get(f"/api/v1/cities/?updated_since={value}")
        assert response.status_code == 200
        assert response.json()["count"] >= 3


def test_a_null_character_in_search_is_a_400_naming_search(client):
    response = client.get("/api/v1/cities/?search=a%00b")
    assert response.status_code == 400
    assert "search" in response.json()
