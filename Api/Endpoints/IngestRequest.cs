namespace SampleMind.Api.Endpoints;

/// <summary>
/// Body of <c>POST /v1/libraries/{id}/ingests</c> when it is JSON (uploads pass the same options
/// as query parameters). Only the source is required; the members with a default may be left out, which the defaults
/// tell the OpenAPI document (a parameter without one is a required property there).
/// </summary>
/// <param name="Source">What to ingest.</param>
/// <param name="Level">fast, standard (default) or full.</param>
/// <param name="Priority">0 (lowest) to 9; default 5.</param>
/// <param name="WebhookUrl">http(s) URL told of the job's end, signed with HMAC-SHA256.</param>
/// <param name="Labels">Up to 32 labels (1-64 characters each) put on every sample of the job.</param>
public sealed record IngestRequest(
    IngestSourceRequest? Source, string? Level = null, int? Priority = null, string? WebhookUrl = null, IReadOnlyList<string>? Labels = null);

/// <summary>
/// The source of an ingest: <c>{"kind":"directory","path":"/srv/samples/drums"}</c>, or
/// <c>{"kind":"manifest","root":"/srv/samples","files":["kicks/a.wav", ...]}</c> naming files
/// relative to a root the tenant may read. Only the kind is required of every source (the members with a default are not
/// in the OpenAPI document's required list).
/// </summary>
public sealed record IngestSourceRequest(string? Kind, string? Path = null, string? Root = null, IReadOnlyList<string>? Files = null);
