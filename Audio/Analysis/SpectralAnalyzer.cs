using System.Buffers;
using System.Numerics.Tensors;
using SampleMind.Audio.Dsp;

namespace SampleMind.Audio.Analysis;

/// <summary>
/// Runs the one STFT of the analysis signal and derives every spectral feature from each frame's
/// power spectrum in a single pass: shape statistics, contrast, mel/MFCC, onset flux, chroma, bands.
/// </summary>
internal sealed class SpectralAnalyzer
{
    private readonly SpectralTables _t;
    private readonly float[] _frame;
    private readonly float[] _spectrum;
    private readonly float[] _power;
    private readonly float[] _mag;
    private readonly float[] _scratch;
    private readonly float[] _logMel = new float[SpectralTables.MelBands];
    private readonly float[] _previous = new float[SpectralTables.MelBands];

    private SpectralAnalyzer(SpectralTables tables, int fftSize)
    {
        _t = tables;
        var pool = ArrayPool<float>.Shared;
        _frame = pool.Rent(fftSize);
        _spectrum = pool.Rent(2 * tables.Bins);
        _power = pool.Rent(tables.Bins);
        _mag = pool.Rent(tables.Bins);
        _scratch = pool.Rent(tables.Bins);
    }

    public static SpectralFrames Compute(ReadOnlySpan<float> mono, Stft stft, int sampleRate)
    {
        var analyzer = new SpectralAnalyzer(SpectralTables.Get(sampleRate, stft.FftSize), stft.FftSize);
        try
        {
            return analyzer.Run(mono, stft, sampleRate);
        }
        finally
        {
            analyzer.Return();
        }
    }

    private SpectralFrames Run(ReadOnlySpan<float> mono, Stft stft, int sampleRate)
    {
        var result = new SpectralFrames(stft.FrameCount(mono.Length), (double)sampleRate / stft.HopSize);
        var bins = _t.Bins;
        var frame = _frame.AsSpan(0, stft.FftSize);
        var spectrum = _spectrum.AsSpan(0, 2 * bins);
        var power = _power.AsSpan(0, bins);
        for (var i = 0; i < result.Count; i++)
        {
            stft.LoadFrame(mono, i, frame);
            stft.Transform(frame, spectrum);
            for (var k = 0; k < bins; k++)
            {
                float re = spectrum[2 * k], im = spectrum[(2 * k) + 1];
                power[k] = (re * re) + (im * im);
            }

            Shape(result, i, power);
            MelAndOnset(result, i, power);
            Chroma(result, i);
        }

        return result;
    }

    private void Shape(SpectralFrames r, int i, Span<float> power)
    {
        var bins = power.Length;
        var total = TensorPrimitives.Sum(power);
        r.Energy[i] = total;
        var mag = _mag.AsSpan(0, bins);
        TensorPrimitives.Sqrt(power, mag);
        var magSum = TensorPrimitives.Sum(mag);
        if (magSum > 1e-9f)
        {
            var centroid = TensorPrimitives.Dot(_t.Frequencies, mag) / magSum;
            var second = TensorPrimitives.Dot(_t.FrequenciesSquared, mag) / magSum;
            r.Centroid[i] = centroid;
            r.Bandwidth[i] = MathF.Sqrt(MathF.Max(0, second - (centroid * centroid)));
        }

        var threshold = 0.85f * total;
        var cumulative = 0f;
        var k = 0;
        for (; k < bins - 1 && cumulative < threshold; k++)
        {
            cumulative += power[k];
        }

        r.Rolloff[i] = _t.Frequencies[k];
        var scratch = _scratch.AsSpan(0, bins);
        TensorPrimitives.Add(power, 1e-10f, scratch);
        TensorPrimitives.Log(scratch, scratch);
        var geometric = Math.Exp(TensorPrimitives.Sum(scratch) / bins);
        r.Flatness[i] = (float)Math.Clamp(geometric / ((total / bins) + 1e-10), 0, 1);
        r.Bands[0] += TensorPrimitives.Sum(power[.._t.Bin100]);
        r.Bands[1] += TensorPrimitives.Sum(power[.._t.Bin250]);
        r.Bands[2] += TensorPrimitives.Sum(power[_t.Bin250.._t.Bin4000]);
        r.Bands[3] += TensorPrimitives.Sum(power[_t.Bin4000..]);
        var edges = _t.ContrastEdges;
        for (var b = 0; b < SpectralFrames.ContrastBands; b++)
        {
            var band = power[edges[b]..edges[b + 1]];
            var peak = TensorPrimitives.Max(band);
            var mean = TensorPrimitives.Sum(band) / band.Length;
            r.Contrast[(i * SpectralFrames.ContrastBands) + b] = 10 * MathF.Log10((peak + 1e-12f) / (mean + 1e-12f));
        }
    }

    private void MelAndOnset(SpectralFrames r, int i, Span<float> power)
    {
        var flux = 0f;
        for (var b = 0; b < SpectralTables.MelBands; b++)
        {
            var w = _t.MelWeights[b];
            var energy = TensorPrimitives.Dot(power.Slice(_t.MelStart[b], w.Length), w);
            var log = MathF.Log(energy + 1e-10f);
            _logMel[b] = log;
            if (i > 0)
            {
                flux += MathF.Max(0, log - _previous[b]);
            }
        }

        _logMel.CopyTo(_previous, 0);
        r.Onset[i] = flux;
        var mfcc = r.Mfcc.AsSpan(i * SpectralFrames.MfccCount, SpectralFrames.MfccCount);
        for (var c = 0; c < SpectralFrames.MfccCount; c++)
        {
            mfcc[c] = TensorPrimitives.Dot(_t.Dct.AsSpan(c * SpectralTables.MelBands, SpectralTables.MelBands), _logMel);
        }
    }

    /// <summary>Spectral peaks between 60 Hz and 5 kHz, located by parabolic interpolation, folded to pitch classes.</summary>
    private void Chroma(SpectralFrames r, int i)
    {
        var mag = _mag.AsSpan(0, _t.Bins);
        var range = mag[_t.ChromaLow.._t.ChromaHigh];
        var floor = TensorPrimitives.Max(range) * 0.01f;
        if (floor <= 1e-9f)
        {
            return;
        }

        var chroma = r.Chroma.AsSpan(i * 12, 12);
        for (var k = _t.ChromaLow; k < _t.ChromaHigh; k++)
        {
            var b = mag[k];
            if (b < floor || b <= mag[k - 1] || b < mag[k + 1])
            {
                continue;
            }

            float a = mag[k - 1], c = mag[k + 1];
            var denominator = a - (2 * b) + c;
            var delta = denominator < 0 ? 0.5f * (a - c) / denominator : 0;
            var midi = _t.MidiOfBin[k] + (delta * _t.MidiSlope[k]);
            var nearest = (int)MathF.Round(midi);
            var deviation = midi - nearest;
            var weight = 1 - (4 * deviation * deviation);
            chroma[((nearest % 12) + 12) % 12] += b * weight * weight;
        }
    }

    private void Return()
    {
        var pool = ArrayPool<float>.Shared;
        pool.Return(_frame);
        pool.Return(_spectrum);
        pool.Return(_power);
        pool.Return(_mag);
        pool.Return(_scratch);
    }
}
