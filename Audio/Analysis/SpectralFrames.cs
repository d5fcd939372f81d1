namespace SampleMind.Audio.Analysis;

/// <summary>Per-frame features from the one shared STFT (frame i centred at i * hop).</summary>
internal sealed class SpectralFrames
{
    public const int MfccCount = 13;
    public const int ContrastBands = 6;

    public SpectralFrames(int count, double frameRate)
    {
        Count = count;
        FrameRate = frameRate;
        Energy = new float[count];
        Centroid = new float[count];
        Rolloff = new float[count];
        Flatness = new float[count];
        Bandwidth = new float[count];
        Onset = new float[count];
        Contrast = new float[count * ContrastBands];
        Mfcc = new float[count * MfccCount];
        Chroma = new float[count * 12];
    }

    public int Count { get; }

    /// <summary>Frames per second.</summary>
    public double FrameRate { get; }

    /// <summary>Total power per frame.</summary>
    public float[] Energy { get; }

    public float[] Centroid { get; }

    public float[] Rolloff { get; }

    public float[] Flatness { get; }

    public float[] Bandwidth { get; }

    /// <summary>Onset strength: half-wave rectified log-mel flux.</summary>
    public float[] Onset { get; }

    public float[] Contrast { get; }

    public float[] Mfcc { get; }

    /// <summary>Peak-picked chroma, 12 per frame, unnormalised (magnitude units).</summary>
    public float[] Chroma { get; }

    /// <summary>Summed power below 100 Hz, below 250 Hz, 250 Hz to 4 kHz, above 4 kHz.</summary>
    public double[] Bands { get; } = new double[4];
}
