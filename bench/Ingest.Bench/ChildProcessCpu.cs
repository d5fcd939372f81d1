using System.Diagnostics;
using System.Globalization;

namespace SampleMind.Ingest.Bench;

/// <summary>
/// CPU time of this process's direct children (the API hosts it started), read from /proc: on a
/// loaded machine, CPU seconds compare the hosts' work with the bare run's better than wall time does.
/// </summary>
internal static class ChildProcessCpu
{
    /// <summary>Total processor time of the running children now; zero where /proc is missing.</summary>
    public static TimeSpan Total()
    {
        if (!Directory.Exists("/proc"))
        {
            return TimeSpan.Zero;
        }

        var self = Environment.ProcessId;
        var total = TimeSpan.Zero;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || ParentOf(directory) != self)
            {
                continue;
            }

            try
            {
                using var child = Process.GetProcessById(pid);
                total += child.TotalProcessorTime;
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                // It exited between the listing and the read.
            }
        }

        return total;
    }

    private static int ParentOf(string procDirectory)
    {
        try
        {
            // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so parse after the last ')'.
            var stat = File.ReadAllText(Path.Combine(procDirectory, "stat"));
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return -1;
        }
    }
}
