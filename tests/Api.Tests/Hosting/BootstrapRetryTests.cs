using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SampleMind.Grains.Abstractions.Tenants;
using SampleMind.Grains.Tests.Storage;
using SampleMind.Runtime.Cluster;

namespace SampleMind.Api.Tests.Hosting;

/// <summary>
/// The first-start bootstrap on a silo whose write of the operator tenant is fenced off once (as when silos start
/// together and the tenant's partition moves mid-write): it tries again and the silo starts with one admin key, where
/// the exception used to end the host's start.
/// </summary>
public sealed class BootstrapRetryTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("samplemind-bootstrap-").FullName;
    private readonly FaultyGrainStorage _storage = new();
    private EmbeddedSilo? _silo;

    public async Task InitializeAsync() => _silo = await EmbeddedSilo.StartAsync(_storage);

    public async Task DisposeAsync()
    {
        await _silo!.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_fenced_off_write_is_tried_again_and_the_admin_key_is_written_once()
    {
        var grains = _silo!.Grains;
        var keyFile = Path.Combine(_directory, "admin.key");
        var bootstrap = new BootstrapService(grains, Options.Create(new ApiOptions { AdminKeyFile = keyFile }), NullLogger<BootstrapService>.Instance);
        _storage.FailNextWrite("tenant", new StaleLeaseException(
            "Cannot write state of grain tenant/admin: this silo does not hold its partition's lease (it moved or expired)."));

        await bootstrap.RunAsync(CancellationToken.None);

        Assert.Equal(1, _storage.Failed);
        var tenant = grains.GetGrain<ITenantGrain>(BootstrapService.OperatorTenantId);
        Assert.NotNull(await tenant.GetInfo());
        var keys = await tenant.ListKeys();
        var key = Assert.Single(keys);
        var token = (await File.ReadAllTextAsync(keyFile)).Trim();
        Assert.True(ApiKeyToken.TryParse(token, out var parsed));
        Assert.Equal(key.KeyId, parsed.KeyId);
        Assert.True((await grains.GetGrain<IApiKeyGrain>(parsed.KeyId).Verify(parsed.SecretSha256Hex())).Valid);
    }
}
