using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SampleMind.GpuWorker.Models;
using SampleMind.GpuWorker.Separation;

namespace SampleMind.GpuWorker.Tests.Models;

/// <summary>
/// A models folder that is not there, or a model name no manifest has, used to fall back to the DSP methods without a
/// word: each is now a warning at start.
/// </summary>
public sealed class ModelSettingsWarningsTests
{
    [Fact]
    public void A_models_folder_that_is_not_there_is_a_warning()
    {
        var log = new ListLogger<ModelRegistry>();
        var missing = Path.Combine(Path.GetTempPath(), "no-models-" + Guid.NewGuid().ToString("N"));

        var registry = new ModelRegistry(() => Support.Runtime.Cpu, Options.Create(new ModelRegistryOptions { Directory = missing }), log);

        Assert.Empty(registry.Models);
        var warning = Assert.Single(log.Entries);
        Assert.Equal((LogLevel.Warning, 9012), (warning.Level, warning.Id));
        Assert.Contains(missing, warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_name_no_manifest_has_is_a_warning_and_no_name_is_none()
    {
        var empty = Directory.CreateTempSubdirectory("models-").FullName;
        var registry = new ModelRegistry(() => Support.Runtime.Cpu, Options.Create(new ModelRegistryOptions { Directory = empty }));
        var named = new ListLogger<StemSeparator>();
        var unnamed = new ListLogger<StemSeparator>();

        _ = new StemSeparator(registry, Options.Create(new SeparationOptions { ModelName = "nosuch" }), named);
        _ = new StemSeparator(registry, Options.Create(new SeparationOptions()), unnamed);

        var warning = Assert.Single(named.Entries);
        Assert.Equal((LogLevel.Warning, 9013), (warning.Level, warning.Id));
        Assert.Contains("nosuch", warning.Message, StringComparison.Ordinal);
        Assert.Empty(unnamed.Entries);
        Directory.Delete(empty);
    }

    private sealed class ListLogger<T> : ILogger<T>
    {
        public List<(LogLevel Level, int Id, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, eventId.Id, formatter(state, exception)));
    }
}
