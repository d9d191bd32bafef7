namespace OpenQuizz.Typed.Embedded;

/// <summary>
/// Thrown by <see cref="EmbeddedMongoServer.StartAsync"/> when another server (in this process or another) holds the
/// lock of <see cref="EmbeddedServerOptions.DataDirectory"/>, as mongod fails with DBPathInUse.
/// </summary>
public sealed class DataDirectoryInUseException : IOException
{
    /// <summary>Creates the exception for the data directory at <paramref name="path"/>.</summary>
    public DataDirectoryInUseException(string path, Exception? inner = null)
        : base($"DBPathInUse: Unable to lock the lock file: {System.IO.Path.Combine(path, "mongod.lock")}. Another mongod instance is already running on the {path} directory", inner)
    {
        Path = path;
    }

    /// <summary>The data directory that is in use.</summary>
    public string Path { get; }
}
