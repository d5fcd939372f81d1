using SampleMind.Runtime;
using SampleMind.Runtime.Activation;
using SampleMind.Runtime.Cluster.Placement;

namespace SampleMind.Cluster.Tests;

/// <summary>
/// The gate between creating activations in a partition and handing the partition off: a drain waits for the
/// creations its lease let in, and lets none in after it starts (so its one enumeration of the partition's
/// activations misses none).
/// </summary>
public sealed class PartitionAdmissionTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Stopping_admissions_waits_for_a_creation_already_admitted_and_refuses_later_ones()
    {
        var lease = new HeldLease(epoch: 1, validUntil: long.MaxValue);
        Assert.True(lease.TryAdmit());

        var stopped = lease.StopAdmittingAsync();
        Assert.False(stopped.IsCompleted);
        Assert.True(lease.Draining);
        Assert.False(lease.TryAdmit());

        ((IActivationAdmission)lease).End();
        await stopped.WaitAsync(s_wait);
        Assert.False(lease.TryAdmit());
    }

    [Fact]
    public async Task Stopping_admissions_with_none_in_progress_completes_at_once()
    {
        var lease = new HeldLease(epoch: 1, validUntil: long.MaxValue);
        Assert.True(lease.TryAdmit());
        ((IActivationAdmission)lease).End();

        await lease.StopAdmittingAsync().WaitAsync(s_wait);
        Assert.False(lease.TryAdmit());
    }

    [Fact]
    public async Task The_partition_table_admits_only_a_held_valid_lease_that_is_not_draining()
    {
        var time = TimeProvider.System;
        var table = new PartitionTable(time, partitions: 4);
        var id = new GrainId("admission-test", "key-1");
        Assert.Null(table.TryAdmit(id));

        var ring = Rings.RingOf(id.Type);
        var partition = Rings.PartitionOf(id.Type, id.Key, table.Partitions);
        var lease = new HeldLease(epoch: 7, validUntil: time.GetTimestamp() + (10 * time.TimestampFrequency));
        table.Set(ring, partition, lease);
        Assert.Same(lease, table.TryAdmit(id));
        ((IActivationAdmission)lease).End();

        lease.ValidUntil = time.GetTimestamp() - 1;
        Assert.Null(table.TryAdmit(id));

        lease.ValidUntil = time.GetTimestamp() + (10 * time.TimestampFrequency);
        await lease.StopAdmittingAsync().WaitAsync(s_wait);
        Assert.Null(table.TryAdmit(id));
    }
}
