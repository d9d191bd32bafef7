namespace OpenQuizz.Typed.Connections;

/// <summary>
/// The wrapping libraries' driver information of one client, read by every handshake: the one given in the settings,
/// then those appended with <see cref="MongoClient.AppendMetadata"/> (handshake spec, "Appending metadata after
/// MongoClient initialization"). Connections already open keep the metadata they were established with.
/// </summary>
internal sealed class ClientMetadataSource
{
    private readonly Lock _lock = new();
    private IReadOnlyList<DriverInfo> _driverInfos;

    public ClientMetadataSource(DriverInfo? initial) => _driverInfos = initial is null ? [] : [initial];

    /// <summary>The driver information to send, in the order it was given; a snapshot.</summary>
    public IReadOnlyList<DriverInfo> DriverInfos => Volatile.Read(ref _driverInfos);

    /// <summary>Appends <paramref name="info"/>, unless the same name, version and platform were already given.</summary>
    public void Append(DriverInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentException.ThrowIfNullOrEmpty(info.Name);
        lock (_lock)
        {
            if (_driverInfos.Contains(info))
            {
                return;
            }

            Volatile.Write(ref _driverInfos, [.. _driverInfos, info]);
        }
    }
}
