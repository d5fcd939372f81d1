using System.Runtime.CompilerServices;
using System.Text.Json;
using SampleMind.Grains.Search;

namespace SampleMind.Grains.Catalog;

/// <summary>
/// What the catalogue stores share about <c>shard_entries</c>: the column format (UTF-8 JSON of a
/// <see cref="LibraryEntry"/>, or NULL) and keyset paging by sample id.
/// </summary>
internal static class ShardEntryRows
{
    /// <summary>Rows per page when a library's entries are streamed.</summary>
    public const int PageSize = 500;

    public static byte[]? Serialize(LibraryEntry? entry) =>
        entry is null ? null : JsonSerializer.SerializeToUtf8Bytes(entry, SearchStateJsonContext.Default.LibraryEntry);

    public static LibraryEntry? Deserialize(byte[]? json) =>
        json is null ? null : JsonSerializer.Deserialize(json, SearchStateJsonContext.Default.LibraryEntry);

    /// <summary>Checks a batch before it is written: every id non-empty (pages resume after the last id read).</summary>
    public static void Validate(IReadOnlyCollection<ShardEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var entry in entries)
        {
            ArgumentException.ThrowIfNullOrEmpty(entry.SampleId, nameof(entries));
        }
    }

    /// <summary>
    /// Yields the rows of pages that <paramref name="readPage"/> returns for "ids after this one" (starting after ""),
    /// up to <see cref="PageSize"/> rows each, until a page comes back short.
    /// </summary>
    public static async IAsyncEnumerable<ShardEntry> StreamAsync(
        Func<string, CancellationToken, Task<List<ShardEntry>>> readPage, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = "";
        while (true)
        {
            var page = await readPage(after, cancellationToken);
            foreach (var entry in page)
            {
                yield return entry;
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            after = page[^1].SampleId;
        }
    }
}
