using System.Buffers;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace OpenQuizz.Typed;

/// <summary>
/// The full name of a collection, <c>database.collection</c> (PyMongo's <c>full_name</c>). Both names are checked by the
/// server's rules when it is made.
/// </summary>
public readonly struct CollectionNamespace : IEquatable<CollectionNamespace>
{
    /// <summary>A namespace holds at most 255 bytes of UTF-8.</summary>
    public const int MaxBytes = 255;

    /// <summary>A database name holds at most 63 bytes of UTF-8.</summary>
    public const int MaxDatabaseNameBytes = 63;

    // No path separators, dots, spaces, quotes, dollars or the characters Windows forbids in file names.
    private static readonly SearchValues<char> InvalidDatabaseNameCharacters = SearchValues.Create("/\\. \"$*<>:|?\0");

    /// <summary>Creates the namespace of <paramref name="collectionName"/> in <paramref name="databaseName"/>.</summary>
    /// <exception cref="InvalidNameException">A name breaks the server's rules.</exception>
    public CollectionNamespace(string databaseName, string collectionName)
    {
        ValidateDatabaseName(databaseName);
        ValidateCollectionName(databaseName, collectionName);
        DatabaseName = databaseName;
        CollectionName = collectionName;
    }

    /// <summary>The database name.</summary>
    public string DatabaseName => field ?? string.Empty;

    /// <summary>The collection name, which may itself contain dots (<c>system.views</c>).</summary>
    public string CollectionName => field ?? string.Empty;

    /// <summary>The full name, <c>database.collection</c>.</summary>
    public string FullName => $"{DatabaseName}.{CollectionName}";

    /// <summary>Splits <paramref name="fullName"/> at its first dot.</summary>
    /// <exception cref="InvalidNameException">There is no dot, or a part breaks the server's rules.</exception>
    public static CollectionNamespace Parse(string fullName)
    {
        ArgumentNullException.ThrowIfNull(fullName);
        var dot = fullName.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            throw new InvalidNameException($"\"{fullName}\" is not a namespace: it has no '.' between the database and the collection name.");
        }

        return new CollectionNamespace(fullName[..dot], fullName[(dot + 1)..]);
    }

    /// <summary>Splits <paramref name="fullName"/> at its first dot; false when it is not a valid namespace.</summary>
    public static bool TryParse([NotNullWhen(true)] string? fullName, out CollectionNamespace result)
    {
        result = default;
        var dot = fullName?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (dot < 0)
        {
            return false;
        }

        var databaseName = fullName![..dot];
        var collectionName = fullName[(dot + 1)..];
        if (DatabaseNameError(databaseName) is not null || CollectionNameError(databaseName, collectionName) is not null)
        {
            return false;
        }

        result = new CollectionNamespace(databaseName, collectionName);
        return true;
    }

    /// <summary>Checks a database name by the server's rules (the ones <c>GetDatabase</c> applies).</summary>
    /// <exception cref="InvalidNameException">The name is empty, longer than 63 bytes, or contains one of <c>/ \ . " $ * &lt; &gt; : | ?</c>, a space or a null character.</exception>
    [EditorBrowsable(EditorBrowsableState.Advanced)]
    public static void ValidateDatabaseName(string databaseName)
    {
        ArgumentNullException.ThrowIfNull(databaseName);
        if (DatabaseNameError(databaseName) is { } error)
        {
            throw new InvalidNameException(error);
        }
    }

    /// <summary>Checks a collection name of <paramref name="databaseName"/> by the server's rules (the ones <c>GetCollection</c> applies).</summary>
    /// <exception cref="InvalidNameException">
    /// The name is empty, has an empty segment (<c>..</c>, or a dot first or last), contains <c>$</c> (outside the
    /// server's own <c>$cmd</c> and <c>oplog.$main</c>) or a null character, or makes the namespace longer than 255 bytes.
    /// </exception>
    [EditorBrowsable(EditorBrowsableState.Advanced)]
    public static void ValidateCollectionName(string databaseName, string collectionName)
    {
        ArgumentNullException.ThrowIfNull(databaseName);
        ArgumentNullException.ThrowIfNull(collectionName);
        if (CollectionNameError(databaseName, collectionName) is { } error)
        {
            throw new InvalidNameException(error);
        }
    }

    /// <inheritdoc/>
    public bool Equals(CollectionNamespace other) =>
        string.Equals(DatabaseName, other.DatabaseName, StringComparison.Ordinal) && string.Equals(CollectionName, other.CollectionName, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals([NotNullWhen(true)] object? obj) => obj is CollectionNamespace other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(StringComparer.Ordinal.GetHashCode(DatabaseName), StringComparer.Ordinal.GetHashCode(CollectionName));

    /// <summary>The full name, <c>database.collection</c>.</summary>
    public override string ToString() => FullName;

    /// <summary>Whether both namespaces name the same collection.</summary>
    public static bool operator ==(CollectionNamespace left, CollectionNamespace right) => left.Equals(right);

    /// <summary>Whether the namespaces name different collections.</summary>
    public static bool operator !=(CollectionNamespace left, CollectionNamespace right) => !left.Equals(right);

    private static string? DatabaseNameError(string name)
    {
        if (name.Length == 0)
        {
            return "A database name cannot be empty.";
        }

        var invalid = name.AsSpan().IndexOfAny(InvalidDatabaseNameCharacters);
        if (invalid >= 0)
        {
            var shown = name[invalid] == '\0' ? "the null character" : $"'{name[invalid]}'";
            return $"The database name \"{name.Replace("\0", "\\0", StringComparison.Ordinal)}\" contains {shown}; database names cannot contain any of / \\ . space \" $ * < > : | ? or the null character.";
        }

        var bytes = Encoding.UTF8.GetByteCount(name);
        return bytes > MaxDatabaseNameBytes ? $"The database name \"{name}\" is {bytes} bytes long; database names must be shorter than 64 bytes." : null;
    }

    private static string? CollectionNameError(string databaseName, string name)
    {
        if (name.Length == 0)
        {
            return "A collection name cannot be empty.";
        }

        if (name.Contains('\0', StringComparison.Ordinal))
        {
            return "A collection name cannot contain the null character.";
        }

        if (name.Contains("..", StringComparison.Ordinal))
        {
            return $"The collection name \"{name}\" contains \"..\"; collection names cannot have empty segments.";
        }

        if (name.Contains('$', StringComparison.Ordinal) && !name.StartsWith("oplog.$main", StringComparison.Ordinal) && !name.StartsWith("$cmd", StringComparison.Ordinal))
        {
            return $"The collection name \"{name}\" contains '$'; collection names cannot contain '$'.";
        }

        if (name[0] == '.' || name[^1] == '.')
        {
            return $"The collection name \"{name}\" starts or ends with '.'; collection names cannot.";
        }

        var bytes = Encoding.UTF8.GetByteCount(databaseName) + 1 + Encoding.UTF8.GetByteCount(name);
        return bytes > MaxBytes ? $"The namespace \"{databaseName}.{name}\" is {bytes} bytes long; a namespace (database.collection) must be at most {MaxBytes} bytes." : null;
    }
}
