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

    /// <summary>
    /// Whether stages are timed; off by default, since reading the thread's CPU clock is a system call (about 30 per file,
    /// 1 µs each on a virtual machine) that only a profile needs. Audio.Eval turns it on.
    /// </summary>
    public bool Enabled { get; set; }

    /// <summary>The calling thread's CPU time in nanoseconds, the clock the stages are timed by (for benchmarks).</summary>
    public static long ThreadCpuNanoseconds() => Libc.ThreadCpuNanoseconds();

    /// <summary>A timestamp to pass to <see cref="Add"/> (0 when not <see cref="Enabled"/>).</summary>
    internal long Start() => Enabled ? Libc.ThreadCpuNanoseconds() : 0;

    internal void Add(AnalysisStage stage, long start)
    {
        if (Enabled)
        {
            Interlocked.Add(ref _nanoseconds[(int)stage], Libc.ThreadCpuNanoseconds() - start);
        }
    }
}
