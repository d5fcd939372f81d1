using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using SampleMind.Api.Auth;
using SampleMind.Api.Compute;
using SampleMind.Api.Dashboard;
using SampleMind.Api.Metrics;
using SampleMind.Api.Endpoints;
using SampleMind.Api.Errors;
using SampleMind.Api.Uploads;
using SampleMind.Api.Sessions;
using SampleMind.Api.Search;
using SampleMind.GpuWorker.Hosting;
using SampleMind.Grains.Hosting;
using SampleMind.Runtime.Hosting;

namespace SampleMind.Api;

/// <summary>Registers and maps the API host: the embedded silo, auth, limits, errors, OpenAPI and endpoints.</summary>
public static class ApiHostExtensions
{
    public static WebApplicationBuilder AddSampleMindApi(this WebApplicationBuilder builder)
    {
        UseShippedSettingsOutsideTheHostFolder(builder);
        ListenUrls.Check(builder.Configuration[WebHostDefaults.ServerUrlsKey]);
        var services = builder.Services;
        services.RedactApiKeysInLogs();
        // Unset file locations default into the shared directory, which every silo of a cluster reads.
        services.AddOptions<ApiOptions>().Configure<SiloStorageLayout>((o, layout) =>
        {
            o.AdminKeyFile = layout.AdminKeyFile;
            o.UploadDirectory = layout.UploadDirectory;
        }).BindConfiguration("Api").ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiOptions>, ApiOptionsValidator>();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<ApiOptions>>((kestrel, api) => RequestLimits.ConfigureKestrel(kestrel, api.Value));
        services.AddKnownSettings("Api", typeof(ApiOptions));
        services.AddWritableDirectory(AdminKeyFileWriter.Setting,
            sp => Path.GetDirectoryName(Path.GetFullPath(sp.GetRequiredService<IOptions<ApiOptions>>().Value.AdminKeyFile))!);
        services.AddWritableDirectory("Api:UploadDirectory", sp => sp.GetRequiredService<IOptions<ApiOptions>>().Value.UploadDirectory);
        services.AddSampleMindGrains(builder.Configuration);
        services.AddSampleMindSiloDrain();
        services.AddGpuWorkHandlers();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemDefaults.Complete);
        services.AddSingleton<IProblemDetailsWriter, AnyAcceptProblemWriter>();
        services.AddExceptionHandler<ProblemExceptionHandler>();

        // A request the endpoints cannot bind (malformed JSON, a property the body does not take, "abc" for a number)
        // throws, so that ProblemExceptionHandler answers with the reason; the framework's default outside Development
        // is a bare 400 that says nothing.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);
            json.SerializerOptions.Converters.Add(new ApiScopeJsonConverter());
            json.SerializerOptions.Converters.Add(new UsageMeterJsonConverter());
            json.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            // {"scopes":"read","scopes":"admin"} issued an admin key: the last value won where a proxy or an audit log
            // reading the first would see a read-only one.
            json.SerializerOptions.AllowDuplicateProperties = false;
            // The web defaults read "3" as 3: {"count":"3"} passed where the docs promise a 400 for a value of another type.
            json.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorization(ScopePolicies.Add);
        services.AddSingleton<RecentKeyVerdicts>();
        services.AddSingleton<Sessions.IdleSessionSweeps>();
        services.AddApiRateLimiting(sp => sp.GetRequiredService<IOptions<ApiOptions>>().Value);
        services.AddSingleton<BootstrapService>();
        services.AddHostedService<BootstrapHostedService>();
        services.AddSingleton<UploadSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<UploadSweeper>());
        services.AddSingleton<MetricsCollector>();
        services.AddSingleton<ProcessUsage>();
        services.AddSingleton<DashboardHistory>();
        services.AddHostedService(sp => sp.GetRequiredService<DashboardHistory>());
        services.AddSingleton<DashboardSnapshotBuilder>();
        services.AddOpenApi(OpenApiConventions.Apply);
        services.AddApiTelemetry(builder.Configuration);
        return builder;
    }

    /// <summary>
    /// The settings shipped beside the host (<c>appsettings.json</c>: the loopback address, request logging at Warning) also
    /// when the host is started from another folder. ASP.NET Core reads them from the content root, the working
    /// directory unless set, so <c>dotnet /opt/samplemind/SampleMind.Api.dll</c> run elsewhere fell back to the
    /// framework's defaults, among them a request log at Information that writes every URL. A content root with its own
    /// <c>appsettings.json</c> keeps it; environment variables and the command line still win over either.
    /// </summary>
    private static void UseShippedSettingsOutsideTheHostFolder(WebApplicationBuilder builder)
    {
        const string file = "appsettings.json";
        var beside = AppContext.BaseDirectory;
        if (File.Exists(Path.Combine(builder.Environment.ContentRootPath, file)) || !File.Exists(Path.Combine(beside, file)))
        {
            return;
        }

        var sources = builder.Configuration.Sources;
        var shipped = new JsonConfigurationSource { Path = file, Optional = true, ReloadOnChange = false, FileProvider = new PhysicalFileProvider(beside) };
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is JsonConfigurationSource { Path: file })
            {
                sources[i] = shipped;
                return;
            }
        }

        sources.Insert(0, shipped);
    }

    public static WebApplication MapSampleMindApi(this WebApplication app)
    {
        app.Services.GetRequiredService<MetricsCollector>();
        app.Use(static (context, next) =>
        {
            // Set as the answer starts, so that an error answer (the exception handler clears headers) carries them too.
            context.Response.OnStarting(static state => SecurityHeaders.Apply(((HttpContext)state).Response.Headers), context);
            return next(context);
        });
        // Outside the exception handler and the status pages, so that a HEAD's error answers are counted and dropped too.
        app.UseHeadAnswers();
        app.UseExceptionHandler();
        app.UseRequestHeadLimits(app.Services.GetRequiredService<IOptions<ApiOptions>>().Value);
        app.UseStatusCodePages();
        // The dashboard's and sessions page's static files come before the rate limiter: a page load is several of
        // them, sent without a key, and a team behind one address reloading the dashboard would run out of the
        // anonymous budget on files that cost the host nothing to send.
        var assets = DashboardAssets(app);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = assets });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = assets });
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseContentEncodingCheck();
        app.UseJsonBodyBuffering();
        app.UseWebSockets();
        app.MapOpenApi("/openapi/v1.json").AnswersHead();
        var v1 = app.MapGroup("/v1").RefuseUnknownQueryParameters().AnswersHead();
        v1.MapHealthApi().MapClusterApi().MapTenantsApi().MapIngestApi().MapJobsApi().MapWebhooksApi().MapLibrariesApi().MapDashboardApi().MapComputeApi();
        v1.MapSearchApi();
        v1.MapSessionsApi();
        app.MapMetricsEndpoint();
        return app;
    }

    /// <summary>The dashboard's files: wwwroot beside the built host, else the content root's.</summary>
    private static PhysicalFileProvider DashboardAssets(WebApplication app)
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        return new PhysicalFileProvider(Directory.Exists(beside) ? beside : app.Environment.WebRootPath ?? app.Environment.ContentRootPath);
    }
}
