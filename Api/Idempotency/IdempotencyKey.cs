using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using SampleMind.Api.Errors;

namespace SampleMind.Api.Idempotency;

/// <summary>
/// The <c>Idempotency-Key</c> request header (IETF httpapi draft "The Idempotency-Key HTTP Header Field", as Stripe's API
/// takes it): a client's name for one request that creates work, so that sending it again after a lost answer gets the
/// first request's outcome instead of a second job or charge. A key is 1-255 printable ASCII characters (0x21-0x7E) and
/// belongs to one tenant and one endpoint kind: the id of what the request creates is derived from the three, and the
/// grain of that id, which serialises its calls, decides whether the request is new.
/// </summary>
internal static class IdempotencyKey
{
    public const string HeaderName = "Idempotency-Key";

    /// <summary>The response header that marks an answer given from an earlier request with the same key.</summary>
    public const string ReplayedHeaderName = "Idempotent-Replayed";

    public const int MaxLength = 255;

    /// <summary>The key kind of ingests (compute requests use their <see cref="Grains.Abstractions.Compute.ComputeKinds"/>).</summary>
    public const string IngestKind = "ingest";

    /// <summary>Reads the header: null and no key without it, a 400 problem naming it when it is malformed or repeated.</summary>
    public static ProblemHttpResult? TryRead(HttpRequest request, out string? key)
    {
        key = null;
        var values = request.Headers[HeaderName];
        if (values.Count == 0)
        {
            return null;
        }

        if (values.Count > 1 || !IsWellFormed(values[0]))
        {
            return Problems.BadRequest($"The {HeaderName} header is one value of 1-{MaxLength} printable ASCII characters " +
                "(no spaces or control characters), given once; send a new one (a UUID) for each new request.");
        }

        key = values[0];
        return null;
    }

    public static bool IsWellFormed(string? key) =>
        key is { Length: >= 1 and <= MaxLength } && !key.AsSpan().ContainsAnyExceptInRange('\x21', '\x7E');

    /// <summary>
    /// The id of what a request with <paramref name="key"/> creates: the first 16 bytes of SHA-256 over the kind, the
    /// tenant and the key (one per line; none holds a line break), as 32 lowercase hex digits, a Guid's "N" shape.
    /// </summary>
    public static string DeriveId(string tenantId, string kind, string key)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}\n{tenantId}\n{key}"), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }

    public static void MarkReplayed(HttpResponse response) => response.Headers[ReplayedHeaderName] = "true";

    /// <summary>The 422 for a key sent again with another request than the one it first came with.</summary>
    public static ProblemHttpResult Reused(string what) => Problems.IdempotencyKeyReused(
        $"This {HeaderName} was used for a different request ({what}); send a new key for a new request.");
}
