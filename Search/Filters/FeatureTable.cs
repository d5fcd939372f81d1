namespace SampleMind.Search.Filters;

/// <summary>
/// Sample features laid out by index slot in columns (tempo, key code, type, duration, loudness, interned
/// tag/label/defect ids), so a compiled <see cref="SampleFilter"/> checks a slot with array reads only.
/// Not thread-safe for writes: the owner serialises them against reads.
/// </summary>
public sealed class FeatureTable
{
    private readonly Dictionary<string, int> _terms = new(StringComparer.OrdinalIgnoreCase);
    private SampleFeatures?[] _features = new SampleFeatures?[1024];
    private float[] _bpm = new float[1024];
    private sbyte[] _key = new sbyte[1024];
    private byte[] _type = new byte[1024];
    private float[] _duration = new float[1024];
    private float[] _loudness = new float[1024];
    private int[][] _defects = new int[1024][];
    private int[][] _tags = new int[1024][];
    private int[][] _labels = new int[1024][];

    /// <summary>The number of slots the table spans.</summary>
    public int Capacity => _features.Length;

    /// <summary>The features stored in <paramref name="slot"/>, or null.</summary>
    public SampleFeatures? this[int slot] => (uint)slot < (uint)_features.Length ? _features[slot] : null;

    /// <summary>Stores <paramref name="features"/> in <paramref name="slot"/>, growing the columns when needed.</summary>
    public void Set(int slot, SampleFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        Grow(slot + 1);
        _features[slot] = features;
        _bpm[slot] = features.Bpm is { } b ? (float)b : float.NaN;
        _key[slot] = features.Key is { } k ? (sbyte)k.Code : (sbyte)-1;
        _type[slot] = (byte)features.Type;
        _duration[slot] = features.DurationSeconds is { } d ? (float)d : float.NaN;
        _loudness[slot] = features.LoudnessLufs is { } l ? (float)l : float.NaN;
        _defects[slot] = Intern(features.Defects);
        _tags[slot] = Intern(features.Tags);
        _labels[slot] = Intern(features.Labels);
    }

    /// <summary>Forgets the features of <paramref name="slot"/> (it then matches no filter).</summary>
    public void Clear(int slot)
    {
        if ((uint)slot < (uint)_features.Length)
        {
            _features[slot] = null;
        }
    }

    /// <summary>Compiles <paramref name="filter"/> into a slot predicate over this table.</summary>
    public CompiledFilter Compile(SampleFilter filter) => new(this, filter);

    internal bool Has(int slot) => (uint)slot < (uint)_features.Length && _features[slot] is not null;

    internal float Bpm(int slot) => _bpm[slot];

    internal int KeyCode(int slot) => _key[slot];

    internal byte Type(int slot) => _type[slot];

    internal float Duration(int slot) => _duration[slot];

    internal float Loudness(int slot) => _loudness[slot];

    internal int[] Defects(int slot) => _defects[slot];

    internal int[] Tags(int slot) => _tags[slot];

    internal int[] Labels(int slot) => _labels[slot];

    /// <summary>The interned id of a term, or -1 when no sample carries it.</summary>
    internal int TermId(string term) => _terms.TryGetValue(term, out var id) ? id : -1;

    private int[] Intern(IReadOnlyList<string> terms)
    {
        if (terms.Count == 0)
        {
            return [];
        }

        var ids = new int[terms.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            if (!_terms.TryGetValue(terms[i], out var id))
            {
                id = _terms.Count;
                _terms[terms[i]] = id;
            }

            ids[i] = id;
        }

        Array.Sort(ids);
        return ids;
    }

    private void Grow(int needed)
    {
        if (needed <= _features.Length)
        {
            return;
        }

        var size = Math.Max(needed, _features.Length * 2);
        Array.Resize(ref _features, size);
        Array.Resize(ref _bpm, size);
        Array.Resize(ref _key, size);
        Array.Resize(ref _type, size);
        Array.Resize(ref _duration, size);
        Array.Resize(ref _loudness, size);
        Array.Resize(ref _defects, size);
        Array.Resize(ref _tags, size);
        Array.Resize(ref _labels, size);
    }
}
