using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SampleMind.Runtime.Activation;
using SampleMind.Runtime.Cluster.Membership;
using SampleMind.Runtime.Cluster.Placement;
using SampleMind.Runtime.Cluster.Storage;
using SampleMind.Runtime.Cluster.Transport;
using SampleMind.Runtime.Hosting;

namespace SampleMind.Runtime.Cluster;

/// <summary>
/// This silo's part in the cluster: membership (join, heartbeat, declaring others dead, rejoining
/// when declared dead), partition leases (acquire what rendezvous hashing assigns to it, renew
/// every tick, hand off what moved away, drop what was lost), the route cache, the HTTP/2 server
/// and the connections to other silos. Start joins and completes one tick before returning; stop
/// leaves and hands every partition off before the server stops.
/// </summary>
internal sealed partial class ClusterSilo : IAsyncDisposable
{
    private readonly SiloRuntime _runtime;
    private readonly ILogger _logger;
    private readonly MembershipTable _membership;
    private readonly SiloUsage _usage;
    private readonly LeaseTable _leases;
    private readonly PostgresGrainStorage _storage;
    private readonly Npgsql.NpgsqlDataSource _control;
    private readonly ClusterServer _server;
    private readonly HttpClient _client;
    private readonly ConcurrentDictionary<string, SiloConnection> _connections = new(StringComparer.Ordinal);

    /// <summary>
    /// Partitions whose hand-off began (and that this silo has not asked for again since): a renewal that ran just
    /// before such a partition's release must not adopt it back.
    /// </summary>
    private readonly ConcurrentDictionary<(int Ring, int Partition), byte> _handedOff = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _refreshLock = new();
    private Task _refresh = Task.CompletedTask;
    private long _lastRefresh;
    private readonly CancellationTokenSource _loopStop = new();
    private readonly TaskCompletionSource _loopDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _loopStarted;
    private volatile bool _leaving;
    private volatile bool _joined;
    private long _lastTickDone;
    private volatile bool _tickFailed;

    /// <summary>True once this process's first incarnation is in the membership table (a leave has something to mark).</summary>
    private volatile bool _member;
    private SiloEntry _self = null!;

    /// <summary>True from a heartbeat that failed to the next that succeeds (the loop's thread only).</summary>
    private bool _heartbeatFailed;

    /// <summary>When this silo's heartbeats succeeded again after failing (null until they first fail): it declares no one dead for a silo timeout after it.</summary>
    private long? _heardAgainAt;

    public ClusterSilo(SiloRuntime runtime, IOptions<ClusterOptions> options, PostgresGrainStorage storage, ILoggerFactory loggerFactory)
    {
        _runtime = runtime;
        Options = options.Value;
        _storage = storage;
        _logger = loggerFactory.CreateLogger("SampleMind.Runtime.Cluster");
        // The control plane has its own small pool: heartbeats and renewals never queue behind grain state traffic.
        _control = Npgsql.NpgsqlDataSource.Create(new Npgsql.NpgsqlConnectionStringBuilder(Options.Postgres)
        {
            MinPoolSize = 1,
            MaxPoolSize = 4,
            ApplicationName = "samplemind-cluster-control",

            // A control statement slower than a lease is useless: fail it, so the loop drops what expires and goes on.
            CommandTimeout = (int)Math.Ceiling(Options.LeaseDuration.TotalSeconds),
            Timeout = (int)Math.Ceiling(Options.LeaseDuration.TotalSeconds),
        }.ConnectionString);
        _membership = new MembershipTable(_control);
        _usage = new SiloUsage(runtime.Time);
        Figures = new ClusterFiguresReader(_control, runtime.Time, Options.SiloTimeout, _logger);
        _leases = new LeaseTable(_control);
        Partitions = new PartitionTable(runtime.Time, Options.Partitions);
        Routes = new RouteTable(Options.Partitions);
        Address = Options.AdvertisedAddress.TrimEnd('/');
        _server = new ClusterServer(new ClusterCallHandler(runtime, this), _logger);
        _client = new HttpClient(new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = TimeSpan.FromSeconds(2),
            KeepAlivePingDelay = TimeSpan.FromSeconds(10),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(20),
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
        })
        {
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public ClusterOptions Options { get; }

    public PartitionTable Partitions { get; }

    public RouteTable Routes { get; }

    /// <summary>Every live silo's published figures and the latest membership events (the dashboard's source).</summary>
    public ClusterFiguresReader Figures { get; }

    /// <summary>This silo's advertised address, without a trailing slash.</summary>
    public string Address { get; }

    public string SiloId => _runtime.Options.SiloId;

    /// <summary>True once the silo joined and took its first leases (start completed its first tick).</summary>
    public bool HasJoined => _joined;

    /// <summary>
    /// True while this silo reaches the cluster database: its last heartbeat and renewal tick succeeded, and one
    /// finished within the lease duration (a tick that hangs on an unreachable server counts as failed once it passed).
    /// </summary>
    public bool ReachesDatabase =>
        _joined && !_tickFailed && _runtime.Time.GetElapsedTime(Interlocked.Read(ref _lastTickDone)) < Options.LeaseDuration;

    /// <summary>True once a graceful leave began (partitions are being handed off).</summary>
    public bool IsLeaving => _stopping.IsCancellationRequested;

    /// <summary>Starts the server, joins, takes the first leases and fills the route cache, then runs the loop.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _storage.EnsureSchemaAsync();
        if (await _leases.EnsurePartitionsAsync(Options.Partitions, cancellationToken) is var partitions && partitions != Options.Partitions)
        {
            throw new InvalidOperationException(
                $"Cluster:Partitions is {Options.Partitions}, but the cluster's database was created with {partitions} partitions per ring, " +
                $"fixed for its life: set Cluster:Partitions to {partitions} on every silo, or give this cluster a new database.");
        }

        _storage.UseFence(Partitions);
        _runtime.AdmitActivation = AdmitActivation;
        var router = (ClusterGrainCallRouter)_runtime.Router;
        _runtime.Redispatch = request => router.Route(request, null);
        var advertised = new Uri(Address);
        await _server.StartAsync(await ListenAddressesAsync(Options, advertised), advertised.Port, cancellationToken);
        await WaitForTwinToGoAsync(cancellationToken);
        await JoinAsync(async: true, cancellationToken);
        await TickAsync(async: true, cancellationToken);
        Interlocked.Exchange(ref _lastTickDone, _runtime.Time.GetTimestamp());
        _joined = true;
        StartLoop();
    }

    /// <summary>
    /// Before the first join: a live incarnation of this silo id is another process started with the same
    /// <c>Silo:SiloId</c>, or this silo's predecessor, killed moments ago. Joining beside a running one would declare it
    /// dead, it would rejoin and declare this one dead, each heartbeat. At another address the silo waits for it to stop
    /// or fall silent (a killed predecessor within <see cref="ClusterOptions.SiloTimeout"/>) and refuses to start when it
    /// is still heard after twice that. At this silo's own address (a restart, or a second process advertising the same
    /// address) it watches that incarnation for two ticks: a killed predecessor writes no heartbeat and the silo joins;
    /// one that writes is running, and the silo refuses to start.
    /// </summary>
    private async Task WaitForTwinToGoAsync(CancellationToken cancellationToken)
    {
        var wait = Options.SiloTimeout * 2;
        var started = _runtime.Time.GetTimestamp();
        var warned = false;
        LiveTwin? here = null;
        var hereSince = started;
        while (await _membership.FindLiveTwinAsync(SiloId, Options.SiloTimeout, cancellationToken) is { } twin)
        {
            if (string.Equals(twin.Address, Address, StringComparison.Ordinal))
            {
                if (here is null || here.Instance != twin.Instance)
                {
                    (here, hereSince) = (twin, _runtime.Time.GetTimestamp());
                }
                else if (twin.Heartbeat != here.Heartbeat)
                {
                    throw TwinRunning(twin);
                }
                else if (_runtime.Time.GetElapsedTime(hereSince) >= Options.TickInterval * 2)
                {
                    return;
                }

                await Task.Delay(Options.TickInterval / 2, _runtime.Time, cancellationToken);
                continue;
            }

            if (_runtime.Time.GetElapsedTime(started) >= wait)
            {
                throw TwinRunning(twin);
            }

            if (!warned)
            {
                ClusterLog.TwinAlive(_logger, SiloId, twin.Address, Address, wait);
                warned = true;
            }

            await Task.Delay(Options.HeartbeatInterval, _runtime.Time, cancellationToken);
        }
    }

    private InvalidOperationException TwinRunning(LiveTwin twin) =>
        new($"Silo:SiloId '{SiloId}' is in use by a running silo at {twin.Address}: give this silo an id of its own, or stop that one first.");

    /// <summary>Graceful leave: marks this silo gone, hands every partition off, lets callers refresh, then stops serving.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync();
        if (!_member)
        {
            // It never joined (its start failed): there is no membership to leave and nothing to hand off.
            await _server.StopAsync(cancellationToken);
            return;
        }

        // The loop keeps renewing (only) while the partitions drain, so no lease expires under a grain still writing.
        _leaving = true;
        try
        {
            await _membership.LeaveAsync(Partitions.Instance, cancellationToken);
            var held = Partitions.Held().ToList();
            await Task.WhenAll(held.Select(h => HandOffAsync(h.Ring, h.Partition, h.Lease, cancellationToken)));
            ClusterLog.Left(_logger, Partitions.Instance, held.Count);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The database is down: the silo still stops (a stop must not crash the process); what it could not hand
            // off is taken over as after a kill, when its leases expire.
            ClusterLog.LeaveFailed(_logger, Partitions.Instance, e);
        }

        await _loopStop.CancelAsync();
        if (_loopStarted)
        {
            await _loopDone.Task;
        }

        // Callers still routing here get "not owner" and refresh; give them a tick to learn the new owners.
        await Task.Delay(Options.TickInterval, _runtime.Time, cancellationToken);
        await _server.StopAsync(cancellationToken);
        foreach (var connection in _connections.Values)
        {
            connection.Close();
        }
    }

    /// <summary>The stream to <paramref name="address"/>, opened on first use and again after it closed.</summary>
    public SiloConnection Connection(string address)
    {
        while (true)
        {
            var connection = _connections.GetOrAdd(address, static (a, self) => new SiloConnection(a, self._client, (ClusterGrainCallRouter)self._runtime.Router, self._logger), this);
            if (!connection.IsClosed)
            {
                return connection;
            }

            _connections.TryRemove(new KeyValuePair<string, SiloConnection>(address, connection));
        }
    }

    /// <summary>A local observer's id as other silos must see it: with this silo's address after '@'.</summary>
    public GrainId ExportAddress(GrainId id) =>
        id.Type == Catalog.ObserverType && !id.Key.Contains('@', StringComparison.Ordinal) ? new GrainId(id.Type, id.Key + "@" + Address) : id;

    /// <summary>An observer id pointing at this silo, as the local catalog knows it (the address stripped).</summary>
    public GrainId ImportAddress(GrainId id) =>
        id.Type == Catalog.ObserverType && id.Key.EndsWith("@" + Address, StringComparison.Ordinal)
            ? new GrainId(id.Type, id.Key[..^(Address.Length + 1)])
            : id;

    /// <summary>Refreshes the route cache soon (at most one refresh at a time, at most every 20 ms).</summary>
    public void RequestRefresh()
    {
        lock (_refreshLock)
        {
            var now = _runtime.Time.GetTimestamp();
            if (!_refresh.IsCompleted || _runtime.Time.GetElapsedTime(_lastRefresh, now) < TimeSpan.FromMilliseconds(20))
            {
                return;
            }

            _lastRefresh = now;
            _refresh = RefreshRoutesAsync(null, async: true, _stopping.Token).AsTask();
        }
    }

    /// <summary>
    /// Where the silo-to-silo endpoint listens: <see cref="ClusterOptions.ListenAddress"/> when set,
    /// else only the advertised host (an IP literal, loopback for "localhost", or the addresses a
    /// host name resolves to), never every interface by default.
    /// </summary>
    internal static async Task<IPAddress[]> ListenAddressesAsync(ClusterOptions options, Uri advertised)
    {
        if (!string.IsNullOrWhiteSpace(options.ListenAddress))
        {
            return [IPAddress.Parse(options.ListenAddress)];
        }

        if (IPAddress.TryParse(advertised.IdnHost, out var ip))
        {
            return [ip];
        }

        if (string.Equals(advertised.IdnHost, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return [IPAddress.Loopback];
        }

        return await Dns.GetHostAddressesAsync(advertised.IdnHost);
    }

    private HeldLease AdmitActivation(GrainId id) =>
        Partitions.TryAdmit(id) ?? throw new NotOwnerException($"Silo {SiloId} does not serve the partition of {id}.");

    private async ValueTask RefreshRoutesAsync(List<SiloEntry>? active, bool async, CancellationToken cancellationToken)
    {
        try
        {
            active ??= await _membership.ReadActiveAsync(Options.SiloTimeout, async, cancellationToken).ConfigureAwait(false);
            var owners = await _leases.ReadOwnersAsync(async, cancellationToken).ConfigureAwait(false);
            Routes.Update(active, owners);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            ClusterLog.TickFailed(_logger, ex);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        await _server.DisposeAsync();
        _client.Dispose();
        await _control.DisposeAsync();
        _stopping.Dispose();
        _loopStop.Dispose();
    }
}
