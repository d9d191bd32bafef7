namespace OpenQuizz.Typed.Configuration;

internal sealed partial class ConnectionString
{
    /// <summary>
    /// Parses the options of an SRV host's TXT record with the connection string's own option parser, so values are
    /// read and checked exactly as in a string. Only authSource, replicaSet and loadBalanced may appear (the seedlist
    /// discovery spec; never ssl/tls); any other option, an unknown one, or an invalid value is an error.
    /// </summary>
    /// <exception cref="MongoConfigurationException">The record holds another option or an invalid value.</exception>
    internal static TxtRecordOptions ParseTxtRecord(string srvHost, string txtRecord)
    {
        ArgumentNullException.ThrowIfNull(txtRecord);
        var parsed = ParseOptions(txtRecord);
        foreach (var name in parsed.Raw.Keys)
        {
            if (Array.IndexOf(TxtRecordOptions, name) < 0)
            {
                throw new MongoConfigurationException(
                    $"The TXT record of {srvHost} sets '{name}'; only authSource, replicaSet and loadBalanced may come from DNS.");
            }
        }

        if (parsed.Warnings.Count > 0)
        {
            throw new MongoConfigurationException($"The TXT record of {srvHost} is invalid: {parsed.Warnings[0]}");
        }

        return new TxtRecordOptions(parsed.Values.AuthSource, parsed.Values.ReplicaSet, parsed.Values.LoadBalanced);
    }
}

/// <summary>The options an SRV host's TXT record may give; null where it gives none.</summary>
internal sealed record TxtRecordOptions(string? AuthSource, string? ReplicaSet, bool? LoadBalanced);
