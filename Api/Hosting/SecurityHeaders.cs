namespace SampleMind.Api;

/// <summary>
/// The headers every answer carries. The dashboard holds an admin key and buttons that steer jobs: no other site may
/// frame it (clickjacking) or run script in it, and nothing is taken for another content type than it is sent as.
/// The pages load only their own scripts, styles and connections (the sessions page's WebSocket included).
/// </summary>
internal static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static Task Apply(IHeaderDictionary headers)
    {
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers["Referrer-Policy"] = "no-referrer";
        return Task.CompletedTask;
    }
}
