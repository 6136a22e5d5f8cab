"""History of every change to the registry (django-simple-history).

The historical models are made in each app's ready(), which runs after
modeltranslation's: made any earlier, they would copy the models before the
`_fa`/`_en` columns exist and the history would miss every translated text.
"""

from simple_history import register as register_history


def record_history(app_config):
    """Keep the history of every model of the app."""
    for model in list(app_config.get_models()):
        if getattr(model, "_meta", None) and not hasattr(model, "history"):
            if model.__name__.startswith("Historical"):
                continue
            register_history(model, app=app_config.label)
