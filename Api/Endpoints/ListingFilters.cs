using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using SampleMind.Audio;
using SampleMind.Search.Filters;

namespace SampleMind.Api.Endpoints;

/// <summary>
/// Checks of the filters of a library listing and a search: a filter that cannot match as the caller meant it (a
/// key that is not a key, an unknown defect kind, a range upside down, a number that is not finite) is a sentence
/// for a 400, never a listing that silently matches nothing or everything.
/// </summary>
internal static class ListingFilters
{
    public const int MaxTags = 32;
    public const int MaxTagLength = 64;

    /// <summary>A filter that cannot be run: the field to name in a validation problem's errors, and why.</summary>
    public readonly record struct Problem(string Field, string Message);

    /// <summary>
    /// A type filter as the catalogue and the search index hold it, in lowercase: <c>Loop</c> and <c>ONE-SHOT</c> are
    /// <c>loop</c> and <c>one-shot</c>, as tags and defect kinds match in any case.
    /// </summary>
    public static string? TypeName(string? type) => type?.ToLowerInvariant();

    /// <summary>
    /// Why the filters cannot be run, or null when they can: the first bad one's field (<paramref name="prefix"/> and
    /// "type", <paramref name="tagsField"/>, a range's name and "Min", "defect") and sentence. A range whose
    /// <c>Signed</c> is false (a tempo, a duration) takes no negative bound; loudness in LUFS does.
    /// </summary>
    public static Problem? Check(string? type, IReadOnlyList<string>? tags, IReadOnlyList<string>? defects, string prefix, string tagsField,
        params ReadOnlySpan<(string Name, double? Min, double? Max, bool Signed)> ranges)
    {
        if (type is not (null or "loop" or "one-shot" or "unknown"))
        {
            return new(prefix + "type", "The type is loop, one-shot or unknown (a sample ingested at level fast, which does not tell them apart).");
        }

        foreach (var (name, min, max, signed) in ranges)
        {
            var field = name + "Min";
            if (min is { } low && !double.IsFinite(low) || max is { } high && !double.IsFinite(high))
            {
                return new(field, $"{name}Min and {name}Max are finite numbers.");
            }

            if (min > max)
            {
                return new(field, string.Create(CultureInfo.InvariantCulture, $"{name}Min ({min}) is above {name}Max ({max})."));
            }

            if (!signed && (min < 0 || max < 0))
            {
                return new(field, $"{name}Min and {name}Max are 0 or more.");
            }
        }

        if (TagProblem(tags) is { } tagProblem)
        {
            return new(tagsField, tagProblem);
        }

        return UnknownDefect(defects, allowExclusion: true) is { } defectProblem ? new("defect", defectProblem) : null;
    }

    private static string? TagProblem(IReadOnlyList<string>? tags)
    {
        if (tags is { Count: > MaxTags } || (tags ?? []).Any(t => t is null or { Length: 0 or > MaxTagLength }))
        {
            return $"At most {MaxTags} tags, each 1-{MaxTagLength} characters.";
        }

        if ((tags ?? []).FirstOrDefault(t => t.Contains(',', StringComparison.Ordinal)) is { } list)
        {
            // Tags are stored comma-delimited: "a,b" would match any sample with tags a and b side by side.
            return $"The tag '{list}' holds a comma: give each tag as a tag parameter of its own (tag=a&tag=b).";
        }

        if ((tags ?? []).Any(t => t.Any(char.IsControl)))
        {
            // No tag holds one (labels refuse them), and a NUL would cut the stored pattern short, matching every sample.
            return "A tag has no control characters (NUL, line breaks, tabs, ...).";
        }

        return null;
    }

    /// <summary>A sentence naming the first entry that is not a defect kind (with a leading '-' where exclusions are allowed), or null.</summary>
    public static string? UnknownDefect(IReadOnlyList<string>? defects, bool allowExclusion)
    {
        foreach (var defect in defects ?? [])
        {
            var kind = allowExclusion && defect?.StartsWith('-') == true ? defect[1..] : defect;
            if (kind is null || !DefectKindNames.All.Contains(kind, StringComparer.OrdinalIgnoreCase))
            {
                return $"'{defect}' is not a defect kind: {string.Join(", ", DefectKindNames.All)}" +
                       (allowExclusion ? " (a leading '-' excludes it)." : ".");
            }
        }

        return null;
    }

    /// <summary>
    /// The Camelot codes a listing keeps: the key's own code, and with <paramref name="compatible"/> the codes compatible
    /// with that key (both: the key's code if it is among them, else none). Null when neither is given; false with a
    /// problem (field "key" or "compatible") when one is not a key or a Camelot code. A key is matched by its code, so "Gb major", "F# major" and
    /// "2B" find the same samples whichever spelling analysis stored.
    /// </summary>
    public static bool TryCamelotCodes(string? key, string? compatible, out IReadOnlyCollection<string>? codes, [NotNullWhen(false)] out Problem? problem)
    {
        codes = null;
        problem = null;
        CamelotKey exact = default;
        if (key is not null && !CamelotKey.TryParse(key, out exact))
        {
            problem = new("key", $"'{key}' is not a key ('F minor', 'C#m', 'Ab') or a Camelot code ('4A').");
            return false;
        }

        if (compatible is null)
        {
            codes = key is null ? null : [exact.Camelot];
            return true;
        }

        if (!CamelotKey.TryParse(compatible, out var around))
        {
            problem = new("compatible", $"'{compatible}' is not a key ('F minor', 'C#m', 'Ab') or a Camelot code ('4A').");
            return false;
        }

        var near = around.CompatibleKeys().Select(k => k.Camelot).ToList();
        codes = key is null ? near : near.Contains(exact.Camelot) ? [exact.Camelot] : [];
        return true;
    }
}
