"""Follows as the service states them, called without HTTP: each says whether it changed anything."""

from service.profiles import services
from tests.support.rows import user_id


def test_a_new_follow_says_it_changed_something(app, alice, bob):
    with app.app_context():
        profile, changed = services.follow(user_id("alice"), "bob")

    assert (profile["following"], changed) == (True, True)


def test_following_twice_says_it_changed_nothing(app, alice, bob):
    with app.app_context():
        services.follow(user_id("alice"), "bob")
        profile, changed = services.follow(user_id("alice"), "bob")

    assert (profile["following"], changed) == (True, False)


def test_unfollowing_whom_one_does_not_follow_says_it_changed_nothing(app, alice, bob):
    with app.app_context():
        profile, changed = services.unfollow(user_id("alice"), "bob")

    assert (profile["following"], changed) == (False, False)
