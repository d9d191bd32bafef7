using OpenQuizz.Typed.Embedded.Bson;

namespace OpenQuizz.Typed.Embedded.Auth;

/// <summary>
/// The privileges an aggregation pipeline needs, from every namespace it touches at any depth, as mongod derives
/// them before running it: reading the collections of <c>$lookup</c> (string or <c>{db, coll}</c> form),
/// <c>$graphLookup</c> and <c>$unionWith</c>, and the sub-pipelines of <c>$lookup</c>, <c>$unionWith</c> and
/// <c>$facet</c>; writing the target of <c>$out</c> and <c>$merge</c>; <c>$collStats</c> and <c>$indexStats</c> as
/// their commands. Works on the raw command (not the parsed pipeline) so nothing the parser tolerates escapes it.
/// </summary>
internal static class PipelinePrivileges
{
    /// <summary>Far deeper than any real pipeline; a deeper one is refused instead of exhausting the stack.</summary>
    private const int MaxDepth = 100;

    /// <summary>Adds to <paramref name="checks"/> what <paramref name="pipeline"/> needs; string namespaces resolve in <paramref name="database"/>.</summary>
    public static void Collect(BsonValue? pipeline, string database, List<PrivilegeCheck> checks, int depth = 0)
    {
        if (depth > MaxDepth)
        {
            throw new MongoServerException(ErrorCodes.BadValue, $"pipelines nested deeper than {MaxDepth} levels are not supported");
        }

        if (pipeline is not BsonArray stages)
        {
            return; // the parser reports the malformed pipeline
        }

        foreach (var value in stages)
        {
            if (value is not BsonDocument { ElementCount: > 0 } stage)
            {
                continue;
            }

            var (name, spec) = (stage.GetElement(0).Name, stage.GetElement(0).Value);
            switch (name)
            {
                case "$lookup":
                case "$graphLookup":
                    if (spec is BsonDocument lookup)
                    {
                        // Sub-pipelines run in the command's database (the embedded server resolves their string
                        // namespaces there), so that is where their own namespaces are checked.
                        AddNamespace(lookup.GetValue("from", null), database, Privileges.Read, checks);
                        Collect(lookup.GetValue("pipeline", null), database, checks, depth + 1);
                    }

                    break;
                case "$unionWith":
                    if (spec is BsonString)
                    {
                        checks.Add(new PrivilegeCheck(database, Privileges.Read));
                    }
                    else if (spec is BsonDocument union)
                    {
                        AddNamespace(union, database, Privileges.Read, checks);
                        Collect(union.GetValue("pipeline", null), database, checks, depth + 1);
                    }

                    break;
                case "$facet":
                    if (spec is BsonDocument facets)
                    {
                        foreach (var facet in facets)
                        {
                            Collect(facet.Value, database, checks, depth + 1);
                        }
                    }

                    break;
                case "$out":
                    AddNamespace(spec, database, Privileges.Write, checks);
                    break;
                case "$merge":
                    AddNamespace(spec is BsonDocument merge ? merge.GetValue("into", null) : spec, database, Privileges.Write, checks);
                    break;
                case "$collStats":
                    checks.Add(new PrivilegeCheck(database, Privileges.Read | Privileges.DbAdmin));
                    break;
                case "$indexStats":
                    checks.Add(new PrivilegeCheck(database, Privileges.DbAdmin));
                    break;
                case "$currentOp":
                case "$listSessions":
                case "$listLocalSessions":
                    checks.Add(new PrivilegeCheck("admin", Privileges.Cluster));
                    break;
            }
        }
    }

    // A namespace as stages name it: a collection name (in the command's database) or {db, coll}.
    private static void AddNamespace(BsonValue? ns, string database, Privileges needed, List<PrivilegeCheck> checks)
    {
        switch (ns)
        {
            case BsonString:
                checks.Add(new PrivilegeCheck(database, needed));
                break;
            case BsonDocument document:
                checks.Add(new PrivilegeCheck(document.GetValue("db", null) is BsonString { Value: var db } ? db : database, needed));
                break;
        }
    }
}
