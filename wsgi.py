"""The application object for gunicorn and `flask --app wsgi`."""
from ccan_web import create_app

app = create_app()
