using System.Text.Json.Serialization;

namespace SampleMind.Search.Filters;

/// <summary>
/// Conditions a sample must meet; every condition left null (or empty) is not checked. A sample whose feature is
/// unknown fails a condition on that feature.
/// </summary>
public sealed record SampleFilter
{
    /// <summary>The key to mix with.</summary>
    public CamelotKey? Key { get; init; }

    /// <summary>How strictly <see cref="Key"/> matches. Default <see cref="KeyMatch.Compatible"/>.</summary>
    public KeyMatch KeyMatch { get; init; } = KeyMatch.Compatible;

    /// <summary>Lowest tempo in BPM (inclusive, before tolerance).</summary>
    public double? MinBpm { get; init; }

    /// <summary>Highest tempo in BPM (inclusive, before tolerance).</summary>
    public double? MaxBpm { get; init; }

    /// <summary>Relative tolerance widening the BPM range on both sides. Default 0.02 (2 %).</summary>
    public double BpmTolerance { get; init; } = 0.02;

    /// <summary>Also accept half and double the tempo (140 matches 70 and 280). Default true.</summary>
    public bool HalfDoubleTime { get; init; } = true;

    /// <summary>Loop or one-shot.</summary>
    public SampleType? Type { get; init; }

    /// <summary>Shortest duration in seconds.</summary>
    public double? MinDurationSeconds { get; init; }

    /// <summary>Longest duration in seconds.</summary>
    public double? MaxDurationSeconds { get; init; }

    /// <summary>Quietest integrated loudness in LUFS.</summary>
    public double? MinLoudnessLufs { get; init; }

    /// <summary>Loudest integrated loudness in LUFS.</summary>
    public double? MaxLoudnessLufs { get; init; }

    /// <summary>Defect kinds a sample must not have.</summary>
    public IReadOnlyList<string> ExcludedDefects { get; init; } = [];

    /// <summary>Tags a sample must all carry (case-insensitive).</summary>
    public IReadOnlyList<string> RequiredTags { get; init; } = [];

    /// <summary>User labels a sample must all carry (case-insensitive).</summary>
    public IReadOnlyList<string> RequiredLabels { get; init; } = [];

    /// <summary>A filter that accepts everything.</summary>
    public static SampleFilter None { get; } = new();

    /// <summary>The BPM window [low, high] after tolerance, or null when tempo is not filtered.</summary>
    [JsonIgnore]
    public (double Low, double High)? BpmWindow =>
        MinBpm is null && MaxBpm is null
            ? null
            : ((MinBpm ?? 0) * (1 - BpmTolerance), (MaxBpm ?? double.MaxValue) * (1 + BpmTolerance));

    /// <summary>True when <paramref name="bpm"/> (or, with half/double time, its half or double) is in the window.</summary>
    public bool MatchesBpm(double bpm)
    {
        if (BpmWindow is not { } w)
        {
            return true;
        }

        return InWindow(bpm, w) || (HalfDoubleTime && (InWindow(bpm * 2, w) || InWindow(bpm / 2, w)));
    }

    /// <summary>Checks one sample directly (the compiled form used by search is equivalent, and faster).</summary>
    public bool Matches(SampleFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        return MatchesKey(features)
            && (BpmWindow is null || (features.Bpm is { } bpm && MatchesBpm(bpm)))
            && (Type is null || features.Type == Type)
            && InRange(features.DurationSeconds, MinDurationSeconds, MaxDurationSeconds)
            && InRange(features.LoudnessLufs, MinLoudnessLufs, MaxLoudnessLufs)
            && !ExcludedDefects.Any(d => features.Defects.Contains(d, StringComparer.OrdinalIgnoreCase))
            && RequiredTags.All(t => features.Tags.Contains(t, StringComparer.OrdinalIgnoreCase))
            && RequiredLabels.All(l => features.Labels.Contains(l, StringComparer.OrdinalIgnoreCase));
    }

    private bool MatchesKey(SampleFeatures features) =>
        Key is not { } key || (features.Key is { } k && key.IsCompatibleWith(k, KeyMatch));

    /// <summary>True when <paramref name="value"/> lies in the window <paramref name="w"/> (bounds included).</summary>
    internal static bool InWindow(double value, (double Low, double High) w) => value >= w.Low && value <= w.High;

    private static bool InRange(double? value, double? min, double? max) =>
        (min is null && max is null) || (value is { } v && v >= (min ?? double.MinValue) && v <= (max ?? double.MaxValue));
}
