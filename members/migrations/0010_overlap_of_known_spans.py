# The overlap rules compare what is known of each period (common.models.known_span): an
# open period runs on, an end on an unknown date covers the days up to its bound; and a
# start matches its precision in the Solar Hijri calendar too. The autodetector took
# these changes of rules under the same names for changes of their messages only.

from django.contrib.postgres.fields import RangeOperators
from django.db import migrations
from django.db.models import Value
from django.db.models.functions import Coalesce

import common.models


class Migration(migrations.Migration):
    dependencies = [("members", "0009_notes_without_control_characters")]

    operations = [
        *(
            operation
            for model in ("membership", "position")
            for operation in (
                migrations.RemoveConstraint(
                    model_name=model, name=f"{model}_start_matches_precision"
                ),
                migrations.AddConstraint(
                    model_name=model,
                    constraint=common.models.precision_constraint(
                        "started_on", "started_precision", f"{model}_start_matches_precision"
                    ),
                ),
            )
        ),
        migrations.RemoveConstraint(model_name="membership", name="membership_periods_do_not_overlap"),
        migrations.AddConstraint(
            model_name="membership",
            constraint=common.models.FieldExclusionConstraint(
                name="membership_periods_do_not_overlap",
                expressions=[
                    ("city", RangeOperators.EQUAL),
                    (common.models.known_span(), RangeOperators.OVERLAPS),
                ],
                error_field="started_on",
                violation_error_message=(
                    "This period overlaps another membership period of the same city."
                ),
            ),
        ),
        migrations.RemoveConstraint(model_name="position", name="position_terms_do_not_overlap"),
        migrations.AddConstraint(
            model_name="position",
            constraint=common.models.FieldExclusionConstraint(
                name="position_terms_do_not_overlap",
                expressions=[
                    ("person", RangeOperators.EQUAL),
                    ("office", RangeOperators.EQUAL),
                    (Coalesce("city", Value(0)), RangeOperators.EQUAL),
                    (common.models.known_span(), RangeOperators.OVERLAPS),
                ],
                error_field="started_on",
                violation_error_message=(
                    "This person already holds this office here during part of this period."
                ),
            ),
        ),
    ]
