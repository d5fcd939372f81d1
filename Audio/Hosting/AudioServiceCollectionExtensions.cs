using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SampleMind.Audio;

/// <summary>Registers the audio analysis services.</summary>
public static class AudioServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="AudioAnalyzer"/> and <see cref="AudioDecoder"/> as singletons with validated
    /// <see cref="AudioAnalyzerOptions"/> (ValidateOnStart: bad options or a missing native library fail at start-up).
    /// Bind configuration through <paramref name="configure"/>, e.g. <c>o =&gt; o.BindConfiguration("AudioAnalyzerOptions")</c>.
    /// </summary>
    public static IServiceCollection AddAudioAnalysis(this IServiceCollection services, Action<OptionsBuilder<AudioAnalyzerOptions>>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<AudioAnalyzerOptions>();
        configure?.Invoke(builder);
        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AudioAnalyzerOptions>, AudioAnalyzerOptionsValidator>());
        services.TryAddSingleton(sp => new AudioAnalyzer(
            sp.GetRequiredService<IOptions<AudioAnalyzerOptions>>(), sp.GetRequiredService<ILogger<AudioAnalyzer>>()));
        services.TryAddSingleton<AudioDecoder>();
        return services;
    }
}
