using SampleMind.Grains.Abstractions.Tenants;
using SampleMind.Grains.Tests.Storage;

namespace SampleMind.Grains.Tests.Tenants;

/// <summary>
/// A tenant grain whose state write fails (storage refuses it once): the activation does not go on with what was not
/// stored (a quota use counted, a reservation remembered, a key listed); a retry starts from the stored state.
/// </summary>
public sealed class TenantWriteFailureTests : IAsyncLifetime
{
    private readonly FaultyGrainStorage _storage = new();
    private EmbeddedSilo? _silo;

    public async Task InitializeAsync() => _silo = await EmbeddedSilo.StartAsync(_storage);

    public async Task DisposeAsync() => await _silo!.DisposeAsync();

    [Fact]
    public async Task A_use_reservation_or_key_whose_write_failed_is_not_counted_remembered_or_listed()
    {
        var tenant = _silo!.Grains.GetGrain<ITenantGrain>("acme");
        await tenant.Create("Acme", "free");

        _storage.FailNextWrite("tenant", new IOException("disk full (test)"));
        await Assert.ThrowsAsync<IOException>(() => tenant.Reserve(UsageMeter.IngestedFiles, 5, "batch-0"));
        Assert.False((await tenant.GetUsage()).Used.ContainsKey(UsageMeter.IngestedFiles));

        // A reservation whose write failed is not remembered: asking again with its key grants and stores it, once.
        _storage.FailNextWrite("tenant", new IOException("disk full (test)"));
        await Assert.ThrowsAsync<IOException>(() => tenant.Reserve(UsageMeter.IngestedFiles, 3, "batch-1"));
        Assert.Equal(3, (await tenant.Reserve(UsageMeter.IngestedFiles, 3, "batch-1")).Granted);
        Assert.Equal(3, (await tenant.Reserve(UsageMeter.IngestedFiles, 3, "batch-1")).Granted);
        Assert.Equal(3, (await tenant.GetUsage()).Used[UsageMeter.IngestedFiles]);

        _storage.FailNextWrite("tenant", new IOException("disk full (test)"));
        await Assert.ThrowsAsync<IOException>(() => tenant.IssueKey("ci", ApiScope.Read));
        Assert.Empty(await tenant.ListKeys());
        Assert.Equal(3, _storage.Failed);
    }
}
