namespace SampleMind.Grains.Hosting;

/// <summary>
/// An exclusive lock on a silo's data directory (<c>.lock</c> in it), held by a host process from before its services
/// start until it exits, so that a second host process started on the same folder stops before it touches anything: two
/// hosts on one folder would each take back the other's leases as a dead predecessor's and work the same items twice.
/// The lock is the operating system's (an <c>flock</c> on Linux), so a host killed with <c>kill -9</c> leaves none
/// behind. Within one process the lock is shared (counted): hosts built side by side in one process over one folder
/// (tests start a host with other settings beside the first) are that process's business.
/// </summary>
public sealed class DataDirectoryLock : IDisposable
{
    /// <summary>The lock file's name in the data directory.</summary>
    public const string FileName = ".lock";

    private static readonly Dictionary<string, (FileStream File, int Holders)> s_held = new(StringComparer.Ordinal);

    private readonly string _path;
    private bool _disposed;

    private DataDirectoryLock(string path) => _path = path;

    /// <summary>Takes the lock on <paramref name="layout"/>'s data directory, or throws <see cref="InvalidOperationException"/> saying another host holds it.</summary>
    public static DataDirectoryLock Acquire(SiloStorageLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var path = Path.Combine(layout.DataDirectory, FileName);
        lock (s_held)
        {
            if (s_held.TryGetValue(path, out var held))
            {
                s_held[path] = (held.File, held.Holders + 1);
                return new DataDirectoryLock(path);
            }

            Directory.CreateDirectory(layout.DataDirectory);
            try
            {
                s_held[path] = (new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None), 1);
                return new DataDirectoryLock(path);
            }
            catch (IOException e)
            {
                throw new InvalidOperationException(
                    $"The data directory '{layout.DataDirectory}' is in use by another SampleMind host: stop that host first, or give this one " +
                    "another folder (Silo:DataDirectory). Two hosts on one folder would work the same items twice.",
                    e);
            }
        }
    }

    public void Dispose()
    {
        lock (s_held)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            var held = s_held[_path];
            if (held.Holders > 1)
            {
                s_held[_path] = (held.File, held.Holders - 1);
                return;
            }

            s_held.Remove(_path);
            held.File.Dispose();
        }
    }
}
