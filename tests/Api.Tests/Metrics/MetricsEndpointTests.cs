using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SampleMind.Api.Tests.Hosting;
using SampleMind.Grains.Abstractions.Tenants;
using SampleMind.Runtime;
using SampleMind.TestSupport;

namespace SampleMind.Api.Tests.Metrics;

[Collection(SerialMetricsCollection.Name)]
public sealed class MetricsEndpointTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Grain_calls_are_counted_exactly_in_metrics()
    {
        var client = factory.CreateAdminClient();
        var grains = factory.Services.GetRequiredService<IGrainFactory>();
        var before = Sum(await client.GetStringAsync("/metrics"), "samplemind_grain_calls_total", "method=\"GetUsage\"");

        for (var i = 0; i < 7; i++)
        {
            await grains.GetGrain<ITenantGrain>("admin").GetUsage();
        }

        var text = await client.GetStringAsync("/metrics");
        Assert.Equal(before + 7, Sum(text, "samplemind_grain_calls_total", "method=\"GetUsage\""));
        Assert.Contains("# TYPE samplemind_grain_call_duration histogram", text, StringComparison.Ordinal);
        Assert.Contains("samplemind_grain_activations", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Completed_work_items_are_counted_in_metrics()
    {
        var client = factory.CreateAdminClient();
        var dir = Directory.CreateDirectory(Path.Combine(factory.IngestRoot, "metrics")).FullName;
        for (var i = 0; i < 3; i++)
        {
            WavWriter.Sine(Path.Combine(dir, $"m{i}.wav"), 250 + (100 * i), 0.5);
        }

        var before = Sum(await client.GetStringAsync("/metrics"), "samplemind_work_completed_total", "");
        var jobId = await ApiJson.StartDirectoryIngestAsync(client, "metrics", dir);
        await ApiJson.WaitForJobAsync(client, jobId, TimeSpan.FromSeconds(60));

        Assert.Equal(before + 3, Sum(await client.GetStringAsync("/metrics"), "samplemind_work_completed_total", ""));
    }

    [Fact]
    public async Task Metrics_need_an_admin_key()
    {
        var response = await factory.CreateClient().GetAsync("/metrics");

        Assert.Equal(401, (int)response.StatusCode);
    }

    /// <summary>Sums the samples of <paramref name="name"/> whose labels contain <paramref name="label"/>.</summary>
    private static double Sum(string text, string name, string label)
    {
        var total = 0.0;
        foreach (var line in text.Split('\n'))
        {
            if ((line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal))
                && line.Contains(label, StringComparison.Ordinal))
            {
                total += double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
            }
        }

        return total;
    }
}
