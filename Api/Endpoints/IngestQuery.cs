namespace SampleMind.Api.Endpoints;

/// <summary>
/// The query options of <c>POST /v1/libraries/{libraryId}/ingests</c>, which its handler reads itself: those of an upload
/// or a text manifest (a JSON ingest takes them in its body and refuses any in the query), and a text manifest's
/// <see cref="Root"/>. The endpoint refuses any other query parameter, and its OpenAPI operation declares these
/// (<see cref="IngestOpenApi"/>).
/// </summary>
internal static class IngestQuery
{
    public const string Level = "level";

    public const string Priority = "priority";

    /// <summary>Repeatable: one label a value.</summary>
    public const string Label = "label";

    public const string WebhookUrl = "webhookUrl";

    /// <summary>A text manifest's folder; an upload with it is refused.</summary>
    public const string Root = "root";

    /// <summary>Every query option the endpoint reads.</summary>
    public static readonly string[] Options = [Level, Priority, Label, WebhookUrl, Root];

    /// <summary>The options of an upload or a text manifest that take one value (<see cref="Root"/> is checked on its own).</summary>
    public static readonly string[] SingleOptions = [Level, Priority, WebhookUrl];
}
