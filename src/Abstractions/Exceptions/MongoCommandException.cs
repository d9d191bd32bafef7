using MongoDB.Bson;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed;

/// <summary>
/// A command completed with <c>ok: 0</c>. Carries the server's code, code name, message and error labels, and the
/// reply itself with any authentication payload removed.
/// </summary>
public class MongoCommandException : MongoException, IMongoErrorLabels
{
    private static readonly string[] SensitiveReplyFields = ["payload", "speculativeAuthenticate", "saslSupportedMechs"];

    private readonly ErrorLabelSet _labels = new();

    /// <summary>Creates the error from the reply of <paramref name="commandName"/> sent to <paramref name="address"/>.</summary>
    public MongoCommandException(MongoServerAddress? address, string commandName, BsonDocument reply)
        : base(Describe(commandName, reply))
    {
        ArgumentNullException.ThrowIfNull(reply);
        Address = address;
        CommandName = commandName;
        Reply = WithoutSensitiveFields(reply);
        Code = reply.TryGetValue("code", out var code) && code.IsNumeric ? code.ToInt32() : 0;
        CodeName = reply.TryGetValue("codeName", out var codeName) && codeName.IsString ? codeName.AsString : null;
        ErrorMessage = reply.TryGetValue("errmsg", out var errmsg) && errmsg.IsString ? errmsg.AsString : null;
        if (reply.TryGetValue("errorLabels", out var labels) && labels.IsBsonArray)
        {
            foreach (var label in labels.AsBsonArray)
            {
                if (label.IsString)
                {
                    _labels.Add(label.AsString);
                }
            }
        }
    }

    /// <summary>The server it was sent to, when known.</summary>
    public MongoServerAddress? Address { get; }

    /// <summary>The command's name, such as <c>insert</c>.</summary>
    public string CommandName { get; }

    /// <summary>The server's error code (<c>code</c>), or 0 when the reply has none.</summary>
    public int Code { get; }

    /// <summary>The server's code name, such as <c>NotWritablePrimary</c>.</summary>
    public string? CodeName { get; }

    /// <summary>The server's message (<c>errmsg</c>).</summary>
    public string? ErrorMessage { get; }

    /// <summary>The reply, without authentication payloads.</summary>
    public BsonDocument Reply { get; }

    /// <inheritdoc/>
    public IReadOnlyList<string> ErrorLabels => _labels.Labels;

    /// <inheritdoc/>
    public bool HasErrorLabel(string label) => _labels.Contains(label);

    /// <inheritdoc/>
    public void AddErrorLabel(string label) => _labels.Add(label);

    private static string Describe(string commandName, BsonDocument reply)
    {
        var code = reply.TryGetValue("code", out var c) && c.IsNumeric ? c.ToInt32().ToString(System.Globalization.CultureInfo.InvariantCulture) : "none";
        var codeName = reply.TryGetValue("codeName", out var n) && n.IsString ? $" ({n.AsString})" : string.Empty;
        var message = reply.TryGetValue("errmsg", out var m) && m.IsString ? m.AsString : "no message";
        return $"Command {commandName} failed with code {code}{codeName}: {message}";
    }

    private static BsonDocument WithoutSensitiveFields(BsonDocument reply)
    {
        var copy = new BsonDocument();
        foreach (var element in reply)
        {
            if (Array.IndexOf(SensitiveReplyFields, element.Name) < 0)
            {
                copy.Add(element.Name, element.Value.DeepClone());
            }
        }

        return copy;
    }
}
