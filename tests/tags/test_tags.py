from service.models import Tag
from tests.support.actors import create_article


def test_tags_is_empty_without_articles(client):
    response = client.get("/api/tags")

    assert response.status_code == 200
    assert response.get_json() == {"tags": []}


def test_tags_lists_each_tag_once_most_used_first(client, alice):
    create_article(client, alice, "One", tagList=["python", "flask"])
    create_article(client, alice, "Two", tagList=["python"])

    assert client.get("/api/tags").get_json() == {"tags": ["python", "flask"]}


def test_a_tag_is_stored_once_however_many_articles_use_it(client, app, alice):
    create_article(client, alice, "One", tagList=["python"])
    create_article(client, alice, "Two", tagList=["python", "python"])

    with app.app_context():
        assert Tag.query.filter_by(name="python").count() == 1


def test_tags_of_deleted_articles_leave_the_cloud(client, alice):
    article = create_article(client, alice, "One", tagList=["ephemeral"])

    client.delete(f"/api/articles/{article['slug']}", headers=alice.headers)

    assert client.get("/api/tags").get_json() == {"tags": []}
