namespace SampleMind.Audio.Eval;

/// <summary>What <see cref="BatchAnalysis.Run"/> measured.</summary>
/// <param name="Results">One per file, in the order given.</param>
/// <param name="Wall">Wall-clock time of the whole batch (all threads).</param>
/// <param name="Cpu">Process CPU time spent during the batch.</param>
/// <param name="Analyzer">The analyzer used, with its per-stage times.</param>
public sealed record BatchAnalysisResult(IReadOnlyList<EvalResult> Results, TimeSpan Wall, TimeSpan Cpu, AudioAnalyzer Analyzer)
{
    /// <summary>Bytes the process allocated during the batch (every thread): what the analysis costs the garbage collector.</summary>
    public long AllocatedBytes { get; init; }

    /// <summary>Gen0 collections during the batch.</summary>
    public int Gen0Collections { get; init; }

    /// <summary>Files analysed without a typed error.</summary>
    public int Analysed => Results.Count(r => r.Analysis is not null);

    /// <summary>Seconds of audio in the analysed files.</summary>
    public double AudioSeconds => Results.Where(r => r.Analysis is not null).Sum(r => r.Analysis!.Format.DurationSeconds);
}
