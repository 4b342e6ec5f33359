"""The throwaway database of scripts/chaos and its integrity check."""
import os
import sqlite3
import subprocess
import uuid
from urllib.parse import urlsplit, urlunsplit

PG_BIN = os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin")

# PostgreSQL: amcheck on every B-tree index (of a table; a partitioned table's index has none of
# its own to check: its partitions' are), with `heapallindexed` (each table's rows read and
# found in the index), then every table read to its end.
PG_CHECK = """
\\set ON_ERROR_STOP 1
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS amcheck;
SELECT count(bt_index_check(c.oid, true)) FROM pg_index i
  JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
  JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE am.amname = 'btree' AND c.relkind = 'i' AND i.indisvalid AND i.indisready
    AND n.nspname = 'public' AND c.relpersistence <> 't';
SELECT format('SELECT count(*) FROM %I.%I', schemaname, tablename) FROM pg_tables WHERE schemaname = 'public' \\gexec
"""


class Database:
    @staticmethod
    def make(engine, folder, root):
        return SQLiteDatabase(folder) if engine == "sqlite" else PostgresDatabase(root)


class SQLiteDatabase:
    def __init__(self, folder):
        self.path = str(folder / "chaos.sqlite")
        self.url = "sqlite:" + self.path

    def integrity(self):
        """`PRAGMA integrity_check` on the file as the killed server left it (its WAL included)."""
        connection = sqlite3.connect(self.path, timeout=30)
        try:
            rows = [row[0] for row in connection.execute("PRAGMA integrity_check")]
            return [] if rows == ["ok"] else rows
        except sqlite3.DatabaseError as error:
            return [str(error)]
        finally:
            connection.close()

    def drop(self):
        pass  # in the temp folder


class PostgresDatabase:
    """A database made for the run in the server of $PG_TEST_URL, or in a throwaway cluster."""

    def __init__(self, root):
        self.root, self.cluster = root, None
        server = os.environ.get("PG_TEST_URL")
        if not server:
            script = f'source "{root}/scripts/lib/pg-cluster.sh" && pg_cluster_start >&2 && echo "$PG_TEST_URL $PG_CLUSTER_DIR"'
            out = subprocess.run(["bash", "-c", script], check=True, capture_output=True, text=True).stdout.split()
            server, self.cluster = out[0], out[1]
        parts = urlsplit(server)
        self.name = "chaos_" + uuid.uuid4().hex[:10]
        self.admin = server
        self.url = urlunsplit(parts._replace(path="/" + self.name))
        self.psql(self.admin, f"CREATE DATABASE {self.name}")

    def psql(self, url, command=None, script=None):
        # The URL as the connection string, as the bench scripts pass $PG_TEST_URL (a test server's).
        arguments = [f"{PG_BIN}/psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url]
        if command:
            arguments += ["-c", command]
        return subprocess.run(arguments, input=script, capture_output=True, text=True)

    def integrity(self):
        result = self.psql(self.url, script=PG_CHECK)
        return [] if result.returncode == 0 else [line for line in result.stderr.splitlines() if line.strip()][:5]

    def drop(self):
        self.psql(self.admin, f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")
        if self.cluster:
            script = f'source "{self.root}/scripts/lib/pg-cluster.sh" && PG_CLUSTER_DIR="{self.cluster}" pg_cluster_stop'
            subprocess.run(["bash", "-c", script], check=False)
