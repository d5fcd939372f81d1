using Microsoft.Extensions.Logging;

namespace SampleMind.Runtime.Cluster;

/// <summary>Cluster mode's log messages; event ids 2000-2099 (membership and placement).</summary>
internal static partial class ClusterLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information,
        Message = "Silo {Instance} joined the cluster at {Address}: roles {Roles}, {Partitions} partitions per ring, lease {Lease}, heartbeat {Heartbeat}, silo timeout {Timeout}, database {Database}")]
    public static partial void Joined(ILogger logger, string instance, string address, string roles, int partitions, TimeSpan lease, TimeSpan heartbeat, TimeSpan timeout, string database);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Silo {Instance} left the cluster after handing off {Count} partitions")]
    public static partial void Left(ILogger logger, string instance, int count);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning,
        Message = "Silo {Instance} could not leave the cluster cleanly (its storage failed); the other silos take its partitions once its leases expire")]
    public static partial void LeaveFailed(ILogger logger, string instance, Exception error);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning,
        Message = "Silo id {SiloId} is held by a live silo at {Twin} (this one is {Address}): waiting up to {Wait} for it to stop or fall silent before joining")]
    public static partial void TwinAlive(ILogger logger, string siloId, string twin, string address, TimeSpan wait);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Silo {Instance} declared {Dead} dead (no heartbeat within {Timeout})")]
    public static partial void DeclaredDead(ILogger logger, string instance, string dead, TimeSpan timeout);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Error, Message = "Silo {Instance} was declared dead by the cluster: it stops serving and rejoins as a new incarnation")]
    public static partial void DeclaredDeadSelf(ILogger logger, string instance);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Debug, Message = "Acquired partition {Ring}/{Partition} at epoch {Epoch}")]
    public static partial void LeaseAcquired(ILogger logger, string ring, int partition, long epoch);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Warning, Message = "Lost partition {Ring}/{Partition} (epoch {Epoch}): dropping its activations")]
    public static partial void LeaseLost(ILogger logger, string ring, int partition, long epoch);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Debug, Message = "Handed off partition {Ring}/{Partition} (epoch {Epoch})")]
    public static partial void LeaseReleased(ILogger logger, string ring, int partition, long epoch);

    [LoggerMessage(EventId = 2013, Level = LogLevel.Warning, Message = "Activations of partition {Ring}/{Partition} did not finish deactivating before the lease's safety margin; releasing anyway (their writes are fenced)")]
    public static partial void DrainTimedOut(ILogger logger, string ring, int partition);

    [LoggerMessage(EventId = 2020, Level = LogLevel.Warning, Message = "Cluster tick failed; leases not renewed in time stop being served")]
    public static partial void TickFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2021, Level = LogLevel.Warning, Message = "Reading the cluster's figures (silo stats, partition counts, membership events) failed; serving the previous reading")]
    public static partial void FiguresFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2030, Level = LogLevel.Warning, Message = "Connection to silo {Address} failed")]
    public static partial void ConnectionFailed(ILogger logger, string address, Exception exception);

    [LoggerMessage(EventId = 2031, Level = LogLevel.Warning, Message = "{Streams} call streams were still open {Timeout} after the Closing frame; stopping the silo-to-silo server closes them")]
    public static partial void StreamsStillOpen(ILogger logger, int streams, TimeSpan timeout);
}
