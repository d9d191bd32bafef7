namespace OpenQuizz.Typed;

/// <summary>The scheme of a connection string.</summary>
public enum ConnectionStringScheme
{
    /// <summary><c>mongodb://</c>: the hosts are listed in the string.</summary>
    MongoDB,

    /// <summary><c>mongodb+srv://</c>: one DNS name whose SRV and TXT records give the hosts and default options.</summary>
    MongoDBPlusSrv,
}
