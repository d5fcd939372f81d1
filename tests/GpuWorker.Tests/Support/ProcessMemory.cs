namespace SampleMind.GpuWorker.Tests.Support;

/// <summary>Resident memory of this process from /proc/self/status (Linux).</summary>
internal static class ProcessMemory
{
    /// <summary>Current resident set (VmRSS) in bytes.</summary>
    public static long ResidentBytes() => Read("VmRSS:");

    /// <summary>Peak resident set (VmHWM) in bytes since start or the last <see cref="ResetPeak"/>.</summary>
    public static long PeakResidentBytes() => Read("VmHWM:");

    /// <summary>Resets VmHWM to the current resident set (writing 5 to /proc/self/clear_refs).</summary>
    public static void ResetPeak() => File.WriteAllText("/proc/self/clear_refs", "5");

    /// <summary>Peak resident set (VmHWM) in bytes of another process.</summary>
    public static long PeakResidentBytes(int processId) => Read("VmHWM:", $"/proc/{processId}/status");

    private static long Read(string field, string status = "/proc/self/status")
    {
        foreach (var line in File.ReadLines(status))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                var kb = line[field.Length..].Trim().Split(' ')[0];
                return long.Parse(kb, System.Globalization.CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException($"{field} missing from {status}");
    }
}
