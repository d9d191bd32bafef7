namespace OpenQuizz.Typed.Embedded.Bson;

/// <summary>The BSON element types; each value is the type byte written before an element.</summary>
internal enum BsonType : sbyte
{
    /// <summary>Not a type: the byte that ends a document.</summary>
    EndOfDocument = 0x00,
    Double = 0x01,
    String = 0x02,
    Document = 0x03,
    Array = 0x04,
    Binary = 0x05,
    /// <summary>Deprecated.</summary>
    Undefined = 0x06,
    ObjectId = 0x07,
    Boolean = 0x08,
    DateTime = 0x09,
    Null = 0x0A,
    RegularExpression = 0x0B,
    /// <summary>Deprecated.</summary>
    DBPointer = 0x0C,
    JavaScript = 0x0D,
    /// <summary>Deprecated.</summary>
    Symbol = 0x0E,
    /// <summary>Deprecated.</summary>
    JavaScriptWithScope = 0x0F,
    Int32 = 0x10,
    Timestamp = 0x11,
    Int64 = 0x12,
    Decimal128 = 0x13,
    MinKey = -1,
    MaxKey = 0x7F,
}

/// <summary>The subtype byte of a BSON binary value.</summary>
internal enum BsonBinarySubType : byte
{
    Binary = 0x00,
    Function = 0x01,
    /// <summary>Deprecated: the payload repeats its own length.</summary>
    OldBinary = 0x02,
    /// <summary>A UUID in one of the legacy byte orders (see <see cref="UuidRepresentation"/>).</summary>
    UuidLegacy = 0x03,
    /// <summary>A UUID in RFC 4122 byte order.</summary>
    UuidStandard = 0x04,
    MD5 = 0x05,
    Encrypted = 0x06,
    Column = 0x07,
    Sensitive = 0x08,
    Vector = 0x09,
    UserDefined = 0x80,
}

/// <summary>How a <see cref="Guid"/> is stored as BSON binary (the uuidRepresentation connection-string option).</summary>
internal enum UuidRepresentation
{
    /// <summary>Guids cannot be written; reading a UUID binary as Guid is refused. The safe default of the drivers.</summary>
    Unspecified = 0,
    /// <summary>Subtype 4, RFC 4122 (big-endian) byte order.</summary>
    Standard,
    /// <summary>Subtype 3, the byte order of the legacy C# driver (<see cref="Guid.ToByteArray()"/>).</summary>
    CSharpLegacy,
    /// <summary>Subtype 3, the byte order of the legacy Java driver (each half reversed).</summary>
    JavaLegacy,
    /// <summary>Subtype 3, RFC 4122 byte order (the legacy Python driver).</summary>
    PythonLegacy,
}
