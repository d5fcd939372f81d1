namespace SampleMind.Api.Endpoints;

/// <summary>
/// What each path and query parameter is, in one line, for the OpenAPI document: the handlers' parameters carry them as
/// <c>[Description(ParameterDescriptions.X)]</c>, which Microsoft.AspNetCore.OpenApi reads, and their bounds and defaults
/// as <c>[Range]</c> and <c>[DefaultValue]</c> (or the C# default), which the schema carries (<c>[Range(0, double.MaxValue)]</c>
/// is "0 or more": the framework writes no maximum it cannot hold as a decimal). A name means the same on
/// every endpoint that takes it, except where two are given (a listing's type takes unknown, a search's does not).
/// docs/api.md and docs/search-api.md say the same at length.
/// </summary>
internal static class ParameterDescriptions
{
    public const string LibraryId = $"The library's id: {Identifiers.Rule} (a library is made by the first ingest into it)";
    public const string SampleId = "The sample's id, as listings and job results give it ('s' and 24 hex digits)";
    public const string JobId = "The ingest job's id, from the Location of the ingest that started it ('job-' and 16 hex digits)";
    public const string RequestId = "The compute request's id, from the Location of the POST that made it (32 hex digits)";
    public const string FileName = "The file's name, as the request's files list it (a stem's, <stem>.wav or .flac, or a variation's, variation-1.wav)";
    public const string TenantId = $"The tenant's id: {Identifiers.Rule}";
    public const string KeyId = "The key's id, as the key listing gives it (16 hex digits: the part of its token between smk_ and the secret)";
    public const string SessionId = "The session's id, from the Location of POST /v1/sessions (32 hex digits)";

    public const string Limit = "How many to list, newest first: 1 to 1000 (default 50)";
    public const string PageLimit = "How many samples a page holds: 1 to 1000 (default 50)";
    public const string Cursor = "Where the page starts: the previous page's nextCursor as it came (the last sample id it listed); left out for the first page";
    public const string K = "How many hits: 1 to 100 (default 10)";
    public const string ResultsFormat = "json (JSON lines, the default) or csv";

    public const string Key = "Only samples in this key: a key in any spelling ('F minor', 'Fm', 'F MINOR') or its Camelot code ('4A'), " +
        "matched by code, so enharmonic spellings find the same samples";
    public const string Compatible = "Only samples in a key that mixes with this one (a key or a Camelot code): the same key, its relative and " +
        "its Camelot neighbours; with key, that key alone if it is among them";
    public const string SimilarKey = "Only samples in a key that mixes with this one (the same key, its relative and its Camelot neighbours): " +
        "a key in any spelling ('F minor', 'Am') or a Camelot code ('4A')";
    public const string BpmMin = "Lowest tempo in BPM, inclusive: a finite number, 0 or more (a sample without a tempo does not match)";
    public const string BpmMax = "Highest tempo in BPM, inclusive: a finite number, 0 or more and not below bpmMin";
    public const string HalfDouble = "Also match a sample whose half or double tempo is within bpmMin and bpmMax (default false)";
    public const string ListingType = "loop, one-shot or unknown (a sample ingested at level fast, which does not tell them apart), in any case";
    public const string SearchType = "loop or one-shot, in any case (unknown is refused: samples of level fast are not in the search index)";
    public const string DurationMin = "Shortest duration in seconds, inclusive: a finite number, 0 or more";
    public const string DurationMax = "Longest duration in seconds, inclusive: a finite number, 0 or more and not below durationMin";
    public const string LoudnessMin = "Quietest integrated loudness in LUFS, inclusive (-23 is quieter than -14): a finite number";
    public const string LoudnessMax = "Loudest integrated loudness in LUFS, inclusive: a finite number, not below loudnessMin";
    public const string Tag = "A tag the sample carries, in any case (repeatable: each must match): up to 32, each 1-64 characters, " +
        "taken literally, without a comma or a control character";
    public const string Defect = "A defect kind the sample has, in any case, or with a leading '-' has not (repeatable: each must match): " +
        "clipping, dc-offset, noise-floor, leading-silence, trailing-silence, click, phase-problem, very-low-level, invalid-samples, truncated";

    public const string Revision = "The revision whose document to return: 0 or more, at most the session's (the current one when left out)";
    public const string From = "The revision after which ops are listed (not included): 0 or more, at most to (default: the oldest retained)";
    public const string To = "The last revision listed (included): 0 or more, at least from (default: the session's current revision)";
}
