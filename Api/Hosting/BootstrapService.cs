using Microsoft.Extensions.Options;
using SampleMind.Grains.Abstractions.Tenants;
using SampleMind.Runtime;

namespace SampleMind.Api;

/// <summary>
/// At first start of the first silo, creates the operator tenant and its admin key, and writes the token to
/// <see cref="ApiOptions.AdminKeyFile"/> (mode 0600; in the shared directory by default, so in cluster mode
/// one path holds it whichever silo bootstrapped). The token is never logged: the log names the file.
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

        // One call that creates the tenant and its key only when it does not exist: when several silos of
        // a cluster start at once, one of them gets the key and writes the file, the others get null.
        var issued = await tenant.CreateWithFirstKey("Operator", "studio", "bootstrap-admin",
            ApiScope.Admin | ApiScope.Ingest | ApiScope.Read | ApiScope.Search | ApiScope.Sessions);
        if (issued is null)
        {
            return;
        }

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
