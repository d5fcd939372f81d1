using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace SampleMind.Api.Interop;

/// <summary>
/// open and statx from the C library, for what .NET does not do: open a file without waiting on it (opening a named pipe
/// for reading waits for a writer; <c>O_NONBLOCK</c> returns at once) and tell what kind of entry a handle or a path is,
/// and which one (device and inode), without following a symbolic link.
/// </summary>
internal static unsafe partial class Libc
{
    private const int ReadOnly = 0;
    private const int NonBlocking = 0x800;
    private const int CloseOnExec = 0x80000;
    private const int AtCurrentFolder = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxTypeAndInode = 0x1 | 0x100;
    private const ushort FileTypeMask = 0xF000;
    private const ushort RegularFile = 0x8000;

    /// <summary>struct statx, whose layout is the same on every Linux architecture: 256 bytes.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct Statx
    {
        [FieldOffset(28)]
        public ushort Mode;

        [FieldOffset(32)]
        public ulong Inode;

        [FieldOffset(136)]
        public uint DeviceMajor;

        [FieldOffset(140)]
        public uint DeviceMinor;
    }

    /// <summary>Which file system entry a handle or path is, and whether it is a regular file.</summary>
    public readonly record struct Entry(bool IsRegular, uint DeviceMajor, uint DeviceMinor, ulong Inode);

    /// <summary>
    /// <paramref name="path"/> opened for reading without waiting on it (a named pipe opens at once), symbolic links
    /// followed; null where it cannot be opened.
    /// </summary>
    public static SafeFileHandle? OpenWithoutWaiting(string path)
    {
        var descriptor = Open(path, ReadOnly | NonBlocking | CloseOnExec, 0);
        return descriptor < 0 ? null : new SafeFileHandle(descriptor, ownsHandle: true);
    }

    /// <summary>What the open <paramref name="handle"/> is; null where that cannot be told.</summary>
    public static Entry? EntryOf(SafeFileHandle handle)
    {
        Statx status;
        return StatxOf((int)handle.DangerousGetHandle(), "", AtEmptyPath, StatxTypeAndInode, &status) == 0 ? EntryOf(status) : null;
    }

    /// <summary>What <paramref name="path"/> names, a symbolic link itself rather than what it points to; null where that cannot be told.</summary>
    public static Entry? EntryOf(string path)
    {
        Statx status;
        return StatxOf(AtCurrentFolder, path, AtSymlinkNoFollow, StatxTypeAndInode, &status) == 0 ? EntryOf(status) : null;
    }

    private static Entry EntryOf(Statx status) =>
        new((status.Mode & FileTypeMask) == RegularFile, status.DeviceMajor, status.DeviceMinor, status.Inode);

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int StatxOf(int folder, string path, int flags, uint mask, Statx* status);
}
