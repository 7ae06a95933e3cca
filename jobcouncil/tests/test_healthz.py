"""/healthz/ answers "ok" to anyone with one trivial query and nothing private."""


def test_it_answers_ok_with_one_query(db, client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")
    assert "no-cache" in response["Cache-Control"]


def test_it_takes_no_writes(client):
    assert client.post("/healthz/").status_code == 405
