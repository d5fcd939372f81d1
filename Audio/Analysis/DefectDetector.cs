using SampleMind.Audio.Pipeline;

namespace SampleMind.Audio.Analysis;

/// <summary>Turns front-end statistics and the mono signal into a <see cref="DefectReport"/>.</summary>
internal static class DefectDetector
{
    public static DefectReport Detect(
        ReadOnlySpan<float> mono, int sampleRate, TimeDomainFeatures td, FrontEndResult front, AudioFormatInfo format, double silenceDb)
    {
        var defects = new List<Defect>();
        var totalSamples = Math.Max(1, format.Frames * format.Channels);
        if (format.MissingFrames is { } missing)
        {
            defects.Add(Truncated(format, missing));
        }

        if (front.ClippedSamples > 0)
        {
            var share = (double)front.ClippedSamples / totalSamples;
            defects.Add(Make(DefectKind.Clipping, share > 0.001 ? DefectSeverity.Severe : DefectSeverity.Warning,
                front.ClippedSamples, $"{front.ClippedSamples} samples in full-scale runs", front.ClipRanges));
        }

        if (front.InvalidSamples > 0)
        {
            defects.Add(Make(DefectKind.InvalidSamples, DefectSeverity.Severe, front.InvalidSamples,
                $"{front.InvalidSamples} NaN or infinite samples replaced by zero", []));
        }

        if (front.DcOffset > 0.01)
        {
            defects.Add(Make(DefectKind.DcOffset, front.DcOffset > 0.05 ? DefectSeverity.Severe : DefectSeverity.Warning,
                front.DcOffset, $"DC offset of {front.DcOffset:0.###} of full scale", []));
        }

        if (front.StereoCorrelation < -0.2)
        {
            defects.Add(Make(DefectKind.PhaseProblem, front.StereoCorrelation < -0.5 ? DefectSeverity.Severe : DefectSeverity.Warning,
                front.StereoCorrelation, $"left/right correlation {front.StereoCorrelation:0.##}: cancels when summed to mono", []));
        }

        var (lead, trail) = Silence(td, silenceDb, sampleRate, mono.Length);
        AddSilence(defects, lead, trail, mono.Length / (double)sampleRate);
        var floor = NoiseFloor(td, out var median);
        if (floor is { } f && f > -60 && median - f > 6)
        {
            defects.Add(Make(DefectKind.NoiseFloor, f > -45 ? DefectSeverity.Warning : DefectSeverity.Info, f,
                $"noise floor at {f:0.#} dBFS", []));
        }

        var clicks = ClickDetector.Find(mono, sampleRate);
        if (clicks.Count > 0)
        {
            defects.Add(Make(DefectKind.Click, clicks.Count > 3 ? DefectSeverity.Severe : DefectSeverity.Warning,
                clicks.Count, $"{clicks.Count} isolated discontinuities", clicks));
        }

        var level = front.Loudness.IntegratedLufs ?? front.Loudness.RmsDbfs;
        if (level is null || level < -45)
        {
            defects.Add(Make(DefectKind.VeryLowLevel, level is null || level < -60 ? DefectSeverity.Severe : DefectSeverity.Warning,
                level ?? -150, $"level {level ?? -150:0.#} (LUFS or dBFS RMS)", []));
        }

        defects.Sort(static (a, b) => b.Severity.CompareTo(a.Severity));
        return new DefectReport
        {
            Defects = defects,
            NoiseFloorDbfs = floor is { } nf ? Math.Round(nf, 2) : null,
            DcOffset = Math.Round(front.DcOffset, 6),
            LeadingSilenceSeconds = Math.Round(lead, 4),
            TrailingSilenceSeconds = Math.Round(trail, 4),
            ClippedSamples = front.ClippedSamples,
            StereoCorrelation = Math.Round(front.StereoCorrelation, 4),
        };
    }

    private static Defect Make(DefectKind kind, DefectSeverity severity, double value, string text, IReadOnlyList<TimeRange> ranges) =>
        new() { Kind = kind, Severity = severity, Value = Math.Round(value, 6), Description = text, Ranges = ranges };

    /// <summary>Value: the seconds missing; the description gives them with the share of the promised length.</summary>
    private static Defect Truncated(AudioFormatInfo format, long missing)
    {
        var promised = format.Frames + missing;
        var seconds = (double)missing / format.SampleRate;
        var text = FormattableString.Invariant(
            $"file cut short: {seconds:0.###} s of the {(double)promised / format.SampleRate:0.###} s its header promises is missing ({100.0 * missing / promised:0.#} %)");
        return Make(DefectKind.Truncated, DefectSeverity.Severe, seconds, text, []);
    }

    private static void AddSilence(List<Defect> defects, double lead, double trail, double duration)
    {
        if (lead > 0.05 && lead < duration)
        {
            defects.Add(Make(DefectKind.LeadingSilence, lead > 0.5 ? DefectSeverity.Warning : DefectSeverity.Info, lead,
                $"{lead:0.###} s of silence before the first sound", [new TimeRange(0, Math.Round(lead, 4))]));
        }

        if (trail > 0.5 && trail < duration)
        {
            defects.Add(Make(DefectKind.TrailingSilence, trail > 2 ? DefectSeverity.Warning : DefectSeverity.Info, trail,
                $"{trail:0.###} s of silence after the last sound", [new TimeRange(Math.Round(duration - trail, 4), Math.Round(duration, 4))]));
        }
    }

    private static (double Lead, double Trail) Silence(TimeDomainFeatures td, double silenceDb, int sampleRate, int length)
    {
        var rms = td.RmsDb;
        var first = 0;
        while (first < rms.Length && rms[first] < silenceDb)
        {
            first++;
        }

        if (first == rms.Length)
        {
            return (length / (double)sampleRate, 0);
        }

        var last = rms.Length - 1;
        while (last > first && rms[last] < silenceDb)
        {
            last--;
        }

        var hop = (double)TimeDomainFeatures.RmsHop / sampleRate;
        var duration = length / (double)sampleRate;
        return (first * hop, Math.Max(0, duration - ((last + 1) * hop)));
    }

    /// <summary>10th percentile of frame RMS (non-digital-silence frames), and the median.</summary>
    private static double? NoiseFloor(TimeDomainFeatures td, out double median)
    {
        var levels = td.RmsDb.Where(v => v > -140).ToArray();
        median = 0;
        if (levels.Length < 10)
        {
            return null;
        }

        Array.Sort(levels);
        median = levels[levels.Length / 2];
        return levels[levels.Length / 10];
    }
}
