using System.Runtime.InteropServices;

namespace SampleMind.Audio.Interop;

/// <summary>clock_gettime from the C library, for per-thread CPU time in the stage profile.</summary>
internal static unsafe partial class Libc
{
    private const int ClockThreadCpuTime = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, TimeSpec* time);

    /// <summary>CPU time consumed by the calling thread, in nanoseconds (0 where unavailable).</summary>
    public static long ThreadCpuNanoseconds()
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        TimeSpec t;
        return ClockGetTime(ClockThreadCpuTime, &t) == 0 ? (t.Seconds * 1_000_000_000) + t.Nanoseconds : 0;
    }
}
