using SampleMind.Runtime.Hosting;

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

    private const string Setting = "Silo:DataDirectory";

    private static readonly Dictionary<string, (FileStream File, int Holders)> s_held = new(StringComparer.Ordinal);

    private readonly string _path;
    private bool _disposed;

    private DataDirectoryLock(string path) => _path = path;

    /// <summary>
    /// Takes the lock on <paramref name="layout"/>'s data directory, or throws <see cref="InvalidOperationException"/>: the
    /// folder cannot be written (read-only, under a file: named as <c>Silo:DataDirectory</c>), or another host holds the lock.
    /// </summary>
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

            // Only a lock another process holds is "in use": a folder that cannot be written failed the same way.
            if (WritableDirectories.Problem(Setting, layout.DataDirectory) is { } problem)
            {
                throw new InvalidOperationException(problem);
            }

            try
            {
                s_held[path] = (new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None), 1);
                return new DataDirectoryLock(path);
            }
            catch (IOException e) when (HeldByAnotherProcess(e))
            {
                throw new InvalidOperationException(
                    $"The data directory '{layout.DataDirectory}' is in use by another SampleMind host: stop that host first, or give this one " +
                    $"another folder ({Setting}). Two hosts on one folder would work the same items twice.",
                    e);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new InvalidOperationException($"{Setting} '{layout.DataDirectory}': its lock file {path} cannot be opened: {e.Message}", e);
            }
        }
    }

    /// <summary>The lock is another process's: <c>EWOULDBLOCK</c> from <c>flock</c> (11 on Linux, 35 on macOS), or Windows' sharing violation.</summary>
    private static bool HeldByAnotherProcess(IOException e) => e.HResult is 11 or 35 or unchecked((int)0x80070020);

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
