using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SampleMind.Runtime.Storage;

namespace SampleMind.Grains.Tests.Ingest;

/// <summary>
/// The job stores its last listing batch with the listing marked complete at the first try. The write came after the
/// job swapped its listing timer for the slower one, which cancelled the token the write was given: the write failed,
/// the state was read back, and the next tick listed the last batch again.
/// </summary>
public sealed class IngestJobListingStateTests : IAsyncLifetime
{
    private readonly CancelCountingStorage _storage = new();
    private IngestSilo? _silo;

    public async Task InitializeAsync() =>
        _silo = await IngestSilo.StartAsync(new Dictionary<string, string?> { ["Silo:Roles:0"] = "api" }, services =>
        {
            var inner = services.Single(d => d.ServiceType == typeof(IGrainStorage) && !d.IsKeyedService);
            services.Remove(inner);
            services.AddSingleton<IGrainStorage>(provider =>
            {
                _storage.Inner = (IGrainStorage)inner.ImplementationFactory!(provider);
                return _storage;
            });
        });

    public async Task DisposeAsync() => await _silo!.DisposeAsync();

    [Fact]
    public async Task A_job_listed_to_the_end_stores_its_listing_as_complete_without_a_cancelled_write()
    {
        await _silo!.ListedJobAsync("job-listing-state", files: 3);

        var stored = await _storage.ReadAsync("ingestjob", "job-listing-state", "ingestjob", CancellationToken.None);
        Assert.NotNull(stored);
        using var json = JsonDocument.Parse(stored.Payload);
        Assert.True(json.RootElement.GetProperty("listingComplete").GetBoolean());
        Assert.Equal("2.wav", json.RootElement.GetProperty("cursor").GetString());
        Assert.Equal(0, Volatile.Read(ref _storage.CancelledJobWrites));
    }

    /// <summary>The silo's storage, counting the ingest jobs' writes that ended cancelled.</summary>
    private sealed class CancelCountingStorage : IGrainStorage
    {
        public int CancelledJobWrites;

        public IGrainStorage Inner { get; set; } = null!;

        public Task<GrainStateRecord?> ReadAsync(string grainType, string grainKey, string stateName, CancellationToken cancellationToken) =>
            Inner.ReadAsync(grainType, grainKey, stateName, cancellationToken);

        public async Task<string> WriteAsync(
            string grainType, string grainKey, string stateName, ReadOnlyMemory<byte> payload, string? expectedEtag, CancellationToken cancellationToken)
        {
            try
            {
                return await Inner.WriteAsync(grainType, grainKey, stateName, payload, expectedEtag, cancellationToken);
            }
            catch (OperationCanceledException) when (grainType == "ingestjob")
            {
                Interlocked.Increment(ref CancelledJobWrites);
                throw;
            }
        }

        public Task ClearAsync(string grainType, string grainKey, string stateName, string? expectedEtag, CancellationToken cancellationToken) =>
            Inner.ClearAsync(grainType, grainKey, stateName, expectedEtag, cancellationToken);

        public Task OpenAsync(CancellationToken cancellationToken) => Inner.OpenAsync(cancellationToken);
    }
}
