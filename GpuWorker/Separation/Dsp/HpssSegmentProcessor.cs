namespace SampleMind.GpuWorker.Separation.Dsp;

/// <summary>
/// Harmonic/percussive separation (Fitzgerald 2010, "Harmonic/percussive separation using median
/// filtering"): in the magnitude spectrogram, a median across time keeps sustained partials
/// (harmonic estimate H), a median across frequency keeps broadband onsets (percussive estimate P).
/// Soft masks H^p / (H^p + P^p) and P^p / (H^p + P^p) (Wiener-like, p = 2 by default) are applied
/// to every channel's complex spectrogram, so the two stems sum to the input.
/// </summary>
internal sealed class HpssSegmentProcessor(SeparationOptions options) : DspSegmentProcessor(options)
{
    private static readonly string[] s_stems = ["harmonic", "percussive"];

    public override string Method => SeparationMethods.DspHpss;

    public override IReadOnlyList<string> StemNames => s_stems;

    public override string Description =>
        $"harmonic/percussive separation by median-filtered spectrogram masks (Fitzgerald 2010): STFT {Options.DspFftSize}/{Options.DspHopSize}, " +
        $"median filters {Options.HarmonicFilterLength} frames × {Options.PercussiveFilterLength} bins, soft masks of power {Options.MaskPower}";

    public override Task<float[]> ProcessAsync(float[] segment, int channels, int sampleRate, object request, CancellationToken cancellationToken) =>
        Task.Run(() => Separate(segment, channels), cancellationToken);

    internal float[] Separate(float[] segment, int channels)
    {
        var length = segment.Length / channels;
        var masking = new SpectralMasking(Options.DspFftSize, Options.DspHopSize);
        var spectrograms = masking.Analyse(segment, channels, length);
        var frames = spectrograms[0].Frames;
        var bins = spectrograms[0].Bins;
        var magnitude = SpectralMasking.MeanMagnitude(spectrograms);
        var harmonic = MedianFilter.AlongTime(magnitude, frames, bins, Options.HarmonicFilterLength);
        var percussive = MedianFilter.AlongFrequency(magnitude, frames, bins, Options.PercussiveFilterLength);
        var power = (float)Options.MaskPower;
        var harmonicMask = harmonic;
        for (var i = 0; i < magnitude.Length; i++)
        {
            var h = MathF.Pow(harmonic[i], power);
            var p = MathF.Pow(percussive[i], power);
            var sum = h + p;
            harmonicMask[i] = sum > 1e-20f ? h / sum : 0.5f;
        }

        return masking.SynthesisePair(segment, spectrograms, harmonicMask, length);
    }
}
