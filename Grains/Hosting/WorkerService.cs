using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SampleMind.Grains.Catalog;
using SampleMind.Grains.Ingest;
using SampleMind.Scheduling;
using SampleMind.Scheduling.Processing;

namespace SampleMind.Grains.Hosting;

/// <summary>
/// Runs this silo's work processor: claims cpu items (ingest analysis) from the durable queue and
/// hands them to their handlers. Its worker id is stable per data directory in embedded mode, so a
/// restarted process takes back the leases its killed predecessor held instead of waiting for them to expire.
/// </summary>
internal sealed class WorkerService(
    IWorkQueue queue,
    ICatalogStore catalog,
    IngestWorkHandler ingest,
    IOptions<IngestOptions> options,
    WorkerIdentity identity,
    TimeProvider time,
    ILogger<WorkProcessor> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await queue.EnsureSchemaAsync(cancellationToken);
        await catalog.EnsureSchemaAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var handlers = new Dictionary<string, IWorkHandler> { [QueueIngestWork.AnalyzeKind] = ingest };
        var processorOptions = new WorkProcessorOptions
        {
            WorkerId = identity.WorkerId,
            Roles = [WorkRoles.Cpu],
            Concurrency = options.Value.Concurrency,
        };
        return new WorkProcessor(queue, handlers, processorOptions, time, logger).RunAsync(stoppingToken);
    }
}
