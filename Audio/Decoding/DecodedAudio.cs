namespace SampleMind.Audio;

/// <summary>A whole file decoded to interleaved float samples at its own rate and channel count.</summary>
public sealed class DecodedAudio
{
    private readonly float[] _samples;

    internal DecodedAudio(float[] samples, AudioFormatInfo format)
    {
        _samples = samples;
        Format = format;
    }

    /// <summary>Interleaved samples, nominally in [-1, 1]; NaN/Inf replaced by 0.</summary>
    public ReadOnlyMemory<float> Samples => _samples;

    /// <summary>Sample rate in Hz.</summary>
    public int SampleRate => Format.SampleRate;

    /// <summary>Channel count.</summary>
    public int Channels => Format.Channels;

    /// <summary>Frames (samples per channel).</summary>
    public long Frames => Format.Frames;

    /// <summary>Container and codec facts.</summary>
    public AudioFormatInfo Format { get; }
}
