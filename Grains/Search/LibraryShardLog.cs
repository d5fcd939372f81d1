using Microsoft.Extensions.Logging;

namespace SampleMind.Grains.Search;

/// <summary>Log events of the library shards (8100s).</summary>
internal static partial class LibraryShardLog
{
    [LoggerMessage(EventId = 8100, Level = LogLevel.Information,
        Message = "Library shard {TenantId}/{LibraryId}: moved {Count} entries from the legacy grain state to the shard table")]
    public static partial void LegacyStateMoved(ILogger logger, string tenantId, string libraryId, int count);

    [LoggerMessage(EventId = 8101, Level = LogLevel.Information,
        Message = "Library shard {TenantId}/{LibraryId}: index file missing or behind its rows, {Count} vectors rebuilt from the samples' records ({Indexed} indexed in all)")]
    public static partial void VectorsRebuilt(ILogger logger, string tenantId, string libraryId, int count, int indexed);

    [LoggerMessage(EventId = 8102, Level = LogLevel.Information,
        Message = "Library shard {TenantId}/{LibraryId}: reconciled with the catalogue, {Count} samples added that had no row")]
    public static partial void Reconciled(ILogger logger, string tenantId, string libraryId, int count);

    [LoggerMessage(EventId = 8103, Level = LogLevel.Information,
        Message = "Library shard {TenantId}/{LibraryId}: sample {SampleId} removed (copies: {Copies}, their new original: {Successor})")]
    public static partial void SampleRemoved(ILogger logger, string tenantId, string libraryId, string sampleId, int copies, string? successor);

    [LoggerMessage(EventId = 8104, Level = LogLevel.Information,
        Message = "Library shard {TenantId}/{LibraryId}: {Count} samples removed (the library is being deleted)")]
    public static partial void SamplesRemoved(ILogger logger, string tenantId, string libraryId, int count);
}
