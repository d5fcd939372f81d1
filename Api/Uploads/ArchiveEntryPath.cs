using System.Globalization;
using System.Text;

namespace SampleMind.Api.Uploads;

/// <summary>
/// Validates a file name taken from an upload (archive entry or multipart file name): it must be a
/// relative path with no ".." segment, no root, no drive, no NUL, and no
/// segment a file system cannot hold (over 255 bytes), so it can only land inside the job's upload
/// folder; "." segments are dropped.
/// </summary>
internal static class ArchiveEntryPath
{
    /// <summary>The longest name taken, in characters.</summary>
    public const int MaxLength = 1024;

    /// <summary>The longest folder or file name within it, in UTF-8 bytes (what Linux file systems hold).</summary>
    public const int MaxSegmentBytes = 255;

    /// <summary>Why <paramref name="name"/> is refused (a sentence that follows the quoted name), or null with its relative path.</summary>
    public static string? Normalize(string? name, out string relative)
    {
        relative = "";
        if (string.IsNullOrWhiteSpace(name))
        {
            return "is empty";
        }

        if (name.Length > MaxLength)
        {
            return $"is longer than {MaxLength:N0} characters";
        }

        // Other control characters (a line break) are kept: a folder on a user's machine may hold such a name.
        if (name.Contains('\0', StringComparison.Ordinal))
        {
            return "holds a NUL character";
        }

        var unified = name.Replace('\\', '/');
        if (unified.StartsWith('/') || (unified.Length >= 2 && unified[1] == ':'))
        {
            return "is an absolute path";
        }

        // "." segments name the folder they are in (`tar cf x.tar -C dir .` writes "./kick.wav"): dropped.
        var parts = unified.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(part => part != ".").ToArray();
        if (parts.Contains(".."))
        {
            return "has a '..' part";
        }

        if (parts.FirstOrDefault(part => Encoding.UTF8.GetByteCount(part) > MaxSegmentBytes) is { } tooLong)
        {
            return $"has a part of {Encoding.UTF8.GetByteCount(tooLong):N0} bytes ('{tooLong[..Math.Min(tooLong.Length, 40)]}...'), more than the {MaxSegmentBytes} a file system holds";
        }

        relative = string.Join(Path.DirectorySeparatorChar, parts);
        return relative.Length > 0 ? null : "names no file";
    }

    /// <summary>
    /// Why a folder entry's <paramref name="name"/> (its trailing '/' included or not) is refused, or null: as a file's
    /// name, except that a folder of "." parts only (<c>./</c>, the folder the archive was written from) is taken.
    /// </summary>
    public static string? CheckFolder(string name)
    {
        var trimmed = name.TrimEnd('/');
        var reason = Normalize(trimmed, out _);
        var ownFolder = trimmed.Length > 0 && !trimmed.StartsWith('/') && trimmed.Split('/', StringSplitOptions.RemoveEmptyEntries).All(part => part == ".");
        return ownFolder ? null : reason;
    }

    /// <summary>
    /// <paramref name="name"/> as an error message quotes it: control characters as their codes (<c>U+0000</c>), so that
    /// a NUL or a line break is seen rather than lost or taken for a space, and at most 200 characters.
    /// </summary>
    public static string Shown(string name)
    {
        var text = name.Length > 200 ? name[..200] + "..." : name;
        if (!text.Any(char.IsControl))
        {
            return text;
        }

        var shown = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = char.IsControl(c) ? shown.Append(CultureInfo.InvariantCulture, $"U+{(int)c:X4}") : shown.Append(c);
        }

        return shown.ToString();
    }
}
