using System.Collections.Concurrent;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SampleMind.Api.Tests.Hosting;
using SampleMind.TestSupport;

namespace SampleMind.Api.Tests.Compute;

/// <summary>
/// A client that hangs up while its compute request is being submitted: the quota unit it spent still buys a request
/// that runs (it used to stay Queued for ever, the work never queued, and the unit was gone).
/// </summary>
public sealed class ComputeAbortTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_separation_whose_client_hung_up_is_still_queued_and_done()
    {
        var locations = new ConcurrentQueue<string>();
        using var host = factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new HangUpFilter(locations))));
        using var client = factory.CreateAdminClient(host);
        var sampleId = await ComputeFixtures.IngestMixtureAsync(client, factory.IngestRoot, "abort");

        var hangUp = new HttpRequestMessage(HttpMethod.Post, $"/v1/samples/{sampleId}/separate") { Content = JsonContent.Create(new { stems = 2 }) };
        hangUp.Headers.Add(HangUpFilter.Header, "1");
        await Assert.ThrowsAnyAsync<Exception>(() => client.SendAsync(hangUp));
        await Eventually.HoldsAsync(() => !locations.IsEmpty, TimeSpan.FromSeconds(30), "the endpoint finished the request it was given");

        Assert.True(locations.TryDequeue(out var location), "the endpoint answered 202 with a Location");
        var status = await ComputeFixtures.WaitForDoneAsync(client, location, TimeSpan.FromSeconds(60));
        Assert.Equal(2, status["files"]!.AsArray().Count);
        var usage = await ApiJson.ReadAsync(await client.GetAsync("/v1/tenants/admin/usage"));
        Assert.Equal(1, usage["used"]!["stemSeparations"]!.GetValue<long>());
    }

    /// <summary>Aborts a request carrying <see cref="Header"/> once its body is in (the client hangs up) and notes the Location the endpoint set anyway.</summary>
    private sealed class HangUpFilter(ConcurrentQueue<string> locations) : IStartupFilter
    {
        public const string Header = "X-Test-Hang-Up";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, inner) =>
            {
                if (!context.Request.Headers.ContainsKey(Header))
                {
                    await inner(context);
                    return;
                }

                // The body has arrived (as the endpoint reads it, from a buffer) when the client hangs up.
                context.Request.EnableBuffering();
                using (var reader = new StreamReader(context.Request.Body, leaveOpen: true))
                {
                    await reader.ReadToEndAsync();
                }

                context.Request.Body.Position = 0;
                context.Abort();
                try
                {
                    await inner(context);
                }
                catch (OperationCanceledException)
                {
                    // Writing the answer to a client that is gone.
                }

                if (context.Response.Headers.Location.ToString() is { Length: > 0 } location)
                {
                    locations.Enqueue(location);
                }
            });
            next(app);
        };
    }
}
