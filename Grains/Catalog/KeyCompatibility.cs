using SampleMind.Search.Filters;

namespace SampleMind.Grains.Catalog;

/// <summary>The Camelot codes compatible with a key (same key, relative key, Camelot neighbours).</summary>
public static class KeyCompatibility
{
    /// <summary>The compatible codes ("4A", "5A", ...), or null when <paramref name="key"/> is not a key or Camelot code.</summary>
    public static IReadOnlyCollection<string>? CompatibleCamelotCodes(string key) =>
        CamelotKey.TryParse(key, out var parsed) ? [.. parsed.CompatibleKeys().Select(k => k.Camelot)] : null;
}
