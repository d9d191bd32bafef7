using System.Runtime.InteropServices;

namespace OpenQuizz.Typed.Embedded.Storage.Persistence;

/// <summary>
/// Makes a file's creation, rename or deletion in a directory survive a power loss or <c>kill -9</c> followed by a
/// crash of the machine: on Linux a rename is durable only once the directory itself is fsynced. .NET cannot open a
/// directory as a file, so this opens it with <c>open(2)</c> and calls <c>fsync(2)</c> on the descriptor.
/// </summary>
internal static partial class DirectorySync
{
    private const int ReadOnly = 0;

    /// <summary>Flushes the directory's entries to disk; a no-op where that is not needed or possible.</summary>
    public static void Flush(string directory)
    {
        // Windows commits directory entries with the metadata of the file (and refuses handles on directories);
        // macOS and others are left alone rather than risk a wrong open flag on an unfamiliar libc.
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var descriptor = Open(directory, ReadOnly);
        if (descriptor < 0)
        {
            throw new IOException($"cannot open directory {directory} to flush it (errno {Marshal.GetLastPInvokeError()})");
        }

        try
        {
            if (Fsync(descriptor) != 0)
            {
                throw new IOException($"fsync of directory {directory} failed (errno {Marshal.GetLastPInvokeError()})");
            }
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int descriptor);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int descriptor);
}
