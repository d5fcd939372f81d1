using System.Runtime.InteropServices;

namespace SampleMind.Cli.Interop;

/// <summary>
/// statx from the C library, for what .NET does not say: the kind of file a path names (to .NET a FIFO, a device and
/// a regular file are all files with <see cref="FileAttributes.Normal"/>).
/// </summary>
internal static unsafe partial class Libc
{
    private const int AtCurrentFolder = -100;
    private const uint StatxType = 0x1;
    private const int FileTypeMask = 0xF000;
    private const int RegularFile = 0x8000;
    private const int Folder = 0x4000;

    /// <summary>struct statx, whose layout is the same on every Linux architecture: 256 bytes, <c>stx_mode</c> at 28.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct Statx
    {
        [FieldOffset(28)]
        public ushort Mode;
    }

    /// <summary>
    /// Whether <paramref name="path"/>, symbolic links followed, exists and is neither a regular file nor a folder: a
    /// FIFO, a character or block device (<c>/dev/null</c>, <c>/dev/stdout</c>'s pipe or terminal), a socket. False where
    /// that cannot be told (not Linux, a C library without statx).
    /// </summary>
    public static bool IsSpecialFile(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        Statx status;
        try
        {
            if (StatxOf(AtCurrentFolder, path, 0, StatxType, &status) != 0)
            {
                return false;
            }
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }

        return (status.Mode & FileTypeMask) is not (RegularFile or Folder);
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int StatxOf(int folder, string path, int flags, uint mask, Statx* status);
}
