using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using SampleMind.Api.Endpoints;
using SampleMind.Grains.Abstractions.Ingest;
using SampleMind.Grains.Abstractions.Libraries;
using SampleMind.Grains.Abstractions.Samples;
using SampleMind.Grains.Abstractions.Tenants;

namespace SampleMind.Api;

/// <summary>
/// Source-generated JSON for the API's request and response bodies (camelCase, enums as strings; the host adds
/// <see cref="ApiScopeJsonConverter"/> and <see cref="UsageMeterJsonConverter"/>). A request body
/// with a property the API does not know is refused (400), so that a misspelt option ("filter" for "filters") is
/// an error instead of a request silently run without it.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(ProblemDetails))]
[JsonSerializable(typeof(HttpValidationProblemDetails))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(ClusterResponse))]
[JsonSerializable(typeof(SampleMind.Api.Dashboard.DashboardSnapshot))]
[JsonSerializable(typeof(CreateTenantRequest))]
[JsonSerializable(typeof(ChangePlanRequest))]
[JsonSerializable(typeof(IssueKeyRequest))]
[JsonSerializable(typeof(IngestRequest))]
[JsonSerializable(typeof(TenantInfo))]
[JsonSerializable(typeof(UsageReport))]
[JsonSerializable(typeof(IssuedApiKey))]
[JsonSerializable(typeof(ItemsResponse<ApiKeyInfo>))]
[JsonSerializable(typeof(ItemsResponse<JobStatus>))]
[JsonSerializable(typeof(JobStatus))]
[JsonSerializable(typeof(JobResultRow))]
[JsonSerializable(typeof(SampleMind.Grains.Abstractions.Webhooks.WebhookDeliveryLog))]
[JsonSerializable(typeof(WebhookSecretResponse))]
[JsonSerializable(typeof(SamplePage))]
[JsonSerializable(typeof(ItemsResponse<LibrarySummary>))]
[JsonSerializable(typeof(LibraryOverview))]
[JsonSerializable(typeof(LibraryDeletion))]
[JsonSerializable(typeof(SampleRecord))]
[JsonSerializable(typeof(SampleMind.Api.Compute.SeparateRequest))]
[JsonSerializable(typeof(SampleMind.Api.Compute.VariationsRequest))]
[JsonSerializable(typeof(SampleMind.Grains.Abstractions.Compute.ComputeStatus))]
[JsonSerializable(typeof(ItemsResponse<SampleMind.Grains.Abstractions.Compute.ComputeStatus>))]
[JsonSerializable(typeof(SampleMind.Api.Search.SearchApiRequest))]
[JsonSerializable(typeof(SampleMind.Api.Search.SearchResponse))]
[JsonSerializable(typeof(SampleMind.Api.Sessions.CreateSessionRequest))]
[JsonSerializable(typeof(SampleMind.Api.Sessions.UndoRequest))]
[JsonSerializable(typeof(SampleMind.Api.Sessions.UndoResponse))]
[JsonSerializable(typeof(SampleMind.Api.Sessions.SessionSnapshotResponse))]
[JsonSerializable(typeof(SampleMind.Api.Sessions.SessionHistoryResponse))]
[JsonSerializable(typeof(SampleMind.Grains.Abstractions.Sessions.SessionInfo))]
[JsonSerializable(typeof(ItemsResponse<SampleMind.Grains.Abstractions.Sessions.SessionListing>))]
[JsonSerializable(typeof(SampleMind.Api.Search.RecommendRequest))]
[JsonSerializable(typeof(SampleMind.Api.Search.RecommendationsResponse))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
