namespace SampleMind.Runtime.Cluster.Membership;

/// <summary>
/// This process's CPU share (percent of all cores, since the previous sample) and working set, read
/// for the membership heartbeat. Cheap (two runtime counters, no <c>Process</c> object) and never
/// throws: a figure that cannot be read is null, and the heartbeat goes on without it.
/// </summary>
internal sealed class SiloUsage(TimeProvider time)
{
    private TimeSpan _lastCpu;
    private long _lastTimestamp;

    /// <summary>One reading; <see cref="CpuPercent"/> is null on the first one (no interval yet).</summary>
    internal readonly record struct Sample(double? CpuPercent, long? WorkingSetBytes);

    /// <summary>Takes a reading (called from the membership loop only: not thread-safe).</summary>
    public Sample Read()
    {
        try
        {
            var cpu = Environment.CpuUsage.TotalTime;
            var now = time.GetTimestamp();
            double? percent = null;
            if (_lastTimestamp != 0 && time.GetElapsedTime(_lastTimestamp, now) is var elapsed && elapsed > TimeSpan.Zero)
            {
                percent = Math.Clamp(100.0 * (cpu - _lastCpu).TotalSeconds / (elapsed.TotalSeconds * Environment.ProcessorCount), 0, 100);
            }

            _lastCpu = cpu;
            _lastTimestamp = now;
            var workingSet = Environment.WorkingSet;
            return new Sample(percent, workingSet > 0 ? workingSet : null);
        }
        catch (Exception ex) when (ex is InvalidOperationException or PlatformNotSupportedException or System.ComponentModel.Win32Exception or IOException)
        {
            return default;
        }
    }
}
