"""The email a user gets: sender precedence, reply-to, body parts, headers that cannot be."""

import pytest

from cfn_cognito.config import Settings
from cfn_cognito.mail.compose import COGNITO_SENDER, compose, plain_text, sender

SES_ARN = "arn:aws:ses:us-east-1:123456789012:identity/"


def _pool(**email_configuration):
    return {"Id": "us-east-1_abc", "EmailConfiguration": {"EmailSendingAccount": "COGNITO_DEFAULT",
                                                          **email_configuration}}


@pytest.mark.parametrize("configuration, smtp_email, expected", [
    ({"From": "Team <team@example.com>", "SourceArn": SES_ARN + "ses@example.com"},
     "dev@example.com", "Team <team@example.com>"),
    ({"SourceArn": SES_ARN + "ses@example.com"}, "dev@example.com", "ses@example.com"),
    ({"SourceArn": SES_ARN + "example.com"}, "dev@example.com", "dev@example.com"),
    ({}, "dev@example.com", "dev@example.com"),
    ({}, "", COGNITO_SENDER),
])
def test_the_pool_names_the_sender_before_smtp_email_and_cognito(configuration, smtp_email,
                                                                 expected):
    assert sender(Settings(smtp_email=smtp_email), _pool(**configuration)) == expected


def test_a_message_carries_reply_to_and_both_bodies():
    message = compose(Settings(), _pool(ReplyToEmailAddress="help@example.com"), "ada@example.com",
                      "Your verification\nlink", 'Click <a href="http://x/?a=1&amp;b=2">here</a>')
    assert message["To"] == "ada@example.com"
    assert message["Reply-To"] == "help@example.com"
    assert message["Subject"] == "Your verification link"
    assert message["Message-ID"].endswith("@verificationemail.com>")
    assert message.get_body(("plain",)).get_content().strip() == "Click here"
    assert 'href="http://x/?a=1&amp;b=2"' in message.get_body(("html",)).get_content()


def test_a_sender_no_header_can_carry_is_refused():
    with pytest.raises(ValueError):
        compose(Settings(), _pool(From="bad\nsender"), "ada@example.com", "s", "b")


def test_plain_text_keeps_line_breaks_and_entities():
    assert plain_text("Code:<br>123 &lt;ok&gt;") == "Code:\n123 <ok>"
