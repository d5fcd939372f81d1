using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SampleMind.Audio;
using SampleMind.Grains.Abstractions.Ingest;
using SampleMind.Grains.Catalog;
using SampleMind.Grains.Ingest;
using SampleMind.Grains.Webhooks;
using SampleMind.Runtime.Cluster;
using SampleMind.Runtime.Hosting;
using SampleMind.Scheduling;

namespace SampleMind.Grains.Hosting;

/// <summary>Registers a silo with the SampleMind grains, their stores, the work queue and the workers.</summary>
public static class GrainsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the silo, the audio analyser, the ingest pipeline and this silo's worker over the stores
    /// <see cref="SiloStorageLayout"/> picks: embedded mode, SQLite files under <c>Silo:DataDirectory</c>;
    /// cluster mode (<c>Cluster:Mode=cluster</c>), grain state, work queue and catalogue in PostgreSQL
    /// and shared files under <c>Silo:SharedDirectory</c>. Contradicting settings stop the host.
    /// </summary>
    public static IServiceCollection AddSampleMindGrains(this IServiceCollection services, IConfiguration configuration)
    {
        var layout = SiloStorageLayout.From(configuration);
        services.AddSingleton(layout);
        services.AddSampleMindSilo();
        services.AddSampleMindCluster(configuration);
        services.AddAudioAnalysis(builder => builder.BindConfiguration(AudioAnalyzerOptions.SectionName));
        services.AddOptions<IngestOptions>().BindConfiguration("Ingest").ValidateOnStart();
        services.AddSingleton<IValidateOptions<IngestOptions>, IngestOptionsValidator>();
        services.AddSingleton(sp => new IngestRoots(sp.GetRequiredService<IOptions<IngestOptions>>().Value));
        services.AddSingleton<ICatalogStore>(_ => layout.CatalogProvider == SiloStorageLayout.PostgresCatalog
            ? new PostgresCatalogStore(layout.CatalogConnectionString)
            : new SqliteCatalogStore(layout.CatalogConnectionString));
        services.AddWorkQueue(builder => builder.BindConfiguration(WorkQueueOptions.SectionName).PostConfigure(options =>
        {
            options.Provider = layout.WorkQueueProvider;
            options.ConnectionString = layout.WorkQueueConnectionString;
        }));
        services.AddSingleton<IIngestWork, QueueIngestWork>();
        services.AddSingleton<IJobResults, QueueJobResults>();
        services.AddSingleton<IngestItemProcessor>();
        services.AddWorkHandler<IngestWorkHandler>(QueueIngestWork.AnalyzeKind, WorkRoles.Cpu);
        services.AddSingleton(sp => new WorkerIdentity(layout.IsCluster
            ? sp.GetRequiredService<IOptions<SiloOptions>>().Value.SiloId
            : layout.EmbeddedWorkerId));
        services.AddHostedService<WorkerService>();
        services.AddWebhookDelivery(builder => builder.BindConfiguration(WebhookOptions.SectionName));
        services.AddKnownSettings("Ingest", typeof(IngestOptions))
            .AddKnownSettings(AudioAnalyzerOptions.SectionName, typeof(AudioAnalyzerOptions))
            .AddWrongSection("Audio", AudioAnalyzerOptions.SectionName)
            .AddKnownSettings(WorkQueueOptions.SectionName, typeof(WorkQueueOptions))
            .AddKnownSettings(WebhookOptions.SectionName, typeof(WebhookOptions))
            .AddKnownSettings(SiloOptions.SectionName, null, SiloStorageLayout.SiloKeys)
            .AddKnownSettings(SiloStorageLayout.CatalogSection, null, SiloStorageLayout.CatalogKeys)
            .AddWritableDirectory("Silo:SharedDirectory", _ => layout.SharedDirectory);
        AddSqliteFolder(services, layout.CatalogFileSetting, layout.CatalogConnectionString);
        AddSqliteFolder(services, layout.WorkQueueFileSetting, layout.WorkQueueConnectionString);
        return services;
    }

    /// <summary>
    /// The folder of a SQLite store's file that <paramref name="setting"/> names, checked at start as the folders the
    /// host writes are, so that one it cannot create stops the start naming the setting, where the store's schema
    /// creation aborted the process (exit 134) with "Could not find file '/proc/nope'". Unset (null), the file is in the
    /// data directory, which is checked as <c>Silo:DataDirectory</c>.
    /// </summary>
    private static void AddSqliteFolder(IServiceCollection services, string? setting, string connection)
    {
        if (setting is not null && SiloStorageLayout.SqliteFile(connection, setting) is var file && Path.IsPathRooted(file)
            && Path.GetDirectoryName(file) is { Length: > 0 } folder)
        {
            services.AddWritableDirectory(setting, _ => folder);
        }
    }
}
