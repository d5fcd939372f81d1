using SampleMind.Runtime.Cluster.Placement;

namespace SampleMind.Runtime.Cluster;

internal sealed partial class ClusterSilo
{
    private async ValueTask JoinAsync(bool async, CancellationToken cancellationToken)
    {
        var incarnation = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        _self = new SiloEntry($"{SiloId}@{incarnation}", SiloId, Address, [.. _runtime.Options.EffectiveRoles]);
        Partitions.Instance = _self.Instance;
        await _membership.JoinAsync(_self, incarnation, async, cancellationToken).ConfigureAwait(false);
        _member = true;
        var database = new Npgsql.NpgsqlConnectionStringBuilder(Options.Postgres) { Password = null };
        ClusterLog.Joined(_logger, _self.Instance, Address, string.Join(",", _self.Roles), Options.Partitions, Options.LeaseDuration,
            Options.HeartbeatInterval, Options.SiloTimeout, $"{database.Host}:{database.Port}/{database.Database}");
        Emit(ClusterEvents.Joined, null, -1, 0, null);
    }

    /// <summary>
    /// Starts the membership and lease loop on its own thread. Its statements run synchronously
    /// (<see cref="ControlSql"/>), so heartbeats and renewals neither wait for a thread-pool thread
    /// nor queue behind grain work when the pool is saturated.
    /// </summary>
    private void StartLoop()
    {
        var thread = new Thread(RunLoop)
        {
            IsBackground = true,
            Name = "SampleMind cluster leases",
            Priority = ThreadPriority.AboveNormal,
        };
        thread.Start();
        _loopStarted = true;
    }

    private void RunLoop()
    {
        var cancellationToken = _loopStop.Token;
        try
        {
            var interval = Options.TickInterval;
            var wait = interval;
            while (!cancellationToken.WaitHandle.WaitOne(wait))
            {
                var started = _runtime.Time.GetTimestamp();
                try
                {
                    ControlSql.Sync(TickAsync(async: false, cancellationToken));
                    Interlocked.Exchange(ref _lastTickDone, _runtime.Time.GetTimestamp());
                    _tickFailed = false;
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    _tickFailed = true;
                    ClusterLog.TickFailed(_logger, ex);
                    DropExpired();
                }
                catch (Exception) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }

                // A fixed cadence: a slow tick shortens the next wait (never below zero).
                var elapsed = _runtime.Time.GetElapsedTime(started);
                wait = elapsed >= interval ? TimeSpan.Zero : interval - elapsed;
            }
        }
        finally
        {
            _loopDone.TrySetResult();
        }
    }

    /// <summary>One round: heartbeat, declare the silent dead, renew, acquire and hand off, refresh routes.</summary>
    private async ValueTask TickAsync(bool async, CancellationToken cancellationToken)
    {
        var started = _runtime.Time.GetTimestamp();
        if (_leaving)
        {
            await RenewAsync(started, async, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!await HeartbeatAsync(started, async, cancellationToken).ConfigureAwait(false))
        {
            await RejoinAsync(async, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (_heardAgainAt is not { } back || _runtime.Time.GetElapsedTime(back, started) >= Options.SiloTimeout)
        {
            foreach (var dead in await _membership.DeclareDeadAsync(Options.SiloTimeout, _self.Instance, async, cancellationToken).ConfigureAwait(false))
            {
                ClusterLog.DeclaredDead(_logger, _self.Instance, dead, Options.SiloTimeout);
                Emit(ClusterEvents.SiloDeclaredDead, null, -1, 0, dead);
            }
        }

        var active = await _membership.ReadActiveAsync(Options.SiloTimeout, async, cancellationToken).ConfigureAwait(false);
        await RenewAsync(started, async, cancellationToken).ConfigureAwait(false);
        await AcquireAndHandOffAsync(active, started, async, cancellationToken).ConfigureAwait(false);
        await RefreshRoutesAsync(active, async, cancellationToken).ConfigureAwait(false);
        _lastRefresh = _runtime.Time.GetTimestamp();
    }

    /// <summary>
    /// Writes this silo's heartbeat; false when it was declared dead. The first heartbeat that succeeds after one that
    /// failed starts <see cref="_heardAgainAt"/>: while this silo could not reach the database, the others most likely
    /// could not either (an outage, a restart), so their silence then says nothing about them. It judges others again
    /// once it has written for a whole <see cref="ClusterOptions.SiloTimeout"/>, by which time every live silo has
    /// heartbeat too; one still silent is dead, declared one timeout later than without the outage.
    /// </summary>
    private async ValueTask<bool> HeartbeatAsync(long started, bool async, CancellationToken cancellationToken)
    {
        bool active;
        try
        {
            active = await _membership.HeartbeatAsync(_self.Instance, _usage.Read(), async, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception)
        {
            _heartbeatFailed = true;
            throw;
        }

        if (_heartbeatFailed)
        {
            _heartbeatFailed = false;
            _heardAgainAt = started;
        }

        return active;
    }

    private long ValidUntil(long started) =>
        started + (long)((Options.LeaseDuration - Options.LeaseSafetyMargin).TotalSeconds * _runtime.Time.TimestampFrequency);

    private async ValueTask RenewAsync(long started, bool async, CancellationToken cancellationToken)
    {
        var renewed = (await _leases.RenewAsync(_self.Instance, Options.LeaseDuration, async, cancellationToken).ConfigureAwait(false))
            .ToDictionary(l => (l.Ring, l.Partition), l => l.Epoch);
        foreach (var (ring, partition, lease) in Partitions.Held())
        {
            if (renewed.Remove((ring, partition), out var epoch) && epoch == lease.Epoch)
            {
                lease.ValidUntil = ValidUntil(started);
            }
            else
            {
                Lose(ring, partition, lease);
            }
        }

        // Leases the table says this instance holds but it does not know of (an acquire whose answer was lost): adopt them,
        // unless this silo is leaving or is handing the partition off: the renewal then ran just before the release, and
        // adopting the partition would serve it again under a lease the table no longer gives this silo.
        foreach (var ((ring, partition), epoch) in renewed)
        {
            if (!_leaving && !_handedOff.ContainsKey((ring, partition)))
            {
                Partitions.Set(ring, partition, new HeldLease(epoch, ValidUntil(started)));
            }
        }
    }

    private async ValueTask AcquireAndHandOffAsync(List<SiloEntry> active, long started, bool async, CancellationToken cancellationToken)
    {
        var wanted = new List<(int Ring, int Partition)>();
        foreach (var ring in Rings.RingsOf(_self.Roles))
        {
            var members = active.Where(s => ring == 0 || s.Roles.Contains(Rings.All[ring])).ToList();
            for (var partition = 0; partition < Options.Partitions; partition++)
            {
                var mine = Rings.Owner(members, ring, partition)?.Instance == _self.Instance;
                var held = Partitions.Get(ring, partition);
                if (mine && held is null)
                {
                    wanted.Add((ring, partition));
                }
                else if (!mine && held is { Draining: false })
                {
                    // Draining waits for grains: off this thread.
                    held.Draining = true;
                    var (r, p) = (ring, partition);
                    _ = Task.Run(() => HandOffAsync(r, p, held, cancellationToken), CancellationToken.None);
                }
            }
        }

        if (wanted.Count == 0)
        {
            return;
        }

        foreach (var key in wanted)
        {
            _handedOff.TryRemove(key, out _);
        }

        foreach (var (ring, partition, epoch) in await _leases.AcquireAsync(_self.Instance, Options.LeaseDuration, wanted, async, cancellationToken).ConfigureAwait(false))
        {
            Partitions.Set(ring, partition, new HeldLease(epoch, ValidUntil(started)));
            ClusterLog.LeaseAcquired(_logger, Rings.All[ring], partition, epoch);
            Emit(ClusterEvents.LeaseAcquired, Rings.All[ring], partition, epoch, null);
        }
    }

    /// <summary>Graceful move: stop taking calls, deactivate the partition's grains, release the lease.</summary>
    private async Task HandOffAsync(int ring, int partition, HeldLease lease, CancellationToken cancellationToken)
    {
        _handedOff[(ring, partition)] = 0;

        // Renewals go on while draining, so the grains get up to a whole lease to finish their turns.
        var deadline = _runtime.Time.GetTimestamp() + (long)(Options.LeaseDuration.TotalSeconds * _runtime.Time.TimestampFrequency);
        await DeactivatePartitionAsync(ring, partition, lease, deadline);
        try
        {
            await _leases.ReleaseAsync(_self.Instance, ring, partition, lease.Epoch, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // Not released: it expires on its own.
            ClusterLog.TickFailed(_logger, ex);
        }

        if (ReferenceEquals(Partitions.Get(ring, partition), lease))
        {
            Partitions.Set(ring, partition, null);
        }

        ClusterLog.LeaseReleased(_logger, Rings.All[ring], partition, lease.Epoch);
        Emit(ClusterEvents.LeaseReleased, Rings.All[ring], partition, lease.Epoch, null);
        _ = cancellationToken;
    }

    private void Lose(int ring, int partition, HeldLease lease)
    {
        Partitions.Set(ring, partition, null);
        ClusterLog.LeaseLost(_logger, Rings.All[ring], partition, lease.Epoch);
        Emit(ClusterEvents.LeaseLost, Rings.All[ring], partition, lease.Epoch, null);
        var now = _runtime.Time.GetTimestamp();
        _ = Task.Run(() => DeactivatePartitionAsync(ring, partition, lease, now), CancellationToken.None);
    }

    /// <summary>After a failed tick: partitions whose validity passed are lost (their calls already stopped).</summary>
    private void DropExpired()
    {
        var now = _runtime.Time.GetTimestamp();
        foreach (var (ring, partition, lease) in Partitions.Held().ToList())
        {
            if (now >= lease.ValidUntil)
            {
                Lose(ring, partition, lease);
            }
        }
    }

    /// <summary>This instance was declared dead: drop everything, then join again as a new incarnation.</summary>
    private async ValueTask RejoinAsync(bool async, CancellationToken cancellationToken)
    {
        ClusterLog.DeclaredDeadSelf(_logger, _self.Instance);
        Emit(ClusterEvents.DeclaredDeadSelf, null, -1, 0, null);
        foreach (var (ring, partition, lease) in Partitions.Held().ToList())
        {
            Lose(ring, partition, lease);
        }

        await JoinAsync(async, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Deactivates the partition's activations. The creations its lease admitted before it stopped admitting are
    /// waited for first, so the one enumeration sees every activation the partition has; calls queued on a
    /// deactivating activation are routed again (to the new owner), and none can create an activation here.
    /// </summary>
    private async Task DeactivatePartitionAsync(int ring, int partition, HeldLease lease, long deadline)
    {
        await lease.StopAdmittingAsync();
        var victims = _runtime.Catalog.Activations
            .Where(a => !a.ClassInfo.IsObserver && Rings.RingOf(a.GrainId.Type) == ring &&
                Rings.PartitionOf(a.GrainId.Type, a.GrainId.Key, Options.Partitions) == partition)
            .ToList();
        if (victims.Count == 0)
        {
            return;
        }

        foreach (var victim in victims)
        {
            _ = victim.StopAsync();
        }

        var remaining = _runtime.Time.GetElapsedTime(_runtime.Time.GetTimestamp(), deadline);
        var all = Task.WhenAll(victims.Select(v => v.Deactivated));
        if (remaining <= TimeSpan.Zero || await Task.WhenAny(all, Task.Delay(remaining, _runtime.Time)) != all)
        {
            ClusterLog.DrainTimedOut(_logger, Rings.All[ring], partition);
        }
    }

    private void Emit(string name, string? ring, int partition, long epoch, string? detail) =>
        ClusterEvents.Write(name, new ClusterEvent(SiloId, _self.Instance, ring, partition, epoch, detail));
}
