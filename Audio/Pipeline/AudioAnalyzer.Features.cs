using SampleMind.Audio.Analysis;
using SampleMind.Audio.Pipeline;

namespace SampleMind.Audio;

/// <summary>The feature stages that run after decoding.</summary>
public sealed partial class AudioAnalyzer
{
    private SampleAnalysis Complete(SignalFrontEnd front, AudioFormatInfo format, AnalysisLevel level, CancellationToken ct)
    {
        var started = StageTimes.Start();
        var measured = front.Finish();
        StageTimes.Add(AnalysisStage.Resample, started);
        var rate = _options.AnalysisSampleRate;
        ReadOnlySpan<float> mono = front.Mono.Written;
        started = StageTimes.Start();
        var fingerprint = Fingerprinter.Compute(mono, rate);
        StageTimes.Add(AnalysisStage.Fingerprint, started);
        var analysis = new SampleAnalysis
        {
            Level = level,
            Format = format,
            Loudness = measured.Loudness,
            Fingerprint = fingerprint,
        };
        if (level == AnalysisLevel.Fast)
        {
            return analysis;
        }

        ct.ThrowIfCancellationRequested();
        return Standard(analysis, mono, measured, level, ct);
    }

    /// <summary>How much of a sample the stored melody contour covers.</summary>
    private const double MelodySeconds = 30;

    /// <summary>Noise-like material (mean spectral flatness over 0.3) has no pitch worth estimating.</summary>
    private static bool IsNoisy(SpectralFrames frames)
    {
        var active = TimbreAnalyzer.ActiveFrames(frames);
        return TimbreAnalyzer.Stat(frames.Flatness, active, 1, 0).Mean > 0.3;
    }

    private SampleAnalysis Standard(SampleAnalysis analysis, ReadOnlySpan<float> mono, FrontEndResult measured, AnalysisLevel level, CancellationToken ct)
    {
        var rate = _options.AnalysisSampleRate;
        var duration = analysis.Format.DurationSeconds;
        var started = StageTimes.Start();
        var frames = SpectralAnalyzer.Compute(mono, _stft, rate);
        StageTimes.Add(AnalysisStage.Stft, started);
        ct.ThrowIfCancellationRequested();

        started = StageTimes.Start();
        var onsets = OnsetPicker.Pick(frames.Onset, frames.FrameRate);
        var tempo = TempoEstimator.Estimate(frames.Onset, frames.FrameRate);
        var loop = LoopClassifier.Decide(duration, tempo, onsets.Count);
        StageTimes.Add(AnalysisStage.Tempo, started);

        started = StageTimes.Start();
        var key = KeyEstimator.Estimate(frames);
        StageTimes.Add(AnalysisStage.Key, started);

        started = StageTimes.Start();
        var noisy = IsNoisy(frames);
        var pitch = loop.IsLoop || noisy ? null : PitchEstimator.Estimate(mono, rate);
        var contour = noisy ? null : PitchTracker.Track(mono, rate, MelodySeconds);
        var melody = contour is not null && PitchTracker.IsMelodic(contour) ? contour : null;
        StageTimes.Add(AnalysisStage.Pitch, started);

        started = StageTimes.Start();
        var td = TimeDomainFeatures.Compute(mono, rate);
        var timbre = TimbreAnalyzer.Analyze(frames, td, measured, onsets.Count, duration, analysis.Format.Channels);
        var defects = DefectDetector.Detect(mono, rate, td, measured, analysis.Format, _options.SilenceThresholdDb);
        var embedding = EmbeddingBuilder.Build(timbre, analysis.Loudness, duration, tempo, pitch, key);
        StageTimes.Add(AnalysisStage.Features, started);

        analysis = analysis with
        {
            Tempo = tempo,
            Loop = loop,
            Key = key,
            Pitch = pitch,
            Melody = melody,
            Timbre = timbre,
            Defects = defects,
            Embedding = embedding,
        };
        if (level != AnalysisLevel.Full)
        {
            return analysis;
        }

        started = StageTimes.Start();
        var chords = ChordEstimator.Estimate(frames);
        StageTimes.Add(AnalysisStage.Chords, started);
        return analysis with
        {
            Chords = chords,
            BeatGrid = tempo is null ? null : BeatGridBuilder.Build(tempo, frames.Onset, frames.FrameRate, duration),
            Onsets = onsets,
        };
    }
}
