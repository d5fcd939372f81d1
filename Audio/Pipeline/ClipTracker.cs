namespace SampleMind.Audio.Pipeline;

/// <summary>Finds runs of 3 or more consecutive full-scale samples per channel, merged into time ranges.</summary>
internal sealed class ClipTracker
{
    private const float ClipLevel = 0.999f;
    private const int MinRun = 3;
    private const int MaxRanges = 100;
    private readonly int _channels;
    private readonly double _sampleRate;
    private readonly int[] _run;
    private readonly long[] _runStart;
    private readonly List<TimeRange> _ranges = [];

    public ClipTracker(int channels, int sampleRate)
    {
        _channels = channels;
        _sampleRate = sampleRate;
        _run = new int[channels];
        _runStart = new long[channels];
    }

    public long ClippedSamples { get; private set; }

    public IReadOnlyList<TimeRange> Ranges => _ranges;

    /// <summary>Scans a chunk whose first frame is frame <paramref name="firstFrame"/> of the file.</summary>
    public void Scan(ReadOnlySpan<float> chunk, long firstFrame)
    {
        var frames = chunk.Length / _channels;
        for (var c = 0; c < _channels; c++)
        {
            for (var f = 0; f < frames; f++)
            {
                if (Math.Abs(chunk[(f * _channels) + c]) >= ClipLevel)
                {
                    if (_run[c]++ == 0)
                    {
                        _runStart[c] = firstFrame + f;
                    }
                }
                else if (_run[c] > 0)
                {
                    EndRun(c, firstFrame + f);
                }
            }
        }

        // Runs still open continue into the next chunk; Close ends them at the end of the file.
    }

    /// <summary>Ends open runs at <paramref name="endFrame"/>.</summary>
    public void Close(long endFrame)
    {
        for (var c = 0; c < _channels; c++)
        {
            if (_run[c] > 0)
            {
                EndRun(c, endFrame);
            }
        }
    }

    private void EndRun(int channel, long endFrame)
    {
        var length = _run[channel];
        _run[channel] = 0;
        if (length < MinRun)
        {
            return;
        }

        ClippedSamples += length;
        var start = _runStart[channel] / _sampleRate;
        var end = endFrame / _sampleRate;
        for (var i = _ranges.Count - 1; i >= 0 && i >= _ranges.Count - 4; i--)
        {
            var r = _ranges[i];
            if (start <= r.End + 0.01 && end >= r.Start - 0.01)
            {
                _ranges[i] = new TimeRange(Math.Min(r.Start, start), Math.Max(r.End, end));
                return;
            }
        }

        if (_ranges.Count < MaxRanges)
        {
            _ranges.Add(new TimeRange(start, end));
        }
    }
}
