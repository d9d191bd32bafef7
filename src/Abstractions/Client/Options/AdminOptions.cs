using MongoDB.Bson;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz.Typed;

/// <summary>Settings of <c>ListDatabases</c> and <c>ListDatabaseNames</c>.</summary>
public sealed record ListDatabasesOptions : OperationOptions
{
    /// <summary>Which databases to list, matched against the fields of each listed entry (<c>name</c>, <c>sizeOnDisk</c>, <c>empty</c>).</summary>
    public BsonDocument? Filter { get; init; }

    /// <summary>Whether to return names only, which takes no database locks.</summary>
    public bool? NameOnly { get; init; }

    /// <summary>Whether a user without <c>listDatabases</c> privilege sees the databases it has privileges on.</summary>
    public bool? AuthorizedDatabases { get; init; }
}

/// <summary>Settings of <c>ListCollections</c> and <c>ListCollectionNames</c>.</summary>
public sealed record ListCollectionsOptions : OperationOptions
{
    /// <summary>Which collections to list, matched against each entry (<c>name</c>, <c>type</c>, <c>options</c>, <c>info</c>).</summary>
    public BsonDocument? Filter { get; init; }

    /// <summary>Whether to return names and types only, which takes no collection locks.</summary>
    public bool? NameOnly { get; init; }

    /// <summary>Whether a user without <c>listCollections</c> privilege sees the collections it has privileges on.</summary>
    public bool? AuthorizedCollections { get; init; }

    /// <summary>How many entries each batch holds.</summary>
    public int? BatchSize { get; init; }
}

/// <summary>Settings of <c>CreateCollection</c>: the common options of the <c>create</c> command.</summary>
public sealed record CreateCollectionOptions : WriteOperationOptions
{
    /// <summary>Whether the collection is capped (fixed size, insertion order); needs <see cref="Size"/>.</summary>
    public bool? Capped { get; init; }

    /// <summary>The largest size in bytes of a capped collection.</summary>
    public long? Size { get; init; }

    /// <summary>The most documents a capped collection keeps.</summary>
    public long? Max { get; init; }

    /// <summary>The schema validation rules, a query document (often a <c>$jsonSchema</c>).</summary>
    public BsonDocument? Validator { get; init; }

    /// <summary>Which writes the validator checks.</summary>
    public DocumentValidationLevel? ValidationLevel { get; init; }

    /// <summary>Whether an invalid write fails or is only logged.</summary>
    public DocumentValidationAction? ValidationAction { get; init; }

    /// <summary>The default collation of the collection and its indexes.</summary>
    public Collation? Collation { get; init; }

    /// <summary>Makes a time-series collection.</summary>
    public TimeSeriesOptions? TimeSeries { get; init; }

    /// <summary>Makes a clustered collection, such as <c>{ key: { _id: 1 }, unique: true }</c>.</summary>
    public BsonDocument? ClusteredIndex { get; init; }

    /// <summary>How long documents of a time-series or clustered collection are kept (<c>expireAfterSeconds</c>).</summary>
    public TimeSpan? ExpireAfter { get; init; }

    /// <summary>Creates a read-only view on this collection or view instead of a collection.</summary>
    public string? ViewOn { get; init; }

    /// <summary>The pipeline of a view (with <see cref="ViewOn"/>).</summary>
    public Pipeline Pipeline { get; init; }

    /// <summary>Whether change streams on the collection can return pre- and post-images.</summary>
    public bool? ChangeStreamPreAndPostImages { get; init; }
}

/// <summary>The time-series settings of a new collection.</summary>
public sealed record TimeSeriesOptions
{
    /// <summary>Creates the settings; <paramref name="timeField"/> names the date field of each measurement.</summary>
    public TimeSeriesOptions(string timeField)
    {
        ArgumentException.ThrowIfNullOrEmpty(timeField);
        TimeField = timeField;
    }

    /// <summary>The date field of each measurement.</summary>
    public string TimeField { get; }

    /// <summary>The field that identifies the source of the measurements.</summary>
    public string? MetaField { get; init; }

    /// <summary>The expected interval between measurements: <c>seconds</c>, <c>minutes</c> or <c>hours</c>.</summary>
    public string? Granularity { get; init; }
}

/// <summary>Which writes the schema validator checks (<c>validationLevel</c>).</summary>
public enum DocumentValidationLevel
{
    /// <summary>Every insert and update.</summary>
    Strict,

    /// <summary>Inserts, and updates of documents that were valid.</summary>
    Moderate,

    /// <summary>None.</summary>
    Off,
}

/// <summary>What an invalid write does (<c>validationAction</c>).</summary>
public enum DocumentValidationAction
{
    /// <summary>It fails.</summary>
    Error,

    /// <summary>It succeeds and the server logs a warning.</summary>
    Warn,
}

/// <summary>Settings of <c>RenameCollection</c>.</summary>
public sealed record RenameCollectionOptions : WriteOperationOptions
{
    /// <summary>Whether to drop an existing collection of the new name first instead of failing.</summary>
    public bool? DropTarget { get; init; }
}

/// <summary>Settings of <c>RunCursorCommand</c> (run-command spec): where the command runs and how its cursor fetches more.</summary>
public sealed record RunCursorCommandOptions : OperationOptions
{
    /// <summary>Which members may run the command; null means the primary, as for <c>RunCommand</c>.</summary>
    public ReadPreference? ReadPreference { get; init; }

    /// <summary>The <c>batchSize</c> of the getMore commands (the command's own first batch is what the command says).</summary>
    public int? BatchSize { get; init; }

    /// <summary>The <c>maxTimeMS</c> of the getMore commands of a tailable-await cursor.</summary>
    public TimeSpan? MaxAwaitTime { get; init; }
}

/// <summary>Settings of <c>RunCommand</c>. Unlike other operations, a command reads from the primary unless told otherwise.</summary>
public sealed record RunCommandOptions : OperationOptions
{
    /// <summary>Which members may run the command; null means the primary (not the database's preference, as in PyMongo).</summary>
    public ReadPreference? ReadPreference { get; init; }
}
