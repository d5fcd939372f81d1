using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using SampleMind.Api.Auth;
using SampleMind.Api.Endpoints;
using SampleMind.Api.Errors;
using SampleMind.Grains.Abstractions.Search;
using SampleMind.Grains.Abstractions.Tenants;
using SampleMind.Runtime;
using SampleMind.Search.Filters;
using SampleMind.Search.Recommendations;

namespace SampleMind.Api.Search;

/// <summary><c>POST /v1/libraries/{id}/recommendations</c>: samples of a library that would fit a project.</summary>
internal static class RecommendationsApi
{
    public static RouteGroupBuilder MapRecommendationsApi(this RouteGroupBuilder v1)
    {
        v1.MapPost("/libraries/{libraryId}/recommendations", RecommendAsync).WithTags("Search")
            .WithSummary("Suggest samples that fit a project (key, bpm, samples used), each with why").RequireScope(ApiScope.Search);
        return v1;
    }

    internal static async Task<Results<Ok<RecommendationsResponse>, ProblemHttpResult, ValidationProblem>> RecommendAsync(
        [Description(ParameterDescriptions.LibraryId)] string libraryId, RecommendRequest? body, HttpContext context, IGrainFactory grains)
    {
        if (!Identifiers.IsValid(libraryId))
        {
            return Problems.BadRequest(Identifiers.NotALibraryId(libraryId));
        }

        if (body is null)
        {
            return Problems.BadRequest("The request needs a JSON body: {key?, bpm?, sampleIds?, count?}.");
        }

        var errors = new Dictionary<string, string[]>();
        if (body.Count is < 1 or > 100)
        {
            errors["count"] = ["count is 1 to 100 (default 10)."];
        }

        if (body.Bpm is { } bpm && (!double.IsFinite(bpm) || bpm is <= 0 or > 1000))
        {
            errors["bpm"] = ["bpm is above 0 and at most 1000."];
        }

        if (body.SampleIds is { Count: > 1000 } || (body.SampleIds ?? []).Any(string.IsNullOrEmpty))
        {
            errors["sampleIds"] = ["At most 1000 sample ids, each a non-empty string."];
        }

        CamelotKey? key = null;
        if (body.Key is not null)
        {
            if (CamelotKey.TryParse(body.Key, out var parsed))
            {
                key = parsed;
            }
            else
            {
                errors["key"] = [$"'{body.Key}' is not a key ('F minor', 'Am', '4A')."];
            }
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var tenant = context.User.GetTenantId();
        if (!await SearchApi.IsSearchableAsync(grains, tenant, libraryId))
        {
            return Problems.NotFound($"There is no searchable library '{libraryId}'.");
        }

        var project = new ProjectContext
        {
            Key = key,
            Bpm = body.Bpm,
            Used = [.. (body.SampleIds ?? []).Select(id => new ProjectSample(id))],
        };
        var suggestions = await grains.GetGrain<ILibraryGrain>($"{tenant}/{libraryId}").Recommend(new RecommendQuery(project, body.Count ?? 10));
        return TypedResults.Ok(new RecommendationsResponse(
            [.. suggestions.Select(s => new RecommendationView(s.SampleId, s.Role.ToString(), s.Score, s.Why))]));
    }
}
