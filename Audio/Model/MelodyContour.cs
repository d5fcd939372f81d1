namespace SampleMind.Audio;

/// <summary>
/// A per-frame pitch track (aubio yinfft, gated by confidence and level), compact enough to keep with a sample's
/// analysis so melodies can be matched without decoding the audio again.
/// </summary>
public sealed record MelodyContour
{
    /// <summary>Frames per second (analysis rate / hop).</summary>
    public required double FrameRate { get; init; }

    /// <summary>
    /// Pitch of each frame in tenths of a MIDI semitone (A4 = 690); 0 marks an unvoiced, silent or unconfident frame.
    /// </summary>
    public required IReadOnlyList<short> Pitches { get; init; }

    /// <summary>Share of the frames that are voiced (0..1).</summary>
    public double VoicedFraction
    {
        get
        {
            var voiced = 0;
            foreach (var p in Pitches)
            {
                voiced += p > 0 ? 1 : 0;
            }

            return Pitches.Count == 0 ? 0 : (double)voiced / Pitches.Count;
        }
    }

    /// <summary>The frame pitches as frequencies in Hz (0 for unvoiced frames).</summary>
    public float[] ToHz()
    {
        var hz = new float[Pitches.Count];
        for (var i = 0; i < hz.Length; i++)
        {
            hz[i] = Pitches[i] > 0 ? 440f * MathF.Pow(2f, ((Pitches[i] / 10f) - 69f) / 12f) : 0f;
        }

        return hz;
    }
}
