using Microsoft.Extensions.Options;

namespace SampleMind.Grains.Webhooks;

/// <summary>Rejects webhook settings that cannot work.</summary>
public sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    /// <summary>The longest attempt: well inside a grain call's 30 s response timeout.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromSeconds(20);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.MaxAttempts is < 1 or > 20)
        {
            errors.Add("Webhooks:MaxAttempts must be 1 to 20.");
        }

        if (options.FirstRetryDelay <= TimeSpan.Zero || options.MaxRetryDelay < options.FirstRetryDelay)
        {
            errors.Add("Webhooks:FirstRetryDelay must be positive and at most Webhooks:MaxRetryDelay.");
        }

        if (options.Timeout <= TimeSpan.Zero || options.Timeout > MaxTimeout)
        {
            errors.Add($"Webhooks:Timeout must be positive and at most {MaxTimeout.TotalSeconds:0} s.");
        }

        foreach (var host in options.AllowedHosts)
        {
            var bare = host.StartsWith("*.", StringComparison.Ordinal) ? host[2..] : host;
            if (bare.Length == 0 || Uri.CheckHostName(bare) == UriHostNameType.Unknown)
            {
                errors.Add($"Webhooks:AllowedHosts: '{host}' is not a host name, an address or '*.' and a domain.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
