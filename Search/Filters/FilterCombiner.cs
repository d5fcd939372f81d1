namespace SampleMind.Search.Filters;

/// <summary>
/// Combines a request's filter with a text query's: set fields of the second win (a tempo range with its own tolerance
/// and half/double time), lists add up.
/// </summary>
internal static class FilterCombiner
{
    public static SampleFilter Combine(SampleFilter? first, SampleFilter? second)
    {
        if (first is null || second is null)
        {
            return second ?? first ?? SampleFilter.None;
        }

        return first with
        {
            Key = second.Key ?? first.Key,
            KeyMatch = second.Key is null ? first.KeyMatch : second.KeyMatch,
            MinBpm = second.MinBpm ?? first.MinBpm,
            MaxBpm = second.MaxBpm ?? first.MaxBpm,
            BpmTolerance = second.BpmWindow is null ? first.BpmTolerance : second.BpmTolerance,
            HalfDoubleTime = second.BpmWindow is null ? first.HalfDoubleTime : second.HalfDoubleTime,
            Type = second.Type ?? first.Type,
            MinDurationSeconds = second.MinDurationSeconds ?? first.MinDurationSeconds,
            MaxDurationSeconds = second.MaxDurationSeconds ?? first.MaxDurationSeconds,
            MinLoudnessLufs = second.MinLoudnessLufs ?? first.MinLoudnessLufs,
            MaxLoudnessLufs = second.MaxLoudnessLufs ?? first.MaxLoudnessLufs,
            ExcludedDefects = [.. first.ExcludedDefects, .. second.ExcludedDefects],
            RequiredTags = [.. first.RequiredTags, .. second.RequiredTags],
            RequiredLabels = [.. first.RequiredLabels, .. second.RequiredLabels],
        };
    }
}
