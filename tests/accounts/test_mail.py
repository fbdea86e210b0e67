"""Mail over SMTP, logging in with the user and password of SMTP_URL; written to the log without one."""

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from tests.support.logs import recorded
from tests.support.servers import free_port
from tests.support.smtp import Inbox

MESSAGE = {"to": "alice@example.com", "subject": "Hello", "text": "plain", "html": "<p>html</p>"}


def test_a_user_and_password_in_smtp_url_log_in_first(make_app):
    logins = []

    def authenticate(_server, _session, _envelope, _mechanism, data):
        logins.append((data.login.decode(), data.password.decode()))
        return AuthResult(success=True)

    port = free_port()
    inbox = Inbox(f"smtp://mailer:s%40cret@127.0.0.1:{port}")
    controller = Controller(inbox, hostname="127.0.0.1", port=port, authenticator=authenticate, auth_require_tls=False)
    controller.start()
    try:
        app = make_app(SMTP_URL=inbox.url, MAIL_FROM="Conduit <mail@conduit.test>")
        with app.app_context():
            from service import mail

            mail.send(MESSAGE)
        [message] = inbox.wait_for(1)
    finally:
        controller.stop()

    assert logins == [("mailer", "s@cret")]
    assert (message["From"], message["To"], message["Subject"]) == (
        "Conduit <mail@conduit.test>",
        "alice@example.com",
        "Hello",
    )


def test_without_smtp_url_a_mail_is_written_to_the_log(make_app):
    app = make_app(SMTP_URL="")
    with recorded("service.mail") as written, app.app_context():
        from service import mail

        mail.send(MESSAGE)

    assert [(record.fields["to"], record.fields["text"]) for record in written.records] == [
        ("alice@example.com", "plain")
    ]
