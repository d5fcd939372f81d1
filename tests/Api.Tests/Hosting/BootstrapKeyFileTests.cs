using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SampleMind.Grains.Abstractions.Tenants;
using SampleMind.Grains.Tests.Storage;
using SampleMind.Runtime.Storage;

namespace SampleMind.Api.Tests.Hosting;

/// <summary>
/// The admin key file the first-start bootstrap writes: readable by the server's user only whatever was there before;
/// created before the operator tenant is stored, so a file the host cannot write leaves nothing behind; and at a later
/// start, checked: no working admin key in it is said, and <c>Api:IssueAdminKey</c> writes a new one.
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

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_working_key_file_others_may_read_is_said_with_its_mode_and_set_to_0600_at_start()
    {
        await Bootstrap().RunAsync(CancellationToken.None);
        var token = await File.ReadAllTextAsync(KeyFile);
        File.SetUnixFileMode(KeyFile, (UnixFileMode)0b110_100_100);
        var log = new ListLogger();

        await Bootstrap(log: log).RunAsync(CancellationToken.None);

        // Before, a start said nothing and left the file as it was.
        var said = Assert.Single(log.Entries);
        Assert.Equal(7104, said.Id);
        Assert.Contains($"The admin key file {KeyFile} had mode 0644", said.Message, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyFile));
        Assert.Equal(token, await File.ReadAllTextAsync(KeyFile));

        var quiet = new ListLogger();
        await Bootstrap(log: quiet).RunAsync(CancellationToken.None);

        Assert.Empty(quiet.Entries);
    }

    [Fact]
    public async Task A_key_file_that_cannot_be_written_stops_the_bootstrap_before_the_operator_tenant_is_stored()
    {
        var tenant = _silo!.Grains.GetGrain<ITenantGrain>(BootstrapService.OperatorTenantId);

        var folder = await Assert.ThrowsAsync<InvalidOperationException>(() => Bootstrap(new ApiOptions { AdminKeyFile = _directory }).RunAsync(CancellationToken.None));
        await File.WriteAllTextAsync(Path.Combine(_directory, "file"), "");
        var underFile = await Assert.ThrowsAsync<InvalidOperationException>(
            () => Bootstrap(new ApiOptions { AdminKeyFile = Path.Combine(_directory, "file", "admin.key") }).RunAsync(CancellationToken.None));

        Assert.StartsWith($"Api:AdminKeyFile '{_directory}' is a folder", folder.Message, StringComparison.Ordinal);
        Assert.StartsWith("Api:AdminKeyFile ", underFile.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be written", underFile.Message, StringComparison.Ordinal);
        Assert.Null(await tenant.GetInfo());

        // Started again with a file it can write, the host bootstraps as at a first start.
        await Bootstrap().RunAsync(CancellationToken.None);

        Assert.True(await WorksAsync(KeyFile));
    }

    [Fact]
    public async Task A_missing_key_file_of_an_existing_operator_tenant_is_said_and_Api_IssueAdminKey_writes_a_new_key()
    {
        await Bootstrap().RunAsync(CancellationToken.None);
        File.Delete(KeyFile);
        var log = new ListLogger();

        await Bootstrap(log: log).RunAsync(CancellationToken.None);

        var said = Assert.Single(log.Entries);
        Assert.Equal(7102, said.Id);
        Assert.Contains(KeyFile, said.Message, StringComparison.Ordinal);
        Assert.Contains("there is no such file", said.Message, StringComparison.Ordinal);
        Assert.Contains("Api:IssueAdminKey=true", said.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(KeyFile));

        var issuing = new ApiOptions { AdminKeyFile = KeyFile, IssueAdminKey = true };
        await Bootstrap(issuing).RunAsync(CancellationToken.None);
        var token = await File.ReadAllTextAsync(KeyFile);
        await Bootstrap(issuing).RunAsync(CancellationToken.None);

        Assert.True(await WorksAsync(KeyFile));
        Assert.Equal(token, await File.ReadAllTextAsync(KeyFile));
        Assert.Equal(2, (await _silo!.Grains.GetGrain<ITenantGrain>(BootstrapService.OperatorTenantId).ListKeys()).Count);
    }

    [Fact]
    public async Task A_key_file_whose_key_was_rotated_is_said_at_start()
    {
        await Bootstrap().RunAsync(CancellationToken.None);
        ApiKeyToken.TryParse((await File.ReadAllTextAsync(KeyFile)).Trim(), out var token);
        await _silo!.Grains.GetGrain<ITenantGrain>(BootstrapService.OperatorTenantId).RotateKey(token.KeyId);
        var log = new ListLogger();

        await Bootstrap(log: log).RunAsync(CancellationToken.None);

        var said = Assert.Single(log.Entries);
        Assert.Equal(7102, said.Id);
        Assert.Contains($"its key {token.KeyId} does not work: The API key was revoked.", said.Message, StringComparison.Ordinal);
    }

    private async Task<bool> WorksAsync(string keyFile)
    {
        Assert.True(ApiKeyToken.TryParse((await File.ReadAllTextAsync(keyFile)).Trim(), out var token));
        var verdict = await _silo!.Grains.GetGrain<IApiKeyGrain>(token.KeyId).Verify(token.SecretSha256Hex());
        return verdict is { Valid: true, TenantId: BootstrapService.OperatorTenantId } && verdict.Scopes.HasFlag(ApiScope.Admin);
    }

    private BootstrapService Bootstrap(ApiOptions? options = null, ILogger<BootstrapService>? log = null) =>
        new(_silo!.Grains, Options.Create(options ?? new ApiOptions { AdminKeyFile = KeyFile }), log ?? NullLogger<BootstrapService>.Instance);

    private sealed class ListLogger : ILogger<BootstrapService>
    {
        public List<(int Id, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((eventId.Id, formatter(state, exception)));
    }
}
