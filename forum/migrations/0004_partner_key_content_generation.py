"""A partner key issued, changed, revoked or deleted moves the content generation on
(see common's content_generation migration). Recording a key's use (`last_used_at`,
at every keyed request) does not: it would empty the cache at every partner request."""

from django.db import migrations

COLUMNS = "name, prefix, hashed_secret, requests_per_minute, expires_at, revoked_at"

FORWARD = f"""
CREATE CONSTRAINT TRIGGER content_generation_bump
    AFTER INSERT OR UPDATE OF {COLUMNS} OR DELETE
    ON forum_partnerkey DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION content_generation_bump();
CREATE TRIGGER content_generation_truncate AFTER TRUNCATE ON forum_partnerkey
    FOR EACH STATEMENT EXECUTE FUNCTION content_generation_bump();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS content_generation_bump ON forum_partnerkey;
DROP TRIGGER IF EXISTS content_generation_truncate ON forum_partnerkey;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("forum", "0003_partner_keys"),
        ("common", "0004_content_generation"),
    ]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
