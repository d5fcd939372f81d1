using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace SampleMind.Api.Tests.Cli;

/// <summary>One request <see cref="FakeApi"/> received: its method, its target as sent (path and query, still escaped) and its body.</summary>
internal sealed record FakeRequest(string Method, string Target, string Body);

/// <summary>
/// A real Kestrel on loopback for the CLI's process to talk to, answering what a test maps (as the API would, or as
/// another server would), and recording every request.
/// </summary>
internal sealed class FakeApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<FakeRequest> _requests = [];

    private FakeApi(WebApplication app) => _app = app;

    /// <summary>The address to pass as <c>--api</c>.</summary>
    public string Address { get; private set; } = "";

    public IReadOnlyList<FakeRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public static async Task<FakeApi> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var fake = new FakeApi(builder.Build());
        fake._app.Use(async (context, next) =>
        {
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
            lock (fake._requests)
            {
                fake._requests.Add(new FakeRequest(context.Request.Method, context.Features.Get<IHttpRequestFeature>()!.RawTarget, body));
            }

            await next(context);
        });
        map(fake._app);
        await fake._app.StartAsync();
        fake.Address = fake._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return fake;
    }

    /// <summary>A 200 with <paramref name="json"/> as the body, as the API answers.</summary>
    public static IResult Json(string json) => Results.Text(json, "application/json");

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
