namespace SampleMind.Audio.Analysis;

/// <summary>Loop or one-shot from duration, onset count and tempo evidence.</summary>
internal static class LoopClassifier
{
    public static LoopDecision Decide(double duration, TempoInfo? tempo, int onsets)
    {
        if (duration < 1.0)
        {
            return new LoopDecision { IsLoop = false, Reason = $"shorter than 1 s ({duration:0.##} s)" };
        }

        if (tempo is null)
        {
            return new LoopDecision { IsLoop = false, Reason = "no periodic onset pattern" };
        }

        var beats = duration * tempo.Bpm / 60;
        if (onsets < 4)
        {
            return new LoopDecision { IsLoop = false, LengthInBeats = Math.Round(beats, 2), Reason = $"only {onsets} onsets" };
        }

        if (tempo.Confidence < 0.2)
        {
            return new LoopDecision
            {
                IsLoop = false,
                LengthInBeats = Math.Round(beats, 2),
                Reason = $"weak periodicity (confidence {tempo.Confidence:0.##})",
            };
        }

        var whole = Math.Abs(beats - Math.Round(beats)) < 0.2 || Math.Abs((beats / 4) - Math.Round(beats / 4)) < 0.1;
        return new LoopDecision
        {
            IsLoop = true,
            LengthInBeats = Math.Round(beats, 2),
            Reason = whole
                ? $"{onsets} onsets on a steady {tempo.Bpm:0.#} BPM pulse, {beats:0.#} beats long"
                : $"{onsets} onsets on a steady {tempo.Bpm:0.#} BPM pulse (length {beats:0.##} beats is not whole)",
        };
    }
}
