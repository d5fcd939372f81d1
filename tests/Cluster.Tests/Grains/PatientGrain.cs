using System.Collections.Concurrent;
using SampleMind.Runtime;
using SampleMind.Runtime.Cluster;

namespace SampleMind.Cluster.Tests.Grains;

public interface IPatientGrain : IGrainWithStringKey
{
    /// <summary>Waits until its token is canceled (then throws), reporting both moments in <see cref="PatientLog"/>.</summary>
    Task<string> WaitForCancellation(CancellationToken cancellationToken);
}

/// <summary>Placed on gpu silos, so a test can call it from a silo that never hosts it.</summary>
[RolePlacement("gpu")]
[GrainType("test-patient")]
internal sealed class PatientGrain(ClusterSilo cluster) : Grain, IPatientGrain
{
    public async Task<string> WaitForCancellation(CancellationToken cancellationToken)
    {
        PatientLog.For(GrainId.Key).Started.TrySetResult(cluster.SiloId);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            PatientLog.For(GrainId.Key).Canceled.TrySetResult(cluster.SiloId);
            throw;
        }

        return "the token was never canceled";
    }
}

/// <summary>Where and when each patient grain (by key) started waiting and saw its token canceled.</summary>
public static class PatientLog
{
    private static readonly ConcurrentDictionary<string, Entry> s_entries = new(StringComparer.Ordinal);

    public static Entry For(string key) => s_entries.GetOrAdd(key, _ => new Entry());

    public sealed class Entry
    {
        public TaskCompletionSource<string> Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<string> Canceled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
