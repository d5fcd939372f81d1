using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SampleMind.Grains.Abstractions.Tenants;
using SampleMind.Grains.Tests.Storage;
using SampleMind.Runtime.Storage;

namespace SampleMind.Api.Tests.Hosting;

/// <summary>
/// The admin key file the first-start bootstrap writes: readable by the server's user only whatever was there before.
/// </summary>
public sealed class BootstrapKeyFileTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("samplemind-keyfile-").FullName;
    private EmbeddedSilo? _silo;

    private string KeyFile => Path.Combine(_directory, "admin.key");

    public async Task InitializeAsync() => _silo = await EmbeddedSilo.StartAsync(new MemoryGrainStorage());

    public async Task DisposeAsync()
    {
        await _silo!.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_key_file_left_readable_by_everyone_is_replaced_by_one_readable_by_its_owner_only()
    {
        await File.WriteAllTextAsync(KeyFile, "old\n");
        File.SetUnixFileMode(KeyFile, (UnixFileMode)0b110_110_110);

        await Bootstrap().RunAsync(CancellationToken.None);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyFile));
        Assert.True(ApiKeyToken.TryParse((await File.ReadAllTextAsync(KeyFile)).Trim(), out _));
        Assert.Equal([KeyFile], Directory.GetFileSystemEntries(_directory));
    }

    private BootstrapService Bootstrap(ApiOptions? options = null) =>
        new(_silo!.Grains, Options.Create(options ?? new ApiOptions { AdminKeyFile = KeyFile }), NullLogger<BootstrapService>.Instance);
}
