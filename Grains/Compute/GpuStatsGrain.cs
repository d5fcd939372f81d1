using SampleMind.Grains.Abstractions.Compute;
using SampleMind.Runtime;

namespace SampleMind.Grains.Compute;

/// <summary>Keeps the latest report of each gpu-role silo in memory (reports come every few seconds).</summary>
public sealed class GpuStatsGrain(TimeProvider time) : Grain, IGpuStatsGrain
{
    private readonly Dictionary<string, (GpuSiloStats Stats, DateTimeOffset ReceivedAt)> _silos = new(StringComparer.Ordinal);

    public Task Report(GpuSiloStats stats)
    {
        ArgumentNullException.ThrowIfNull(stats);
        _silos[stats.SiloId] = (stats, time.GetUtcNow());
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<GpuSiloStats>> GetAll()
    {
        var now = time.GetUtcNow();
        foreach (var stale in _silos.Where(s => now - s.Value.ReceivedAt > GpuStats.StaleAfter).Select(s => s.Key).ToList())
        {
            _silos.Remove(stale);
        }

        IReadOnlyList<GpuSiloStats> all = [.. _silos.Values.Select(s => s.Stats).OrderBy(s => s.SiloId, StringComparer.Ordinal)];
        return Task.FromResult(all);
    }
}
