#!/usr/bin/python3
"""The Python peers of tests/bench/orm_core.sh: the workloads of tests/bench/orm_core_raw.cpp in
SQLAlchemy's ORM (Session API), Django's ORM and Peewee, mapped onto the blog tables that
`orm migrate up` made (nothing here creates or alters a table).

Usage: orm_core_peers.py <sqlalchemy|django|peewee> <sqlite|postgres|mysql> <url> <workload> [count]
Prints the elapsed ms of the workload alone. The insert workloads expect empty tables, the others
the data of `bench_orm_core_raw <dialect> <url> seed <count>`; the script arranges both.
"""
import sys
import time
from urllib.parse import unquote, urlparse

CHUNK = 1000  # rows per multi-row INSERT, as in the raw program


def user_row(i):
    return "user%d@example.com" % i, "User %d" % i, i % 1000


def lookup_id(k, count):
    """The k-th primary key get_pk reads: a fixed permutation of 1..count, as in the raw program."""
    return (k * 7919) % count + 1


def parse(dialect, url):
    if dialect == "sqlite":
        return {"path": url[len("sqlite://"):] if url.startswith("sqlite://") else url}
    u = urlparse(url)
    return {"user": unquote(u.username or ""), "password": unquote(u.password or ""),
            "host": u.hostname, "port": u.port, "database": u.path.lstrip("/")}


class Timer:
    def __enter__(self):
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.ms = int((time.perf_counter() - self.start) * 1000)


# ------------------------------------------------------------------ SQLAlchemy (ORM, Session)
def run_sqlalchemy(dialect, url, workload, count):
    from sqlalchemy import (BigInteger, Boolean, Column, DateTime, ForeignKey, Integer, String, Table,
                            Text, create_engine, func, select)
    from sqlalchemy.orm import Session, declarative_base, relationship, selectinload

    c = parse(dialect, url)
    if dialect == "sqlite":
        engine_url = "sqlite:///" + c["path"]
    else:
        driver = "postgresql+psycopg2" if dialect == "postgres" else "mysql+pymysql"
        engine_url = "%s://%s:%s@%s:%s/%s" % (driver, c["user"], c["password"], c["host"], c["port"],
                                              c["database"])
        if dialect == "mysql":
            engine_url += "?charset=utf8mb4"
    engine = create_engine(engine_url)
    Base = declarative_base()
    post_tags = Table("post_tags", Base.metadata,
                      Column("post_id", BigInteger, ForeignKey("posts.id"), primary_key=True),
                      Column("tag_id", Integer, ForeignKey("tags.id"), primary_key=True))

    class User(Base):
        __tablename__ = "users"
        id = Column(BigInteger, primary_key=True)
        email = Column(String(255), nullable=False)
        name = Column(Text)
        karma = Column(Integer, nullable=False)
        created_at = Column(DateTime, server_default=func.now())

    class Tag(Base):
        __tablename__ = "tags"
        id = Column(Integer, primary_key=True)
        name = Column(String(50), nullable=False)

    class Post(Base):
        __tablename__ = "posts"
        id = Column(BigInteger, primary_key=True)
        author_id = Column(BigInteger, ForeignKey("users.id"), nullable=False)
        title = Column(String(200), nullable=False)
        slug = Column(String(200), nullable=False)
        body = Column(Text, nullable=False)
        published = Column(Boolean, nullable=False)
        created_at = Column(DateTime, server_default=func.now())
        author = relationship(User)
        tags = relationship(Tag, secondary=post_tags)

    with Session(engine) as session, session.begin():
        session.execute(select(1))  # connects outside the timing
        with Timer() as t:
            if workload == "insert_single":
                check = 0
                for i in range(1, count + 1):
                    email, name, karma = user_row(i)
                    user = User(email=email, name=name, karma=karma)
                    session.add(user)
                    session.flush()
                    check += user.id
            elif workload == "insert_bulk":
                for first in range(1, count + 1, CHUNK):
                    session.bulk_save_objects(
                        [User(email=e, name=n, karma=k)
                         for e, n, k in map(user_row, range(first, min(first + CHUNK, count + 1)))])
                check = count
            elif workload == "get_pk":
                check = sum(session.get(User, lookup_id(k, count)).karma for k in range(count))
            elif workload == "read_all":
                check = len(session.execute(select(User)).scalars().all())
            elif workload == "eager":
                posts = session.execute(
                    select(Post).options(selectinload(Post.author), selectinload(Post.tags))
                    .order_by(Post.id)).scalars().all()
                check = sum(len(p.author.email) + len(p.tags) for p in posts)
            else:
                raise SystemExit("unknown workload " + workload)
    return t.ms, check


# ------------------------------------------------------------------ Django
def run_django(dialect, url, workload, count):
    import django
    from django.conf import settings

    c = parse(dialect, url)
    if dialect == "sqlite":
        database = {"ENGINE": "django.db.backends.sqlite3", "NAME": c["path"]}
    else:
        database = {"ENGINE": "django.db.backends." + ("postgresql" if dialect == "postgres" else "mysql"),
                    "NAME": c["database"], "USER": c["user"], "PASSWORD": c["password"],
                    "HOST": c["host"], "PORT": str(c["port"])}
        if dialect == "mysql":
            database["OPTIONS"] = {"charset": "utf8mb4"}
    # An app for the models, so that Django sets up the reverse side of their relations.
    import types
    from django.apps import AppConfig

    app = types.ModuleType("orm_core_bench_app")

    class BenchConfig(AppConfig):
        name = "orm_core_bench_app"
        label = "bench"
        path = "/"

    app.BenchConfig = BenchConfig
    sys.modules[app.__name__] = app
    settings.configure(DATABASES={"default": database}, USE_TZ=False,
                       INSTALLED_APPS=["orm_core_bench_app.BenchConfig"])
    django.setup()
    from django.db import connection, models, transaction

    class User(models.Model):
        id = models.BigAutoField(primary_key=True)
        email = models.CharField(max_length=255)
        name = models.TextField(null=True)
        karma = models.IntegerField()
        # Django 3.2 has no database defaults: it sends the time of the insert itself.
        created_at = models.DateTimeField(auto_now_add=True)

        class Meta:
            app_label = "bench"
            db_table = "users"
            managed = False

    class Tag(models.Model):
        name = models.CharField(max_length=50)

        class Meta:
            app_label = "bench"
            db_table = "tags"
            managed = False

    class Post(models.Model):
        id = models.BigAutoField(primary_key=True)
        author = models.ForeignKey(User, on_delete=models.CASCADE, db_constraint=False)
        title = models.CharField(max_length=200)
        slug = models.CharField(max_length=200)
        body = models.TextField()
        published = models.BooleanField()
        created_at = models.DateTimeField()
        tags = models.ManyToManyField(Tag, db_table="post_tags", related_name="posts")

        class Meta:
            app_label = "bench"
            db_table = "posts"
            managed = False

    connection.ensure_connection()
    with transaction.atomic():
        with Timer() as t:
            if workload == "insert_single":
                check = 0
                for i in range(1, count + 1):
                    email, name, karma = user_row(i)
                    check += User.objects.create(email=email, name=name, karma=karma).id
            elif workload == "insert_bulk":
                User.objects.bulk_create(
                    [User(email=e, name=n, karma=k) for e, n, k in map(user_row, range(1, count + 1))],
                    batch_size=CHUNK)
                check = count
            elif workload == "get_pk":
                check = sum(User.objects.get(pk=lookup_id(k, count)).karma for k in range(count))
            elif workload == "read_all":
                check = len(list(User.objects.all()))
            elif workload == "eager":
                posts = list(Post.objects.order_by("id").prefetch_related("author", "tags"))
                check = sum(len(p.author.email) + len(p.tags.all()) for p in posts)
            else:
                raise SystemExit("unknown workload " + workload)
    return t.ms, check


# ------------------------------------------------------------------ Peewee
def run_peewee(dialect, url, workload, count):
    import peewee as pw

    c = parse(dialect, url)
    if dialect == "sqlite":
        db = pw.SqliteDatabase(c["path"])
    else:
        kind = pw.PostgresqlDatabase if dialect == "postgres" else pw.MySQLDatabase
        extra = {"charset": "utf8mb4"} if dialect == "mysql" else {}
        db = kind(c["database"], user=c["user"], password=c["password"], host=c["host"], port=c["port"],
                  **extra)

    class Base(pw.Model):
        class Meta:
            database = db

    class User(Base):
        id = pw.BigAutoField()
        email = pw.CharField(max_length=255)
        name = pw.TextField(null=True)
        karma = pw.IntegerField()
        created_at = pw.DateTimeField()  # no default here: the database's default fills it

        class Meta:
            table_name = "users"

    class Tag(Base):
        name = pw.CharField(max_length=50)

        class Meta:
            table_name = "tags"

    class Post(Base):
        id = pw.BigAutoField()
        author = pw.ForeignKeyField(User, column_name="author_id")
        title = pw.CharField(max_length=200)
        slug = pw.CharField(max_length=200)
        body = pw.TextField()
        published = pw.BooleanField()
        created_at = pw.DateTimeField()

        class Meta:
            table_name = "posts"

    class PostTag(Base):
        post = pw.ForeignKeyField(Post, column_name="post_id", backref="post_tags")
        tag = pw.ForeignKeyField(Tag, column_name="tag_id")

        class Meta:
            table_name = "post_tags"
            primary_key = pw.CompositeKey("post", "tag")

    db.connect()
    with db.atomic():
        with Timer() as t:
            if workload == "insert_single":
                check = 0
                for i in range(1, count + 1):
                    email, name, karma = user_row(i)
                    check += User.create(email=email, name=name, karma=karma).id
            elif workload == "insert_bulk":
                for first in range(1, count + 1, CHUNK):
                    User.insert_many(map(user_row, range(first, min(first + CHUNK, count + 1))),
                                     fields=[User.email, User.name, User.karma]).execute()
                check = count
            elif workload == "get_pk":
                check = sum(User.get_by_id(lookup_id(k, count)).karma for k in range(count))
            elif workload == "read_all":
                check = len(list(User.select()))
            elif workload == "eager":
                # The join table's query brings the tags along, so three queries as elsewhere.
                posts = list(pw.prefetch(Post.select().order_by(Post.id), User,
                                         PostTag.select(PostTag, Tag).join(Tag)))
                check = sum(len(p.author.email) + len([pt.tag.name for pt in p.post_tags]) for p in posts)
            else:
                raise SystemExit("unknown workload " + workload)
    db.close()
    return t.ms, check


def main():
    if len(sys.argv) < 5:
        raise SystemExit(__doc__)
    framework, dialect, url, workload = sys.argv[1:5]
    count = int(sys.argv[5]) if len(sys.argv) > 5 else 100000
    runner = {"sqlalchemy": run_sqlalchemy, "django": run_django, "peewee": run_peewee}[framework]
    ms, check = runner(dialect, url, workload, count)
    if not check:
        raise SystemExit("orm_core_peers.py: the workload read nothing")
    print(ms)


if __name__ == "__main__":
    main()
