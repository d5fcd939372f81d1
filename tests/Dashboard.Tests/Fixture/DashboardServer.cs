using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SampleMind.TestSupport;

namespace SampleMind.Dashboard.Tests.Fixture;

/// <summary>
/// A Kestrel on 127.0.0.1 (port 0) serving the repository's Api/wwwroot as static files, plus
/// fixture versions of the dashboard endpoints backed by a <see cref="SimulatedCluster"/>.
/// Only <see cref="AdminKey"/> is accepted; any other key gets 401 problem+json.
/// </summary>
internal sealed class DashboardServer : IAsyncDisposable
{
    public const string AdminKey = "smk_test_admin_0123456789";
    public const string BadKeyDetail = "The API key is not known or has been revoked.";

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();

    private DashboardServer(WebApplication app, SimulatedCluster cluster)
    {
        _app = app;
        Cluster = cluster;
    }

    public SimulatedCluster Cluster { get; }

    /// <summary>Base address, e.g. http://127.0.0.1:40123.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public static string WebRoot => Path.Combine(RepoPaths.Root, "Api", "wwwroot");

    public static async Task<DashboardServer> StartAsync(SimulatedCluster cluster)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = WebRoot,
        });
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new DashboardServer(app, cluster);
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapGet("/v1/dashboard/snapshot", server.GetSnapshot);
        app.MapGet("/v1/dashboard/stream", server.StreamAsync);
        app.MapPost("/v1/jobs/{jobId}/{action}", server.PostJobAction);
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        server.BaseAddress = new Uri(addresses.Addresses.First());
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private static bool Authorised(HttpRequest request) =>
        request.Headers.Authorization.ToString() == $"Bearer {AdminKey}";

    private static IResult Unauthorised() => Results.Problem(
        title: "Unauthorized", detail: BadKeyDetail, statusCode: StatusCodes.Status401Unauthorized,
        type: "https://samplemind.example/problems/unauthorized");

    private IResult GetSnapshot(HttpRequest request) =>
        Authorised(request) ? Results.Json(Cluster.Current().Snapshot, s_json) : Unauthorised();

    private IResult PostJobAction(HttpRequest request, string jobId, string action)
    {
        if (!Authorised(request))
        {
            return Unauthorised();
        }

        if (action is not ("pause" or "resume" or "cancel"))
        {
            return Results.NotFound();
        }

        var state = Cluster.Apply(jobId, action);
        return state is null ? Results.NotFound() : Results.Json(new { jobId, state }, s_json);
    }

    private async Task StreamAsync(HttpContext context)
    {
        if (!Authorised(context.Request))
        {
            await Unauthorised().ExecuteAsync(context);
            return;
        }

        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-store";
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        var seen = -1;
        try
        {
            while (true)
            {
                var (version, snapshot) = Cluster.Current();
                if (version != seen)
                {
                    var json = JsonSerializer.Serialize(snapshot, s_json);
                    await context.Response.WriteAsync($"event: snapshot\ndata: {json}\n\n", cancel.Token);
                    await context.Response.Body.FlushAsync(cancel.Token);
                    seen = version;
                }

                await Cluster.WaitForChangeAsync(seen, cancel.Token);
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // The page went away or the server is stopping: the stream simply ends.
        }
    }
}
