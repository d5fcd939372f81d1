using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SampleMind.GpuWorker.Inference;
using SampleMind.GpuWorker.Models;
using SampleMind.GpuWorker.Separation;
using SampleMind.GpuWorker.Variations;
using SampleMind.Runtime.Hosting;

namespace SampleMind.GpuWorker;

/// <summary>Registers the GPU worker's inference and DSP services.</summary>
public static class GpuInferenceServiceCollectionExtensions
{
    /// <summary>
    /// Adds ONNX Runtime (<see cref="OnnxRuntimeEnvironment"/>, loaded on first use), the
    /// <see cref="ModelRegistry"/>, the <see cref="StemSeparator"/> and the <see cref="SampleVariator"/>,
    /// all singletons, with options bound from the "OnnxRuntime", "Models" and "Separation" sections
    /// and validated at start.
    /// </summary>
    public static IServiceCollection AddGpuInference(this IServiceCollection services,
        Action<OptionsBuilder<OnnxRuntimeOptions>>? configureRuntime = null,
        Action<OptionsBuilder<SeparationOptions>>? configureSeparation = null,
        Action<OptionsBuilder<ModelRegistryOptions>>? configureModels = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var runtime = services.AddOptions<OnnxRuntimeOptions>().BindConfiguration(OnnxRuntimeOptions.SectionName).ValidateOnStart();
        configureRuntime?.Invoke(runtime);
        var separation = services.AddOptions<SeparationOptions>().BindConfiguration(SeparationOptions.SectionName).ValidateOnStart();
        configureSeparation?.Invoke(separation);
        var models = services.AddOptions<ModelRegistryOptions>().BindConfiguration(ModelRegistryOptions.SectionName);
        configureModels?.Invoke(models);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OnnxRuntimeOptions>, OnnxRuntimeOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SeparationOptions>, SeparationOptionsValidator>());
        services.AddKnownSettings(OnnxRuntimeOptions.SectionName, typeof(OnnxRuntimeOptions))
            .AddKnownSettings(SeparationOptions.SectionName, typeof(SeparationOptions))
            .AddKnownSettings(ModelRegistryOptions.SectionName, typeof(ModelRegistryOptions));
        services.TryAddSingleton<OnnxRuntimeEnvironment>();
        services.TryAddSingleton(sp => new ModelRegistry(
            sp.GetRequiredService<OnnxRuntimeEnvironment>,
            sp.GetRequiredService<IOptions<ModelRegistryOptions>>(),
            sp.GetService<ILogger<ModelRegistry>>()));
        services.TryAddSingleton<StemSeparator>();
        services.TryAddSingleton<SampleVariator>();
        return services;
    }
}
