namespace SampleMind.Api.Uploads;

/// <summary>
/// Tells an upload's archive format by its first bytes (gzip <c>1f 8b</c>, zip <c>PK\x03\x04</c>, the ustar magic at
/// 257), so that a body sent under another archive's media type is refused saying so, not with what the reader of the
/// named type made of it ("Unable to parse number.").
/// </summary>
internal static class ArchiveSniffer
{
    private const int UstarMagicOffset = 257;

    /// <summary>
    /// The clause that says <paramref name="head"/> looks like another archive than <paramref name="mediaType"/> (an
    /// upload type) names, and what to send it as; null when it looks like what it is said to be, or like no archive.
    /// </summary>
    public static string? Mismatch(ReadOnlySpan<byte> head, string mediaType)
    {
        var (kind, send) = Kind(head);
        return kind is null || Family(send!) == Family(mediaType)
            ? null
            : $"the body looks like a {kind} but Content-Type says {mediaType}; send it as {send}";
    }

    private static (string? Kind, string? MediaType) Kind(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B]))
        {
            return ("gzip stream (a tar.gz)", "application/gzip");
        }

        if (head.StartsWith("PK\u0003\u0004"u8))
        {
            return ("zip archive", "application/zip");
        }

        return head.Length >= UstarMagicOffset + 5 && head.Slice(UstarMagicOffset, 5).SequenceEqual("ustar"u8)
            ? ("tar archive", "application/x-tar")
            : (null, null);
    }

    /// <summary>The reader an upload media type goes to: the types of one family are read alike.</summary>
    private static string Family(string mediaType) => mediaType switch
    {
        "application/zip" or "application/x-zip-compressed" => "zip",
        "application/x-tar" or "application/tar" => "tar",
        _ => "gzip",
    };
}
