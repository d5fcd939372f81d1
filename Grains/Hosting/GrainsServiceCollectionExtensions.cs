using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SampleMind.Audio;
using SampleMind.Grains.Abstractions.Ingest;
using SampleMind.Grains.Catalog;
using SampleMind.Grains.Ingest;
using SampleMind.Runtime.Cluster;
using SampleMind.Runtime.Hosting;
using SampleMind.Scheduling;

namespace SampleMind.Grains.Hosting;

/// <summary>Registers a silo with the SampleMind grains, their stores, the work queue and the workers.</summary>
public static class GrainsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the silo (embedded mode: state, queue and catalogue in SQLite files under
    /// <c>Silo:DataDirectory</c>), the audio analyser, the ingest pipeline and this silo's worker.
    /// </summary>
    public static IServiceCollection AddSampleMindGrains(this IServiceCollection services, IConfiguration configuration)
    {
        var dataDirectory = Path.GetFullPath(configuration["Silo:DataDirectory"] ?? "data");
        services.AddSampleMindSilo();
        services.AddSampleMindCluster(configuration);
        services.AddAudioAnalysis();
        services.AddOptions<IngestOptions>().BindConfiguration("Ingest").ValidateOnStart();
        services.AddSingleton(sp => new IngestRoots(sp.GetRequiredService<IOptions<IngestOptions>>().Value));
        services.AddSingleton<ICatalogStore>(new SqliteCatalogStore(Path.Combine(dataDirectory, "catalog.db")));
        services.AddWorkQueue(builder => builder.BindConfiguration(WorkQueueOptions.SectionName).PostConfigure(options =>
        {
            if (options.Provider == WorkQueueOptions.SqliteProvider && !Path.IsPathRooted(options.ConnectionString))
            {
                options.ConnectionString = Path.Combine(dataDirectory, "work.db");
            }
        }));
        services.AddSingleton<IIngestWork, QueueIngestWork>();
        services.AddSingleton<IJobResults, QueueJobResults>();
        services.AddSingleton<IngestItemProcessor>();
        services.AddSingleton<JobDirectory>();
        services.AddWorkHandler<IngestWorkHandler>(QueueIngestWork.AnalyzeKind, WorkRoles.Cpu);
        var embeddedWorker = "embedded-" + ShortHash(dataDirectory);
        services.AddSingleton(sp => new WorkerIdentity(sp.GetRequiredService<IOptions<ClusterOptions>>().Value.IsCluster
            ? sp.GetRequiredService<IOptions<SiloOptions>>().Value.SiloId
            : embeddedWorker));
        services.AddHostedService<WorkerService>();
        return services;
    }

    private static string ShortHash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 6));
}
