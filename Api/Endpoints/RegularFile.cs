using Microsoft.Win32.SafeHandles;
using SampleMind.Api.Interop;
using SampleMind.Grains.Ingest;

namespace SampleMind.Api.Endpoints;

/// <summary>
/// Opens a file the API serves from disk only while it is what was written there: a regular file reached without a
/// symbolic link below its root, as an ingest reads it (<see cref="IngestRoots.LinkBelow"/>). A file or a folder on its
/// way replaced by a link serves nothing from where the link leads, and a named pipe put in its place holds no request.
/// The path is checked, opened (without waiting: a pipe opens at once) and checked again against the handle: the handle
/// must be a regular file and the very entry (device and inode) now at the path with no link on the way, so a swap
/// between the first check and the open is caught too. What is served is read from the handle, its size and date too.
/// </summary>
internal static class RegularFile
{
    /// <summary>
    /// The file at <paramref name="path"/> opened for reading; null where there is none, and then with
    /// <paramref name="refusal"/> saying why when there is something else there (null when nothing is).
    /// </summary>
    public static SafeFileHandle? OpenBelow(string root, string path, out string? refusal)
    {
        refusal = LinkBelow(root, path);
        if (refusal is not null)
        {
            return null;
        }

        if (!OperatingSystem.IsLinux())
        {
            return File.Exists(path) ? File.OpenHandle(path) : null;
        }

        var handle = Libc.OpenWithoutWaiting(path);
        if (handle is null)
        {
            return null;
        }

        var opened = Libc.EntryOf(handle);
        refusal = opened is not { IsRegular: true }
            ? "it is not a regular file (a named pipe, a device or a folder), so not the file ingested"
            : LinkBelow(root, path) ?? (Libc.EntryOf(path) == opened ? null : "the file changed while it was opened");
        if (refusal is null)
        {
            return handle;
        }

        handle.Dispose();
        return null;
    }

    private static string? LinkBelow(string root, string path) => IngestRoots.LinkBelow(path, root) is { } link
        ? $"'{link}' is a symbolic link, so the file is no longer the one ingested"
        : null;
}
