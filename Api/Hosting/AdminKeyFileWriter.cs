namespace SampleMind.Api;

/// <summary>
/// A new content for <see cref="ApiOptions.AdminKeyFile"/>, written the safe way: first a new file beside it, created
/// readable and writable by this user only (0600), then renamed over the old one. A token written into an existing file
/// kept that file's mode (an old <c>admin.key</c> left at 0666 gave every user the new admin key); and a file that cannot
/// be created is found before the key it would hold is stored, so a failed write cannot leave a key nobody has.
/// </summary>
internal sealed class AdminKeyFileWriter : IAsyncDisposable
{
    /// <summary>The setting that names the file, as the operator sets it.</summary>
    public const string Setting = "Api:AdminKeyFile";

    private readonly string _path;
    private readonly string _temporary;
    private readonly FileStream _file;
    private bool _committed;

    private AdminKeyFileWriter(string path, string temporary, FileStream file)
    {
        _path = path;
        _temporary = temporary;
        _file = file;
    }

    /// <summary>
    /// Creates the new file beside <paramref name="path"/> (a full path); throws <see cref="InvalidOperationException"/>
    /// naming <see cref="Setting"/> when <paramref name="path"/> is a folder or its folder cannot be written.
    /// </summary>
    public static AdminKeyFileWriter Create(string path)
    {
        if (FolderProblem(path) is { } folder)
        {
            throw new InvalidOperationException(folder);
        }

        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            return new AdminKeyFileWriter(path, temporary, new FileStream(temporary, options));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CannotWrite(path, e);
        }
    }

    /// <summary>Writes <paramref name="token"/> and a line end, to the disk, then puts the file in place of the old one.</summary>
    public async Task CommitAsync(string token, CancellationToken cancellationToken)
    {
        try
        {
            await using (var writer = new StreamWriter(_file, leaveOpen: true))
            {
                await writer.WriteLineAsync(token.AsMemory(), cancellationToken);
            }

            _file.Flush(flushToDisk: true);
            await _file.DisposeAsync();
            File.Move(_temporary, _path, overwrite: true);
            _committed = true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CannotWrite(_path, e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _file.DisposeAsync();
        if (!_committed)
        {
            File.Delete(_temporary);
        }
    }

    /// <summary>Why <paramref name="path"/> cannot be the key file because it names a folder, or null.</summary>
    public static string? FolderProblem(string path)
    {
        var full = Path.GetFullPath(path);
        return Directory.Exists(full) ? $"{Setting} '{full}' is a folder: name a file, e.g. {Path.Combine(full, "admin.key")}." : null;
    }

    private static InvalidOperationException CannotWrite(string path, Exception e) =>
        new($"{Setting} '{path}' cannot be written: {e.Message}", e);
}
