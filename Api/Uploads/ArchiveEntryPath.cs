namespace SampleMind.Api.Uploads;

/// <summary>
/// Validates a file name taken from an upload (archive entry or multipart file name): it must be a
/// relative path with no ".." segment, no root, no drive and no NUL, so it can only land inside
/// the job's upload folder.
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

        var parts = unified.Split('/', StringSplitOptions.RemoveEmptyEntries);
        foreach (var part in parts)
        {
            if (part is ".." or ".")
            {
                return false;
            }
        }

        relative = string.Join(Path.DirectorySeparatorChar, parts);
        return relative.Length > 0;
    }
}
