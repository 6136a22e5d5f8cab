#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forum.settings")
    # Without DATABASE_URL, start (or reuse) the embedded PostgreSQL in .pgdata/;
    # it keeps running afterwards (python -m forum.embedded_db stop).
    from forum.embedded_db import ensure_running

    ensure_running()
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
