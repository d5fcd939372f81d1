using Microsoft.Extensions.Options;
using SampleMind.Grains.Abstractions.Tenants;
using SampleMind.Runtime;

namespace SampleMind.Api;

/// <summary>
/// At first start, creates the operator tenant and its admin key, and writes the token to
/// <see cref="ApiOptions.AdminKeyFile"/> (mode 0600). The token is never logged: the log names the file.
/// </summary>
internal sealed partial class BootstrapService(
    IGrainFactory grains, IOptions<ApiOptions> options, ILogger<BootstrapService> logger)
{
    /// <summary>The tenant whose admin keys may manage every tenant.</summary>
    public const string OperatorTenantId = "admin";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var tenant = grains.GetGrain<ITenantGrain>(OperatorTenantId);
        if (await tenant.GetInfo() is not null)
        {
            return;
        }

        await tenant.Create("Operator", "studio");
        var issued = await tenant.IssueKey("bootstrap-admin", ApiScope.Admin | ApiScope.Ingest | ApiScope.Read | ApiScope.Search | ApiScope.Sessions);
        var path = Path.GetFullPath(options.Value.AdminKeyFile);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var fileOptions = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var file = new FileStream(path, fileOptions))
        await using (var writer = new StreamWriter(file))
        {
            await writer.WriteLineAsync(issued.Token.AsMemory(), cancellationToken);
        }

        LogBootstrapped(logger, OperatorTenantId, issued.Key.KeyId, path);
    }

    [LoggerMessage(EventId = 7100, Level = LogLevel.Warning,
        Message = "Created operator tenant '{TenantId}' with admin key {KeyId}; its token is in {Path} (readable by this user only)")]
    private static partial void LogBootstrapped(ILogger logger, string tenantId, string keyId, string path);
}
