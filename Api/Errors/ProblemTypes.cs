namespace SampleMind.Api.Errors;

/// <summary>The <c>type</c> URIs of the problem+json bodies this API returns (documented in docs/api.md).</summary>
internal static class ProblemTypes
{
    private const string Base = "https://samplemind.dev/problems/";

    public const string Unauthorized = Base + "unauthorized";
    public const string Forbidden = Base + "forbidden";
    public const string RateLimited = Base + "rate-limited";
    public const string QuotaExceeded = Base + "quota-exceeded";
    public const string NotFound = Base + "not-found";
    public const string Validation = Base + "validation";
    public const string BadRequest = Base + "bad-request";
    public const string Conflict = Base + "conflict";
    public const string PayloadTooLarge = Base + "payload-too-large";
    public const string RequestTimeout = Base + "request-timeout";
    public const string MethodNotAllowed = Base + "method-not-allowed";
    public const string UriTooLong = Base + "uri-too-long";
    public const string UnsupportedMediaType = Base + "unsupported-media-type";
    public const string HeadersTooLarge = Base + "headers-too-large";
    public const string IdempotencyKeyReused = Base + "idempotency-key-reused";
    public const string PreconditionFailed = Base + "precondition-failed";
    public const string RangeNotSatisfiable = Base + "range-not-satisfiable";
    public const string Internal = Base + "internal";
    public const string NotReady = Base + "not-ready";
    public const string Unavailable = Base + "unavailable";
}
