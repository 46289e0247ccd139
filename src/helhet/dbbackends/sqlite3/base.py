"""Django's SQLite backend, told the real parameter limit of the SQLite it runs on.

Django assumes the old limit of 999 bound parameters per statement and splits bulk inserts
accordingly, so logging the reads of 200 listed persons took several INSERTs on SQLite and one
on PostgreSQL. SQLite 3.32 (2020) raised the limit to 32,766; with it, a list page costs the
same number of queries on both databases whatever the number of rows.
"""

from __future__ import annotations

from sqlite3 import sqlite_version_info

from django.db.backends.sqlite3 import base, features


class DatabaseFeatures(features.DatabaseFeatures):
    max_query_params = 32_766 if sqlite_version_info >= (3, 32) else 999


class DatabaseWrapper(base.DatabaseWrapper):
    features_class = DatabaseFeatures
