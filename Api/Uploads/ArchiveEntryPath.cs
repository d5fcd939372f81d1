namespace SampleMind.Api.Uploads;

/// <summary>
/// Validates a file name taken from an upload (archive entry or multipart file name): it must be a
/// relative path with no ".." segment, no root, no drive and no NUL, so it can only land inside
/// the job's upload folder; "." segments are dropped.
/// </summary>
internal static class ArchiveEntryPath
{
    public static bool TryNormalize(string? name, out string relative)
    {
        relative = "";
        if (string.IsNullOrWhiteSpace(name) || name.Length > 1024 || name.Contains('\0', StringComparison.Ordinal))
        {
            return false;
        }

        var unified = name.Replace('\\', '/');
        if (unified.StartsWith('/') || (unified.Length >= 2 && unified[1] == ':'))
        {
            return false;
        }

        // "." segments name the folder they are in (`tar cf x.tar -C dir .` writes "./kick.wav"): dropped.
        var parts = unified.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(part => part != ".").ToArray();
        if (parts.Contains(".."))
        {
            return false;
        }

        relative = string.Join(Path.DirectorySeparatorChar, parts);
        return relative.Length > 0;
    }
}
