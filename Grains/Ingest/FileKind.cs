using System.Runtime.InteropServices;

namespace SampleMind.Grains.Ingest;

/// <summary>
/// What kind of file system entry a path names, for an ingest to read regular files only: opening a named pipe for
/// reading waits until something writes to it, which would hold a worker (and the job) for good, and a device gives
/// bytes that are no sample. Asked only where it matters, for an entry whose size is 0 (the size a pipe, a device and a
/// socket report); read with Linux's <c>statx</c>, whose buffer has one layout on every architecture, without following
/// a symbolic link (an ingest does not follow links).
/// </summary>
internal static unsafe partial class FileKind
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const int ModeOffset = 28;
    private const ushort TypeMask = 0xF000;

    /// <summary>The name of the kind of a non-regular entry ("a named pipe"), or null for a regular file (or where it cannot be told).</summary>
    public static string? NotRegular(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var buffer = stackalloc byte[256];
        if (Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxType, buffer) != 0)
        {
            return null;
        }

        return (*(ushort*)(buffer + ModeOffset) & TypeMask) switch
        {
            0x8000 => null,
            0x1000 => "a named pipe",
            0x2000 => "a character device",
            0x6000 => "a block device",
            0xC000 => "a socket",
            0x4000 => "a folder",
            0xA000 => "a symbolic link",
            _ => "of another kind",
        };
    }

    [LibraryImport("libc.so.6", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, uint mask, byte* buffer);
}
