using MongoDB.Bson;

namespace OpenQuizz.Typed.Conformance.Unified;

/// <summary>Evaluates <c>runOnRequirements</c> against a target: null when one requirement of the list is met, else why none is.</summary>
public static class Requirements
{
    public static async Task<string?> UnmetAsync(IReadOnlyList<RunOnRequirement> list, UnifiedTarget target)
    {
        if (list.Count == 0)
        {
            return null;
        }

        var reasons = new List<string>();
        foreach (var requirement in list)
        {
            if (await UnmetAsync(requirement, target) is not { } reason)
            {
                return null;
            }

            reasons.Add(reason);
        }

        return string.Join("; or ", reasons);
    }

    private static async Task<string?> UnmetAsync(RunOnRequirement r, UnifiedTarget target)
    {
        if (r.MinServerVersion is { } min && target.ServerVersion < UnifiedTarget.ParseVersion(min))
        {
            return $"needs server >= {min}, {target.Name} reports {target.ServerVersion}";
        }

        if (r.MaxServerVersion is { } max && target.ServerVersion > UnifiedTarget.ParseVersion(max))
        {
            return $"needs server <= {max}, {target.Name} reports {target.ServerVersion}";
        }

        if (r.Topologies is { } topologies && !topologies.Contains(target.Topology)
            && !(target.Topology == "sharded" && topologies.Contains("sharded-replicaset")))
        {
            return $"needs topology {string.Join("/", topologies)}, {target.Name} is {target.Topology}";
        }

        if (r.Serverless == "require")
        {
            return "needs a serverless deployment";
        }

        if (r.Auth is { } auth && auth != target.Auth)
        {
            return auth ? $"needs authentication, {target.Name} runs without" : $"needs no authentication, {target.Name} authenticates";
        }

        if (r.Csfle == true)
        {
            return "needs client-side field level encryption (not built)";
        }

        foreach (var name in r.Raw.Names)
        {
            if (name is not ("minServerVersion" or "maxServerVersion" or "topologies" or "serverless" or "serverParameters" or "auth" or "csfle"))
            {
                return $"requirement '{name}' is not evaluated by this runner";
            }
        }

        if (r.ServerParameters is { } parameters)
        {
            var command = new BsonDocument("getParameter", 1);
            foreach (var p in parameters)
            {
                command.Add(p.Name, 1);
            }

            BsonDocument reply;
            try
            {
                reply = await target.InternalClient.GetDatabase("admin").RunCommandAsync(command);
            }
            catch (MongoCommandException e)
            {
                return $"needs server parameters {parameters.ToJson()}; getParameter failed on {target.Name}: {e.ErrorMessage}";
            }

            var matcher = new ValueMatcher(_ => null);
            foreach (var p in parameters)
            {
                if (matcher.Match(p.Value, reply.GetValue(p.Name, null), root: false) is { } failure)
                {
                    return $"needs server parameter {p.Name}={p.Value}: {failure}";
                }
            }
        }

        return null;
    }
}
