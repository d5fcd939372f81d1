namespace SampleMind.Audio;

/// <summary>Fundamental frequency of a tonal sample (aubio yinfft, refined on the spectrum).</summary>
public sealed record PitchInfo
{
    /// <summary>Median fundamental over confident frames, in Hz.</summary>
    public required double FrequencyHz { get; init; }

    /// <summary>MIDI note number of the nearest equal-tempered note (A4 = 69 = 440 Hz).</summary>
    public required int MidiNote { get; init; }

    /// <summary>Nearest note name with octave, e.g. "A4".</summary>
    public required string Note { get; init; }

    /// <summary>Offset from that note in cents (-50..50).</summary>
    public required double Cents { get; init; }

    /// <summary>Fraction of analysed frames that were confidently pitched (0..1).</summary>
    public required double Confidence { get; init; }
}
