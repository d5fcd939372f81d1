using SampleMind.Search.Index;

namespace SampleMind.Search.Filters;

/// <summary>
/// A <see cref="SampleFilter"/> compiled against a <see cref="FeatureTable"/>: the key becomes a 24-bit mask of
/// Camelot codes, the tempo a window, tags/labels/defects interned ids. Checking a slot allocates nothing.
/// </summary>
public sealed class CompiledFilter : ISlotFilter
{
    private readonly FeatureTable _table;
    private readonly int _keyMask;
    private readonly bool _bpm;
    private readonly float _bpmLow;
    private readonly float _bpmHigh;
    private readonly bool _halfDouble;
    private readonly int _type;
    private readonly float _minDuration;
    private readonly float _maxDuration;
    private readonly float _minLoudness;
    private readonly float _maxLoudness;
    private readonly int[] _excludedDefects;
    private readonly int[] _requiredTags;
    private readonly int[] _requiredLabels;
    private readonly bool _impossible;

    internal CompiledFilter(FeatureTable table, SampleFilter filter)
    {
        _table = table;
        Filter = filter;
        _keyMask = filter.Key is { } key ? key.CompatibleMask(filter.KeyMatch) : 0;
        if (filter.BpmWindow is { } w)
        {
            _bpm = true;
            _bpmLow = (float)w.Low;
            _bpmHigh = (float)Math.Min(w.High, float.MaxValue);
        }

        _halfDouble = filter.HalfDoubleTime;
        _type = filter.Type is { } t ? (int)t : -1;
        _minDuration = (float)(filter.MinDurationSeconds ?? float.NegativeInfinity);
        _maxDuration = (float)(filter.MaxDurationSeconds ?? float.PositiveInfinity);
        _minLoudness = (float)(filter.MinLoudnessLufs ?? float.NegativeInfinity);
        _maxLoudness = (float)(filter.MaxLoudnessLufs ?? float.PositiveInfinity);
        _excludedDefects = Ids(filter.ExcludedDefects, out _);
        _requiredTags = Ids(filter.RequiredTags, out var missingTag);
        _requiredLabels = Ids(filter.RequiredLabels, out var missingLabel);
        _impossible = missingTag || missingLabel;
    }

    /// <summary>The filter this was compiled from.</summary>
    public SampleFilter Filter { get; }

    /// <inheritdoc />
    public bool Matches(int slot)
    {
        var t = _table;
        if (_impossible || !t.Has(slot))
        {
            return false;
        }

        return (_keyMask == 0 || (t.KeyCode(slot) >= 0 && ((_keyMask >> t.KeyCode(slot)) & 1) != 0))
            && (!_bpm || MatchesBpm(t.Bpm(slot)))
            && (_type < 0 || t.Type(slot) == _type)
            && InRange(t.Duration(slot), _minDuration, _maxDuration, Filter.MinDurationSeconds is null && Filter.MaxDurationSeconds is null)
            && InRange(t.Loudness(slot), _minLoudness, _maxLoudness, Filter.MinLoudnessLufs is null && Filter.MaxLoudnessLufs is null)
            && !Intersects(t.Defects(slot), _excludedDefects)
            && ContainsAll(t.Tags(slot), _requiredTags)
            && ContainsAll(t.Labels(slot), _requiredLabels);
    }

    private bool MatchesBpm(float bpm) =>
        !float.IsNaN(bpm)
        && (InWindow(bpm) || (_halfDouble && (InWindow(bpm * 2) || InWindow(bpm / 2))));

    private bool InWindow(float bpm) => bpm >= _bpmLow && bpm <= _bpmHigh;

    private static bool InRange(float value, float min, float max, bool unfiltered) =>
        unfiltered || (!float.IsNaN(value) && value >= min && value <= max);

    private static bool Intersects(int[] have, int[] excluded)
    {
        foreach (var id in excluded)
        {
            if (Array.BinarySearch(have, id) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static bool ContainsAll(int[] have, int[] required)
    {
        foreach (var id in required)
        {
            if (Array.BinarySearch(have, id) < 0)
            {
                return false;
            }
        }

        return true;
    }

    private int[] Ids(IReadOnlyList<string> terms, out bool anyMissing)
    {
        anyMissing = false;
        var ids = new List<int>(terms.Count);
        foreach (var term in terms)
        {
            var id = _table.TermId(term);
            if (id < 0)
            {
                anyMissing = true;
            }
            else
            {
                ids.Add(id);
            }
        }

        return [.. ids];
    }
}
