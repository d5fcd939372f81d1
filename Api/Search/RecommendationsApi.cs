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

    internal static async Task<Results<Ok<RecommendationsResponse>, ProblemHttpResult>> RecommendAsync(
        string libraryId, RecommendRequest? body, HttpContext context, IGrainFactory grains)
    {
        if (!Identifiers.IsValid(libraryId) || body is null)
        {
            return Problems.BadRequest("The body is a JSON object {key?, bpm?, sampleIds?, count?} for a library id.");
        }

        if (body.Count is < 1 or > 100 || body.Bpm is <= 0 or > 1000 || body.SampleIds is { Count: > 1000 } ||
            (body.SampleIds ?? []).Any(string.IsNullOrEmpty))
        {
            return Problems.BadRequest("count is 1 to 100, bpm above 0 and at most 1000, at most 1000 sample ids (strings).");
        }

        CamelotKey? key = null;
        if (body.Key is not null)
        {
            if (!CamelotKey.TryParse(body.Key, out var parsed))
            {
                return Problems.BadRequest($"'{body.Key}' is not a key ('F minor', 'Am', '4A').");
            }

            key = parsed;
        }

        var tenant = context.User.GetTenantId();
        if (!(await grains.GetGrain<ITenantLibrariesGrain>(tenant).List()).Contains(libraryId, StringComparer.Ordinal))
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
