using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SampleMind.Grains.Webhooks;

/// <summary>
/// The signature scheme (docs/api.md, "Webhooks"): <c>v1 = hex(HMAC-SHA256(key, t + "." + body))</c>,
/// where the key is the UTF-8 bytes of the tenant's signing secret, <c>t</c> the attempt's Unix time
/// in seconds (decimal) and <c>body</c> the exact request body. Sent as
/// <c>SampleMind-Signature: t=1733350000,v1=5f2c...</c> beside <c>SampleMind-Timestamp</c> and
/// <c>SampleMind-Event-Id</c>.
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "SampleMind-Signature";

    public const string TimestampHeader = "SampleMind-Timestamp";

    public const string EventIdHeader = "SampleMind-Event-Id";

    public const string EventTypeHeader = "SampleMind-Event-Type";

    public const string AttemptHeader = "SampleMind-Attempt";

    /// <summary>The lowercase hex HMAC-SHA256 of <c>timestamp + "." + body</c>.</summary>
    public static string Compute(string secret, long timestamp, string body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentNullException.ThrowIfNull(body);
        var signed = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "." + body);
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    /// <summary>The <see cref="SignatureHeader"/> value: <c>t=...,v1=...</c>.</summary>
    public static string Header(string secret, long timestamp, string body) =>
        string.Create(CultureInfo.InvariantCulture, $"t={timestamp},v1={Compute(secret, timestamp, body)}");

    /// <summary>A new signing secret: <c>whsec_</c> and 32 random bytes in hex.</summary>
    public static string NewSecret() => "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
