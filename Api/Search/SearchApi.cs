using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using SampleMind.Api.Auth;
using SampleMind.Api.Endpoints;
using SampleMind.Api.Errors;
using SampleMind.Audio;
using SampleMind.Grains.Abstractions.Samples;
using SampleMind.Grains.Abstractions.Search;
using SampleMind.Grains.Abstractions.Tenants;
using SampleMind.Runtime;
using SampleMind.Search;
using SampleMind.Search.Filters;

namespace SampleMind.Api.Search;

/// <summary>Search endpoints: a library's text/filter search, similar samples, duplicates, and tenant-wide search.</summary>
internal static class SearchApi
{
    private const int MaxK = 100;

    private const int DefaultK = 10;

    /// <summary>The longest search text, in Unicode code points: an emoji is one, whatever its UTF-16 length.</summary>
    private const int MaxTextCharacters = 1000;

    public static RouteGroupBuilder MapSearchApi(this RouteGroupBuilder v1)
    {
        v1.MapPost("/libraries/{libraryId}/search", SearchLibrary).WithTags("Search")
            .WithSummary("Search a library by text (docs/search-query-language.md) and filters; hits explain their score")
            .RequireScope(ApiScope.Search);
        v1.MapPost("/search", SearchTenant).WithTags("Search")
            .WithSummary("Search all of the tenant's libraries and merge the hits").RequireScope(ApiScope.Search);
        v1.MapGet("/samples/{sampleId}/similar", Similar).WithTags("Search")
            .WithSummary("Samples that sound like this one (its library), with optional filters; 409 for a sample analysed at level fast")
            .RequireScope(ApiScope.Search).ProducesProblem(StatusCodes.Status409Conflict);
        v1.MapGet("/samples/{sampleId}/duplicates", Duplicates).WithTags("Search")
            .WithSummary("Samples of the same library whose audio fingerprint matches this one's").RequireScope(ApiScope.Search);
        return v1.MapRecommendationsApi().MapHummingApi();
    }

    internal static async Task<Results<Ok<SearchResponse>, ValidationProblem, ProblemHttpResult>> SearchLibrary(
        [Description(ParameterDescriptions.LibraryId)] string libraryId, SearchApiRequest? body, HttpContext context, IGrainFactory grains)
    {
        if (!Identifiers.IsValid(libraryId))
        {
            return Problems.BadRequest(Identifiers.NotALibraryId(libraryId));
        }

        if (body is null)
        {
            return Problems.BadRequest("The body is a JSON object: {text?, filters?, k?}.");
        }

        if (Validate(body, out var query) is { } invalid)
        {
            return invalid;
        }

        var tenant = context.User.GetTenantId();
        if (!await IsSearchableAsync(grains, tenant, libraryId))
        {
            return Problems.NotFound($"There is no searchable library '{libraryId}'.");
        }

        var hits = await grains.GetGrain<ILibraryGrain>($"{tenant}/{libraryId}").Search(query!);
        return TypedResults.Ok(new SearchResponse(hits));
    }

    internal static async Task<Results<Ok<SearchResponse>, ValidationProblem, ProblemHttpResult>> SearchTenant(
        SearchApiRequest? body, HttpContext context, IGrainFactory grains)
    {
        if (body is null)
        {
            return Problems.BadRequest("The body is a JSON object: {text?, filters?, k?}.");
        }

        if (Validate(body, out var query) is { } invalid)
        {
            return invalid;
        }

        var tenant = context.User.GetTenantId();
        var libraries = await grains.GetGrain<ITenantLibrariesGrain>(tenant).List();
        var shards = await Task.WhenAll(libraries.Select(l => grains.GetGrain<ILibraryGrain>($"{tenant}/{l}").Search(query!)));
        return TypedResults.Ok(new SearchResponse(ShardedSearch.Merge(shards, query!.K)));
    }

    internal static async Task<Results<Ok<SearchResponse>, ValidationProblem, ProblemHttpResult>> Similar(
        [Description(ParameterDescriptions.SampleId)] string sampleId, HttpContext context, IGrainFactory grains,
        [Description(ParameterDescriptions.K), Range(1, MaxK)] int k = DefaultK,
        [Description(ParameterDescriptions.SimilarKey)] string? key = null,
        [Description(ParameterDescriptions.BpmMin), Range(0, double.MaxValue)] double? bpmMin = null,
        [Description(ParameterDescriptions.BpmMax), Range(0, double.MaxValue)] double? bpmMax = null,
        [Description(ParameterDescriptions.HalfDouble)] bool halfDouble = false,
        [Description(ParameterDescriptions.SearchType)] string? type = null,
        [Description(ParameterDescriptions.Tag)] string[]? tag = null)
    {
        if (k is < 1 or > MaxK)
        {
            return Problems.Invalid("k", $"k is 1 to {MaxK}.");
        }

        if (ParseFilter(key, bpmMin, bpmMax, halfDouble, type, tag, "", out var filter) is { } problem)
        {
            return problem;
        }

        if (await FindAsync(sampleId, context, grains) is not { } record)
        {
            return Problems.NotFound($"There is no sample '{Identifiers.Shown(sampleId)}'.");
        }

        if (record.Analysis.Level == AnalysisLevel.Fast)
        {
            return Problems.Conflict($"The sample '{sampleId}' was analysed at level fast, which computes no embedding to compare: " +
                "ingest it again at level standard or full to find samples like it.");
        }

        var library = grains.GetGrain<ILibraryGrain>($"{record.TenantId}/{record.LibraryId}");
        return TypedResults.Ok(new SearchResponse(await library.Similar(new SimilarQuery(sampleId, k, filter))));
    }

    internal static async Task<Results<Ok<SearchResponse>, ProblemHttpResult>> Duplicates(
        [Description(ParameterDescriptions.SampleId)] string sampleId, HttpContext context, IGrainFactory grains)
    {
        if (await FindAsync(sampleId, context, grains) is not { } record)
        {
            return Problems.NotFound($"There is no sample '{Identifiers.Shown(sampleId)}'.");
        }

        var library = grains.GetGrain<ILibraryGrain>($"{record.TenantId}/{record.LibraryId}");
        return TypedResults.Ok(new SearchResponse(await library.Duplicates(sampleId)));
    }

    /// <summary>
    /// True when the tenant's list holds the library and its shard holds a searchable sample: a library emptied before
    /// its shard took it out of the list (deleted by an older version) is listed still, and its activation unlists it.
    /// </summary>
    internal static async Task<bool> IsSearchableAsync(IGrainFactory grains, string tenant, string libraryId) =>
        (await grains.GetGrain<ITenantLibrariesGrain>(tenant).List()).Contains(libraryId, StringComparer.Ordinal)
        && await grains.GetGrain<ILibraryGrain>($"{tenant}/{libraryId}").Count() > 0;

    /// <summary>The query of a search body, or a validation problem naming the invalid field.</summary>
    private static ValidationProblem? Validate(SearchApiRequest body, out LibrarySearchQuery? query)
    {
        query = null;
        if (body.K is < 1 or > MaxK)
        {
            return Problems.Invalid("k", $"k is 1 to {MaxK}.");
        }

        if (body.Text is { Length: > MaxTextCharacters } text && text.EnumerateRunes().Count() > MaxTextCharacters)
        {
            return Problems.Invalid("text", $"The text is at most {MaxTextCharacters} characters (Unicode code points).");
        }

        var f = body.Filters;
        if (ListingFilters.UnknownDefect(f?.ExcludeDefects, allowExclusion: false) is { } unknown)
        {
            return Problems.Invalid("filters.excludeDefects", unknown);
        }

        if (ParseFilter(f?.Key, f?.BpmMin, f?.BpmMax, f?.HalfDouble ?? false, f?.Type, [.. f?.Tags ?? []], "filters.", out var filter) is { } problem)
        {
            return problem;
        }

        query = new LibrarySearchQuery(body.Text, filter! with { ExcludedDefects = f?.ExcludeDefects ?? [] }, body.K ?? DefaultK);
        return null;
    }

    /// <summary>
    /// The hard filters of a search, or a validation problem naming the field (<paramref name="prefix"/> and its name:
    /// "filters.bpmMin" in a body, "bpmMin" in a query). The tempo range is taken as given (no tolerance; half and
    /// double tempo only with <paramref name="halfDouble"/>), as the library listing takes it; the type is loop or
    /// one-shot in any case, not the listing's unknown, which no indexed sample has.
    /// </summary>
    private static ValidationProblem? ParseFilter(
        string? key, double? bpmMin, double? bpmMax, bool halfDouble, string? type, string[]? tag, string prefix, out SampleFilter? filter)
    {
        filter = null;
        type = ListingFilters.TypeName(type);
        if (type == "unknown")
        {
            // The listing takes it; no sample of type unknown (level fast) is in the search index, so here it could match nothing.
            return Problems.Invalid(prefix + "type", "Search holds loops and one-shots only: the type is loop or one-shot " +
                "(a sample of type unknown, ingested at level fast, is not in the search index; list it with the library's samples).");
        }

        if (type is not (null or "loop" or "one-shot"))
        {
            // Before ListingFilters.Check, whose sentence offers the listing's unknown as well.
            return Problems.Invalid(prefix + "type", "The type is loop or one-shot, in any case.");
        }

        var tagsName = prefix.Length == 0 ? "tag" : prefix + "tags";
        if (ListingFilters.Check(type, tag, null, prefix, tagsName, (prefix + "bpm", bpmMin, bpmMax, false)) is { } invalid)
        {
            return Problems.Invalid(invalid.Field, invalid.Message);
        }

        CamelotKey? camelot = null;
        if (key is not null)
        {
            if (!CamelotKey.TryParse(key, out var parsed))
            {
                return Problems.Invalid(prefix + "key", $"'{key}' is not a key ('F minor', 'Am', '4A').");
            }

            camelot = parsed;
        }

        filter = new SampleFilter
        {
            Key = camelot,
            MinBpm = bpmMin,
            MaxBpm = bpmMax,
            BpmTolerance = 0,
            HalfDoubleTime = halfDouble,
            Type = type switch { "loop" => SampleType.Loop, "one-shot" => SampleType.OneShot, _ => null },
            RequiredTags = tag ?? [],
        };
        return null;
    }

    private static async Task<SampleRecord?> FindAsync(string sampleId, HttpContext context, IGrainFactory grains)
    {
        if (!Identifiers.IsValid(sampleId))
        {
            return null;
        }

        var record = await grains.GetGrain<ISampleGrain>(sampleId).Get();
        return record is not null && record.TenantId == context.User.GetTenantId() ? record : null;
    }
}
