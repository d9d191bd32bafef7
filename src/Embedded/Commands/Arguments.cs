using OpenQuizz.Typed.Embedded.Bson;
using OpenQuizz.Typed.Embedded.Query;

namespace OpenQuizz.Typed.Embedded.Commands;

/// <summary>Typed access to command fields with mongod's IDL error messages.</summary>
internal static class Arguments
{
    /// <summary>Refuses a command run against another database than admin, as mongod refuses its admin-only commands.</summary>
    public static void RequireAdmin(CommandContext context, string command)
    {
        if (context.Database != "admin")
        {
            throw new MongoServerException(ErrorCodes.Unauthorized, $"{command} may only be run against the admin database.");
        }
    }

    public static BsonDocument? Document(CommandContext context, string name)
    {
        if (!context.Command.TryGetValue(name, out var value) || value is BsonNull)
        {
            return null;
        }

        return value as BsonDocument ?? throw WrongType(context, name, value, "object");
    }

    public static BsonArray? Array(CommandContext context, string name)
    {
        if (!context.Command.TryGetValue(name, out var value) || value is BsonNull)
        {
            return null;
        }

        return value as BsonArray ?? throw WrongType(context, name, value, "array");
    }

    public static string? String(CommandContext context, string name)
    {
        if (!context.Command.TryGetValue(name, out var value) || value is BsonNull)
        {
            return null;
        }

        return value is BsonString s ? s.Value : throw WrongType(context, name, value, "string");
    }

    public static bool Bool(CommandContext context, string name, bool defaultValue = false)
    {
        if (!context.Command.TryGetValue(name, out var value) || value is BsonNull)
        {
            return defaultValue;
        }

        return value is BsonBoolean or { IsNumeric: true }
            ? ExpressionValues.IsTruthy(value)
            : throw WrongType(context, name, value, "bool");
    }

    /// <summary>An integral number argument; <paramref name="minimum"/> violations are error 51024 like mongod's IDL.</summary>
    public static long? Long(CommandContext context, string name, long minimum = long.MinValue)
    {
        if (!context.Command.TryGetValue(name, out var value) || value is BsonNull)
        {
            return null;
        }

        if (!value.IsNumeric)
        {
            throw WrongType(context, name, value, "long, int, decimal, double");
        }

        var d = value.ToDouble();
        if (double.IsNaN(d) || d != Math.Floor(d))
        {
            throw new MongoServerException(ErrorCodes.FailedToParse, $"Expected an integer: {name}: {value}");
        }

        var result = (long)Math.Clamp(d, long.MinValue, long.MaxValue);
        if (result < minimum)
        {
            throw new MongoServerException(ErrorCodes.IdlBadValue, $"BSON field '{name}' value must be >= {minimum}, actual value '{result}'");
        }

        return result;
    }

    public static MongoServerException WrongType(CommandContext context, string name, BsonValue value, string expected) => new(
        ErrorCodes.TypeMismatch,
        $"BSON field '{context.CommandName}.{name}' is the wrong type '{BsonTypeNames.AliasOf(value.BsonType)}', expected type '{expected}'");
}
