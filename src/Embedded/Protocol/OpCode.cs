namespace OpenQuizz.Typed.Embedded.Protocol;

/// <summary>The opcodes of the MongoDB wire protocol that the server reads or writes.</summary>
internal enum OpCode
{
    Reply = 1,
    Query = 2004,
    Compressed = 2012,
    Msg = 2013,
}

/// <summary>The flag bits of OP_MSG.</summary>
[Flags]
internal enum OpMsgFlags : uint
{
    None = 0,
    ChecksumPresent = 1 << 0,
    MoreToCome = 1 << 1,
    ExhaustAllowed = 1 << 16,

    /// <summary>Bits 0–15 are required: a bit set there that we do not know must fail the message.</summary>
    RequiredMask = 0xFFFF,
}

/// <summary>The limits the server announces in hello and enforces on every message.</summary>
internal static class WireLimits
{
    public const int HeaderLength = 16;
    public const int MaxBsonObjectSize = 16 * 1024 * 1024;
    public const int MaxMessageSizeBytes = 48_000_000;
    public const int MaxWriteBatchSize = 100_000;

    /// <summary>Server replies may exceed a user document by the command envelope, as mongod allows (16 MiB + 16 KiB).</summary>
    public const int MaxReplyObjectSize = MaxBsonObjectSize + 16 * 1024;
}
