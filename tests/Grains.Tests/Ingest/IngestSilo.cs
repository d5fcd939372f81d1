using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SampleMind.Grains.Abstractions.Ingest;
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

    /// <summary>Starts a silo with <paramref name="settings"/> on top of its data directory.</summary>
    public static async Task<IngestSilo> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("samplemind-ingest-silo-").FullName;
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings)
        {
            ["Silo:DataDirectory"] = Path.Combine(directory, "data"),
        });
        builder.Services.AddSampleMindGrains(builder.Configuration);
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
