using MongoDB.Bson;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed;

/// <summary>The kind of a <see cref="WriteError"/>, for the errors applications commonly handle.</summary>
public enum WriteErrorCategory
{
    /// <summary>Any other error.</summary>
    Uncategorized,

    /// <summary>A unique index already holds the key (codes 11000, 11001, 12582).</summary>
    DuplicateKey,

    /// <summary>The write exceeded its time limit (code 50, <c>MaxTimeMSExpired</c>).</summary>
    ExecutionTimeout,
}

/// <summary>One failed write of a write command (an entry of the reply's <c>writeErrors</c>).</summary>
public sealed class WriteError
{
    /// <summary>Creates the error from the entry's fields.</summary>
    public WriteError(int index, int code, string? codeName, string message, BsonDocument? details)
    {
        ArgumentNullException.ThrowIfNull(message);
        Index = index;
        Code = code;
        CodeName = codeName;
        Message = message;
        Details = details;
    }

    /// <summary>The position of the failed request among those given to the operation.</summary>
    public int Index { get; }

    /// <summary>The server's error code.</summary>
    public int Code { get; }

    /// <summary>The server's code name, such as <c>DuplicateKey</c>, when it sent one.</summary>
    public string? CodeName { get; }

    /// <summary>The server's message (<c>errmsg</c>).</summary>
    public string Message { get; }

    /// <summary>More about the error (<c>errInfo</c>), such as the failed schema rules of a validation error.</summary>
    public BsonDocument? Details { get; }

    /// <summary>The kind of error, from <see cref="Code"/>.</summary>
    public WriteErrorCategory Category => CategoryOf(Code);

    /// <summary>The kind of error of a server error code.</summary>
    public static WriteErrorCategory CategoryOf(int code) => code switch
    {
        11000 or 11001 or 12582 => WriteErrorCategory.DuplicateKey,
        50 => WriteErrorCategory.ExecutionTimeout,
        _ => WriteErrorCategory.Uncategorized,
    };

    /// <inheritdoc/>
    public override string ToString() => $"Write error at index {Index}: code {Code}{(CodeName is null ? "" : $" ({CodeName})")}: {Message}";
}
