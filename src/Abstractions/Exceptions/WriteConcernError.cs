using MongoDB.Bson;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed;

/// <summary>The write was applied but its write concern was not satisfied (the reply's <c>writeConcernError</c>).</summary>
public sealed class WriteConcernError
{
    /// <summary>Creates the error from the reply's fields.</summary>
    public WriteConcernError(int code, string? codeName, string message, BsonDocument? details, IReadOnlyList<string>? errorLabels = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        Code = code;
        CodeName = codeName;
        Message = message;
        Details = details;
        ErrorLabels = errorLabels ?? [];
    }

    /// <summary>The server's error code, such as 64 (<c>WriteConcernFailed</c>).</summary>
    public int Code { get; }

    /// <summary>The server's code name, when it sent one.</summary>
    public string? CodeName { get; }

    /// <summary>The server's message (<c>errmsg</c>).</summary>
    public string Message { get; }

    /// <summary>More about the error (<c>errInfo</c>), such as the write concern that was applied.</summary>
    public BsonDocument? Details { get; }

    /// <summary>The labels the server gave the error (<c>errorLabels</c>), such as <c>RetryableWriteError</c>.</summary>
    public IReadOnlyList<string> ErrorLabels { get; }

    /// <inheritdoc/>
    public override string ToString() => $"Write concern error: code {Code}{(CodeName is null ? "" : $" ({CodeName})")}: {Message}";
}
