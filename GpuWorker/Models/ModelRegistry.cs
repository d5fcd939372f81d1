using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SampleMind.GpuWorker.Inference;

namespace SampleMind.GpuWorker.Models;

/// <summary>
/// The installed models: manifests read once at start, sessions opened on first use and then
/// shared by every concurrent work item. ONNX Runtime is loaded only when a session is needed, so
/// a worker with no models runs without the library.
/// </summary>
public sealed class ModelRegistry : IDisposable
{
    private readonly Lazy<OnnxRuntimeEnvironment> _environment;
    private readonly ConcurrentDictionary<string, Lazy<InferenceSession>> _sessions = new(StringComparer.Ordinal);
    private readonly ILogger _logger;

    public ModelRegistry(Func<OnnxRuntimeEnvironment> environment, IOptions<ModelRegistryOptions> options, ILogger<ModelRegistry>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(options);
        _environment = new Lazy<OnnxRuntimeEnvironment>(environment);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        Models = ReadManifests(options.Value.Directory);
    }

    /// <summary>The usable models, by manifest name order.</summary>
    public IReadOnlyList<ModelManifest> Models { get; }

    /// <summary>The model named <paramref name="name"/>, or else the first for <paramref name="task"/>; null when none.</summary>
    public ModelManifest? Find(ModelTask task, string? name = null)
    {
        foreach (var model in Models)
        {
            if (model.Task == task && (name is null || string.Equals(model.Name, name, StringComparison.Ordinal)))
            {
                return model;
            }
        }

        return null;
    }

    /// <summary>The model's session, opened once; its inputs and outputs are checked against the manifest.</summary>
    /// <exception cref="ModelManifestException">The model lacks an input or output the manifest names.</exception>
    public InferenceSession GetSession(ModelManifest model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var lazy = _sessions.GetOrAdd(model.Name, _ => new Lazy<InferenceSession>(() => Open(model)));
        try
        {
            return lazy.Value;
        }
        catch
        {
            _sessions.TryRemove(new KeyValuePair<string, Lazy<InferenceSession>>(model.Name, lazy));
            throw;
        }
    }

    private InferenceSession Open(ModelManifest model)
    {
        var session = _environment.Value.CreateSession(model.ModelPath, model.Name);
        var missing = model.Inputs.Where(n => session.Inputs.All(i => i.Name != n))
            .Concat(model.Outputs.Where(n => session.Outputs.All(o => o.Name != n)))
            .ToList();
        if (missing.Count > 0)
        {
            session.Dispose();
            throw new ModelManifestException(
                $"Model {model.Name} has no tensor named {string.Join(", ", missing)}; " +
                $"inputs: {string.Join(", ", session.Inputs.Select(i => i.Name))}; outputs: {string.Join(", ", session.Outputs.Select(o => o.Name))}.");
        }

        return session;
    }

    private List<ModelManifest> ReadManifests(string? directory)
    {
        var models = new List<ModelManifest>();
        if (string.IsNullOrWhiteSpace(directory))
        {
            return models;
        }

        if (!Directory.Exists(directory))
        {
            // A configured folder that is not there is a mistake to say, not a cluster without models.
            GpuWorkerLog.ModelsMissing(_logger, directory);
            return models;
        }

        foreach (var path in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            try
            {
                var manifest = ModelManifestReader.Read(path);
                if (models.Any(m => m.Name == manifest.Name))
                {
                    GpuWorkerLog.ManifestRejected(_logger, path, $"a model named {manifest.Name} is already registered");
                    continue;
                }

                models.Add(manifest);
                GpuWorkerLog.ModelRegistered(_logger, manifest.Name, manifest.Task, path);
            }
            catch (ModelManifestException ex)
            {
                GpuWorkerLog.ManifestRejected(_logger, path, ex.Message);
            }
        }

        return models;
    }

    /// <summary>Closes the sessions that were opened.</summary>
    public void Dispose()
    {
        foreach (var lazy in _sessions.Values)
        {
            if (lazy.IsValueCreated)
            {
                lazy.Value.Dispose();
            }
        }

        _sessions.Clear();
    }
}
