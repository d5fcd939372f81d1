using System.Text.RegularExpressions;

namespace SampleMind.Grains.Webhooks;

/// <summary>
/// Which webhook URLs are accepted: absolute http or https, at most 2,048 characters, no user
/// name or password in the URL, a host that <see cref="WebhookOptions.AllowedHosts"/> allows, and
/// (unless <see cref="WebhookOptions.AllowPrivateNetworks"/>) not a private or loopback address literal.
/// Checked when a job is submitted and again before every attempt (the allowed hosts may have changed).
/// </summary>
public static partial class WebhookUrlPolicy
{
    /// <summary>The longest URL accepted.</summary>
    public const int MaxLength = 2048;

    private const string PortMessage = "The webhook URL's port must be between 1 and 65535.";

    /// <summary>Null when <paramref name="url"/> is acceptable, else a sentence saying why not.</summary>
    public static string? Check(string url, WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Check(url, options.AllowedHosts, options.AllowPrivateNetworks);
    }

    /// <summary>Null when <paramref name="url"/> is acceptable, else a sentence saying why not.</summary>
    public static string? Check(string url, IReadOnlyList<string> allowedHosts, bool allowPrivateNetworks)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(allowedHosts);
        if (url.Length <= MaxLength && PortOutOfRange().IsMatch(url))
        {
            // Uri refuses a port past 65535 as a malformed URL; say what is wrong with it, as for port 0.
            return PortMessage;
        }

        if (url.Length > MaxLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return $"The webhook URL must be an absolute http or https URL of at most {MaxLength} characters.";
        }

        // Uri takes (and quietly trims or escapes) spaces and line breaks; the URL delivered to would not be the one given.
        if (url.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return "The webhook URL must not contain spaces or control characters; percent-encode them.";
        }

        // Port 0 names no port a receiver can listen on: every delivery would fail until the event gave up.
        if (uri.Port == 0)
        {
            return PortMessage;
        }

        if (uri.UserInfo.Length > 0)
        {
            return "The webhook URL must not carry a user name or password; receivers check the signature instead.";
        }

        if (allowedHosts.Count > 0 && !IsAllowed(uri.IdnHost, allowedHosts))
        {
            return $"The webhook host '{uri.Host}' is not among this server's allowed webhook hosts (Webhooks:AllowedHosts).";
        }

        if (!allowPrivateNetworks && PrivateNetworks.IsLiteralPrivateHost(uri.IdnHost))
        {
            return $"The webhook host '{uri.Host}' is a private, loopback or link-local address; set Webhooks:AllowPrivateNetworks to deliver there.";
        }

        return null;
    }

    private static bool IsAllowed(string host, IReadOnlyList<string> allowedHosts)
    {
        host = host.TrimEnd('.');
        foreach (var allowed in allowedHosts)
        {
            if (allowed.StartsWith("*.", StringComparison.Ordinal)
                ? host.EndsWith(allowed[1..], StringComparison.OrdinalIgnoreCase)
                : string.Equals(host, allowed.Trim('[', ']'), StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An http or https URL whose authority ends in a port of six or more digits, or of five past 65535.</summary>
    [GeneratedRegex(@"^https?://[^/?#]*:0*(?:[1-9][0-9]{5,}|6553[6-9]|655[4-9][0-9]|65[6-9][0-9]{2}|6[6-9][0-9]{3}|[7-9][0-9]{4})(?:[/?#]|$)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PortOutOfRange();
}
