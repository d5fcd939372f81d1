using System.Diagnostics;

namespace SampleMind.Audio;

/// <summary>Wall time spent per stage, summed over every analysis of one analyzer (thread-safe).</summary>
public sealed class AnalysisStageTimes
{
    private readonly long[] _ticks = new long[Enum.GetValues<AnalysisStage>().Length];

    /// <summary>Total time spent in <paramref name="stage"/>.</summary>
    public TimeSpan this[AnalysisStage stage] => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _ticks[(int)stage]));

    /// <summary>Resets all counters to zero.</summary>
    public void Reset()
    {
        for (var i = 0; i < _ticks.Length; i++)
        {
            Interlocked.Exchange(ref _ticks[i], 0);
        }
    }

    internal void Add(AnalysisStage stage, long startTimestamp) =>
        Interlocked.Add(ref _ticks[(int)stage], Stopwatch.GetTimestamp() - startTimestamp);
}
