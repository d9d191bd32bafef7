using OpenQuizz.Typed.Embedded.Bson;

namespace OpenQuizz.Typed.Embedded.Commands;

/// <summary>Reply shapes shared by commands.</summary>
internal static class Replies
{
    public static BsonDocument Ok() => new() { { "ok", 1.0 } };

    /// <summary>mongod's error shape: <c>{ok: 0.0, errmsg, code, codeName}</c> plus any detail fields.</summary>
    public static BsonDocument Error(int code, string message, BsonDocument? details = null)
    {
        var reply = new BsonDocument { { "ok", 0.0 }, { "errmsg", message }, { "code", code }, { "codeName", ErrorCodes.NameOf(code) } };
        if (details is not null)
        {
            foreach (var element in details)
            {
                reply.Set(element.Name, element.Value);
            }
        }

        return reply;
    }

    public static BsonDocument Error(MongoServerException exception) => Error(exception.Code, exception.Message, exception.Details);

    /// <summary>One entry of <c>writeErrors</c>.</summary>
    public static BsonDocument WriteError(int index, MongoServerException exception)
    {
        var error = new BsonDocument { { "index", index }, { "code", exception.Code }, { "errmsg", exception.Message } };
        if (exception.Details is not null)
        {
            foreach (var element in exception.Details)
            {
                error.Set(element.Name, element.Value);
            }
        }

        return error;
    }

    /// <summary>A cursor reply: <c>{cursor: {firstBatch|nextBatch, id, ns}, ok: 1}</c>.</summary>
    public static BsonDocument Cursor(string batchName, BsonArray batch, long id, string ns) => new()
    {
        { "cursor", new BsonDocument { { batchName, batch }, { "id", id }, { "ns", ns } } },
        { "ok", 1.0 },
    };
}
