namespace OpenQuizz.Typed.WireProtocol;

/// <summary>The wire-protocol opcodes this client reads or writes.</summary>
internal enum Opcode
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

    /// <summary>A CRC-32C of the message follows the last section.</summary>
    ChecksumPresent = 1 << 0,

    /// <summary>The sender will send another message without waiting for a reply (unacknowledged writes, exhaust replies).</summary>
    MoreToCome = 1 << 1,

    /// <summary>The client accepts a stream of replies (streaming hello).</summary>
    ExhaustAllowed = 1 << 16,

    /// <summary>Bits 0-15 must be understood by the reader; these are the ones we do.</summary>
    KnownRequiredBits = ChecksumPresent | MoreToCome,
}
