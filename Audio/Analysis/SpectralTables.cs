using System.Collections.Concurrent;

namespace SampleMind.Audio.Analysis;

/// <summary>Precomputed per-(rate, FFT size) tables: bin frequencies, mel filters, DCT, band edges.</summary>
internal sealed class SpectralTables
{
    public const int MelBands = 40;
    private static readonly ConcurrentDictionary<(int, int), SpectralTables> s_cache = new();

    private SpectralTables(int sampleRate, int fftSize)
    {
        Bins = (fftSize / 2) + 1;
        BinHz = (double)sampleRate / fftSize;
        Frequencies = new float[Bins];
        for (var k = 0; k < Bins; k++)
        {
            Frequencies[k] = (float)(k * BinHz);
        }

        FrequenciesSquared = new float[Bins];
        for (var k = 0; k < Bins; k++)
        {
            FrequenciesSquared[k] = Frequencies[k] * Frequencies[k];
        }

        MidiOfBin = new float[Bins];
        MidiSlope = new float[Bins];
        for (var k = 1; k < Bins; k++)
        {
            MidiOfBin[k] = (float)(69 + (12 * Math.Log2(k * BinHz / 440)));
            MidiSlope[k] = (float)(12 / (Math.Log(2) * k));
        }

        (MelStart, MelWeights) = BuildMel(sampleRate);
        Dct = BuildDct();
        Bin100 = BinOf(100);
        Bin250 = BinOf(250);
        Bin4000 = BinOf(4000);
        ChromaLow = Math.Max(2, BinOf(60));
        ChromaHigh = Math.Min(Bins - 2, BinOf(5000));
        ContrastEdges = [1, BinOf(200), BinOf(400), BinOf(800), BinOf(1600), BinOf(3200), Bins];
    }

    public int Bins { get; }

    public double BinHz { get; }

    public float[] Frequencies { get; }

    public float[] FrequenciesSquared { get; }

    /// <summary>Fractional MIDI note of each bin's centre frequency.</summary>
    public float[] MidiOfBin { get; }

    /// <summary>d(MIDI)/d(bin) at each bin, for sub-bin peak positions.</summary>
    public float[] MidiSlope { get; }

    public int[] MelStart { get; }

    public float[][] MelWeights { get; }

    /// <summary>Orthonormal DCT-II, MfccCount rows of MelBands.</summary>
    public float[] Dct { get; }

    public int Bin100 { get; }

    public int Bin250 { get; }

    public int Bin4000 { get; }

    public int ChromaLow { get; }

    public int ChromaHigh { get; }

    public int[] ContrastEdges { get; }

    public static SpectralTables Get(int sampleRate, int fftSize) =>
        s_cache.GetOrAdd((sampleRate, fftSize), static key => new SpectralTables(key.Item1, key.Item2));

    private int BinOf(double hz) => Math.Clamp((int)Math.Round(hz / BinHz), 0, Bins);

    private static double HzToMel(double hz) => 2595 * Math.Log10(1 + (hz / 700));

    private static double MelToHz(double mel) => 700 * (Math.Pow(10, mel / 2595) - 1);

    private (int[] Start, float[][] Weights) BuildMel(int sampleRate)
    {
        var edges = new double[MelBands + 2];
        var top = HzToMel(sampleRate / 2.0);
        for (var i = 0; i < edges.Length; i++)
        {
            edges[i] = MelToHz(top * i / (MelBands + 1));
        }

        var starts = new int[MelBands];
        var weights = new float[MelBands][];
        for (var b = 0; b < MelBands; b++)
        {
            double lo = edges[b], mid = edges[b + 1], hi = edges[b + 2];
            var first = Math.Max(0, (int)Math.Ceiling(lo / BinHz));
            var last = Math.Min(Bins - 1, (int)Math.Floor(hi / BinHz));
            if (last < first)
            {
                last = first = Math.Min(Bins - 1, (int)Math.Round(mid / BinHz));
            }

            var w = new float[last - first + 1];
            for (var k = first; k <= last; k++)
            {
                var f = k * BinHz;
                var v = f <= mid ? (f - lo) / Math.Max(1e-9, mid - lo) : (hi - f) / Math.Max(1e-9, hi - mid);
                w[k - first] = (float)Math.Max(0, v);
            }

            if (w.Length == 1)
            {
                w[0] = 1;
            }

            starts[b] = first;
            weights[b] = w;
        }

        return (starts, weights);
    }

    private static float[] BuildDct()
    {
        var dct = new float[SpectralFrames.MfccCount * MelBands];
        for (var i = 0; i < SpectralFrames.MfccCount; i++)
        {
            var scale = i == 0 ? Math.Sqrt(1.0 / MelBands) : Math.Sqrt(2.0 / MelBands);
            for (var j = 0; j < MelBands; j++)
            {
                dct[(i * MelBands) + j] = (float)(scale * Math.Cos(Math.PI * i * (j + 0.5) / MelBands));
            }
        }

        return dct;
    }
}
