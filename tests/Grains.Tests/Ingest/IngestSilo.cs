using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SampleMind.Grains.Abstractions.Ingest;
using SampleMind.Grains.Abstractions.Tenants;
using SampleMind.Grains.Hosting;
using SampleMind.Runtime;
using SampleMind.TestSupport;

namespace SampleMind.Grains.Tests.Ingest;

/// <summary>
/// An embedded silo with every grain (SQLite state and queue, real analysis) on a temporary directory, for ingest
/// tests; disposing it stops the silo and deletes the directory.
/// </summary>
internal sealed class IngestSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private IngestSilo(IHost host, string directory)
    {
        _host = host;
        Directory = directory;
    }

    /// <summary>The temporary directory; the silo's data is in its "data" folder.</summary>
    public string Directory { get; }

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => _host.Services;

    /// <summary>
    /// Starts a silo with <paramref name="settings"/> on top of its data directory; <paramref name="configure"/> may
    /// change its services once the grains' are added.
    /// </summary>
    public static async Task<IngestSilo> StartAsync(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("samplemind-ingest-silo-").FullName;
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings)
        {
            ["Silo:DataDirectory"] = Path.Combine(directory, "data"),
        });
        builder.Services.AddSampleMindGrains(builder.Configuration);
        configure?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new IngestSilo(host, directory);
    }

    /// <summary>Starts <paramref name="spec"/>'s job and waits for it to end; returns its final status.</summary>
    public async Task<JobStatus> RunJobAsync(IngestJobSpec spec, TimeSpan timeout)
    {
        var job = Grains.GetGrain<IIngestJobGrain>(spec.JobId);
        await job.Start(spec);
        JobStatus? status = null;
        await Eventually.HoldsAsync(async () =>
        {
            status = await job.GetStatus();
            return status?.State is JobState.Completed or JobState.Cancelled;
        }, timeout, $"job {spec.JobId} to end");
        return status!;
    }

    /// <summary>
    /// A job of tenant "t" over a folder of <paramref name="files"/> one-byte files, started and listed to the end; on a
    /// silo without the cpu role no worker takes its items. Its events go to <paramref name="webhookUrl"/>, when given.
    /// </summary>
    public async Task<IIngestJobGrain> ListedJobAsync(string jobId, int files, string? webhookUrl = null)
    {
        var folder = Path.Combine(Directory, jobId);
        System.IO.Directory.CreateDirectory(folder);
        for (var i = 0; i < files; i++)
        {
            await File.WriteAllBytesAsync(Path.Combine(folder, $"{i}.wav"), [(byte)i]);
        }

        await Grains.GetGrain<ITenantGrain>("t").Create("t", "pro");
        var spec = new IngestJobSpec(jobId, "t", "lib", IngestSourceKind.Directory, folder, null, "fast", 5, webhookUrl, [], DateTimeOffset.UtcNow);
        var job = Grains.GetGrain<IIngestJobGrain>(spec.JobId);
        await job.Start(spec);
        await Eventually.HoldsAsync(async () => (await job.GetStatus())!.ListingComplete, TimeSpan.FromSeconds(30), "the job to list its folder");
        return job;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        if (_host is IAsyncDisposable async)
        {
            await async.DisposeAsync();
        }

        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
