namespace OpenQuizz.Typed.Embedded;

/// <summary>mongod's error codes and their names, as they appear in <c>code</c>/<c>codeName</c> of replies.</summary>
internal static class ErrorCodes
{
    public const int InternalError = 1;
    public const int BadValue = 2;
    public const int FailedToParse = 9;
    public const int Unauthorized = 13;
    public const int TypeMismatch = 14;
    public const int Overflow = 15;
    public const int ProtocolError = 17;
    public const int IllegalOperation = 20;
    public const int NamespaceNotFound = 26;
    public const int PathNotViable = 28;
    public const int ConflictingUpdateOperators = 40;
    public const int CursorNotFound = 43;
    public const int MaxTimeMSExpired = 50;
    public const int ExceededMemoryLimit = 146;
    public const int QueryExceededMemoryLimitNoDiskUseAllowed = 292;
    public const int NamespaceExists = 48;
    public const int DollarPrefixedFieldName = 52;
    public const int InvalidIdField = 53;
    public const int EmptyFieldName = 56;
    public const int CommandNotFound = 59;
    public const int ImmutableField = 66;
    public const int InvalidOptions = 72;
    public const int IndexNotFound = 27;
    public const int CannotCreateIndex = 67;
    public const int IndexOptionsConflict = 85;
    public const int IndexKeySpecsConflict = 86;
    public const int CannotIndexParallelArrays = 171;
    public const int InvalidIndexSpecificationOption = 197;
    public const int AmbiguousIndexKeyPattern = 181;
    public const int InvalidNamespace = 73;
    public const int InvalidLength = 342;
    public const int IncompleteTransactionHistory = 217;
    public const int TransactionTooOld = 225;
    public const int NotImplemented = 238;
    public const int InvalidPipelineOperator = 168;
    public const int ConversionFailure = 241;
    public const int UnsupportedOpQueryCommand = 352;
    public const int ApiStrictError = 323;
    public const int BsonObjectTooLarge = 10334;
    public const int DuplicateKey = 11000;
    public const int ChecksumMismatch = 40437;
    public const int IdlUnknownField = 40415;
    public const int IdlBadValue = 51024;

    /// <summary>The codeName mongod sends; codes without a name are "Location&lt;code&gt;" there too.</summary>
    public static string NameOf(int code) => code switch
    {
        InternalError => "InternalError",
        ApiStrictError => "APIStrictError",
        BadValue => "BadValue",
        FailedToParse => "FailedToParse",
        Unauthorized => "Unauthorized",
        TypeMismatch => "TypeMismatch",
        Overflow => "Overflow",
        ProtocolError => "ProtocolError",
        IllegalOperation => "IllegalOperation",
        NamespaceNotFound => "NamespaceNotFound",
        PathNotViable => "PathNotViable",
        ConflictingUpdateOperators => "ConflictingUpdateOperators",
        CursorNotFound => "CursorNotFound",
        MaxTimeMSExpired => "MaxTimeMSExpired",
        ExceededMemoryLimit => "ExceededMemoryLimit",
        QueryExceededMemoryLimitNoDiskUseAllowed => "QueryExceededMemoryLimitNoDiskUseAllowed",
        NamespaceExists => "NamespaceExists",
        DollarPrefixedFieldName => "DollarPrefixedFieldName",
        InvalidIdField => "InvalidIdField",
        EmptyFieldName => "EmptyFieldName",
        CommandNotFound => "CommandNotFound",
        ImmutableField => "ImmutableField",
        InvalidOptions => "InvalidOptions",
        IndexNotFound => "IndexNotFound",
        CannotCreateIndex => "CannotCreateIndex",
        IndexOptionsConflict => "IndexOptionsConflict",
        IndexKeySpecsConflict => "IndexKeySpecsConflict",
        CannotIndexParallelArrays => "CannotIndexParallelArrays",
        InvalidIndexSpecificationOption => "InvalidIndexSpecificationOption",
        AmbiguousIndexKeyPattern => "AmbiguousIndexKeyPattern",
        InvalidNamespace => "InvalidNamespace",
        InvalidLength => "InvalidLength",
        IncompleteTransactionHistory => "IncompleteTransactionHistory",
        TransactionTooOld => "TransactionTooOld",
        Sessions.SessionRegistry.TooManyLogicalSessions => "TooManyLogicalSessions",
        NotImplemented => "NotImplemented",
        InvalidPipelineOperator => "InvalidPipelineOperator",
        ConversionFailure => "ConversionFailure",
        Auth.AuthErrors.UserNotFound => "UserNotFound",
        Auth.AuthErrors.AuthenticationFailed => "AuthenticationFailed",
        Auth.AuthErrors.RoleNotFound => "RoleNotFound",
        Auth.AuthErrors.MechanismUnavailable => "MechanismUnavailable",
        UnsupportedOpQueryCommand => "UnsupportedOpQueryCommand",
        BsonObjectTooLarge => "BSONObjectTooLarge",
        DuplicateKey => "DuplicateKey",
        ChecksumMismatch => "ChecksumMismatch",
        _ => "Location" + code.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>
/// A command failure with mongod's code; turned into <c>{ok: 0, errmsg, code, codeName}</c> or into a write error.
/// <see cref="Details"/> holds extra fields of the error (keyPattern/keyValue for duplicate keys).
/// </summary>
internal sealed class MongoServerException(int code, string message, OpenQuizz.Typed.Embedded.Bson.BsonDocument? details = null) : Exception(message)
{
    public int Code { get; } = code;

    public string CodeName => ErrorCodes.NameOf(Code);

    public OpenQuizz.Typed.Embedded.Bson.BsonDocument? Details { get; } = details;
}
