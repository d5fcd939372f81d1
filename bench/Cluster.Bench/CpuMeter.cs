using System.Diagnostics;

namespace SampleMind.Cluster.Bench;

/// <summary>CPU time used by this process and silo B's process (when separate) since <see cref="Start"/>.</summary>
internal sealed class CpuMeter(Process? child)
{
    private TimeSpan _start;

    public void Start() => _start = Total();

    public double MicrosPerCall(long calls) => calls == 0 ? 0 : (Total() - _start).TotalMicroseconds / calls;

    private TimeSpan Total()
    {
        using var self = Process.GetCurrentProcess();
        var total = self.TotalProcessorTime;
        if (child is not null)
        {
            child.Refresh();
            total += child.TotalProcessorTime;
        }

        return total;
    }
}
