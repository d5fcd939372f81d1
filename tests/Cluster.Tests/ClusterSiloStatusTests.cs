using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using SampleMind.Cluster.Tests.Support;
using SampleMind.Runtime.Cluster;
using SampleMind.Runtime.Diagnostics;
using SampleMind.Runtime.Hosting;
using SampleMind.TestSupport;

namespace SampleMind.Cluster.Tests;

/// <summary>
/// What readiness and the dashboard read in cluster mode: a silo is joining until it joined and took
/// its first leases, running after that, draining from the start of its leave; and it lists itself
/// first, then every other live silo. A running silo whose heartbeat and renewal fail (its database is away) is
/// unavailable, with the reason readiness answers, until a tick succeeds again.
/// </summary>
public sealed class ClusterSiloStatusTests
{
    [Fact]
    public async Task A_silo_is_joining_until_it_joined_draining_once_it_leaves_and_lists_the_other_silo()
    {
        await using var cluster = await TestCluster.CreateAsync();
        var other = await cluster.StartSiloAsync("b-other");
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var directory = Directory.CreateTempSubdirectory("samplemind-status-").FullName;
        builder.Services.AddSampleMindSilo(o =>
        {
            o.SiloId = "a-joiner";
            o.DataDirectory = directory;
        });
        var port = TestCluster.FreePort();
        builder.Services.AddSampleMindCluster(configure: o => TestCluster.Configure(o, cluster.ConnectionString, port));
        var host = builder.Build();
        try
        {
            var diagnostics = host.Services.GetRequiredService<IClusterDiagnostics>();
            var runtime = host.Services.GetRequiredService<SiloRuntime>();
            var silo = host.Services.GetRequiredService<ClusterSilo>();
            Assert.Equal(SiloStatus.Joining, diagnostics.GetLocalSilo().Status);

            await runtime.StartAsync(CancellationToken.None);
            Assert.Equal(SiloStatus.Joining, diagnostics.GetLocalSilo().Status);

            await silo.StartAsync(CancellationToken.None);
            Assert.Equal(SiloStatus.Running, diagnostics.GetLocalSilo().Status);
            await Eventually.HoldsAsync(() => diagnostics.GetSilos().Select(s => s.SiloId).SequenceEqual(["a-joiner", "b-other"]),
                TimeSpan.FromSeconds(20), "the joiner to list itself, then the other silo");
            var seenByOther = new ClusterSiloDiagnostics(other.Runtime, other.Cluster);
            await Eventually.HoldsAsync(() => seenByOther.GetSilos().Select(s => s.SiloId).SequenceEqual(["b-other", "a-joiner"]),
                TimeSpan.FromSeconds(20), "the other silo to list itself, then the joiner");
            Assert.All(seenByOther.GetSilos(), s => Assert.Equal(SiloStatus.Running, s.Status));
            Assert.NotNull(seenByOther.GetSilos()[1].StartedAt);

            await silo.StopAsync(CancellationToken.None);
            Assert.Equal(SiloStatus.Draining, diagnostics.GetLocalSilo().Status);
            await runtime.StopAsync(CancellationToken.None);
            Assert.Equal(SiloStatus.Stopped, diagnostics.GetLocalSilo().Status);
            await Eventually.HoldsAsync(() => seenByOther.GetSilos().Select(s => s.SiloId).SequenceEqual(["b-other"]),
                TimeSpan.FromSeconds(20), "the other silo to drop the silo that left");
        }
        finally
        {
            await ((IAsyncDisposable)host).DisposeAsync();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_silo_whose_ticks_fail_is_unavailable_until_one_succeeds_again()
    {
        await using var cluster = await TestCluster.CreateAsync();
        var silo = await cluster.StartSiloAsync("a-cut-off");
        var diagnostics = new ClusterSiloDiagnostics(silo.Runtime, silo.Cluster);
        Assert.Null(diagnostics.GetUnavailableReason());

        // The heartbeat's table goes away: every tick fails as it does while the server is unreachable.
        await ExecuteAsync(cluster.ConnectionString, "ALTER TABLE silos RENAME TO silos_away");
        await Eventually.HoldsAsync(() => diagnostics.GetUnavailableReason() is not null, TimeSpan.FromSeconds(20),
            "the silo to be unavailable once its ticks fail");
        Assert.Equal(SiloStatus.Running, diagnostics.GetLocalSilo().Status);
        Assert.StartsWith("The silo cannot reach the cluster database", diagnostics.GetUnavailableReason(), StringComparison.Ordinal);

        await ExecuteAsync(cluster.ConnectionString, "ALTER TABLE silos_away RENAME TO silos");
        await Eventually.HoldsAsync(() => diagnostics.GetUnavailableReason() is null, TimeSpan.FromSeconds(20),
            "the silo to be available again once a tick succeeds");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
