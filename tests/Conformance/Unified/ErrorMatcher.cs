using MongoDB.Bson;

namespace OpenQuizz.Typed.Conformance.Unified;

/// <summary>Checks a thrown exception against <c>expectError</c>.</summary>
public static class ErrorMatcher
{
    /// <summary>Null when <paramref name="error"/> satisfies <paramref name="expected"/>, else why not.</summary>
    public static string? Match(ExpectedError expected, Exception error, ValueMatcher matcher)
    {
        if (expected.IsTimeoutError is not null)
        {
            throw new NotBuiltException("client-side operation timeouts (isTimeoutError)");
        }

        var isServer = error is MongoCommandException or MongoWriteException or MongoBulkWriteException or MongoWriteConcernException;
        if (expected.IsClientError is { } client && client == isServer)
        {
            return client ? $"expected a client error, got a server error {Describe(error)}" : $"expected a server error, got a client error {Describe(error)}";
        }

        if (expected.ErrorContains is { } contains && !Messages(error).Any(m => m.Contains(contains, StringComparison.OrdinalIgnoreCase)))
        {
            return $"expected the message to contain '{contains}', got {Describe(error)}";
        }

        var (code, codeName) = CodeOf(error);
        if (expected.ErrorCode is { } expectedCode && code != expectedCode)
        {
            return $"expected error code {expectedCode}, got {code?.ToString() ?? "none"}: {Describe(error)}";
        }

        if (expected.ErrorCodeName is { } name && !string.Equals(name, codeName, StringComparison.Ordinal))
        {
            return $"expected code name {name}, got {codeName ?? "none"}: {Describe(error)}";
        }

        var labels = error is IMongoErrorLabels l ? l.ErrorLabels : [];
        foreach (var label in expected.ErrorLabelsContain ?? [])
        {
            if (!labels.Contains(label))
            {
                return $"expected error label {label}, got [{string.Join(", ", labels)}]: {Describe(error)}";
            }
        }

        foreach (var label in expected.ErrorLabelsOmit ?? [])
        {
            if (labels.Contains(label))
            {
                return $"expected no error label {label}, got [{string.Join(", ", labels)}]";
            }
        }

        if (expected.ExpectResult is { } result)
        {
            if (error is not MongoBulkWriteException bulk)
            {
                return $"expected a partial result {result.ToJson()}, but {error.GetType().Name} carries none";
            }

            if (matcher.Match(result, CollectionOperations.BulkResult(bulk.PartialResult)) is { } failure)
            {
                return "partial result: " + failure;
            }
        }

        if (expected.Raw.GetValue("errorResponse", null) is BsonDocument response)
        {
            var reply = error switch
            {
                MongoCommandException c => c.Reply,
                MongoWriteConcernException { Reply: { } r } => r,
                MongoWriteException { WriteError: { } we } => new BsonDocument { { "code", we.Code }, { "codeName", (BsonValue?)we.CodeName ?? BsonNull.Value }, { "errmsg", we.Message } }.AddRange(we.Details is null ? [] : new BsonDocument("errInfo", we.Details)),
                _ => null,
            };
            if (reply is null)
            {
                return $"expected an error response {response.ToJson()}, but {error.GetType().Name} carries none";
            }

            if (matcher.Match(response, reply) is { } failure)
            {
                return "errorResponse: " + failure;
            }
        }

        foreach (var name2 in expected.Raw.Names)
        {
            if (name2 is not ("isError" or "isClientError" or "isTimeoutError" or "errorContains" or "errorCode" or "errorCodeName"
                or "errorLabelsContain" or "errorLabelsOmit" or "expectResult" or "errorResponse"))
            {
                return $"expectError.{name2} is not checked by this runner";
            }
        }

        return null;
    }

    public static string Describe(Exception e) => $"{e.GetType().Name}: {e.Message}";

    private static IEnumerable<string> Messages(Exception e)
    {
        yield return e.Message;
        switch (e)
        {
            case MongoCommandException c when c.ErrorMessage is not null:
                yield return c.ErrorMessage;
                break;
            case MongoWriteException w:
                if (w.WriteError is { } we)
                {
                    yield return we.Message;
                }

                if (w.WriteConcernError is { } wce)
                {
                    yield return wce.Message;
                }

                break;
            case MongoBulkWriteException b:
                foreach (var bulkError in b.WriteErrors)
                {
                    yield return bulkError.Message;
                }

                if (b.WriteConcernError is { } bwce)
                {
                    yield return bwce.Message;
                }

                break;
            case MongoWriteConcernException c:
                yield return c.WriteConcernError.Message;
                break;
        }

        if (e.InnerException is { } inner)
        {
            yield return inner.Message;
        }
    }

    private static (int? Code, string? Name) CodeOf(Exception e) => e switch
    {
        MongoCommandException c => (c.Code, c.CodeName),
        MongoWriteException { WriteError: { } we } => (we.Code, we.CodeName),
        MongoWriteException { WriteConcernError: { } wce } => (wce.Code, wce.CodeName),
        MongoBulkWriteException { WriteErrors.Count: > 0 } b => (b.WriteErrors[0].Code, b.WriteErrors[0].CodeName),
        MongoBulkWriteException { WriteConcernError: { } bwce } => (bwce.Code, bwce.CodeName),
        MongoWriteConcernException c => (c.WriteConcernError.Code, c.WriteConcernError.CodeName),
        _ => (null, null),
    };
}
