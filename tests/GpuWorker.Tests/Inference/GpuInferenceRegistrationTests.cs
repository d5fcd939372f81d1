using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SampleMind.GpuWorker.Inference;
using SampleMind.GpuWorker.Separation;
using SampleMind.GpuWorker.Tests.Support;
using SampleMind.GpuWorker.Variations;

namespace SampleMind.GpuWorker.Tests.Inference;

public sealed class GpuInferenceRegistrationTests
{
    [Fact]
    public async Task Without_models_the_services_resolve_and_use_the_dsp_methods()
    {
        await using var provider = Build(new Dictionary<string, string?>());

        Assert.Equal(SeparationMethods.DspHpss, provider.GetRequiredService<StemSeparator>().MethodFor(SeparationTarget.AllStems));
        Assert.Equal(SampleVariator.DspMethod, provider.GetRequiredService<SampleVariator>().Method);
    }

    [Fact]
    public async Task Configured_models_are_found_and_run_through_the_configured_runtime()
    {
        await using var provider = Build(new Dictionary<string, string?>
        {
            ["Models:Directory"] = Separators.FolderWith("test-separator-2stem"),
            ["Separation:BatchSize"] = "2",
        });

        Assert.Equal("model:test-separator-2stem", provider.GetRequiredService<StemSeparator>().MethodFor(SeparationTarget.AllStems));
        Assert.Equal(2, provider.GetRequiredService<IOptions<SeparationOptions>>().Value.BatchSize);
    }

    [Fact]
    public async Task Invalid_options_are_refused_with_the_setting_named()
    {
        await using var provider = Build(new Dictionary<string, string?>
        {
            ["OnnxRuntime:GpuMemoryLimitBytes"] = "-1",
            ["Separation:BatchSize"] = "0",
        });

        var runtime = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<OnnxRuntimeOptions>>().Value);
        var separation = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SeparationOptions>>().Value);

        Assert.Contains("GpuMemoryLimitBytes", runtime.Message, StringComparison.Ordinal);
        Assert.Contains("BatchSize", separation.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddGpuInference()
            .BuildServiceProvider();
    }
}
