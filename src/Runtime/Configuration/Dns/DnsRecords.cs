namespace OpenQuizz.Typed.Configuration.Dns;

/// <summary>One SRV answer. Priority and weight are kept for completeness; seedlist discovery ignores them.</summary>
/// <remarks><see cref="Target"/> is lower-cased and has no trailing dot; <see cref="TimeToLive"/> is how long the answer may be cached.</remarks>
internal sealed record DnsSrvRecord(ushort Priority, ushort Weight, ushort Port, string Target, TimeSpan TimeToLive);

/// <summary>One TXT answer: its character strings in wire order (a record may hold several, each at most 255 bytes).</summary>
internal sealed record DnsTxtRecord(IReadOnlyList<string> Strings, TimeSpan TimeToLive)
{
    /// <summary>The strings joined as one, as the seedlist spec requires.</summary>
    public string Text => string.Concat(Strings);
}
