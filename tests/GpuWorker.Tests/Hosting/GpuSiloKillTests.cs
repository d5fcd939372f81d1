using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using SampleMind.Audio;
using SampleMind.Grains.Abstractions.Compute;
using SampleMind.Grains.Abstractions.Samples;
using SampleMind.Grains.Abstractions.Tenants;
using SampleMind.Grains.Hosting;
using SampleMind.GpuWorker.Separation;
using SampleMind.GpuWorker.Tests.Support;
using SampleMind.Runtime;
using SampleMind.Runtime.Cluster;
using SampleMind.Scheduling;
using SampleMind.TestSupport;
using Xunit.Abstractions;

namespace SampleMind.GpuWorker.Tests.Hosting;

/// <summary>
/// Issue #9: a separation work item survives a kill -9 of its gpu silo. The topology is the
/// narrowest real cluster: this test process is an api-role silo (it records the sample and the
/// request and enqueues the item, as the API does), GpuWorker hosts are separate gpu-role silo
/// processes; all share PostgreSQL (membership, grain state, work queue) and a blob directory.
/// Worker A is killed once the request reports progress (the item is mid-way); worker B, started
/// after the kill, reclaims the item when A's lease runs out and finishes it once.
/// </summary>
[Collection(MemoryCollection.Name)]
public sealed class GpuSiloKillTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Rate = 44100;
    private const int Seconds = 180;
    private static readonly TimeSpan s_itemLease = TimeSpan.FromSeconds(6);
    private readonly string _dir = Directory.CreateTempSubdirectory("samplemind-gpukill-").FullName;
    private string _postgres = "";
    private IHost? _api;

    public async Task InitializeAsync() => _postgres = await NewSchemaAsync();

    public async Task DisposeAsync()
    {
        if (_api is not null)
        {
            await _api.StopAsync();
            _api.Dispose();
        }

        Directory.Delete(_dir, recursive: true);
    }

    [SharedDataFact]
    public async Task A_separation_survives_a_kill_9_of_its_gpu_silo_and_finishes_once()
    {
        var source = Path.Combine(_dir, "mixture.wav");
        var mixture = WriteMixture(source);
        _api = await StartApiSiloAsync();
        var grains = _api.Services.GetRequiredService<IGrainFactory>();
        var queue = _api.Services.GetRequiredService<IWorkQueue>();
        var request = await SubmitAsync(grains, source);
        var requestGrain = grains.GetGrain<IComputeRequestGrain>(request.RequestId);

        ComputeStatus status;
        await using (var first = GpuWorkerProcess.Start(_dir, WorkerSettings("gpu-a")))
        {
            await Eventually.HoldsAsync(async () =>
            {
                first.EnsureRunning();
                var s = await requestGrain.GetStatus();
                return s is { State: ComputeState.Running, Progress: > 0 };
            }, TimeSpan.FromMinutes(3), "worker A to report progress on the separation");
            first.Kill();
        }

        status = (await ReadAfterKillAsync(requestGrain.GetStatus))!;
        var counts = (await queue.GetJobCountsAsync(request.RequestId))!;
        output.WriteLine($"killed worker A at {status.Progress:P0}: request {status.State}, item leased {counts.Leased}, succeeded {counts.Succeeded}");
        Assert.Equal(ComputeState.Running, status.State);
        Assert.InRange(status.Progress, 0.01, 0.99);
        Assert.Equal(1, counts.Leased);
        Assert.Equal(0, counts.Succeeded);

        long peak;
        GpuSiloStats? gpuStats = null;
        await using (var second = GpuWorkerProcess.Start(_dir, WorkerSettings("gpu-b")))
        {
            await Eventually.HoldsAsync(async () =>
            {
                second.EnsureRunning();
                return (await requestGrain.GetStatus())!.State is ComputeState.Done or ComputeState.Failed;
            }, TimeSpan.FromMinutes(5), "worker B to finish the reclaimed separation");
            peak = ProcessMemory.PeakResidentBytes(second.Id);
            var statsGrain = grains.GetGrain<IGpuStatsGrain>(GpuStats.ClusterKey);
            await Eventually.HoldsAsync(async () =>
                (gpuStats = (await statsGrain.GetAll()).FirstOrDefault(s => s.SiloId == "gpu-b")) is { Requests: 1 },
                TimeSpan.FromMinutes(1), "worker B to report its figures for the dashboard");
        }

        // Worker B was killed at the end of its block too: a read that was sent on its broken connection is read again.
        status = (await ReadAfterKillAsync(requestGrain.GetStatus))!;
        counts = (await queue.GetJobCountsAsync(request.RequestId))!;
        Assert.True(status.State == ComputeState.Done, $"the request ended {status.State}: {status.Error}");
        Assert.Equal(2, status.Attempts);
        Assert.Equal(1, counts.Succeeded);
        Assert.Equal(0, counts.Failed + counts.Leased + counts.Pending);
        Assert.Single(await queue.ReadResultsAsync(request.RequestId, 0, 10));
        Assert.Equal(SeparationMethods.DspHpss, status.Method);
        Assert.Equal(["harmonic.flac", "percussive.flac"], status.Files.Select(f => f.Name).ToArray());

        var folder = Path.Combine(_dir, "blobs", "stems", request.SampleId, request.RequestId);
        Assert.Equal(["harmonic.flac", "percussive.flac"], Directory.GetFiles(folder).Select(f => Path.GetFileName(f)).Order().ToArray());
        var worst = WorstSumError(mixture, Path.Combine(folder, "harmonic.flac"), Path.Combine(folder, "percussive.flac"), out var frames);
        output.WriteLine($"3 min stereo through worker B: peak RSS {peak / 1048576.0:F0} MiB; stems {frames} frames, worst |h + p - mix| {worst:E2}; " +
            $"files {string.Join(", ", status.Files.Select(f => $"{f.Name} {f.SizeBytes / 1048576.0:F1} MiB"))}");
        Assert.Equal(mixture[0].Length, frames);
        output.WriteLine($"worker B reported: {gpuStats}");
        Assert.Equal("cpu", gpuStats!.Device);
        Assert.Equal(SeparationMethods.DspHpss, gpuStats.Method);
        Assert.True(gpuStats.Segments >= Seconds / 8, $"worker B reported {gpuStats.Segments} segments");
        Assert.InRange(gpuStats.BusySeconds, 1e-3, 3600);
        Assert.InRange(gpuStats.Utilisation, 0, 1);
        Assert.True(worst < 1e-3, $"the stems depart from the mixture by {worst}");
    }

    /// <summary>
    /// A read sent just as a killed silo's connection broke fails once with <see cref="SiloUnavailableException"/>
    /// (calls are at most once: the runtime cannot know whether it ran); the test reads again, as a client would.
    /// </summary>
    private static async Task<T> ReadAfterKillAsync<T>(Func<Task<T>> read)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await read();
            }
            catch (SiloUnavailableException) when (attempt < 3)
            {
            }
        }
    }

    /// <summary>A 3-minute stereo drum loop over a looped bass line, written as 16-bit WAV; returns it planar.</summary>
    private static float[][] WriteMixture(string path)
    {
        var (drums, _) = AudioFiles.Load("breaks157/000_PLEAD.WAV");
        var (bass, _) = AudioFiles.Load("bass2/69988__noizemassacre__hardcore-bass-1.wav");
        var frames = Rate * Seconds;
        var mixture = new float[2][];
        var interleaved = new float[frames * 2];
        for (var c = 0; c < 2; c++)
        {
            mixture[c] = new float[frames];
            for (var i = 0; i < frames; i++)
            {
                var v = (0.6f * drums[0][i % drums[0].Length]) + (0.3f * bass[c % bass.Length][i % bass[0].Length]);
                mixture[c][i] = v;
                interleaved[(i * 2) + c] = v;
            }
        }

        AudioEncoder.WriteWav(path, interleaved, Rate, 2, bitDepth: 24);
        return mixture;
    }

    /// <summary>Largest |harmonic + percussive − mixture| over the stems read back, and their frame count.</summary>
    private static double WorstSumError(float[][] mixture, string harmonicPath, string percussivePath, out long frames)
    {
        using var harmonic = AudioFileReader.Open(harmonicPath);
        using var percussive = AudioFileReader.Open(percussivePath);
        var h = new float[65536 * 2];
        var p = new float[65536 * 2];
        var worst = 0.0;
        frames = 0;
        int n;
        while ((n = harmonic.Read(h)) > 0)
        {
            Assert.Equal(n, percussive.Read(p.AsSpan(0, n * 2)));
            for (var i = 0; i < n; i++)
            {
                for (var c = 0; c < 2; c++)
                {
                    var error = Math.Abs(h[(i * 2) + c] + p[(i * 2) + c] - mixture[c][frames + i]);
                    worst = Math.Max(worst, error);
                }
            }

            frames += n;
        }

        return worst;
    }

    private async Task<IHost> StartApiSiloAsync()
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(Settings("api", Path.Combine(_dir, "api")).Select(kv => KeyValuePair.Create(kv.Key.Replace("__", ":", StringComparison.Ordinal), (string?)kv.Value)));
        builder.Services.AddSampleMindGrains(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>What the API does for POST /v1/samples/{id}/separate: submit the request (charged, queued for role gpu).</summary>
    private static async Task<ComputeRequest> SubmitAsync(IGrainFactory grains, string source)
    {
        var analysis = await new AudioAnalyzer().AnalyzeFileAsync(source, AnalysisLevel.Fast, CancellationToken.None);
        var sample = new SampleRecord("s-mixture", "t1", "lib", "mixture.wav", source, "sha", new FileInfo(source).Length, null, [], "ingest-1",
            DateTimeOffset.UtcNow, analysis);
        await grains.GetGrain<ISampleGrain>(sample.SampleId).Record(sample);
        var request = new ComputeRequest(Guid.NewGuid().ToString("N"), "t1", sample.SampleId, ComputeKinds.Separate, 2, "hpss", "fast", 0, 0,
            null, null, DateTimeOffset.UtcNow, Format: "flac");
        await grains.GetGrain<ITenantGrain>(request.TenantId).Create("t1", TenantPlan.Pro.Name);
        var submission = await grains.GetGrain<IComputeRequestGrain>(request.RequestId).Submit(request, UsageMeter.StemSeparations);
        Assert.NotNull(submission.Status);
        return request;
    }

    private Dictionary<string, string> WorkerSettings(string siloId) => Settings(siloId, Path.Combine(_dir, siloId));

    /// <summary>Cluster settings of one silo, as environment variables (Section__Key).</summary>
    private Dictionary<string, string> Settings(string siloId, string dataDirectory) => new()
    {
        ["Silo__SiloId"] = siloId,
        ["Silo__Roles__0"] = siloId == "api" ? "api" : "gpu",
        ["Silo__DataDirectory"] = dataDirectory,
        ["Compute__BlobDirectory"] = Path.Combine(_dir, "blobs"),
        ["Compute__StatsInterval"] = "00:00:01",
        ["Cluster__Mode"] = "cluster",
        ["Cluster__Postgres"] = _postgres,
        ["Cluster__AdvertisedAddress"] = $"http://127.0.0.1:{BuiltHosts.FreeLoopbackPort()}",
        ["Cluster__Partitions"] = "16",
        ["Cluster__LeaseDuration"] = "00:00:03",
        ["Cluster__HeartbeatInterval"] = "00:00:00.500",
        ["Cluster__SiloTimeout"] = "00:00:02",
        ["WorkQueue__Provider"] = "postgres",
        ["WorkQueue__ConnectionString"] = _postgres,
        ["WorkQueue__DefaultLease"] = s_itemLease.ToString("c", CultureInfo.InvariantCulture),
        ["Ingest__Concurrency"] = "1",
        ["Logging__LogLevel__Default"] = "Warning",
    };

    private static async Task<string> NewSchemaAsync()
    {
        var server = Environment.GetEnvironmentVariable("SAMPLEMIND_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                "SAMPLEMIND_TEST_POSTGRES is not set: this test needs a PostgreSQL server. Run scripts/test.sh, " +
                "or `source scripts/postgres-test-server.sh` in the shell that runs dotnet test.");
        }

        var schema = "g_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(server) { SearchPath = schema, MaxPoolSize = 20 }.ConnectionString;
    }

}
