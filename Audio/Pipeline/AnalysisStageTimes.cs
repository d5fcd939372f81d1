using SampleMind.Audio.Interop;

namespace SampleMind.Audio;

/// <summary>
/// CPU time of the analysing thread per stage (clock_gettime CLOCK_THREAD_CPUTIME_ID on Linux), summed over every
/// analysis of one analyzer; thread-safe. CPU rather than wall time, so other load on the machine does not skew it.
/// </summary>
public sealed class AnalysisStageTimes
{
    private readonly long[] _nanoseconds = new long[Enum.GetValues<AnalysisStage>().Length];

    /// <summary>Total CPU time spent in <paramref name="stage"/>.</summary>
    public TimeSpan this[AnalysisStage stage] => TimeSpan.FromTicks(Interlocked.Read(ref _nanoseconds[(int)stage]) / 100);

    /// <summary>Resets all counters to zero.</summary>
    public void Reset()
    {
        for (var i = 0; i < _nanoseconds.Length; i++)
        {
            Interlocked.Exchange(ref _nanoseconds[i], 0);
        }
    }

    /// <summary>A timestamp to pass to <see cref="Add"/>.</summary>
    internal static long Now() => Libc.ThreadCpuNanoseconds();

    internal void Add(AnalysisStage stage, long start) => Interlocked.Add(ref _nanoseconds[(int)stage], Libc.ThreadCpuNanoseconds() - start);
}
