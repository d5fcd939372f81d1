using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using SampleMind.Runtime;
using SampleMind.Runtime.Cluster;
using SampleMind.Runtime.Hosting;
using SampleMind.TestSupport;

namespace SampleMind.Cluster.Tests.Support;

/// <summary>
/// In-process silos sharing one fresh PostgreSQL schema on the test server (SAMPLEMIND_TEST_POSTGRES).
/// Each silo is its own host with its own Kestrel port; leases are short (3 s) so faults resolve fast.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    public const string PostgresVariable = "SAMPLEMIND_TEST_POSTGRES";

    private readonly List<TestClusterSilo> _silos = [];

    private TestCluster(string connectionString) => ConnectionString = connectionString;

    /// <summary>Lease duration for silos started from now on (3 s unless a test needs slack for heavy load).</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Response timeout for silos started from now on (the runtime's default when null).</summary>
    public TimeSpan? ResponseTimeout { get; set; }

    public string ConnectionString { get; }

    /// <summary>Extra silo settings for silos started from now on (after the defaults).</summary>
    public Action<SiloOptions>? ConfigureSilo { get; set; }

    /// <summary>Extra cluster settings for silos started from now on (after the defaults).</summary>
    public Action<ClusterOptions>? ConfigureCluster { get; set; }

    public IReadOnlyList<TestClusterSilo> Silos => _silos;

    public static async Task<TestCluster> CreateAsync() => new(await NewSchemaAsync());

    /// <summary>A cluster whose silos connect with <paramref name="connectionString"/> (a schema of <see cref="NewSchemaAsync"/>, through a relay).</summary>
    public static TestCluster Over(string connectionString) => new(connectionString);

    /// <summary>A connection string to a new, empty schema of the test server.</summary>
    public static async Task<string> NewSchemaAsync()
    {
        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                $"{PostgresVariable} is not set: the cluster tests need a PostgreSQL server. Run scripts/test.sh, " +
                "or `source scripts/postgres-test-server.sh` in the shell that runs dotnet test.");
        }

        var schema = "c_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            await command.ExecuteNonQueryAsync();
        }

        // The churn test writes 10,000 grains at once through 40 connections: on a shared, loaded server the
        // wait for a pooled connection can pass Npgsql's default 15 s, which is no fault of the cluster.
        return new NpgsqlConnectionStringBuilder(server) { SearchPath = schema, MaxPoolSize = 40, Timeout = 60 }.ConnectionString;
    }

    public static int FreePort() =>
        BuiltHosts.FreeLoopbackPort();

    public static void Configure(ClusterOptions options, string connectionString, int port)
    {
        options.Mode = "cluster";
        options.Postgres = connectionString;
        options.Partitions = 16;
        options.LeaseDuration = TimeSpan.FromSeconds(3);
        options.HeartbeatInterval = TimeSpan.FromMilliseconds(500);
        options.SiloTimeout = TimeSpan.FromSeconds(2);
        options.AdvertisedAddress = $"http://127.0.0.1:{port}";
    }

    public async Task<TestClusterSilo> StartSiloAsync(string siloId, params string[] roles)
    {
        var port = FreePort();
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        if (Environment.GetEnvironmentVariable("SAMPLEMIND_TEST_LOG") == "1")
        {
            builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Information);
        }

        var responseTimeout = ResponseTimeout;
        builder.Services.AddSampleMindSilo(o =>
        {
            o.SiloId = siloId;
            o.ResponseTimeout = responseTimeout ?? o.ResponseTimeout;
            o.Roles = [.. roles];
            o.DataDirectory = Path.Combine(Path.GetTempPath(), "samplemind-cluster-tests", siloId + "-" + Guid.NewGuid().ToString("N")[..8]);
        });
        if (ConfigureSilo is { } configureSilo)
        {
            builder.Services.Configure(configureSilo);
        }

        var lease = LeaseDuration;
        var configureCluster = ConfigureCluster;
        builder.Services.AddSampleMindCluster(configure: o =>
        {
            Configure(o, ConnectionString, port);
            o.LeaseDuration = lease;
            configureCluster?.Invoke(o);
        });
        var host = builder.Build();
        await host.StartAsync();
        var silo = new TestClusterSilo(siloId, host);
        _silos.Add(silo);
        return silo;
    }

    public async Task StopSiloAsync(TestClusterSilo silo)
    {
        _silos.Remove(silo);
        await silo.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos.ToList())
        {
            await silo.DisposeAsync();
        }

        _silos.Clear();
    }
}

/// <summary>One in-process silo of a <see cref="TestCluster"/>.</summary>
public sealed class TestClusterSilo(string siloId, IHost host) : IAsyncDisposable
{
    private bool _disposed;

    public string SiloId { get; } = siloId;

    public IGrainFactory Grains => host.Services.GetRequiredService<IGrainFactory>();

    internal ClusterSilo Cluster => host.Services.GetRequiredService<ClusterSilo>();

    internal SiloRuntime Runtime => host.Services.GetRequiredService<SiloRuntime>();

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await host.StopAsync();
        host.Dispose();
    }
}
