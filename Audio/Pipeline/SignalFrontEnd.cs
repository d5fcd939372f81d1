using System.Buffers;
using System.Numerics.Tensors;
using SampleMind.Audio.Dsp;
using SampleMind.Audio.Errors;
using SampleMind.Audio.Interop;

namespace SampleMind.Audio.Pipeline;

/// <summary>
/// Consumes interleaved chunks at the original rate and channels: feeds libebur128, accumulates level,
/// DC, stereo and clipping statistics, and downmixes + resamples (soxr) once into the mono analysis
/// signal. Memory is bounded by the mono signal at the analysis rate.
/// </summary>
internal sealed unsafe class SignalFrontEnd : IDisposable
{
    private const float ClipLevel = 0.999f;
    private readonly int _channels;
    private readonly long _maxFrames;
    private readonly TimeSpan _maxDuration;
    private readonly Ebur128Handle _loudness;
    private readonly StreamingResampler? _resampler;
    private readonly double[] _channelSums;
    private readonly ClipTracker _clips;
    private readonly TruePeakMeter _truePeak;
    private float[] _mono = [];
    private double _sumSquares;
    private double _ll;
    private double _rr;
    private double _lr;
    private float _peak;

    private readonly AnalysisStageTimes? _times;

    public SignalFrontEnd(int sampleRate, int channels, AudioAnalyzerOptions options, AnalysisStageTimes? times = null)
    {
        _times = times;
        SampleRate = sampleRate;
        _channels = channels;
        _maxDuration = options.MaxDuration;
        _maxFrames = (long)(options.MaxDuration.TotalSeconds * sampleRate);
        _channelSums = new double[channels];
        _clips = new ClipTracker(channels, sampleRate);
        _truePeak = new TruePeakMeter(channels);
        _loudness = Ebur128.Init((uint)channels, (nuint)sampleRate,
            Ebur128.ModeI | Ebur128.ModeLra | Ebur128.ModeHistogram);
        if (_loudness.IsInvalid)
        {
            _loudness.Dispose();
            throw new AudioNativeException(Ebur128.Library, "ebur128_init", $"{channels} channels at {sampleRate} Hz");
        }

        Mono = new SampleBuffer((int)Math.Min(1 << 20, 1 + (long)(options.AnalysisSampleRate * 30)));
        if (sampleRate != options.AnalysisSampleRate)
        {
            _resampler = new StreamingResampler(sampleRate, options.AnalysisSampleRate, 1, options.AnalysisResampleQuality);
        }
    }

    public int SampleRate { get; }

    public long Frames { get; private set; }

    public long InvalidSamples { get; private set; }

    /// <summary>The mono signal at the analysis rate.</summary>
    public SampleBuffer Mono { get; }

    /// <summary>Adds whole frames; non-finite samples are replaced by zero and counted.</summary>
    public void Push(Span<float> chunk)
    {
        var frames = chunk.Length / _channels;
        if (frames == 0)
        {
            return;
        }

        if (Frames + frames > _maxFrames)
        {
            throw new AudioTooLongException(TimeSpan.FromSeconds((double)(Frames + frames) / SampleRate), _maxDuration);
        }

        chunk = chunk[..(frames * _channels)];
        var started = _times?.Start() ?? 0;
        Sanitize(chunk);
        fixed (float* p = chunk)
        {
            var rc = Ebur128.AddFramesFloat(_loudness, p, (nuint)frames);
            if (rc != 0)
            {
                throw new AudioNativeException(Ebur128.Library, "ebur128_add_frames_float", $"error {rc}");
            }
        }

        var chunkPeak = TensorPrimitives.MaxMagnitude(chunk);
        _peak = Math.Max(_peak, Math.Abs(chunkPeak));
        _sumSquares += TensorPrimitives.SumOfSquares(chunk);
        _truePeak.Process(chunk, Math.Abs(chunkPeak));
        if (Math.Abs(chunkPeak) >= ClipLevel)
        {
            _clips.Scan(chunk, Frames);
        }

        _times?.Add(AnalysisStage.Loudness, started);
        started = _times?.Start() ?? 0;
        var mono = Downmix(chunk, frames);
        if (_resampler is null)
        {
            Mono.Append(mono);
        }
        else
        {
            _resampler.Process(mono, Mono);
        }

        _times?.Add(AnalysisStage.Resample, started);
        Frames += frames;
    }

    /// <summary>Flushes the resampler and reads the loudness and level results.</summary>
    public FrontEndResult Finish()
    {
        _resampler?.Flush(Mono);
        _clips.Close(Frames);
        return new FrontEndResult
        {
            Loudness = ReadLoudness(),
            DcOffset = MaxDc(),
            StereoCorrelation = _channels < 2 ? 1 : Correlation(),
            StereoWidth = _channels < 2 ? 0 : Width(),
            ClippedSamples = _clips.ClippedSamples,
            ClipRanges = _clips.Ranges,
            InvalidSamples = InvalidSamples,
        };
    }

    public void Dispose()
    {
        _loudness.Dispose();
        _resampler?.Dispose();
        Mono.Dispose();
        ReturnMono();
    }

    /// <summary>Gives the down-mix buffer (a chunk's frames, 256 KiB for the default chunk) back to the pool.</summary>
    private void ReturnMono()
    {
        if (_mono.Length > 0)
        {
            ArrayPool<float>.Shared.Return(_mono);
            _mono = [];
        }
    }

    private void Sanitize(Span<float> chunk)
    {
        if (float.IsFinite(TensorPrimitives.Sum(chunk)))
        {
            return;
        }

        for (var i = 0; i < chunk.Length; i++)
        {
            if (!float.IsFinite(chunk[i]))
            {
                chunk[i] = 0;
                InvalidSamples++;
            }
        }
    }

    private ReadOnlySpan<float> Downmix(ReadOnlySpan<float> chunk, int frames)
    {
        if (_channels == 1)
        {
            _channelSums[0] += TensorPrimitives.Sum(chunk);
            return chunk;
        }

        if (_mono.Length < frames)
        {
            ReturnMono();
            _mono = ArrayPool<float>.Shared.Rent(frames);
        }

        var scale = 1f / _channels;
        for (var f = 0; f < frames; f++)
        {
            var frame = chunk.Slice(f * _channels, _channels);
            float l = frame[0], r = frame[1];
            _ll += l * l;
            _rr += r * r;
            _lr += l * r;
            var sum = 0f;
            for (var c = 0; c < _channels; c++)
            {
                sum += frame[c];
                _channelSums[c] += frame[c];
            }

            _mono[f] = sum * scale;
        }

        return _mono.AsSpan(0, frames);
    }

    private LoudnessInfo ReadLoudness()
    {
        double? integrated = Ebur128.LoudnessGlobal(_loudness, out var lufs) == 0 && double.IsFinite(lufs) && lufs > -200 ? lufs : null;
        double? range = Frames >= SampleRate * 3L && Ebur128.LoudnessRange(_loudness, out var lra) == 0 && double.IsFinite(lra) ? lra : null;
        var truePeak = (double)_truePeak.Peak;
        var rms = Frames == 0 ? 0 : Math.Sqrt(_sumSquares / (Frames * _channels));
        double? peakDb = _peak > 0 ? 20 * Math.Log10(_peak) : null;
        double? rmsDb = rms > 0 ? 20 * Math.Log10(rms) : null;
        return new LoudnessInfo
        {
            IntegratedLufs = integrated,
            LoudnessRangeLu = range,
            TruePeakDbtp = truePeak > 0 ? 20 * Math.Log10(truePeak) : null,
            SamplePeakDbfs = peakDb,
            RmsDbfs = rmsDb,
            CrestFactorDb = peakDb is { } p && rmsDb is { } r ? p - r : null,
        };
    }

    private double MaxDc()
    {
        var max = 0.0;
        foreach (var sum in _channelSums)
        {
            max = Math.Max(max, Frames == 0 ? 0 : Math.Abs(sum / Frames));
        }

        return max;
    }

    private double Correlation()
    {
        var denominator = Math.Sqrt(_ll * _rr);
        return denominator > 1e-12 ? Math.Clamp(_lr / denominator, -1, 1) : 1;
    }

    private double Width()
    {
        var mid = (_ll + _rr + (2 * _lr)) / 4;
        var side = Math.Max(0, (_ll + _rr - (2 * _lr)) / 4);
        var m = Math.Sqrt(Math.Max(0, mid));
        var s = Math.Sqrt(side);
        return m + s > 1e-12 ? s / (m + s) : 0;
    }
}
