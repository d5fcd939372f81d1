using System.Diagnostics;

namespace SampleMind.Api.Dashboard;

/// <summary>This process's CPU share (of all cores, since the previous reading) and working set.</summary>
internal sealed class ProcessUsage(TimeProvider time)
{
    private readonly Lock _lock = new();
    private TimeSpan _lastCpu;
    private long _lastTimestamp;

    public (double CpuPercent, double MemoryMb) Read()
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var now = time.GetTimestamp();
        lock (_lock)
        {
            var elapsed = _lastTimestamp == 0 ? TimeSpan.Zero : time.GetElapsedTime(_lastTimestamp, now);
            var percent = elapsed <= TimeSpan.Zero
                ? 0
                : 100.0 * (cpu - _lastCpu).TotalSeconds / (elapsed.TotalSeconds * Environment.ProcessorCount);
            _lastCpu = cpu;
            _lastTimestamp = now;
            return (Math.Clamp(percent, 0, 100), process.WorkingSet64 / (1024.0 * 1024.0));
        }
    }
}
