#!/usr/bin/env python3
"""Checks the OpenQuizz.Typed embedded server (oq-mongod) with PyMongo, a third-party client.

Usage: pymongo_check.py URI [--auth]

Prints one line per check (PASS / SKIP / FAIL) and exits 1 when any check fails. With --auth the server is
expected to require authentication: the script creates its root user through the localhost exception (or uses
--user/--password when it already exists), then checks SCRAM-SHA-256, SCRAM-SHA-1, a wrong password and roles.
Checks that need commands another part of the server adds later (createIndexes, aggregate) are skipped with a
message when the server answers CommandNotFound.
"""

import argparse
import sys

try:
    import pymongo
    from pymongo import MongoClient, ReturnDocument, ASCENDING, DESCENDING
    from pymongo.errors import DuplicateKeyError, OperationFailure
except ImportError:  # pragma: no cover - reported by the test runner as a skip
    print("SKIP pymongo: not installed (apt-get install -y python3-pymongo)")
    sys.exit(0)

COMMAND_NOT_FOUND = 59
UNAUTHORIZED = 13
AUTHENTICATION_FAILED = 18
DB = "pymongo_check"


class Skip(Exception):
    """A check that cannot run against this server yet."""


class Checks:
    def __init__(self):
        self.failed = 0
        self.passed = 0
        self.skipped = 0

    def run(self, name, check):
        try:
            check()
        except Skip as skip:
            self.skipped += 1
            print("SKIP %s: %s" % (name, skip), flush=True)
        except Exception as error:  # noqa: BLE001 - every failure is reported, none stops the run
            self.failed += 1
            print("FAIL %s: %s: %s" % (name, type(error).__name__, error), flush=True)
        else:
            self.passed += 1
            print("PASS %s" % name, flush=True)


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


def guard_missing_command(error, what):
    if isinstance(error, OperationFailure) and error.code == COMMAND_NOT_FOUND:
        raise Skip("%s is not implemented by this server yet (CommandNotFound)" % what)
    raise error


def fresh(db, name):
    collection = db[name]
    collection.drop()
    return collection


def crud_checks(checks, client):
    db = client[DB]

    def insert():
        c = fresh(db, "insert")
        one = c.insert_one({"name": "a", "n": 1})
        expect(one.inserted_id is not None, "insert_one returns an id")
        many = c.insert_many([{"name": "b", "n": 2}, {"name": "c", "n": 3}])
        expect(len(many.inserted_ids) == 2, "insert_many returns two ids")
        expect(c.find_one({"_id": one.inserted_id})["name"] == "a", "find_one by _id")
        expect(c.estimated_document_count() == 3, "estimated_document_count")

    def find():
        c = fresh(db, "find")
        c.insert_many([{"_id": i, "n": i, "even": i % 2 == 0, "tag": "t%d" % (i % 3)} for i in range(20)])
        docs = list(c.find({"even": True}, {"n": 1, "_id": 0}).sort("n", DESCENDING).skip(2).limit(3))
        expect(docs == [{"n": 14}, {"n": 12}, {"n": 10}], "filter/sort/skip/limit/projection: %r" % docs)
        expect([d["_id"] for d in c.find({"n": {"$gte": 5, "$lt": 8}}).sort([("n", ASCENDING)])] == [5, 6, 7], "range query")
        expect(c.find_one({"n": {"$in": [3, 4]}, "tag": "t1"})["_id"] == 4, "$in with equality")
        expect(c.find_one({"missing": 1}) is None, "find_one on no match")

    def update():
        c = fresh(db, "update")
        c.insert_many([{"_id": 1, "n": 1, "tags": []}, {"_id": 2, "n": 2, "tags": []}])
        r = c.update_one({"_id": 1}, {"$set": {"name": "one"}, "$inc": {"n": 10}})
        expect((r.matched_count, r.modified_count) == (1, 1), "update_one counts")
        r = c.update_many({}, {"$push": {"tags": "x"}})
        expect((r.matched_count, r.modified_count) == (2, 2), "update_many counts")
        r = c.update_one({"_id": 3}, {"$set": {"n": 3}}, upsert=True)
        expect(r.upserted_id == 3, "upsert id: %r" % r.upserted_id)
        expect(c.find_one({"_id": 1}) == {"_id": 1, "n": 11, "tags": ["x"], "name": "one"}, "updated document")

    def replace():
        c = fresh(db, "replace")
        c.insert_one({"_id": 1, "a": 1, "b": 2})
        r = c.replace_one({"_id": 1}, {"c": 3})
        expect(r.modified_count == 1, "replace_one count")
        expect(c.find_one({"_id": 1}) == {"_id": 1, "c": 3}, "replaced document")

    def delete():
        c = fresh(db, "delete")
        c.insert_many([{"k": i % 2} for i in range(10)])
        expect(c.delete_one({"k": 0}).deleted_count == 1, "delete_one")
        expect(c.delete_many({"k": 0}).deleted_count == 4, "delete_many")
        expect(c.estimated_document_count() == 5, "what is left")

    def count_documents():
        c = fresh(db, "count")
        c.insert_many([{"k": i % 3} for i in range(30)])
        try:
            # PyMongo runs count_documents as an aggregate ($match, $group).
            expect(c.count_documents({"k": 1}) == 10, "count_documents with a filter")
            expect(c.count_documents({}, skip=5, limit=10) == 10, "count_documents with skip/limit")
        except OperationFailure as error:
            guard_missing_command(error, "aggregate (used by count_documents)")

    def distinct():
        c = fresh(db, "distinct")
        c.insert_many([{"color": color, "n": i} for i, color in enumerate(["red", "blue", "red", "green", "blue"])])
        expect(sorted(c.distinct("color")) == ["blue", "green", "red"], "distinct")
        expect(sorted(c.distinct("color", {"n": {"$gt": 2}})) == ["blue", "green"], "distinct with a filter")

    def find_one_and_update():
        c = fresh(db, "famu")
        c.insert_one({"_id": "counter", "seq": 0})
        after = c.find_one_and_update({"_id": "counter"}, {"$inc": {"seq": 1}}, return_document=ReturnDocument.AFTER)
        expect(after["seq"] == 1, "returns the document after")
        before = c.find_one_and_update({"_id": "counter"}, {"$inc": {"seq": 1}})
        expect(before["seq"] == 1, "returns the document before by default")
        created = c.find_one_and_update({"_id": "new"}, {"$set": {"seq": 5}}, upsert=True, return_document=ReturnDocument.AFTER)
        expect(created == {"_id": "new", "seq": 5}, "upserts")
        deleted = c.find_one_and_delete({"_id": "new"})
        expect(deleted["seq"] == 5, "find_one_and_delete")

    def cursors():
        c = fresh(db, "cursor")
        c.insert_many([{"_id": i} for i in range(1000)])
        cursor = c.find({}, batch_size=50).sort("_id", ASCENDING)
        seen = [d["_id"] for d in cursor]
        expect(seen == list(range(1000)), "1000 documents in order through getMore (got %d)" % len(seen))
        # Closing a cursor with batches left on the server sends killCursors.
        partial = c.find({}, batch_size=10)
        next(partial)
        partial.close()
        expect(c.find_one({"_id": 999}) is not None, "the connection works after killCursors")

    def bulk():
        c = fresh(db, "bulk")
        result = c.bulk_write([
            pymongo.InsertOne({"_id": 1}),
            pymongo.InsertOne({"_id": 2}),
            pymongo.UpdateOne({"_id": 1}, {"$set": {"x": 1}}),
            pymongo.DeleteOne({"_id": 2}),
        ])
        expect((result.inserted_count, result.modified_count, result.deleted_count) == (2, 1, 1), "bulk_write counts")

    def indexes():
        c = fresh(db, "indexes")
        try:
            name = c.create_index([("email", ASCENDING)], unique=True)
        except OperationFailure as error:
            guard_missing_command(error, "createIndexes")
        c.insert_one({"email": "a@example.org"})
        try:
            c.insert_one({"email": "a@example.org"})
        except DuplicateKeyError:
            pass
        else:
            raise AssertionError("a duplicate email must raise DuplicateKeyError")
        names = [index["name"] for index in c.list_indexes()]
        expect("_id_" in names and name in names, "list_indexes: %r" % names)
        expect(c.index_information()[name].get("unique") is True, "index_information shows unique")

    def aggregation():
        c = fresh(db, "aggregate")
        c.insert_many([{"k": i % 3, "v": i} for i in range(12)])
        try:
            rows = list(c.aggregate([
                {"$match": {"v": {"$gte": 3}}},
                {"$group": {"_id": "$k", "total": {"$sum": "$v"}}},
                {"$sort": {"_id": 1}},
            ]))
        except OperationFailure as error:
            guard_missing_command(error, "aggregate")
        expect(rows == [{"_id": 0, "total": 3 + 6 + 9}, {"_id": 1, "total": 4 + 7 + 10}, {"_id": 2, "total": 5 + 8 + 11}], "grouped totals: %r" % rows)

    def collections():
        fresh(db, "listed").insert_one({})
        expect("listed" in db.list_collection_names(), "list_collection_names")
        expect(DB in client.list_database_names(), "list_database_names")

    checks.run("insert_one/insert_many", insert)
    checks.run("find with filter/sort/skip/limit/projection", find)
    checks.run("update_one/update_many/upsert", update)
    checks.run("replace_one", replace)
    checks.run("delete_one/delete_many", delete)
    checks.run("count_documents", count_documents)
    checks.run("distinct", distinct)
    checks.run("find_one_and_update/find_one_and_delete", find_one_and_update)
    checks.run("cursor batches and getMore", cursors)
    checks.run("bulk_write", bulk)
    checks.run("create_index unique and list_indexes", indexes)
    checks.run("aggregate", aggregation)
    checks.run("list collections and databases", collections)


def auth_checks(checks, uri, user, password):
    def connect(**kwargs):
        return MongoClient(uri, serverSelectionTimeoutMS=15000, **kwargs)

    def unauthenticated():
        with connect() as client:
            client.admin.command("ping")
            try:
                client[DB].c.find_one()
            except OperationFailure as error:
                expect(error.code == UNAUTHORIZED, "code 13, got %r" % error.code)
            else:
                raise AssertionError("an unauthenticated find must fail")

    def first_user():
        with connect() as client:
            try:
                client.admin.command("createUser", user, pwd=password, roles=["root"])
            except OperationFailure as error:
                if error.code != UNAUTHORIZED:
                    raise
                raise Skip("users exist already; using --user/--password")

    def mechanism(name):
        def check():
            with connect(username=user, password=password, authSource="admin", authMechanism=name) as client:
                client[DB].auth_probe.insert_one({"mechanism": name})
                expect(client[DB].auth_probe.find_one({"mechanism": name}) is not None, "read back")
        return check

    def negotiated():
        with connect(username=user, password=password, authSource="admin") as client:
            client.admin.command("listDatabases")

    def wrong_password():
        with connect(username=user, password=password + "-wrong", authSource="admin") as client:
            try:
                client.admin.command("listDatabases")
            except OperationFailure as error:
                expect(error.code == AUTHENTICATION_FAILED, "code 18, got %r" % error.code)
            else:
                raise AssertionError("a wrong password must fail")

    def read_only_user():
        with connect(username=user, password=password, authSource="admin") as root:
            root[DB].command("createUser", "pymongo_reader", pwd="reader-pw", roles=["read"])
        try:
            with connect(username="pymongo_reader", password="reader-pw", authSource=DB) as reader:
                reader[DB].auth_probe.find_one()
                try:
                    reader[DB].auth_probe.insert_one({"x": 1})
                except OperationFailure as error:
                    expect(error.code == UNAUTHORIZED, "code 13, got %r" % error.code)
                else:
                    raise AssertionError("a read-only user must not insert")
        finally:
            with connect(username=user, password=password, authSource="admin") as root:
                root[DB].command("dropUser", "pymongo_reader")

    def users_info():
        with connect(username=user, password=password, authSource="admin") as root:
            info = root.admin.command("usersInfo", user)
            entry = info["users"][0]
            expect("credentials" not in entry, "usersInfo shows no credentials")
            expect(sorted(entry["mechanisms"]) == ["SCRAM-SHA-1", "SCRAM-SHA-256"], "mechanisms: %r" % entry["mechanisms"])

    checks.run("auth: unauthenticated commands are refused", unauthenticated)
    checks.run("auth: first user through the localhost exception", first_user)
    checks.run("auth: SCRAM-SHA-256", mechanism("SCRAM-SHA-256"))
    checks.run("auth: SCRAM-SHA-1", mechanism("SCRAM-SHA-1"))
    checks.run("auth: negotiated mechanism (saslSupportedMechs, speculative)", negotiated)
    checks.run("auth: wrong password fails", wrong_password)
    checks.run("auth: read-only user cannot write", read_only_user)
    checks.run("auth: usersInfo hides credentials", users_info)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("uri")
    parser.add_argument("--auth", action="store_true", help="the server requires authentication")
    parser.add_argument("--user", default="pymongo_root")
    parser.add_argument("--password", default="pymongo-root-pw")
    args = parser.parse_args()

    print("pymongo %s against %s" % (pymongo.version, args.uri), flush=True)
    checks = Checks()
    if args.auth:
        auth_checks(checks, args.uri, args.user, args.password)
        client = MongoClient(args.uri, serverSelectionTimeoutMS=15000, username=args.user, password=args.password, authSource="admin")
    else:
        client = MongoClient(args.uri, serverSelectionTimeoutMS=15000)
    with client:
        checks.run("server_info", lambda: expect("version" in client.server_info(), "buildInfo has a version"))
        crud_checks(checks, client)
        client.drop_database(DB)

    print("%d passed, %d failed, %d skipped" % (checks.passed, checks.failed, checks.skipped), flush=True)
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
