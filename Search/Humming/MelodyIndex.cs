namespace SampleMind.Search.Humming;

/// <summary>
/// Query by humming over the reference melodies of a library (the pitch contours of its melodic samples).
/// </summary>
/// <remarks>
/// Each contour is cleaned and key-normalised (<see cref="ContourProcessing.Normalise"/>), then resampled to a fixed
/// length, which removes global tempo differences (a hum at 0.8× or 1.25× the reference tempo has the same shape);
/// local tempo drift is absorbed by DTW within a band. The residual transposition after median alignment is searched
/// over a few semitone fractions. The hum is expected to cover the reference phrase as a whole.
/// Not thread-safe for writes; searches may run concurrently when no write is in progress.
/// </remarks>
public sealed class MelodyIndex
{
    private static readonly float[] s_shifts = [-1f, -0.5f, 0f, 0.5f, 1f];
    private readonly Dictionary<string, float[]> _melodies = new(StringComparer.Ordinal);
    private readonly int _length;
    private readonly int _band;

    /// <summary>Creates an empty index.</summary>
    /// <param name="length">Points each melody is resampled to. Default 96.</param>
    /// <param name="bandFraction">DTW band as a fraction of the length. Default 0.1.</param>
    public MelodyIndex(int length = 96, double bandFraction = 0.1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 8);
        _length = length;
        _band = Math.Max(1, (int)(length * bandFraction));
    }

    /// <summary>How many melodies are held.</summary>
    public int Count => _melodies.Count;

    /// <summary>Adds or replaces the reference melody of a sample; false when the contour has too little voiced pitch.</summary>
    public bool Add(string sampleId, PitchContour reference)
    {
        ArgumentNullException.ThrowIfNull(sampleId);
        var shape = Shape(reference);
        if (shape is null)
        {
            return false;
        }

        _melodies[sampleId] = shape;
        return true;
    }

    /// <summary>Removes a sample's melody; false when absent.</summary>
    public bool Remove(string sampleId) => _melodies.Remove(sampleId);

    /// <summary>The <paramref name="top"/> melodies closest to <paramref name="hum"/>, closest first.</summary>
    public IReadOnlyList<MelodyMatch> Match(PitchContour hum, int top = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        var query = Shape(hum);
        if (query is null)
        {
            return [];
        }

        var matches = new List<MelodyMatch>(_melodies.Count);
        foreach (var (id, melody) in _melodies)
        {
            var best = double.PositiveInfinity;
            var bestShift = 0f;
            foreach (var shift in s_shifts)
            {
                var d = ContourProcessing.Dtw(query, melody, _band, shift);
                if (d < best)
                {
                    best = d;
                    bestShift = shift;
                }
            }

            matches.Add(new MelodyMatch(id, best, bestShift));
        }

        matches.Sort(static (a, b) => a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance) : string.CompareOrdinal(a.SampleId, b.SampleId));
        return matches.Count > top ? matches.GetRange(0, top) : matches;
    }

    private float[]? Shape(PitchContour contour)
    {
        var normalised = ContourProcessing.Normalise(contour);
        return normalised.Length < 3 ? null : ContourProcessing.Resample(normalised, _length);
    }
}
