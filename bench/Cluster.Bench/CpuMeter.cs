using System.Diagnostics;

namespace SampleMind.Cluster.Bench;

/// <summary>
/// CPU time used by this process and silo B's process (when separate), and bytes allocated in this
/// process (both silos with --in-process, silo A's side otherwise), since <see cref="Start"/>.
/// </summary>
internal sealed class CpuMeter(Process? child)
{
    private TimeSpan _start;
    private long _allocated;

    public void Start()
    {
        _start = Total();
        _allocated = GC.GetTotalAllocatedBytes(precise: true);
    }

    public double MicrosPerCall(long calls) => calls == 0 ? 0 : (Total() - _start).TotalMicroseconds / calls;

    public double BytesPerCall(long calls) => calls == 0 ? 0 : (GC.GetTotalAllocatedBytes(precise: true) - _allocated) / (double)calls;

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
