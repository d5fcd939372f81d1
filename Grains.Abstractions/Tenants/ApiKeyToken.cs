using System.Security.Cryptography;
using System.Text;

namespace SampleMind.Grains.Abstractions.Tenants;

/// <summary>
/// The API key format: <c>smk_{keyId}_{secret}</c>. The key id is public (it addresses the key's
/// grain); the secret is 32 random bytes, base64url, and only its SHA-256 is ever stored.
/// </summary>
public readonly record struct ApiKeyToken(string KeyId, string Secret)
{
    private const string Prefix = "smk_";

    public override string ToString() => $"{Prefix}{KeyId}_{Secret}";

    public static ApiKeyToken CreateNew()
    {
        var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        return new ApiKeyToken(keyId, secret);
    }

    /// <summary>Parses a presented token; false for anything not of the exact shape.</summary>
    public static bool TryParse(string? text, out ApiKeyToken token)
    {
        token = default;
        if (text is null || text.Length > 200 || !text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = text.AsSpan(Prefix.Length);
        var split = rest.IndexOf('_');
        if (split != 16 || rest.Length - split - 1 < 20)
        {
            return false;
        }

        token = new ApiKeyToken(rest[..split].ToString(), rest[(split + 1)..].ToString());
        return true;
    }

    public string SecretSha256Hex() => HashSecret(Secret);

    public static string HashSecret(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
