using Microsoft.Extensions.Logging;
using Npgsql;
using SampleMind.Runtime.Diagnostics;

namespace SampleMind.Runtime.Cluster.Membership;

/// <summary>
/// Reads <see cref="ClusterFigures"/> in one round trip (live silos with their published figures,
/// partition leases counted per owner and ring, the latest membership events) at most once per
/// <see cref="MaxAge"/>: concurrent and repeated callers share the last reading. A failed read logs
/// and serves the previous figures until the next attempt.
/// </summary>
internal sealed class ClusterFiguresReader(NpgsqlDataSource dataSource, TimeProvider time, TimeSpan siloTimeout, ILogger logger)
{
    /// <summary>How many membership events a reading carries.</summary>
    public const int EventsShown = 50;

    /// <summary>How long a reading is served before the next one.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private Task<ClusterFigures>? _pending;
    private ClusterFigures _last = ClusterFigures.Empty;
    private long _readAt;

    public Task<ClusterFigures> ReadAsync()
    {
        lock (_lock)
        {
            if (_pending is null || (_pending.IsCompleted && time.GetElapsedTime(_readAt) >= MaxAge))
            {
                _readAt = time.GetTimestamp();
                _pending = ReadOrKeepAsync();
            }

            return _pending;
        }
    }

    private async Task<ClusterFigures> ReadOrKeepAsync()
    {
        try
        {
            _last = await ReadNowAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            ClusterLog.FiguresFailed(logger, ex);
        }

        return _last;
    }

    private async Task<ClusterFigures> ReadNowAsync()
    {
        await using var batch = dataSource.CreateBatch();
        var silos = new NpgsqlBatchCommand(
            "SELECT silo_id, instance, address, cpu_percent, working_set_bytes, stats_at FROM silos WHERE status = 'active' AND heartbeat >= now() - $1");
        silos.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = siloTimeout });
        batch.BatchCommands.Add(silos);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            "SELECT owner, ring, count(*)::int FROM partition_leases WHERE owner IS NOT NULL AND expires_at > now() GROUP BY owner, ring ORDER BY ring"));
        var events = new NpgsqlBatchCommand("SELECT id, at, silo_id, instance, kind, detail FROM membership_events ORDER BY id DESC LIMIT $1");
        events.Parameters.Add(new NpgsqlParameter<int> { TypedValue = EventsShown });
        batch.BatchCommands.Add(events);

        await using var reader = await batch.ExecuteReaderAsync().ConfigureAwait(false);
        var rows = new List<(string SiloId, string Instance, string Address, double? Cpu, long? WorkingSet, DateTimeOffset? At)>();
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetDouble(3),
                reader.IsDBNull(4) ? null : reader.GetInt64(4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5)));
        }

        await reader.NextResultAsync().ConfigureAwait(false);
        var partitions = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            var owner = reader.GetString(0);
            if (!partitions.TryGetValue(owner, out var perRing))
            {
                partitions[owner] = perRing = new Dictionary<string, int>(StringComparer.Ordinal);
            }

            perRing[reader.GetString(1)] = reader.GetInt32(2);
        }

        await reader.NextResultAsync().ConfigureAwait(false);
        var recent = new List<MembershipEvent>();
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            recent.Add(new MembershipEvent(reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
        }

        recent.Reverse();
        var figures = new Dictionary<string, SiloFigures>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            figures[row.SiloId] = new SiloFigures(row.SiloId, row.Instance, row.Address, row.Cpu, row.WorkingSet, row.At,
                partitions.TryGetValue(row.Instance, out var held) ? held : new Dictionary<string, int>());
        }

        return new ClusterFigures(figures, recent);
    }
}
